"""The conversation kept in the browser, so that it survives a reload: plain data (each turn's
question and its answer by paragraph ids), which the server checks and re-renders on load with its
own escaping. Nothing the browser sends back becomes markup, a file or a path."""

from __future__ import annotations

from assistant.types import Answer, Citation
from index.types import Hit, Paragraph

SAVED_VERSION = 1
MAX_TEXT = 20_000  # characters of an answer or note kept from the browser
MAX_QUESTION = 2_000


def dump(answers: list[Answer]) -> dict:
    return {
        "version": SAVED_VERSION,
        "turns": [
            {
                "question": a.question,
                "standalone": a.standalone_question,
                "text": a.text,
                "answered": a.answered,
                "confidence": a.confidence,
                "scope": a.scope,
                "notes": list(a.notes),
                "citations": [
                    {"marker": c.marker, "paragraph_id": c.paragraph.id, "quote": c.quote}
                    for c in a.citations
                ],
                "related": [h.paragraph.id for h in a.related],
            }
            for a in answers
        ],
    }


def restore(saved: object, paragraph_of, limit: int) -> list[Answer]:
    """The answers a saved conversation holds, at most `limit` (the latest), checked field by
    field; paragraphs the archive no longer has are dropped (their markers then stay text)."""
    if not isinstance(saved, dict) or saved.get("version") != SAVED_VERSION:
        return []
    turns = saved.get("turns")
    if not isinstance(turns, list):
        return []
    answers = []
    for turn in turns[-limit:]:
        answer = _answer(turn, paragraph_of) if isinstance(turn, dict) else None
        if answer is not None:
            answers.append(answer)
    return answers


def _text(value: object, limit: int) -> str | None:
    return value[:limit] if isinstance(value, str) else None


def _answer(turn: dict, paragraph_of) -> Answer | None:
    question = _text(turn.get("question"), MAX_QUESTION)
    text = _text(turn.get("text"), MAX_TEXT)
    if not question or text is None or not isinstance(turn.get("answered"), bool):
        return None
    citations = []
    for item in turn.get("citations") if isinstance(turn.get("citations"), list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("marker"), int):
            continue
        paragraph = _paragraph(item.get("paragraph_id"), paragraph_of)
        if paragraph is not None:
            quote = _text(item.get("quote"), MAX_TEXT) or ""
            citations.append(Citation(marker=item["marker"], paragraph=paragraph, quote=quote))
    related = [
        Hit(p, 0.0)
        for p in (_paragraph(i, paragraph_of) for i in _list(turn.get("related")))
        if p is not None
    ]
    confidence = turn.get("confidence")
    return Answer(
        question=question,
        text=text,
        citations=citations,
        hits=[Hit(c.paragraph, 1.0) for c in citations] + related,
        answered=turn["answered"],
        related=related,
        notes=[n for n in (_text(v, MAX_TEXT) for v in _list(turn.get("notes"))) if n],
        standalone_question=_text(turn.get("standalone"), MAX_QUESTION) or question,
        confidence=float(confidence) if isinstance(confidence, int | float) else 0.0,
        scope=_text(turn.get("scope"), MAX_QUESTION) or "",
    )


def _list(value: object) -> list:
    return value[:100] if isinstance(value, list) else []


def _paragraph(paragraph_id: object, paragraph_of) -> Paragraph | None:
    return paragraph_of(paragraph_id) if isinstance(paragraph_id, str) else None
