"""Thumbs up and down on answers, kept as JSONL beside the store: each line the question, the
answer and its citations, so that `python -m assistant.eval --feedback FILE` can turn the
thumbs-down ones into questions to label."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path

from assistant.types import Answer
from index.types import Filters


class FeedbackLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def record(self, liked: bool, answer: Answer, filters: Filters | None = None) -> dict:
        entry = {
            "time": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "value": "up" if liked else "down",
            "question": answer.question,
            "standalone_question": answer.standalone_question or answer.question,
            "answer": answer.text,
            "answered": answer.answered,
            "citations": [
                {
                    "marker": c.marker,
                    "paragraph_id": c.paragraph.id,
                    "label": c.label,
                    "url": c.paragraph.url,
                }
                for c in answer.citations
            ],
            "scope": answer.scope,
        }
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as out:
                out.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return entry
