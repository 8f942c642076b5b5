"""Who said what, read by spaCy's parser: table-driven on news-prose shapes, and the parser's
speaker precision and recall on the statement gold, which must not fall below the figures
measured when the parser was written (session 5)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from index.statements import load_pipeline, statements
from tests.conftest import REPO, needs_archive

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Petrov told Itar-Tass that the exercise went as planned.", [("Petrov", "told")]),
        (
            '"Nothing has changed," said Olga Markova, a spokeswoman for the ministry.',
            [("Olga Markova", "said")],
        ),
        (
            "Washington won assurances from Petrov that the sales would stop.",
            [("Petrov", "assurances from")],
        ),
        (
            "The leader of the faction, Vladimir Ryzhkov, told Interfax the strikes were a mistake.",
            [("Vladimir Ryzhkov", "told")],
        ),
        (
            "Sergei Ivanov arrived in Delhi. He said India would buy the carrier.",
            [("Sergei Ivanov", "said")],
        ),
        (
            "Russian agencies quoted Kremlin spokesman Dmitry Yakushkin as saying the plane had turned.",
            [("Dmitry Yakushkin", "quoted as saying")],
        ),
        (
            '"This will mean big losses," Yeltsin said. "The Serbs are prepared to fight."',
            [("Yeltsin", "said"), ("Yeltsin", "")],
        ),
        ("Sergeev visited the state of Kerala.", []),
        (
            "The Albanians, who say mercenaries fought there, blocked the road.",
            [("Albanians", "say")],
        ),
        (
            "A Foreign Ministry statement said the charges were groundless.",
            [("Foreign Ministry", "said")],
        ),
        (
            "Ustinov and Kuroyedov declined to comment, saying the inquiry went on.",
            [("Ustinov", "saying"), ("Kuroyedov", "saying")],
        ),
        ("According to a Russian custom, the crew drank a toast.", []),
        (
            '"We will not sell them," Klebanov said.\n',
            [("Klebanov", "said")],
        ),
    ],
)
def test_the_speaker_of_each_statement(nlp, paragraph, expected):
    found = [(s.speaker, s.cue) for s in statements(nlp(paragraph))]
    assert [(speaker.split()[-1], cue) for speaker, cue in found] == [
        (speaker.split()[-1], cue) for speaker, cue in expected
    ]


def test_sergeyev_and_sergeev_share_one_speaker_key(nlp):
    (first,) = statements(nlp("Sergeyev said the talks were useful."))
    (second,) = statements(nlp("Sergeev said the talks were useful."))
    assert first.key == second.key


@needs_archive
@pytest.mark.parametrize(("split", "precision", "recall"), [("validation", 0.72, 0.70)])
def test_speaker_precision_and_recall_on_the_gold_hold(split, precision, recall):
    result = subprocess.run(
        [sys.executable, "-m", "assistant.eval", "statements", "--split", split],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
        check=True,
    )
    figures = dict(pair.split("=") for pair in result.stdout.split())
    assert float(figures["speaker_precision"]) >= precision, figures
    assert float(figures["speaker_recall"]) >= recall, figures
