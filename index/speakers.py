"""The speaker index: every statement the parser (index/statements.py) reads in the archive, kept
beside the catalog and looked up by who spoke.

Statements are read per article (a pronoun or an unattributed quotation reaches back one
paragraph), once: a rebuilt catalog reuses the statements of every article whose paragraphs and
parser are unchanged, and a parser change (its source digest is the version) re-reads them all
once. A speaker's key is their folded surname (Sergeev and Sergeyev share one); the first name is
kept beside it, taken from the sentence or from the article's fuller mention of that surname, so
that Igor and Sergei Ivanov stay apart; a capital or a seat of power ("Moscow", "the Kremlin")
is filed under its country as well.

The same parse gives each paragraph's named entities (index/entities.py), kept beside its
statements and re-read with them: the engine types answers by their labels.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections import defaultdict
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from index.entities import Entity
from index.statements import PIPELINE_META, load_pipeline, read_article_texts, speaker_key
from index.terms import PLACE_OF, fold, term
from index.types import Paragraph

log = logging.getLogger(__name__)

STATEMENTS_FILE = "statements.jsonl"
_WORD = re.compile(r"[A-Za-z][\w’'-]*")
# What reads the statements: the parser and this module (how first names and keys are filled).
_READERS = (
    Path(__file__).with_name("statements.py"),
    Path(__file__).with_name("entities.py"),
    Path(__file__),
)
# Words written before a name that are not first names ("President Putin", "the minister").
_NOT_FIRST = frozenset(
    "president premier prime minister foreign defense defence deputy first general gen "
    "admiral adm marshal colonel col lieutenant lt major maj mr mrs ms dr sir lord senator sen "
    "ambassador secretary chairman chief spokesman spokeswoman governor mayor patriarch the "
    "former acting vice russian us u.s. american then new".split()
)


@cache
def parser_version() -> str:
    """The statements layer's version: the source of its readers and the spaCy pipeline.
    A store whose statements were read by another version is re-read once on open."""
    digest = hashlib.sha256("/".join(PIPELINE_META).encode())
    for reader in _READERS:
        digest.update(reader.read_bytes())
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class StoredStatement:
    """One statement as the speaker index keeps it."""

    paragraph_id: str
    sentence: int  # its sentence's position in the paragraph (spaCy's sentences), from 0
    text: str  # the sentence
    mention: str  # the words naming the speaker in the sentence ("he", "the minister")
    speaker: str  # the person or body it resolves to ("Igor Sergeev")
    key: str  # folded surname ("sergeev")
    first: str  # folded first name when known ("igor"), else ""
    cue: str  # "said", "told", "according to", ... ("" continues a quotation)
    content: str  # what was said
    direct: bool  # holds a quotation
    date: str | None = None  # the article's date


def name_parts(name: str) -> tuple[str, str]:
    """(folded first name or "", folded surname) of a speaker as written."""
    words = [w for w in name.replace("’s", "").replace("'s", "").split() if w[:1].isalnum()]
    if not words:
        return "", ""
    last = speaker_key(name)
    before = [fold(w) for w in words[:-1] if fold(w).strip(".") not in _NOT_FIRST]
    first = before[0] if before and len(before[0].strip(".")) > 1 else ""
    return first, last


def place_key(key: str) -> str | None:
    """The country a capital, seat of power or country name stands for ("kremlin" -> russia)."""
    stem = term(key)
    place = PLACE_OF.get(stem)
    if place is None and stem in set(PLACE_OF.values()):
        place = stem
    return f"place:{place}" if place else None


def _article_digest(paragraphs: list[Paragraph]) -> str:
    digest = hashlib.sha256(parser_version().encode())
    for p in paragraphs:
        digest.update(p.hash.encode())
    return digest.hexdigest()[:20]


def _first_names_by_surname(texts: list[str], surnames: set[str]) -> dict[str, set[str]]:
    """Surname -> the first names an article writes before it ("William S. Cohen": william),
    wherever it names the person, speaking or not."""
    firsts: dict[str, set[str]] = defaultdict(set)
    for text in texts:
        found = list(_WORD.finditer(text))
        tokens = [m.group() for m in found]
        for i, token in enumerate(tokens):
            if fold(token) not in surnames:
                continue
            j = i - 1
            while j >= 0 and len(tokens[j]) == 1 and tokens[j].isupper():  # initials
                j -= 1
            if j < 0 or not tokens[j][:1].isupper() or not tokens[j].isalpha():
                continue
            gaps = [
                (tokens[k], text[found[k].end() : found[k + 1].start()].strip())
                for k in range(j, i)
            ]
            if any(gap and not (gap == "." and len(word) == 1) for word, gap in gaps):
                continue  # "... in Europe, Cohen said": a comma between is no name
            first = fold(tokens[j])
            if len(first) > 2 and first not in _NOT_FIRST:
                firsts[fold(token)].add(first)
    return firsts


def read_article(
    nlp, paragraphs: list[Paragraph]
) -> tuple[list[StoredStatement], dict[str, list[Entity]]]:
    """The statements of one article's paragraphs (in order), first names filled in where the
    article gives the surname exactly one; and each paragraph's entities, by paragraph id."""
    texts = [p.text for p in paragraphs]
    raw = []
    entities: dict[str, list[Entity]] = {}
    for paragraph, (found, named) in zip(paragraphs, read_article_texts(nlp, texts), strict=True):
        entities[paragraph.id] = named
        for s in found:
            first, last = name_parts(s.speaker)
            raw.append(
                StoredStatement(
                    paragraph_id=paragraph.id,
                    sentence=s.sentence,
                    text=s.text,
                    mention=s.mention,
                    speaker=s.speaker,
                    key=last,
                    first=first,
                    cue=s.cue,
                    content=s.content,
                    direct=s.direct,
                    date=paragraph.date,
                )
            )
    firsts = _first_names_by_surname(texts, {s.key for s in raw if not s.first})
    statements = [
        s
        if s.first or len(firsts.get(s.key, ())) != 1
        else StoredStatement(**{**asdict(s), "first": next(iter(firsts[s.key]))})
        for s in raw
        if s.key
    ]
    return statements, entities


# The personal pronouns a statement's mention may be, by the pronoun of the person it stands
# for: how the archive refers to a speaker tells "he" from "she" for a question's pronoun.
PRONOUN_OF = {"he": "he", "him": "he", "his": "he", "she": "she", "her": "she", "hers": "she"}


def is_speaker(s: StoredStatement, last: str, first: str | None = None) -> bool:
    """The statement is the person's (by folded surname, or the same country for a place; a
    different first name is a namesake's)."""
    place = place_key(last)
    same = place_key(s.key) == place if place else last in (s.key, surname_word(s.key))
    return same and not (first and s.first not in ("", first))


def surname_word(key: str) -> str:
    """The last word of a hyphenated surname key ("vike-freiberga": freiberga), by which a
    question that matches names word by word asks for it."""
    return key.rsplit("-", 1)[-1]


class SpeakerIndex:
    """Statements by speaker key, in archive order (article, paragraph, sentence)."""

    def __init__(
        self,
        by_article: dict[str, tuple[str, list[StoredStatement]]],
        entities: dict[str, dict[str, list[Entity]]] | None = None,
    ) -> None:
        self.by_article = by_article  # article id -> (digest, statements)
        self.entities = entities or {}  # article id -> paragraph id -> its entities
        self._entities = {p: found for own in self.entities.values() for p, found in own.items()}
        self._by_key: dict[str, list[StoredStatement]] = defaultdict(list)
        self._by_paragraph: dict[str, list[StoredStatement]] = defaultdict(list)
        self._pronouns: dict[str, str | None] = {}  # surname -> pronoun_of, once asked
        for _, found in by_article.values():
            for s in found:
                self._by_key[s.key].append(s)
                if surname_word(s.key) != s.key:
                    self._by_key[surname_word(s.key)].append(s)
                place = place_key(s.key)
                if place:
                    self._by_key[place].append(s)
                self._by_paragraph[s.paragraph_id].append(s)

    def __len__(self) -> int:
        return sum(len(found) for _, found in self.by_article.values())

    def of_paragraph(self, paragraph: str) -> list[StoredStatement]:
        return self._by_paragraph.get(paragraph, [])

    def pronoun_of(self, last: str) -> str | None:
        """ "he" or "she": how the archive's statements refer to the person of this surname by a
        pronoun, the more often; None when they never do."""
        if last not in self._pronouns:  # a much-quoted surname has thousands of statements
            said = [PRONOUN_OF.get(s.mention.lower()) for s in self.by(last)]
            he, she = said.count("he"), said.count("she")
            self._pronouns[last] = None if he == she else ("he" if he > she else "she")
        return self._pronouns[last]

    def entities_of(self, paragraph: str) -> list[Entity]:
        """The paragraph's named entities, in order (none for a paragraph not read)."""
        return self._entities.get(paragraph, [])

    def by(self, last: str, first: str | None = None) -> list[StoredStatement]:
        """The statements of a person or body: by folded surname (or a place's name, which
        finds its capital and seat of power too); with a first name, a statement whose speaker
        has another first name is a namesake's and is left out."""
        place = place_key(last)
        found = self._by_key.get(place, []) if place else self._by_key.get(last, [])
        if first:
            found = [s for s in found if s.first in ("", first)]
        return found

    def speakers(self) -> dict[str, int]:
        """Speaker as most often written -> number of statements (for listings)."""
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for key, found in self._by_key.items():
            if key.startswith("place:") or found[0].key != key:  # a place's or an alias
                continue
            for s in found:
                counts[(key, s.first)][s.speaker] += 1
        return {
            max(names, key=lambda n: (len(n.split()), names[n])): sum(names.values())
            for names in counts.values()
        }


@cache
def pipeline():
    """The statement parser's spaCy pipeline, loaded once per process."""
    return load_pipeline()


def build(
    paragraphs: list[Paragraph], previous: SpeakerIndex | None = None, nlp=None
) -> tuple[SpeakerIndex, int]:
    """The speaker index of `paragraphs` (sorted by article, number), reusing `previous` for
    every article whose paragraphs and parser version are unchanged; and how many paragraphs
    were read anew."""
    articles: dict[str, list[Paragraph]] = defaultdict(list)
    for p in paragraphs:
        articles[p.article_id].append(p)
    kept = previous.by_article if previous else {}
    kept_entities = previous.entities if previous else {}
    by_article: dict[str, tuple[str, list[StoredStatement]]] = {}
    entities: dict[str, dict[str, list[Entity]]] = {}
    read = 0
    for article_id, own in articles.items():
        digest = _article_digest(own)
        old = kept.get(article_id)
        if old and old[0] == digest and article_id in kept_entities:
            by_article[article_id] = old
            entities[article_id] = kept_entities[article_id]
            continue
        nlp = nlp or pipeline()
        found, named = read_article(nlp, own)
        by_article[article_id] = (digest, found)
        entities[article_id] = named
        read += len(own)
    if read:
        log.info("read statements in %d paragraphs", read)
    return SpeakerIndex(by_article, entities), read


def save(index: SpeakerIndex, folder: Path) -> None:
    """Write the index into a catalog folder (through a temporary file: readers never see half)."""
    staging = folder / f".{STATEMENTS_FILE}.{os.getpid()}"
    with open(staging, "w", encoding="utf-8") as out:
        for article_id, (digest, found) in sorted(index.by_article.items()):
            record = {"article_id": article_id, "digest": digest}
            record["statements"] = [asdict(s) for s in found]
            record["entities"] = index.entities.get(article_id, {})
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(staging, folder / STATEMENTS_FILE)


def load(folder: Path) -> SpeakerIndex | None:
    """The speaker index saved in a catalog folder, or None (absent or unreadable: rebuilt)."""
    path = folder / STATEMENTS_FILE
    if not path.is_file():
        return None
    by_article = {}
    entities = {}
    try:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                found = [StoredStatement(**s) for s in record["statements"]]
                by_article[record["article_id"]] = (record["digest"], found)
                entities[record["article_id"]] = {
                    paragraph: [Entity(*e) for e in named]
                    for paragraph, named in record.get("entities", {}).items()
                }
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("statements at %s unreadable (%s): reading them again", path, error)
        return None
    return SpeakerIndex(by_article, entities)


def statement_id(s: StoredStatement) -> str:
    return f"{s.paragraph_id}:s{s.sentence}"
