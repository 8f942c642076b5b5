"""A person's statements over time: who said what, in date order, from the speaker index
(index/speakers.py). Behind `python -m assistant statements`, `GET /api/statements` and the
Statements tab."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.engine.evidence import idf_weights
from assistant.engine.question import Name, name_of
from assistant.engine.speakers import by_subject, statements_of
from assistant.engine.tuning import ABOUT_STATEMENT_MINIMUM
from assistant.errors import QuestionError
from assistant.service import check_publications
from assistant.types import citation_label
from index.speakers import StoredStatement
from index.terms import terms, words
from index.types import Filters, Paragraph

MAX_STATEMENTS = 200  # one listing's rows
MAX_SPEAKER = 200  # characters of a speaker's name as typed
MAX_ABOUT = 2_000  # characters of a subject as typed


@dataclass(frozen=True, kw_only=True)
class StatementRow:
    """One statement as an analyst reads it: when, who, how it was put, what, and where."""

    date: str | None
    speaker: str
    cue: str  # "told", "said", "according to", "" when the quotation goes on
    content: str  # what was said
    sentence: str  # the whole sentence, verbatim
    direct: bool  # quoted
    paragraph: Paragraph
    score: float = 0.0  # match with the subject asked about (0 without one)

    @property
    def label(self) -> str:
        return citation_label(self.paragraph)


def speaker_name(text: str) -> Name:
    """The person (or body) asked for: "Sergeev", "Igor Ivanov", "Defense Minister Sergeyev"."""
    name = name_of(words(text or ""))
    if name is None:
        raise QuestionError("Please name a speaker (a surname is enough: Sergeev).")
    return name


def statements_by(
    assistant,
    speaker: str,
    about: str = "",
    filters: Filters | None = None,
    limit: int = MAX_STATEMENTS,
) -> list[StatementRow]:
    """The speaker's statements in date order (then archive order); with `about`, only those on
    that subject (meaning and words), still in date order."""
    name = speaker_name(speaker)
    catalog = assistant.catalog
    found: list[StoredStatement] = statements_of(catalog, name, filters or Filters())
    scores: dict[int, float] = {}
    if about.strip() and found:
        weights = idf_weights(catalog, terms(about))
        ranked = by_subject(about.strip(), found, assistant.scorer.vectors, weights)
        scores = {id(s): score for score, s in ranked if score >= ABOUT_STATEMENT_MINIMUM}
        found = [s for s in found if id(s) in scores]
    rows = []
    for s in found:
        paragraph = catalog.get(s.paragraph_id)
        if paragraph is None:
            continue
        rows.append(
            StatementRow(
                date=s.date,
                speaker=s.speaker,
                cue=s.cue,
                content=s.content,
                sentence=s.text,
                direct=s.direct,
                paragraph=paragraph,
                score=round(scores.get(id(s), 0.0), 3),
            )
        )
    rows.sort(key=lambda r: (r.date or "9999", r.paragraph.article_id, r.paragraph.number))
    return rows[:limit]


def checked_speaker(speaker: str | None) -> str:
    text = (speaker or "").strip()
    if len(text) > MAX_SPEAKER:
        raise QuestionError(
            f"The speaker's name is too long: the limit is {MAX_SPEAKER} characters."
        )
    return text


def find_statements(
    assistant, speaker: str | None, about: str | None = "", filters: Filters | None = None
) -> list[StatementRow]:
    """`statements_by`, after checking what a user typed: the name (empty or too long), the
    subject (too long) and the publications filtered on (the archive must hold them). The CLI,
    `GET /api/statements` and the Statements tab all go through here."""
    subject = (about or "").strip()
    if len(subject) > MAX_ABOUT:
        raise QuestionError(f"The subject is too long: the limit is {MAX_ABOUT:,} characters.")
    name = checked_speaker(speaker)
    speaker_name(name)
    if filters is not None:
        check_publications(filters, assistant.catalog.publications())
    return statements_by(assistant, name, subject, filters)


def attribution(row: StatementRow) -> str:
    """Who, and how it was put: "Sergeev said", "according to Sergeev", "assurances from
    Sergeev", or the name alone where a quotation goes on."""
    cue = row.cue.strip()
    if not cue:
        return row.speaker
    if cue.rsplit(" ", 1)[-1] in ("to", "from", "by", "of"):
        return f"{cue} {row.speaker}"
    return f"{row.speaker} {cue}"


def nothing_found(speaker: str, about: str = "") -> str:
    subject = f" on {about.strip()}" if about and about.strip() else ""
    return f"No statements by {speaker.strip()}{subject} in the archive."
