"""Every miss of a run sorted into one kind, with counts and examples: the worklist for the
answer-quality work (`python -m assistant.eval ... --failures`)."""

from __future__ import annotations

from collections import defaultdict

from assistant.eval.metrics import Outcome

KINDS = (
    "declined, gold ranked 1-2",
    "declined, gold lower",
    "wrong paragraph",
    "right paragraph, wrong sentence",
    "answer missing a second statement sentence",
    "multi-document missing a part",
    "unanswerable answered",
)


def kind_of(outcome: Outcome) -> str | None:
    """The kind of miss, or None when the answer is right (every key, or a due decline)."""
    if not outcome.gold:
        return "unanswerable answered" if outcome.answered else None
    text = outcome.answer.lower()
    found = [k for k in outcome.answer_keys if k.lower() in text]
    if outcome.answered and len(found) == len(outcome.answer_keys):
        return None
    if not outcome.answered:
        ranks = [i for i, key in enumerate(outcome.ranked[:2]) if key in outcome.gold]
        return "declined, gold ranked 1-2" if ranks else "declined, gold lower"
    cited = set(outcome.cited) & outcome.gold
    if not cited:
        return "wrong paragraph"
    if outcome.type == "multi-doc":
        return "multi-document missing a part"
    if outcome.type == "who-said-what" and found:
        return "answer missing a second statement sentence"
    return "right paragraph, wrong sentence"


def failure_table(outcomes: list[Outcome], questions: dict[str, str], examples: int = 3) -> str:
    """Counts per kind (most first) and a few examples of each: id and question."""
    by_kind: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        kind = kind_of(outcome)
        if kind:
            by_kind[kind].append(outcome)
    lines = [f"misses: {sum(map(len, by_kind.values()))} of {len(outcomes)} questions"]
    for kind in sorted(KINDS, key=lambda k: (-len(by_kind[k]), KINDS.index(k))):
        lines.append(f"{len(by_kind[kind]):4}  {kind}")
        for outcome in by_kind[kind][:examples]:
            lines.append(f"        {outcome.id} ({outcome.type}): {questions[outcome.id][:90]}")
    return "\n".join(lines)
