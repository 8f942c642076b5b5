"""Reports differ: the figures a sentence gives, and when two reports' figures disagree."""

import pytest

from assistant.engine.differ import figures, reports_differ
from assistant.engine.evidence import Evidence
from assistant.engine.extractive import write
from assistant.engine.question import analyse
from index.terms import matching_terms
from index.types import Paragraph


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "The 90 minute meeting occurred after a surprise invitation.",
            [(90, "time", "90 minute")],
        ),
        ("They talked for three hours on 10 February 2001.", [(180, "time", "three hours")]),
        ("the $80 million price tag", [(80e6, "money:dollar", "$80 million")]),
        ("tax on some 500 million dollars.", [(500e6, "money:dollar", "500 million dollars")]),
        ("frees roughly 85 percent of all draft-age men", [(85, "percent", "85 percent")]),
        ("Three journalists were among the dead.", [(3, "journalist", "Three journalists")]),
        ("a 40-page document", [(40, "page", "40-page")]),
        ("a 150-kilometre zone", [(150, "distance", "150-kilometre")]),
        # dates, and numbers inside names, are not figures
        ("On December 28, 2000 the deal was signed.", []),
        ("India will build Su-30MKI fighters.", []),
        # a range is two figures of one measure
        (
            "a level between 1,700 and 2,200 warheads",
            [(2200, "warhead", "2,200 warheads"), (1700, "warhead", "1,700")],
        ),
        (
            "one or two journalists",
            [(2, "journalist", "two journalists"), (1, "journalist", "one")],
        ),
    ],
)
def test_the_figures_a_sentence_gives(sentence, expected):
    found = figures(sentence, frozenset({"journalist", "warhead"}))
    assert [(f.amount, f.dimension, f.shown) for f in found] == expected


def _sentences(sentences: list[tuple[str, int, str]], score: float = 0.5) -> list[Evidence]:
    return [
        Evidence(paragraph=Paragraph(article, number, text), index=0, text=text, score=score)
        for article, number, text in sentences
    ]


def _terms_of(items: list[Evidence]):
    """An article's terms, as the sentence scorer keeps them: here, its sentences'."""

    def terms_of_article(article: str) -> frozenset[str]:
        return frozenset().union(
            *(matching_terms(i.text) for i in items if i.paragraph.article_id == article)
        )

    return terms_of_article


def _answer(question: str, sentences: list[tuple[str, int, str]]) -> str | None:
    """reports_differ over an answer of (article, paragraph number, sentence), as written."""
    chosen = _sentences(sentences)
    _, citations = write(chosen)
    return reports_differ(analyse(question), chosen, citations, _terms_of(chosen))


MEETING = "How long did the meeting between Putin and Vike-Freiberga in Austria last?"


def test_two_reports_of_one_measure_that_disagree_are_named_with_their_markers():
    line = _answer(
        MEETING,
        [
            ("news-lt", 2, "The 90 minute meeting of Putin and Vike-Freiberga was in Austria."),
            ("baltic-times", 4, "Putin and Vike-Freiberga met for three hours in Austria."),
        ],
    )
    assert line == "Reports differ: 90 minute [1]; three hours [2]."


@pytest.mark.parametrize(
    "question, sentences",
    [
        (  # the same length in other units: the reports agree
            MEETING,
            [
                ("news-lt", 2, "The 90 minute meeting of Putin and Vike-Freiberga was in Austria."),
                ("baltic-times", 4, "Putin and Vike-Freiberga met for 1.5 hours in Austria."),
            ],
        ),
        (  # not the same measure: pages and words
            "How long was Russia's information security doctrine?",
            [
                ("mt", 2, "The information security doctrine is a 40-page document."),
                ("rferl", 4, "Russia's information security doctrine runs to some 9,000 words."),
            ],
        ),
        (  # one report gives two figures: which is its answer is not known
            MEETING,
            [
                (
                    "news-lt",
                    2,
                    "Putin and Vike-Freiberga met in Austria for 90 minutes, not 30 minutes.",
                ),
                ("baltic-times", 4, "Putin and Vike-Freiberga met for three hours in Austria."),
            ],
        ),
        (  # two paragraphs of one article are one report
            MEETING,
            [
                ("news-lt", 2, "The 90 minute meeting of Putin and Vike-Freiberga was in Austria."),
                ("news-lt", 4, "Putin and Vike-Freiberga met for three hours in Austria."),
            ],
        ),
        (  # a figure of something else: those compelled to serve, not those freed
            "What proportion of Russian draft-age men does current legislation free from military "
            "service?",
            [
                (
                    "m185",
                    2,
                    "Legislation frees roughly 85 percent of all Russian draft-age men "
                    "from military service.",
                ),
                (
                    "m68",
                    2,
                    "Only 13 percent of the Russian draft age population will be compelled "
                    "to serve.",
                ),
            ],
        ),
        (  # another country's election: not a report of the one asked about
            "What voter turnout did the Belarusian election commission report in 2001?",
            [
                ("minsk", 2, "The Belarusian election commission said turnout was 84 percent."),
                (
                    "tbilisi",
                    3,
                    "The election commission in Georgia reported a turnout of 65% of voters.",
                ),
            ],
        ),
        (  # a count of something the question does not count
            "How many were killed in Lebed's helicopter crash?",
            [
                ("first", 2, "Lebed's helicopter crash killed four journalists."),
                ("second", 10, "Lebed's helicopter crash killed seven people."),
            ],
        ),
        (  # not a question whose answer is a figure
            "What did Putin say about the meeting with Vike-Freiberga in Austria?",
            [
                ("news-lt", 2, "The 90 minute meeting of Putin and Vike-Freiberga was in Austria."),
                ("baltic-times", 4, "Putin and Vike-Freiberga met for three hours in Austria."),
            ],
        ),
    ],
)
def test_no_line_where_the_figures_are_not_two_reports_of_one_measure(question, sentences):
    assert _answer(question, sentences) is None


def test_counts_and_sums_that_disagree():
    assert _answer(
        "How many journalists were killed in Lebed's helicopter crash?",
        [
            ("first", 2, "Lebed's helicopter crash killed four journalists."),
            ("second", 10, "Three journalists died in Lebed's helicopter crash."),
        ],
    ) == ("Reports differ: four journalists [1]; Three journalists [2].")
    assert _answer(
        "How much did the operation to raise the Kursk cost?",
        [
            ("ap", 8, "The operation to raise the Kursk cost $65 million."),
            ("mt", 7, "The operation to raise the Kursk will cost 80 million dollars."),
        ],
    ) == ("Reports differ: $65 million [1]; 80 million dollars [2].")


def test_the_composer_adds_another_report_of_the_figure_that_differs():
    """Asked how long the meeting lasted, with one report chosen, the best sentence of another
    article that gives another length joins it; one that agrees, or gives another measure, or
    scores under the minimum, does not."""
    from assistant.engine.differ import other_report

    question = analyse(MEETING)
    chosen = _sentences(
        [("news-lt", 2, "The 90 minute meeting of Putin and Vike-Freiberga was in Austria.")]
    )
    agrees, other_measure, differs, weak = _sentences(
        [
            (
                "wire",
                1,
                "Putin and Vike-Freiberga met in Austria for an hour and 30 minutes, 90 minutes.",
            ),
            ("paper", 3, "Putin and Vike-Freiberga met in Austria, 40 kilometers from Vienna."),
            ("baltic-times", 4, "Putin and Vike-Freiberga met for three hours in Austria."),
            ("radio", 5, "Putin and Vike-Freiberga met for two hours in Austria."),
        ],
        score=0.3,
    )
    weak.score = 0.05
    candidates = [*chosen, agrees, other_measure, differs, weak]
    terms = _terms_of(candidates)
    assert other_report(question, chosen, candidates, 0.1, terms) is differs
    assert (
        other_report(question, chosen, [*chosen, agrees, other_measure, weak], 0.1, terms) is None
    )
