"""Whether a sentence holds the kind of answer asked for."""

import pytest

from assistant.engine.answer_types import has_answer_type, has_labelled_type
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
        (
            "Vaziani, some twenty kilometers outside Tbilisi, is a sprawling complex.",
            "number",
            True,
        ),
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


@pytest.fixture(scope="module")
def labelled():
    """Sentences as the ingest tags them: spaCy's real pipeline (index/entities.py)."""
    from index.entities import entities_of
    from index.speakers import pipeline

    nlp = pipeline()

    def tag(sentence: str) -> list[tuple[str, str]]:
        return [(e.label, sentence[e.start : e.end]) for e in entities_of(nlp(sentence))]

    return tag


@pytest.mark.parametrize(
    ("sentence", "wants", "holds"),
    [
        ("Talks resumed last week.", "date", True),
        ("The talks may resume.", "date", False),
        ("Some 3,000 troops crossed the border.", "count", True),
        ("Lukashenka won 75 percent of the vote.", "count", False),  # a share counts nothing
        ("Lukashenka won 75 percent of the vote.", "share", True),
        ("Russia could earn $7 billion from arms sales.", "money", True),
        ("Russia could earn a great deal from arms sales.", "money", False),
    ],
)
def test_an_entity_label_tells_the_kind_of_answer(labelled, sentence, wants, holds):
    assert has_labelled_type(labelled(sentence), wants, frozenset()) is holds


def test_a_date_entity_the_question_gives_does_not_answer_when(labelled):
    question = analyse(
        "When did the ministers agree to meet again after their December 2000 session?"
    )
    assert not has_labelled_type(
        labelled("The council met in December 2000."), "date", question.dates
    )
    assert has_labelled_type(labelled("They agreed to meet again in June."), "date", question.dates)


@pytest.mark.parametrize("source", ["patterns", "labels", "either"])
def test_each_kind_is_told_by_its_source(monkeypatch, source):
    """'Of nine compartments, the front five or six flooded': the patterns count five; with no
    entity labelled, the labels count nothing."""
    from assistant.engine import answer_types

    monkeypatch.setitem(answer_types.ANSWER_TYPE_SOURCES, "count", source)
    sentence = "Of nine compartments, the front five or six flooded."
    assert has_answer_type(sentence, "count", labelled=[]) is (source != "labels")
    assert has_answer_type(sentence, "count", labelled=[("CARDINAL", "five")]) is True
    assert has_answer_type(sentence, "count") is True  # no entities read: the patterns


def test_who_is_answered_by_a_person_the_question_does_not_name(labelled):
    question = analyse("Who succeeded Yevgeny Adamov as atomic energy minister?")
    assert question.wants == "person"
    named = labelled("Alexander Rumyantsev replaced Yevgeny Adamov at the ministry.")
    assert has_labelled_type(named, "person", question.given)
    only_adamov = labelled("Yevgeny Adamov left the ministry in March.")
    assert not has_labelled_type(only_adamov, "person", question.given)
    assert not has_answer_type("Yevgeny Adamov left the ministry.", "person", question.given, [])


def test_which_company_is_answered_by_an_organisation_the_question_does_not_name(labelled):
    question = analyse("Which company won Russia's LFI fighter tender after Sukhoi bid?")
    assert question.wants == "organisation"
    named = labelled("The tender was won by Mikoyan, ahead of Sukhoi.")
    only_sukhoi = labelled("Sukhoi submitted its bid for the LFI tender.")
    assert [label for label, _ in named].count("ORG") >= 1, named  # spaCy tags the bidders
    assert has_labelled_type(named, "organisation", question.given)
    assert not has_labelled_type(only_sukhoi, "organisation", question.given)


def test_a_number_the_question_gives_does_not_answer_how_many(labelled):
    """ "How many of the 35 seats ...?" is not answered by "elect 35 candidates", by the entity
    labels (count) or the patterns (number); another number answers."""
    question = analyse("How many of the 35 city Duma seats did Luzhkov's candidates win?")
    assert question.wants == "count"
    assert not has_labelled_type(
        labelled("Voters will elect 35 candidates."), "count", question.given
    )
    assert has_labelled_type(labelled("His candidates won 32 seats."), "count", question.given)
    force = analyse("How large was the planned force of 3,000 troops?")
    assert force.wants == "number"
    assert not has_answer_type("The force of 3,000 troops was planned.", "number", force.given)
    assert has_answer_type("The force grew to 3,600 troops.", "number", force.given)
