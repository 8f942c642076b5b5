"""Whether a sentence holds the kind of answer asked for."""

import pytest

from assistant.engine.answer_types import has_answer_type
from assistant.engine.question import analyse


@pytest.mark.parametrize(
    ("sentence", "wants", "holds"),
    [
        (
            "Minsk, 10 September 2001 (RFE/RL) -- The OSCE says the vote was unfair.",
            "number",
            False,
        ),
        ("WASHINGTON, Dec. 8, 2000 - Weapons sales to Iran topped the agenda.", "number", False),
        ("The election commission said turnout was 84 percent.", "number", True),
        ("Lukashenka won 75 percent of the vote.", "count", False),
        ("Of nine compartments, the front five or six flooded.", "count", True),
        ("Russia could earn some US$7 billion from arms sales.", "money", True),
        ("Lukashenka won 75 percent of the vote.", "share", True),
        ("Of the sub's nine compartments, the front five or six flooded.", "share", True),
        ("Five of the nine compartments flooded.", "share", True),
        ("Half the crew were asleep.", "share", True),
        ("The sub hit an object weighing at least 8,000 tons.", "share", False),
        ("It may sell hundreds of tanks.", "money", False),
        ("The council met on 5 December 2000.", "date", True),
        ("It sank after the Aug. 12 accident.", "date", True),
        ("The ministers meet on Tuesday.", "date", True),
        ("Talks resumed last week.", "date", True),
        ("The talks may resume.", "date", False),  # the modal, not the month
    ],
)
def test_a_sentence_holds_the_kind_of_answer_asked_for(sentence, wants, holds):
    assert has_answer_type(sentence, wants) is holds


def test_a_date_the_question_gives_does_not_answer_when():
    question = analyse(
        "When did the ministers agree to meet again after their December 2000 session?"
    )
    assert not has_answer_type(
        "The council met on 5 December 2000.", question.wants, question.dates
    )
    assert has_answer_type("They agreed to meet again in June.", question.wants, question.dates)
    met = "The council met on Tuesday, 5 December 2000."
    assert not has_answer_type(met, question.wants, question.dates)
    narrower = analyse("On what date did the council meet in 2000?")
    assert has_answer_type(met, narrower.wants, narrower.dates)  # the day is the answer
