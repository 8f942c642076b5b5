"""Prompt templates from prompts/, checked for their placeholders when loaded."""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.errors import DispatchError
from index.settings import REPO_ROOT

PROMPTS = REPO_ROOT / "prompts"
REQUIRED = {
    "answer_system.txt": {"cannot_answer"},
    "answer_user.txt": {"passages", "question"},
}


@dataclass(frozen=True)
class Template:
    name: str
    text: str

    def format(self, **values: str) -> str:
        return self.text.format(**values)


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@cache
def load(name: str, folder: Path = PROMPTS) -> Template:
    """Read a template; refuse one whose placeholders differ from what the code fills in."""
    path = folder / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise DispatchError(f"{path}: cannot read the prompt template ({error.strerror})") from None
    expected = REQUIRED.get(name, set())
    found = placeholders(text)
    if found != expected:
        raise DispatchError(
            f"{path}: expected placeholders {sorted(expected)}, got {sorted(found)}"
        )
    return Template(name, text)
