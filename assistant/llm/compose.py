"""The optional LLM composer (llama-index LLM interface: an OpenAI-compatible server or Ollama).

Sources go to the model as numbered passages; it cites [n]. Its answer is then checked
(assistant/llm/checks.py): invented markers removed, uncited and unsupported sentences flagged. An
answer with no cited, supported sentence, an error or a timeout falls back to the extractive
answer with a note.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from llama_index.core.base.llms.types import ChatMessage, MessageRole
from llama_index.core.llms import LLM

from assistant.engine.draft import Draft
from assistant.llm import prompts
from assistant.llm.checks import CheckedAnswer, check
from assistant.llm.citations import renumber
from assistant.settings import Settings
from assistant.types import CANNOT_ANSWER, Answer, Citation
from index.types import Paragraph

log = logging.getLogger(__name__)
UNCITED = "[uncited]"
UNSUPPORTED = "[not supported by the cited passage]"


def make_llm(settings: Settings) -> LLM | None:
    """The configured LLM, or None for the extractive default. Nothing is downloaded."""
    if settings.llm == "none":
        return None
    if settings.llm == "openai":
        from llama_index.llms.openai_like import OpenAILike

        return OpenAILike(
            model=settings.llm_model,
            api_base=settings.llm_url,
            api_key=settings.llm_api_key,
            is_chat_model=True,
            timeout=settings.llm_timeout,
            max_retries=0,
            max_tokens=settings.llm_max_tokens,
            temperature=0.0,
        )
    from llama_index.llms.ollama import Ollama

    return Ollama(
        model=settings.llm_model,
        base_url=settings.llm_url,
        request_timeout=settings.llm_timeout,
        temperature=0.0,
    )


def passages_text(passages: dict[int, Paragraph]) -> str:
    """Numbered passages, each fenced so its text reads as quoted data."""
    blocks = []
    for number, paragraph in passages.items():
        text = paragraph.text.replace("<<<", "‹‹‹").replace(">>>", "›››")
        blocks.append(f"[{number}] <<<{text}>>>")
    return "\n\n".join(blocks)


def messages(question: str, passages: dict[int, Paragraph]) -> list[ChatMessage]:
    system = prompts.load("answer_system.txt").format(cannot_answer=CANNOT_ANSWER)
    user = prompts.load("answer_user.txt").format(
        passages=passages_text(passages), question=question
    )
    return [
        ChatMessage(role=MessageRole.SYSTEM, content=system),
        ChatMessage(role=MessageRole.USER, content=user),
    ]


def write_checked(checked: CheckedAnswer, passages: dict[int, Paragraph]) -> tuple[str, list]:
    """Answer text with markers renumbered in order of use, flags inline, and its citations."""
    order: dict[int, int] = {}
    for sentence in checked.sentences:
        for marker in sentence.markers:
            order.setdefault(marker, len(order) + 1)
    pieces, quotes = [], {}
    for sentence in checked.sentences:
        text = renumber(sentence.text, order)
        if not sentence.markers:
            text += f" {UNCITED}"
        elif not sentence.supported:
            text += f" {UNSUPPORTED}"
        else:
            for marker in sentence.markers:
                quotes.setdefault(marker, sentence.quote)
        pieces.append(text)
    citations = [
        Citation(marker=new, paragraph=passages[old], quote=quotes.get(old, ""))
        for old, new in order.items()
    ]
    return " ".join(pieces), citations


@dataclass(frozen=True)
class Composed:
    """What the LLM composer made: an Answer, or why the extractive answer must stand in."""

    answer: Answer | None = None
    failure: str = ""


def compose(llm: LLM, draft: Draft, passages: dict[int, Paragraph], vectors) -> Composed:
    """An Answer from the LLM, or the reason the extractive answer must stand in."""
    try:
        reply = llm.chat(messages(draft.resolved, passages)).message.content or ""
    except Exception as error:  # any failure of the optional LLM falls back, never surfaces
        log.warning("LLM failed: %s", type(error).__name__)
        return Composed(failure=f"The language model did not answer ({type(error).__name__})")
    reply = reply.strip()
    if not reply:
        return Composed(failure="The language model returned nothing")
    if CANNOT_ANSWER.rstrip(".").lower() in reply.lower() and "[" not in reply:
        declined = Answer(
            question=draft.question,
            text=CANNOT_ANSWER,
            citations=[],
            hits=draft.ranking,
            answered=False,
            related=draft.ranking[: len(passages)],
            standalone_question=draft.resolved,
            composer="llm",
            confidence=draft.confidence,
            scope=draft.filters.describe(),
        )
        return Composed(answer=declined)
    checked = check(reply, passages, vectors)
    if not checked.any_supported:
        return Composed(failure="The language model's answer cited no passage that supports it")
    text, citations = write_checked(checked, passages)
    notes = []
    if checked.removed_markers:
        notes.append(
            f"Removed citations to passages that do not exist: "
            f"{', '.join(f'[{m}]' for m in checked.removed_markers)}."
        )
    if checked.uncited:
        notes.append(f"{len(checked.uncited)} sentence(s) cite no passage: marked {UNCITED}.")
    if checked.unsupported:
        notes.append(
            f"{len(checked.unsupported)} sentence(s) are not backed by the passage they "
            f"cite: marked {UNSUPPORTED}."
        )
    answer = Answer(
        question=draft.question,
        text=text,
        citations=citations,
        hits=draft.ranking,
        answered=True,
        notes=notes,
        standalone_question=draft.resolved,
        composer="llm",
        confidence=draft.confidence,
        scope=draft.filters.describe(),
    )
    return Composed(answer=answer)
