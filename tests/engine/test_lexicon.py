"""The word tables: one place (engine/lexicon.py), and the speech verbs of questions and of
articles in step."""

from __future__ import annotations

import ast

import pytest

from assistant.engine.attribution import reports_speech
from assistant.engine.lexicon import SPEAKER_VERBS, SPEECH_WORDS
from assistant.engine.question import analyse
from tests.conftest import REPO


@pytest.mark.parametrize("verb", sorted(SPEAKER_VERBS))
def test_every_speech_verb_a_question_asks_about_is_speech_in_an_article(verb):
    question = analyse(f"What did Defense Minister Sergeev {verb} about Iran?")
    assert question.speaker is not None and question.speaker.last == "sergeev"
    for form in SPEAKER_VERBS[verb].split():
        assert form in SPEECH_WORDS
        assert reports_speech(f"Sergeev {form} that Russia would not sell offensive arms.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Sergeev visited the state of Kerala.",
        "Cohen flew to the United States.",
        "Secretary of State Albright arrived.",
    ],
)
def test_words_that_only_look_like_speech_are_not(sentence):
    assert not reports_speech(sentence)


def test_a_question_with_another_verb_asks_for_no_speaker():
    assert analyse("What did Sergeev visit in India?").speaker is None


def word_tables(path) -> list[str]:
    """Module-level names bound to a literal list of five or more words ("a b c".split(),
    frozenset({...}), a tuple or list of strings)."""
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if not isinstance(node, ast.Assign):
            continue
        strings = [n.value for n in ast.walk(node.value) if isinstance(n, ast.Constant)]
        words = [w for s in strings if isinstance(s, str) for w in s.split() if w.isalpha()]
        if len(words) >= 5 and not any(
            isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "compile"
            for n in ast.walk(node.value)
        ):
            found += [t.id for t in node.targets if isinstance(t, ast.Name)]
    return found


def test_every_word_table_of_the_engine_lives_in_the_lexicon():
    lexicon = word_tables(REPO / "assistant" / "engine" / "lexicon.py")
    assert {"TITLES", "SPEECH_WORDS", "ABBREVIATIONS", "NOT_POINTED_AT"} <= set(lexicon)
    elsewhere = {
        str(path.relative_to(REPO)): tables
        for path in sorted((REPO / "assistant" / "engine").glob("*.py"))
        if path.name not in ("lexicon.py", "tuning.py") and (tables := word_tables(path))
    }
    # The fitted models' column names are a contract with their files, not words read in text.
    assert elsewhere.pop("assistant/engine/features.py", None) == [
        "SENTENCE_FEATURES",
        "ANSWER_FEATURES",
    ]
    assert elsewhere == {}
