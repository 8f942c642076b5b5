"""The measurements the fitted models read: each column means what its name says."""

from __future__ import annotations

import pytest

from assistant.engine.evidence import Evidence
from assistant.engine.features import SENTENCE_FEATURES, dated, sentence_rows
from assistant.engine.publications import is_named, named_in, names_of
from assistant.engine.question import analyse
from index.types import Paragraph


def paragraph(number: int = 2, date: str | None = "2000-12-08") -> Paragraph:
    return Paragraph("monitor-v6-i228--x", number, "t", "Monitor", "6", "228", date)


def row(question: str, evidence: list[Evidence], which: int = 0) -> dict[str, float]:
    values = sentence_rows(analyse(question), evidence)[which]
    return dict(zip(SENTENCE_FEATURES, values, strict=True))


def test_gaps_are_measured_from_the_best_candidate_of_the_question():
    best = Evidence(
        paragraph=paragraph(), index=0, text="A.", semantic=0.8, lexical=0.6, fused=0.04
    )
    other = Evidence(
        paragraph=paragraph(3), index=2, text="B.", semantic=0.5, lexical=0.6, fused=0.01
    )
    first = row("What did Sergeev say?", [best, other], 0)
    second = row("What did Sergeev say?", [best, other], 1)
    assert first["semantic_gap"] == 0 and second["semantic_gap"] == pytest.approx(0.3)
    assert second["lexical_gap"] == 0
    assert second["fused_gap"] == pytest.approx(0.75)
    assert (first["opening_sentence"], second["opening_sentence"]) == (1.0, 0.0)
    assert second["sentence_inverse"] == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    ("question", "date", "match", "mismatch"),
    [
        ("What happened in December 2000 in Chechnya?", "2000-12-08", 1.0, 0.0),
        ("What happened in March 2001 in Chechnya?", "2000-12-08", 0.0, 1.0),
        ("What happened in Chechnya?", "2000-12-08", 0.0, 0.0),
        ("What happened in 2000 in Chechnya?", None, 0.0, 1.0),
    ],
)
def test_the_articles_date_against_the_months_and_years_the_question_names(
    question, date, match, mismatch
):
    item = Evidence(paragraph=paragraph(date=date), index=0, text="A.")
    values = row(question, [item])
    assert (values["date_match"], values["date_mismatch"]) == (match, mismatch)


def test_an_iso_date_gives_its_year_and_month_as_the_question_analysis_writes_them():
    assert dated("2000-12-08") == {"2000", "december"}
    assert dated("2001") == {"2001"}
    assert dated(None) == frozenset()


def test_the_kind_of_answer_and_the_speaker_columns_follow_the_question():
    typed = Evidence(paragraph=paragraph(), index=0, text="Five died.", typed=True)
    silent = Evidence(paragraph=paragraph(), index=1, text="It sank.")
    counting = row("How many sailors died?", [typed, silent], 1)
    assert (counting["typed"], counting["untyped"]) == (0.0, 1.0)
    assert row("Why did it sink?", [typed, silent], 0)["typed"] == 0.0  # no kind asked for
    said = Evidence(paragraph=paragraph(), index=0, text="A.", attributed=True)
    assert row("What did Sergeev say about Iran?", [said, silent], 1)["speaker_silent"] == 1.0
    assert row("What did Sergeev say about Iran?", [said, silent], 0)["speaker_silent"] == 0.0
    assert row("Why did it sink?", [said, silent], 1)["speaker_silent"] == 0.0


PUBLICATIONS = (
    "Monitor",
    "Arms Control Today",
    "RFE/RL",
    "RFE/RL Newsline",
    "The Christian Science Monitor",
    "Amarillo Globe-News (Associated Press)",
    "News.lt (source: balticsww.com)",
    "The Baltic Times",
)


@pytest.mark.parametrize(
    ("question", "named"),
    [
        (
            "How did the Jamestown Monitor and Arms Control Today each value the deal?",
            {"Monitor", "Arms Control Today"},
        ),
        ("How far north, according to RFE/RL?", {"RFE/RL", "RFE/RL Newsline"}),
        ("What did the Associated Press report?", {"Amarillo Globe-News (Associated Press)"}),
        (
            "What date does The Baltic Times give, and News.lt?",
            {"The Baltic Times", "News.lt (source: balticsww.com)"},
        ),
        ("How many crew died on the Kursk?", set()),
    ],
)
def test_the_publications_a_question_names(question, named):
    said = named_in(question, PUBLICATIONS)
    assert {p for p in PUBLICATIONS if is_named(p, said)} == named


def test_a_publication_goes_by_its_main_name_and_the_names_in_its_parentheses():
    assert names_of("Amarillo Globe-News (Associated Press)") == [
        "Amarillo Globe-News",
        "Associated Press",
        "AP",  # lexicon.PUBLICATION_ALIASES
    ]
    assert names_of("Voice of America") == ["Voice of America", "VOA"]
    assert names_of("The Baltic Times") == ["Baltic Times"]
    assert names_of("News.lt (source: balticsww.com)") == ["News.lt", "balticsww.com"]
