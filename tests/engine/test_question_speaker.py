"""The speaker a question asks about, read by the spaCy pipeline where the plain "did X say"
reading finds none (invented questions of each shape)."""

from __future__ import annotations

import pytest

from assistant.engine.question import analyse
from assistant.engine.question_speaker import question_speaker


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("How did Olga Markova react to the ministry's decision?", "Olga Markova"),
        ("How did liberal politician Pavel Petrov judge the new budget?", "Pavel Petrov"),
        ("What reason did Petrov give for his visit to Minsk in May?", "Petrov"),
        ("What assurance did Petrov give the Latvian delegation?", "Petrov"),
        ("What did Pavel Petrov pledge to the Georgian leader at their meeting?", "Pavel Petrov"),
        (
            "How did Olga Markova, in an interview with a Berlin daily, characterize the fuss?",
            "Olga Markova",
        ),
        ("According to Olga Markova, what did the ministry decide?", "Olga Markova"),
        # no speaker: a source cited by number, an act that is not speech, a thing sold
        ("According to Monitor Vol. 6, Issue 199, on what date did the talks open?", None),
        ("When did Petrov visit Kosovo?", None),
        ("What did Russia sell to Iran in 2001?", None),
        # a speech verb in a clause describing something else names nobody the question asks
        ("What condition did Petrov attach to the post Markova had offered him?", None),
        ("How many troops were moving when Markova issued her warning?", None),
    ],
)
def test_question_speaker(question, speaker):
    assert question_speaker(question) == speaker


def test_a_title_is_not_a_first_name():
    asked = analyse("What did Prosecutor General Pavel Petrov say about the inquiry?")
    assert asked.speaker is not None
    assert (asked.speaker.first, asked.speaker.last) == ("pavel", "petrov")
