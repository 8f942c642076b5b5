"""Follow-up questions read with the conversation."""

import pytest

from assistant.engine.followup import standalone, with_antecedent
from assistant.engine.question import parts
from index.types import Paragraph


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("And about NATO enlargement?", "What did Sergeev say about NATO enlargement?"),
        (
            "What did he say about the Baltic states?",
            "What did Sergeev say about the Baltic states?",
        ),
        ("How large was the rapid reaction force?", "How large was the rapid reaction force?"),
        ("What did Cohen say about NATO?", "What did Cohen say about NATO?"),
    ],
)
def test_follow_ups_carry_the_conversation_subject(question, expected):
    assert standalone(question, ["What did Sergeev say about Iran?"]) == expected


def test_a_chain_of_follow_ups_keeps_the_person_not_the_last_name_mentioned():
    """The second question names NATO only as its subject: the third is still about Sergeev."""
    history = ["What did Sergeev say about Iran?", "What did he say about NATO enlargement?"]
    assert standalone("And about the Baltic states?", history) == (
        "What did Sergeev say about the Baltic states?"
    )
    history = ["What did Cohen say about NATO?", "And about Iran?"]
    assert standalone("What did he say about China?", history) == (
        "What did Cohen say about China?"
    )


def test_a_pronoun_in_a_later_part_means_the_person_of_the_first():
    question = (
        "How did Foreign Minister Ivanov defend Russia's record on weapons exports, and what did "
        "he offer countries with concerns?"
    )
    pieces = parts(question)
    assert (
        with_antecedent(pieces[1], pieces[:1]) == "what did Ivanov offer countries with concerns?"
    )


def test_a_pronoun_means_the_person_the_archive_refers_to_by_it():
    """ "What did Vike-Freiberga say Putin understood ..., and what did he ask ...?": the archive
    calls Vike-Freiberga "she", so "he" is Putin; without that knowledge, the speaker."""
    question = (
        "What did Vike-Freiberga say Putin understood about Latvia, and what did he ask of "
        "Latvians in return?"
    )
    first, second = parts(question)
    known = {"freiberga": "she", "putin": "he"}
    assert "Putin" in with_antecedent(second, [first], known.get)
    assert "Vike-Freiberga" in with_antecedent(second, [first])
    assert "Vike-Freiberga" in with_antecedent("What did she add?", [first], known.get)
    history = ["What did Vike-Freiberga say about Putin?"]
    assert "Putin" in standalone("And what did he say about her?", history, known.get)


def test_the_archive_tells_he_from_she_by_its_statements():
    from index import speakers

    built, _ = speakers.build(
        [
            Paragraph(
                article_id="wire-riga",
                number=1,
                text="Latvian President Vaira Vike-Freiberga spoke first. She said the talks "
                "went well.",
            ),
            Paragraph(
                article_id="wire-moscow",
                number=1,
                text="Russian President Vladimir Putin arrived late. He said little.",
            ),
        ]
    )
    assert built.pronoun_of("vike-freiberga") == "she"
    assert built.pronoun_of("freiberga") == "she"
    assert built.pronoun_of("putin") == "he"
    assert built.pronoun_of("ivanov") is None  # never referred to
