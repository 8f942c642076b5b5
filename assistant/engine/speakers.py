""" "What did X say about Y": X's statements from the speaker index (index/speakers.py), ranked by
how well they match Y, and which sentences of a retrieved paragraph are X's."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

import numpy as np

from assistant.engine.attribution import names_person
from assistant.engine.publications import is_named
from assistant.engine.question import Name
from assistant.engine.sentences import split_sentences
from assistant.engine.tuning import STATEMENT_WEIGHTS
from index.catalog import Catalog
from index.speakers import StoredStatement, is_speaker
from index.terms import fold, matching_terms
from index.types import Filters, Hit, paragraph_id


def statements_of(catalog: Catalog, name: Name, filters: Filters | None = None) -> list:
    """Everything the archive has the person (or body) say, within the filters."""
    found = catalog.speakers.by(name.last, name.first)
    mask = catalog.mask(filters) if filters is not None else None
    if mask is None:
        return found
    return [
        s for s in found if (row := catalog.row_of.get(s.paragraph_id)) is not None and mask[row]
    ]


def reported_by(
    catalog: Catalog, found: list[StoredStatement], named: frozenset[str]
) -> list[StoredStatement]:
    """The statements in the publications a question names ("according to The Baltic Times"),
    or all of them when none of those reports the speaker (or none is named)."""
    if not named:
        return found
    kept = []
    for s in found:
        paragraph = catalog.get(s.paragraph_id)
        if paragraph is not None and is_named(paragraph.publication, named):
            kept.append(s)
    return kept or found


@lru_cache(maxsize=100_000)
def statement_terms(text: str) -> frozenset[str]:
    """A statement's terms, kept: a much-quoted speaker's statements are matched again and
    again."""
    return frozenset(matching_terms(text))


def _match(similarity: float, lexical: float) -> float:
    return STATEMENT_WEIGHTS["semantic"] * similarity + STATEMENT_WEIGHTS["lexical"] * lexical


def by_subject(
    subject: str,
    found: list[StoredStatement],
    vectors: Callable[[list[str]], np.ndarray],
    weights: dict[str, float],
    shortlist: tuple[Catalog, int, np.ndarray] | None = None,
) -> list[tuple[float, StoredStatement]]:
    """The statements ranked by how well their sentence matches the subject (the question, or
    the subject it asks about): meaning (cosine, both embedded by `vectors`, the sentence model)
    and its idf-weighted terms. With `shortlist` (catalog, size, the question's vector in the
    stored paragraphs' space), only the best `size` by their paragraph's stored vector are
    embedded and ranked (a much-quoted speaker has hundreds of statements; embedding them all
    took seconds at 10,000 paragraphs)."""
    if not found:
        return []
    total = sum(weights.values()) or 1.0
    lexical = [
        sum(w for t, w in weights.items() if t in present) / total
        for present in (statement_terms(s.text) for s in found)
    ]
    if shortlist is not None and len(found) > shortlist[1]:
        catalog, size, paragraph_vector = shortlist
        near = paragraph_similarity(catalog, [s.paragraph_id for s in found], paragraph_vector)
        first = sorted(range(len(found)), key=lambda i: -_match(float(near[i]), lexical[i]))[:size]
        found, lexical = [found[i] for i in first], [lexical[i] for i in first]
    embedded = vectors([subject, *(s.text for s in found)])
    similarity = embedded[1:] @ embedded[0]
    scored = [
        (_match(float(sim), words), s)
        for s, sim, words in zip(found, similarity, lexical, strict=True)
    ]
    scored.sort(key=lambda pair: -pair[0])
    return scored


def paragraph_similarity(catalog: Catalog, ids: list[str], vector: np.ndarray) -> np.ndarray:
    """Cosine of each paragraph's stored vector (its first window) with `vector`; 0 for a
    paragraph the catalog does not hold."""
    rows = [catalog.row_of.get(i) for i in ids]
    known = [r for r in rows if r is not None]
    entries = np.searchsorted(
        catalog.vector_rows, np.asarray(known, dtype=catalog.vector_rows.dtype)
    )
    similarity = dict(zip(known, catalog.vectors[entries] @ vector, strict=True)) if known else {}
    return np.asarray([similarity.get(r, 0.0) if r is not None else 0.0 for r in rows])


def statement_hits(
    catalog: Catalog, ranked: list[tuple[float, StoredStatement]], limit: int
) -> list[Hit]:
    """The paragraphs of the best statements (each once), as retrieval hits."""
    hits: list[Hit] = []
    seen: set[str] = set()
    for score, s in ranked:
        paragraph = catalog.get(s.paragraph_id)
        if paragraph is None or s.paragraph_id in seen:
            continue
        seen.add(s.paragraph_id)
        hits.append(Hit(paragraph, score))
        if len(hits) >= limit:
            break
    return hits


def spoken_by(
    catalog: Catalog,
    paragraph_id: str,
    name: Name,
    sentences: list[str],
    article_first_names: set[str] | None = None,
) -> list[bool | None]:
    """Who speaks in each of a paragraph's sentences (as the engine splits them), as the parser
    read it (its sentences may be cut differently: overlap counts): True where the person does;
    False where another person, named there in full, does ('"... what Chubais is doing,"
    Yavlinsky said', asked about Anatoly Chubais); None where the parser says neither. A bare
    surname is the namesake's where the paragraph names it so ("Foreign Minister Ivanov", asked
    about Defense Minister Sergei Ivanov; `article_first_names` as attribution.names_person)."""
    theirs: list[StoredStatement] = []
    rest: list[StoredStatement] = []
    for s in catalog.speakers.of_paragraph(paragraph_id):
        (theirs if is_speaker(s, name.last, name.first) else rest).append(s)
    if name.first and any(
        not s.first
        and s.key in fold(s.mention)
        and names_person(s.text, name, article_first_names) is False
        for s in theirs
    ):
        theirs = [s for s in theirs if s.first]
    own = [s.text.strip() for s in theirs]
    others = [s.text.strip() for s in rest if name.first and names_another_person(s)]

    def holds(texts: list[str], sentence: str) -> bool:
        return any(t in sentence or sentence.strip() in t for t in texts)

    return [
        True if holds(own, sentence) else (False if holds(others, sentence) else None)
        for sentence in sentences
    ]


def names_another_person(statement: StoredStatement) -> bool:
    """The statement's speaker is a person the archive names by first name and surname, and its
    sentence names them ("Yavlinsky said", not "he said" or "officials said") or goes on with
    their quotation."""
    named_here = statement.key in fold(statement.mention) or not statement.cue
    return bool(statement.first) and named_here


def quotation_goes_on(catalog: Catalog, name: Name, chosen: list, limit: int) -> list:
    """The next paragraph's opening sentence when it goes on with the statement the answer ends
    with ('He also said ... "as before."' / '"No one will hinder you," he said.'): the person's
    statement in its first sentence, right after a paragraph whose last sentence is theirs; not
    when the answer already holds it (as the person's next statement)."""
    said = [e for e in chosen if e.attributed and not e.context]
    if not said or len(chosen) >= limit:
        return []
    last = max(said, key=lambda e: (e.paragraph.id == said[0].paragraph.id, e.index))
    sentences = split_sentences(last.paragraph.text)
    if last.index != len(sentences) - 1:
        return []
    following = catalog.get(paragraph_id(last.paragraph.article_id, last.paragraph.number + 1))
    if following is None or any(e.paragraph.id == following.id and e.index == 0 for e in chosen):
        return []
    opening = split_sentences(following.text)[:1]
    if opening and spoken_by(catalog, following.id, name, opening)[0]:
        return [replace(last, paragraph=following, index=0, text=opening[0])]
    return []
