"""Thumbs-down feedback from the web app -> questions to label, in the harness's question format.

The app stores one JSON object per line: `{"time", "value": "up" | "down", "question",
"standalone_question", "answer", "answered", "citations": [{"marker", "paragraph_id", "label",
"url"}], "filters"}`. `python -m assistant.eval --feedback FILE [--out FILE]` turns every distinct
thumbs-down question into a record with empty `gold` and `answer_keys`: a person fills those in
(the notes say what the assistant answered and cited) before the record joins a question set.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger(__name__)

UP, DOWN = "up", "down"
ID_PREFIX = "fb-"
ID_DIGITS = 3  # fb-001, fb-002, ...: a feedback file rarely yields a thousand questions to label
UNKNOWN_TIME = "an unknown time"


def questions_to_label(lines: Sequence[object], source: str = "feedback") -> list[dict]:
    """One question record per distinct thumbs-down question, in order of first appearance.

    Each item is one feedback line: its decoded JSON object, or its raw text (str or bytes).
    Questions are the same when they match ignoring case and runs of whitespace; the record
    notes every time it was voted down. A malformed line is skipped with a warning naming
    `source:line`; a blank one silently."""
    votes: dict[str, tuple[str, list[dict]]] = {}  # folded question -> (question, its entries)
    for number, line in enumerate(lines, start=1):
        entry = _entry(line, f"{source}:{number}")
        if entry is not None and entry["value"] == DOWN:
            text = " ".join((entry["standalone_question"] or entry["question"]).split())
            votes.setdefault(text.casefold(), (text, []))[1].append(entry)
    return [
        _record(number, text, entries)
        for number, (text, entries) in enumerate(votes.values(), start=1)
    ]


def export(feedback: Path, out: Path | None = None) -> tuple[int, int]:
    """Write the questions to label as JSONL to `out` (default stdout) and a one-line summary to
    stderr; returns (questions, feedback lines)."""
    raw = feedback.read_bytes().splitlines()  # at \n, \r\n, \r: not at U+2028 inside JSON text
    records = questions_to_label(raw, source=str(feedback))
    text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
    lines = sum(1 for line in raw if line.strip())
    print(
        f"{len(records)} thumbs-down questions to label from {lines} feedback lines",
        file=sys.stderr,
    )
    return len(records), lines


class MalformedLine(ValueError):
    """A feedback line that is no feedback object; the message says why."""


def _entry(line: object, where: str) -> dict | None:
    """The feedback object of a line, or None (with a warning unless the line is blank)."""
    if isinstance(line, bytes | str) and not line.strip():
        return None
    try:
        return _parsed(line)
    except MalformedLine as problem:
        log.warning("%s: skipped, %s", where, problem)
        return None


def _parsed(line: object) -> dict:
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as error:
            raise MalformedLine(f"invalid UTF-8 at byte {error.start}") from None
    if isinstance(line, str):
        try:
            line = json.loads(line)
        except json.JSONDecodeError as error:
            raise MalformedLine(f"not JSON ({error.msg})") from None
    if not isinstance(line, dict):
        raise MalformedLine(f"expected a JSON object, got {type(line).__name__}")
    if line.get("value") not in (UP, DOWN):
        got = repr(line["value"]) if "value" in line else "none"
        raise MalformedLine(f"expected `value` {UP!r} or {DOWN!r}, got {got}")
    question = line.get("question")
    if not isinstance(question, str) or not question.strip():
        raise MalformedLine("expected a `question` with text")
    if not isinstance(line.get("standalone_question"), str):
        line = {**line, "standalone_question": ""}
    return line


def _record(number: int, question: str, entries: list[dict]) -> dict:
    first = entries[0]
    times = ", ".join(str(entry.get("time") or UNKNOWN_TIME) for entry in entries)
    answer = " ".join(str(first.get("answer") or "").split())
    notes = f"thumbs down on {times}; answered: {answer}; cited: {_cited(first)}"
    return {
        "id": f"{ID_PREFIX}{number:0{ID_DIGITS}d}",
        "type": "unknown",
        "question": question,
        "gold": [],
        "answer_keys": [],
        "notes": notes,
    }


def _cited(entry: dict) -> str:
    """`[1] Monitor, Vol. 6, Issue 228, ¶7 | [2] ...`, or `nothing`."""
    citations = entry.get("citations")
    shown = []
    for citation in citations if isinstance(citations, list) else []:
        if not isinstance(citation, dict):
            continue
        label = citation.get("label") or citation.get("paragraph_id")
        if label:
            marker = citation.get("marker")
            shown.append(f"[{marker}] {label}" if isinstance(marker, int) else str(label))
    return " | ".join(shown) or "nothing"
