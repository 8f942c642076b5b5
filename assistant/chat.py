"""The chat turn: question + filters + the server-held conversation -> streamed reply, sources
panel, briefing.

The conversation lives in a `gr.State` (kept on the server, per browser session): the client
never sends the chat history back, so no client-sent message or file part can reach an output
(a forged history once made Gradio copy any server file into its cache and serve it)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import gradio as gr

from assistant.briefing import to_markdown
from assistant.desk import Desk
from assistant.errors import DispatchError
from assistant.filter_input import filters_from, sources_count
from assistant.panel import panel_html, turn_html
from assistant.render import answer_pieces, escape, reply_html
from assistant.types import Answer

log = logging.getLogger(__name__)

STREAM_PAUSE = 0.04  # seconds between streamed sentences
KEPT_TURNS = 50  # turns a session keeps (older markers then lead nowhere; the API's history cap)


@dataclass
class Conversation:
    """One browser session's chat, held on the server: what the chat shows, the questions asked
    (for follow-ups), the sources sections and the answers (for the briefing)."""

    messages: list[dict] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    panels: list[str] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    turns: int = 0  # turns so far, also after older ones are dropped (anchors stay unique)

    def add(self, question: str, answer: Answer, panel: str, messages: list[dict]) -> None:
        self.turns += 1
        self.questions = [*self.questions, question][-KEPT_TURNS:]
        self.panels = [*self.panels, panel][-KEPT_TURNS:]
        self.answers = [*self.answers, answer][-KEPT_TURNS:]
        self.messages = messages[-2 * KEPT_TURNS :]


def make_respond(desk: Desk):
    default_sources = desk.settings.sources

    def respond(
        question: str,
        conversation: Conversation | None,
        publications: list[str] | None = None,
        issue_min: float | None = None,
        issue_max: float | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        sources: float | None = None,
    ) -> Iterator[tuple]:
        """Answer a question about the archive, with citations (streamed sentence by sentence).

        Returns the conversation (messages), the sources panel as HTML, the answer as a
        Markdown briefing, an empty question box and the updated server-side conversation."""
        conversation = conversation if isinstance(conversation, Conversation) else Conversation()
        try:
            filters = filters_from(publications, issue_min, issue_max, date_from, date_to)
            count = sources_count(sources, default_sources)
            answer = desk.ask(question, filters, list(conversation.questions), count)
        except DispatchError as error:
            raise gr.Error(str(error), print_exception=False) from None
        except Exception:
            log.exception("answering %r failed", str(question)[:200])
            raise gr.Error("Something went wrong while answering; it has been logged.") from None
        turn = conversation.turns + 1
        panels = [*conversation.panels, turn_html(answer, turn, desk.neighbours)][-KEPT_TURNS:]
        panel = panel_html(panels)
        briefing = to_markdown(answer)
        asked = {"role": "user", "content": escape(answer.question)}
        earlier = conversation.messages
        steps = answer_pieces(answer.text) if answer.answered else [answer.text]
        for step, text in enumerate(steps, start=1):
            reply = {"role": "assistant", "content": reply_html(answer, turn, text)}
            messages = [*earlier, asked, reply]
            if step == len(steps):
                conversation.add(answer.question, answer, panels[-1], messages)
                yield messages, panel, briefing, "", conversation
            elif step == 1:
                yield messages, panel, briefing, "", gr.skip()
            else:
                yield messages, gr.skip(), gr.skip(), gr.skip(), gr.skip()
            if step < len(steps):
                time.sleep(STREAM_PAUSE)

    return respond
