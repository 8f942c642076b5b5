"""Follow-up questions read with the conversation."""

import pytest

from assistant.engine.followup import standalone, with_antecedent
from assistant.engine.question import parts


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
