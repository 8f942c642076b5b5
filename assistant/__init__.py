"""Question -> cited answer over the archive index.

    from assistant import Assistant, Settings
    answer = Assistant(Settings()).ask("What did Sergeev say about Iran?")

The rooms: `engine/` (question -> Draft -> Answer; no HTTP, HTML or Gradio), `llm/` (the optional
LLM composer), `web/` (Gradio UI, JSON API), `eval/` (harness, metrics, baseline), `fit/` (the fitted models).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__all__ = ["CANNOT_ANSWER", "Answer", "Assistant", "Citation", "Settings"]
_WHERE = {
    "Assistant": "assistant.service",
    "Settings": "assistant.settings",
    "Answer": "assistant.types",
    "Citation": "assistant.types",
    "CANNOT_ANSWER": "assistant.types",
}

if TYPE_CHECKING:
    from assistant.service import Assistant
    from assistant.settings import Settings
    from assistant.types import CANNOT_ANSWER, Answer, Citation


def __getattr__(name: str):
    """The public names, imported on first use (the model and Chroma load only when needed)."""
    if name in _WHERE:
        return getattr(import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")
