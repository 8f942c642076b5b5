"""The sources panel: citations with ids the markers link to, related passages for a decline."""

from __future__ import annotations

from assistant.types import CANNOT_ANSWER, Answer, Citation
from assistant.web.panel import EMPTY, panel_html, turn_html
from index.types import Hit, Paragraph


def paragraph(number: int, text: str) -> Paragraph:
    return Paragraph("monitor-v6-i228", number, text, "Monitor", "6", "228")


ARTICLE = [paragraph(n, f"Paragraph {n} <i>text</i>. Second sentence {n}.") for n in (1, 2, 3)]


def neighbours(paragraph_id: str) -> list[Paragraph]:
    row = [p.id for p in ARTICLE].index(paragraph_id)
    return ARTICLE[max(0, row - 1) : row + 2]


def test_each_citation_has_an_anchor_its_label_and_marked_quote():
    quote = "Second sentence 2."
    answer = Answer(
        question="Q <b>?",
        text=f"{quote} [1]",
        citations=[Citation(marker=1, paragraph=ARTICLE[1], quote=quote)],
        hits=[],
        answered=True,
    )
    html = turn_html(answer, 4, neighbours)
    assert 'id="src-4-1"' in html
    assert "Monitor, Vol. 6, Issue 228, ¶2" in html
    assert "<mark>Second sentence 2.</mark>" in html
    assert "&lt;i&gt;text&lt;/i&gt;" in html and "<i>" not in html
    assert "Q &lt;b&gt;?" in html
    assert "<summary>Context (¶1, ¶3)</summary>" in html


def test_a_decline_lists_related_passages_not_citations():
    answer = Answer(
        question="Q",
        text=CANNOT_ANSWER,
        citations=[],
        hits=[],
        answered=False,
        related=[Hit(ARTICLE[0], 0.1)],
    )
    html = turn_html(answer, 2, neighbours)
    assert "Related, not an answer" in html
    assert 'id="related-2-1"' in html and "src-2-" not in html
    assert "<mark>" not in html


def test_panel_shows_newest_turn_first():
    assert panel_html([]) == EMPTY
    assert panel_html(["<one>", "<two>"]) == "<two><one>"
