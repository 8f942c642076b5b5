""" "How did X react to ...", "What assurance did X give", "According to X, ...": the speaker a
question asks about, read by the statement parser's spaCy pipeline when the question's wording
is not the plain "did X say" that engine/question.py reads by itself."""

from __future__ import annotations

from functools import lru_cache

from assistant.engine.lexicon import (
    CITATION_WORDS,
    NOT_QUESTION_SPEECH,
    QUESTION_SPEECH_LEMMAS,
    QUESTION_SPEECH_NOUNS,
)
from index.speakers import pipeline
from index.statements import SPEECH_LEMMAS, SPEECH_NOUNS

_SPEAKING = SPEECH_LEMMAS | QUESTION_SPEECH_LEMMAS
_SPOKEN_NOUNS = SPEECH_NOUNS | QUESTION_SPEECH_NOUNS
_NAMES = ("PERSON", "ORG", "GPE", "NORP")
_AUXILIARIES = frozenset({"do", "have", "will", "would"})
# A speech verb in a clause that describes something else is not what the question asks: "the
# post Shevardnadze had offered him", "as Moscow responded to the air strikes".
_SUBORDINATE = frozenset({"relcl", "acl", "advcl"})


@lru_cache(maxsize=1024)
def parsed_question(text: str):
    """The question parsed by the statement parser's pipeline, once per question text (read here
    for its speaker and by engine/setting_parts.py for its settings)."""
    return pipeline()(text)


@lru_cache(maxsize=1024)
def question_speaker(text: str) -> str | None:
    """The name (as written) of whoever the question asks to have spoken, or None."""
    doc = parsed_question(text)
    for token in doc:
        if token.lower_ == "according":  # "According to X, what ..."
            for to in (c for c in token.children if c.lower_ == "to"):
                named = [c for c in to.children if c.dep_ == "pobj"]
                if named and _is_person(named[0]):  # not a source: "according to Reuters"
                    return _name_text(named[0])
        verb = None
        lemma = token.lemma_.lower()
        # a question's verb is often tagged a noun by the small model ("did Putin pledge")
        if (token.pos_ in ("VERB", "AUX") or token.dep_ == "ROOT") and (
            lemma in _SPEAKING or token.lower_ in _SPEAKING
        ):
            verb = token
        elif token.pos_ == "NOUN" and lemma in _SPOKEN_NOUNS and token.dep_ in ("dobj", "nsubj"):
            verb = token.head  # "what assurance did X give", "what reason did X give"
        if verb is None or verb.dep_ in _SUBORDINATE:
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects and verb.dep_ == "ROOT":  # "How did Ivanov, in an interview, ..."
            subjects = [
                c
                for aux in verb.children
                if aux.dep_ == "aux"
                for c in aux.children
                if c.dep_ == "nsubj"
            ]
        if subjects and _is_name(subjects[0]):
            return _name_text(subjects[0])
    return _by_word_order(doc)


def _by_word_order(doc) -> str | None:
    """ "did <name> <speech verb>" read by word order, where the small model parses the verb as
    part of a noun phrase ("did Pavel Petrov pledge": "the Petrov pledge")."""
    for ent in doc.ents:
        if ent.label_ not in _NAMES or ent.start == 0 or ent.end >= len(doc):
            continue
        before, after = doc[ent.start - 1], doc[ent.end]
        if (
            before.lemma_.lower() in _AUXILIARIES
            and after.lower_ in _SPEAKING - NOT_QUESTION_SPEECH
        ):
            return ent.text
    return None


def _is_person(token) -> bool:
    """A person named, not a source cited by number ("according to Monitor Vol. 6, Issue 199")."""
    if any(t.like_num or t.lower_.rstrip(".") in CITATION_WORDS for t in token.subtree):
        return False
    return token.ent_type_ == "PERSON" or any(
        c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in token.children
    )


def _is_name(token) -> bool:
    return (
        token.ent_type_ in _NAMES
        or token.pos_ == "PROPN"
        or any(c.dep_ == "appos" and c.ent_type_ in _NAMES for c in token.children)
    )


def _name_text(token) -> str:
    """The entity the token stands in (an appositive's name for "Putin's aide Sergei
    Yastrzhembskii"), or the token with its compounds."""
    for child in token.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            token = child
    if token.ent_type_:
        for ent in token.doc.ents:
            if ent.start <= token.i < ent.end:
                return ent.text
    start = min([token.i, *(c.i for c in token.children if c.dep_ == "compound")])
    return token.doc[start : token.i + 1].text
