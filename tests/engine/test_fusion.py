"""Reciprocal rank fusion keyed on paragraph id."""

import pytest

from assistant.engine.fusion import rrf_fuse
from index.types import Hit, Paragraph


def hits(*ids_and_texts):
    return [
        Hit(Paragraph(i.split(":p")[0], int(i.split(":p")[1]), t, "Monitor"), 1.0)
        for i, t in ids_and_texts
    ]


def test_fusion_keeps_identical_paragraphs_from_different_issues():
    same = "Identical paragraph printed in two issues."
    fused = rrf_fuse([hits(("a:p1", same), ("b:p1", same)), hits(("b:p1", same))])
    assert [h.paragraph.id for h in fused] == ["b:p1", "a:p1"]


def test_fusion_scores_are_reciprocal_ranks_with_k_60():
    fused = rrf_fuse([hits(("x:p1", "1"), ("y:p1", "2")), hits(("y:p1", "2"))])
    scores = {h.paragraph.id: h.score for h in fused}
    assert scores["y:p1"] == pytest.approx(1 / 62 + 1 / 61)
    assert scores["x:p1"] == pytest.approx(1 / 61)
