"""The engine's readings of a split's questions: every candidate sentence with its features, and
what the question's answer keys and gold paragraphs say about it (the labels)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.engine.draft import Draft
from assistant.engine.evidence import Evidence
from assistant.eval.harness import key
from assistant.service import Assistant

Key = tuple[str, int]


@dataclass
class Case:
    """One question of a split, as the engine read it."""

    id: str
    type: str
    gold: set[Key]
    answer_keys: list[str]
    draft: Draft

    @property
    def answerable(self) -> bool:
        return bool(self.gold)


def answers(case: Case, text: str) -> bool:
    """The text holds every answer key (the harness's containment)."""
    lowered = text.lower()
    return case.answerable and all(k.lower() in lowered for k in case.answer_keys)


def sentence_label(case: Case, item: Evidence) -> bool:
    """A sentence answers (part of) the question: it stands in a gold paragraph and holds one of
    the answer keys."""
    if key(item.paragraph) not in case.gold:
        return False
    lowered = item.text.lower()
    return any(k.lower() in lowered for k in case.answer_keys)


def collect(assistant: Assistant, questions: list[dict]) -> list[Case]:
    cases = []
    for record in questions:
        draft = assistant.prepare(record["question"])
        cases.append(
            Case(
                id=record["id"],
                type=record.get("type", "unknown"),
                gold={(Path(g["file"]).name, int(g["paragraph"])) for g in record.get("gold", [])},
                answer_keys=list(record.get("answer_keys", [])),
                draft=draft,
            )
        )
    return cases
