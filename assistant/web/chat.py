"""The chat turn: question + filters + the server-held conversation -> streamed reply, sources
panel, briefing; and what else acts on the conversation (regenerate, restore, feedback).

The conversation lives in a `gr.State` (kept on the server, per browser session): the client
never sends the chat history back, so no client-sent message or file part can reach an output
(a forged history once made Gradio copy any server file into its cache and serve it). The copy in
the browser's storage (web/saved.py) is plain data the server checks and re-renders."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import gradio as gr

from assistant.errors import DispatchError
from assistant.types import Answer
from assistant.web import saved
from assistant.web.briefing import briefing_markdown
from assistant.web.desk import Desk
from assistant.web.feedback import FeedbackLog
from assistant.web.filters import filters_from, sources_count
from assistant.web.panel import panel_html, turn_html
from assistant.web.render import answer_pieces, escape, reply_html

log = logging.getLogger(__name__)

STREAM_PAUSE = 0.04  # seconds between streamed sentences
KEPT_TURNS = 50  # turns a session keeps (older markers then lead nowhere; the API's history cap)


@dataclass
class Conversation:
    """One browser session's chat, held on the server: what the chat shows, the answers (for
    follow-ups, the briefing and feedback) and the sources sections."""

    messages: list[dict] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    panels: list[str] = field(default_factory=list)
    turns: int = 0  # turns so far, also after older ones are dropped (anchors stay unique)

    @property
    def questions(self) -> list[str]:
        return [a.question for a in self.answers]

    def add(self, answer: Answer, panel: str, messages: list[dict]) -> None:
        self.turns += 1
        self.answers = [*self.answers, answer][-KEPT_TURNS:]
        self.panels = [*self.panels, panel][-KEPT_TURNS:]
        self.messages = messages[-2 * KEPT_TURNS :]

    def drop_last(self) -> None:
        if self.answers:
            self.answers, self.panels = self.answers[:-1], self.panels[:-1]
            self.messages = self.messages[:-2]
            self.turns -= 1


def asked_message(answer: Answer) -> dict:
    return {"role": "user", "content": escape(answer.question)}


def error_html(message: str) -> str:
    return f'<div class="question-error" role="alert">{escape(message)}</div>'


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
        Markdown briefing, an empty question box, the server-side conversation, the error box
        and the conversation as saved in the browser. A bad question or filter leaves the
        conversation as it was and says what is wrong beside the question box."""
        conversation = conversation if isinstance(conversation, Conversation) else Conversation()
        try:
            filters = filters_from(publications, issue_min, issue_max, date_from, date_to)
            count = sources_count(sources, default_sources)
            answer = desk.ask(question, filters, conversation.questions, count)
        except DispatchError as error:
            yield (*[gr.skip()] * 5, error_html(str(error)), gr.skip())
            return
        except Exception:
            log.exception("answering %r failed", str(question)[:200])
            message = "Something went wrong while answering; it has been logged."
            yield (*[gr.skip()] * 5, error_html(message), gr.skip())
            return
        turn = conversation.turns + 1
        panels = [*conversation.panels, turn_html(answer, turn, desk.neighbours)][-KEPT_TURNS:]
        panel = panel_html(panels)
        briefing = briefing_markdown([*conversation.answers, answer], date.today().isoformat())
        earlier = conversation.messages
        steps = answer_pieces(answer.text) if answer.answered else [answer.text]
        for step, text in enumerate(steps, start=1):
            reply = {"role": "assistant", "content": reply_html(answer, turn, text)}
            messages = [*earlier, asked_message(answer), reply]
            if step == len(steps):
                conversation.add(answer, panels[-1], messages)
                stored = saved.dump(conversation.answers)
                yield messages, panel, briefing, "", conversation, "", stored
            elif step == 1:
                yield messages, panel, briefing, "", gr.skip(), "", gr.skip()
            else:
                yield messages, *[gr.skip()] * 6
            if step < len(steps):
                time.sleep(STREAM_PAUSE)

    return respond


def make_regenerate(desk: Desk):
    respond = make_respond(desk)

    def regenerate(conversation: Conversation | None, *filters) -> Iterator[tuple]:
        """The last question asked again (with the filters as they are now)."""
        if not isinstance(conversation, Conversation) or not conversation.answers:
            yield (*[gr.skip()] * 7,)
            return
        question = conversation.answers[-1].question
        conversation.drop_last()
        yield from respond(question, conversation, *filters)

    return regenerate


def make_restore(desk: Desk):
    def restore(stored: object) -> tuple:
        """The conversation the browser kept, re-rendered by the server from paragraph ids."""
        answers = saved.restore(stored, desk.paragraph, KEPT_TURNS)
        if not answers:
            return (*[gr.skip()] * 3, Conversation())
        conversation = Conversation()
        for answer in answers:
            turn = conversation.turns + 1
            reply = {"role": "assistant", "content": reply_html(answer, turn)}
            messages = [*conversation.messages, asked_message(answer), reply]
            conversation.add(answer, turn_html(answer, turn, desk.neighbours), messages)
        briefing = briefing_markdown(conversation.answers, date.today().isoformat())
        return conversation.messages, panel_html(conversation.panels), briefing, conversation

    return restore


def make_feedback(log_: FeedbackLog):
    def feedback(conversation: Conversation | None, data: gr.LikeData) -> None:
        """Thumbs up or down on an answer, stored with its question and citations."""
        if not isinstance(conversation, Conversation):
            return
        index = data.index[0] if isinstance(data.index, list | tuple) else data.index
        position = int(index) // 2  # messages are (question, answer) pairs
        if data.liked is None or not 0 <= position < len(conversation.answers):
            return
        liked = data.liked if isinstance(data.liked, bool) else str(data.liked).lower() == "like"
        log_.record(liked, conversation.answers[position])

    return feedback
