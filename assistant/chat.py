"""The chat turn: question + filters + conversation -> streamed reply, sources panel, briefing."""

from __future__ import annotations

import html
import logging
import time
from collections.abc import Iterator

import gradio as gr

from assistant.briefing import to_markdown
from assistant.desk import Desk
from assistant.errors import DispatchError
from assistant.filter_input import filters_from, sources_count
from assistant.panel import panel_html, turn_html
from assistant.render import answer_pieces, escape, reply_html

log = logging.getLogger(__name__)

STREAM_PAUSE = 0.04  # seconds between streamed sentences
KEPT_TURNS = 50  # sources sections a session keeps (older markers then lead nowhere)


def message_text(message: dict) -> str:
    """A chat message's text, whether its content is a string or a list of parts (gradio 6)."""
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(
            str(part.get("text", ""))
            for part in content
            if isinstance(part, dict) and part.get("type", "text") == "text"
        )
    return ""


def previous_questions(messages: list[dict]) -> list[str]:
    """The user's earlier questions (the chat shows them escaped; this undoes that)."""
    return [html.unescape(message_text(m)) for m in messages if m.get("role") == "user"]


def make_respond(desk: Desk):
    default_sources = desk.settings.sources

    def respond(
        question: str,
        messages: list[dict] | None,
        publications: list[str] | None = None,
        issue_min: float | None = None,
        issue_max: float | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        sources: float | None = None,
        panels: list[str] | None = None,
    ) -> Iterator[tuple]:
        """Answer a question about the archive, with citations (streamed sentence by sentence).

        Returns the conversation (messages), the sources panel as HTML, the answer as a
        Markdown briefing, and an empty question box."""
        messages = list(messages or [])
        panels = panels or []
        history = previous_questions(messages)
        try:
            filters = filters_from(publications, issue_min, issue_max, date_from, date_to)
            count = sources_count(sources, default_sources)
            answer = desk.ask(question, filters, history, count)
        except DispatchError as error:
            raise gr.Error(str(error), print_exception=False) from None
        except Exception:
            log.exception("answering %r failed", question[:200])
            raise gr.Error("Something went wrong while answering; it has been logged.") from None
        turn = len(history) + 1
        panels = [*panels, turn_html(answer, turn, desk.neighbours)][-KEPT_TURNS:]
        panel = panel_html(panels)
        briefing = to_markdown(answer)
        asked = {"role": "user", "content": escape(answer.question)}
        steps = answer_pieces(answer.text) if answer.answered else [answer.text]
        for step, text in enumerate(steps, start=1):
            reply = {"role": "assistant", "content": reply_html(answer, turn, text)}
            if step == 1 or step == len(steps):
                yield [*messages, asked, reply], panel, briefing, "", panels
            else:
                yield [*messages, asked, reply], gr.skip(), gr.skip(), gr.skip(), gr.skip()
            if step < len(steps):
                time.sleep(STREAM_PAUSE)

    return respond
