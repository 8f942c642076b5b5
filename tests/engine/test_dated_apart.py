"""A question naming one month is not answered from articles dated well away from it."""

import pytest

from assistant.engine.abstain import dated_apart, month_named
from assistant.engine.question import analyse
from index.types import Paragraph


def _dated(date: str | None) -> Paragraph:
    return Paragraph("article", 1, "Text.", "Wire", date=date)


@pytest.mark.parametrize(
    "question, month",
    [
        ("What did Rogozin say at the March 2002 meeting in Kaliningrad?", (2002, 3)),
        ("What did Ivanov say on 5 December 2000 in Moscow?", (2000, 12)),
        ("What did Ivanov say in 2000?", None),  # a year alone
        ("How did his view change between June 1999 and May 2001?", None),  # two months
        ("What did Ivanov say about the sanctions?", None),
    ],
)
def test_the_one_month_a_question_names(question, month):
    assert month_named(analyse(question)) == month


@pytest.mark.parametrize(
    "dates, apart",
    [
        (["2002-03-07"], False),  # the month itself
        (["2002-06-30"], False),  # within DATED_WITHIN months after
        (["2002-09-15"], True),  # six months after
        (["2001-12-01"], True),  # before it: no report of the meeting yet
        (["2002-09-15", "2002-03-08"], False),  # one article of the month is enough
        (["2002-09-15", None], False),  # an undated article could be of any month
    ],
)
def test_articles_dated_away_from_the_month_asked(dates, apart):
    question = analyse("What did Rogozin say at the March 2002 meeting in Kaliningrad?")
    assert dated_apart(question, [_dated(d) for d in dates]) is apart


def test_the_decline_names_the_month():
    from assistant.engine.abstain import Signals

    question = analyse("What did Rogozin say at the March 2002 meeting in Kaliningrad?")
    signals = Signals(0.5, 0.5, 1.0, 1.0, True, dated_apart=True)
    assert signals.vetoed
    assert signals.shortfall(question) == "No passage found is dated in or soon after March 2002."
