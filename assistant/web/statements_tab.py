"""The Statements tab: a person's statements over time as a table (date order), each row linking
to its paragraph, which the tab puts in the sources panel beside it (as a section of its own).

Every text from the archive or the user is escaped (`render.escape`) before our tags are added.
The links are `a.cite` links to an element of the page, which the page's script (DESK_SCRIPT)
follows within the page, as it does the chat's markers."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr

from assistant.errors import DispatchError
from assistant.statements import StatementRow, attribution
from assistant.web.chat import Conversation, error_html
from assistant.web.desk import Desk
from assistant.web.filters import filters_from
from assistant.web.panel import EMPTY, _source_html
from assistant.web.render import escape, highlight, safe_url

log = logging.getLogger(__name__)

SECTION_ID = "statements-sources"
CSS = """
#sources .statements { margin-bottom: 1.25rem; }
#sources .statements h3 { font-size: 1rem; margin: 0 0 .5rem; }
#statements-results table { width: 100%; border-collapse: collapse; font-size: .95em; }
#statements-results th, #statements-results td { text-align: left; vertical-align: top;
  padding: .35rem .5rem; border-bottom: 1px solid var(--border-color-primary); }
#statements-results td.date, #statements-results td.who { white-space: nowrap; }
#statements-results td.said { min-width: 16rem; }
#statements-results td.where { min-width: 10rem; }
#statements-results .summary, #statements-results .none { margin: .25rem 0 .5rem; }
#statements-results a.origin { font-size: .85em; margin-left: .35em; }
"""
HINT = '<p class="summary">Name a person to list what they said, in date order.</p>'


@dataclass(frozen=True)
class Found:
    """What a search shows: the table, and the section it adds to the sources panel."""

    table: str
    section: str


def statement_source_id(number: int) -> str:
    """HTML id of the n-th paragraph (1-based) of a listing, in the sources panel."""
    return f"statement-{number}"


def statement_row_id(number: int) -> str:
    """HTML id of the first table row citing the n-th paragraph: where its "back" link returns."""
    return f"statement-row-{number}"


def listing_html(rows: list[StatementRow], speaker: str, about: str, neighbours) -> Found:
    """The table (one row per statement, in the order given) and the sources section with each
    cited paragraph once, its statements marked."""
    subject = f" on {about}" if about else ""
    if not rows:
        text = f"No statements by {speaker}{subject} were found in the archive."
        return Found(f'<p class="none">{escape(text)}</p>', "")
    numbers: dict[str, int] = {}
    sentences: dict[str, list[str]] = {}
    body = []
    for row in rows:
        pid = row.paragraph.id
        first = pid not in numbers
        number = numbers.setdefault(pid, len(numbers) + 1)
        sentences.setdefault(pid, []).append(row.sentence)
        anchor = f' id="{statement_row_id(number)}"' if first else ""
        url = safe_url(row.paragraph.url)
        origin = (
            f' <a class="origin" href="{escape(url)}" target="_blank" '
            f'rel="noopener noreferrer">article</a>'
            if url
            else ""
        )
        body.append(
            f"<tr{anchor}>"
            f'<td class="date">{escape(row.date or "undated")}</td>'
            f'<td class="who">{escape(attribution(row))}</td>'
            f'<td class="said">{escape(row.sentence)}</td>'
            f'<td class="where"><a class="cite" href="#{statement_source_id(number)}" '
            f'aria-label="Open the source: {escape(row.label)}">{escape(row.label)}</a>'
            f"{origin}</td></tr>"
        )
    count = f"{len(rows)} statement{'s' if len(rows) != 1 else ''}"
    summary = f"{count} by {speaker}{subject}, in date order (undated ones last)."
    head = "<tr><th>Date</th><th>Who</th><th>Statement</th><th>Source</th></tr>"
    table = (
        f'<p class="summary">{escape(summary)}</p>'
        f"<table><thead>{head}</thead><tbody>{''.join(body)}</tbody></table>"
    )
    paragraphs = {row.paragraph.id: row.paragraph for row in rows}
    items = []
    for pid, number in numbers.items():
        paragraph = paragraphs[pid]
        quoted = sorted(set(sentences[pid]), key=lambda s: paragraph.text.find(s))
        back = f'<a class="back" href="#{statement_row_id(number)}">↩ back to the statements</a>'
        items.append(
            _source_html(
                statement_source_id(number),
                "",
                paragraph,
                highlight(paragraph.text, " ".join(quoted)),
                neighbours,
                back,
            )
        )
    heading = f"<h3>Statements by {escape(speaker)}{escape(subject)}</h3>"
    section = f'<section class="statements" id="{SECTION_ID}">{heading}{"".join(items)}</section>'
    return Found(table, section)


def sources_with(conversation: object, section: str) -> str:
    """The sources panel: the chat's turns (newest first), then the statements' section."""
    panels = conversation.panels if isinstance(conversation, Conversation) else []
    return "".join(reversed(panels)) + section or EMPTY


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def make_find(desk: Desk) -> Callable:
    def find(
        speaker: str,
        about: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        conversation: Conversation | None = None,
    ) -> tuple:
        """A person's statements in date order, as a table; their paragraphs go to the top of
        the sources panel. A bad name or date is reported in the table's place."""
        speaker, about = _text(speaker), _text(about)
        try:
            filters = filters_from(None, None, None, _text(date_from), _text(date_to))
            rows = desk.statements(speaker, about, filters)
        except DispatchError as error:
            return error_html(str(error)), gr.skip(), gr.skip()
        except Exception:
            log.exception("listing the statements of %r failed", speaker[:200])
            return error_html("Something went wrong; it has been logged."), gr.skip(), gr.skip()
        found = listing_html(rows, speaker, about, desk.neighbours)
        panels = conversation.panels if isinstance(conversation, Conversation) else []
        sources = found.section + "".join(reversed(panels)) or EMPTY
        return found.table, sources, found.section

    return find


def build(desk: Desk) -> Callable:
    """The tab's controls (inside the caller's `gr.Tab`); returns a function that wires them to
    the conversation state, the sources panel and the state holding the tab's section."""
    gr.Markdown(
        "Everything a person is reported to have said, in date order, each statement with its "
        "citation: click one to read the paragraph under Sources."
    )
    with gr.Row():
        speaker = gr.Textbox(
            label="Speaker",
            placeholder="Sergeev",
            elem_id="statements-speaker",
            max_lines=1,
            scale=2,
        )
        about = gr.Textbox(
            label="About (optional)",
            placeholder="Iran",
            elem_id="statements-about",
            max_lines=1,
            scale=2,
        )
    with gr.Row():
        date_from = gr.Textbox(
            label="From date", placeholder="YYYY-MM-DD", elem_id="statements-from", max_lines=1
        )
        date_to = gr.Textbox(
            label="To date", placeholder="YYYY-MM-DD", elem_id="statements-to", max_lines=1
        )
        find = gr.Button("List statements", variant="primary", elem_id="statements-find")
    results = gr.HTML(HINT, elem_id="statements-results", js_on_load=None)

    def wire(conversation: gr.State, sources: gr.HTML, section: gr.State, **options) -> None:
        inputs = [speaker, about, date_from, date_to, conversation]
        for trigger in (find.click, speaker.submit, about.submit, date_from.submit, date_to.submit):
            trigger(
                make_find(desk),
                inputs,
                [results, sources, section],
                concurrency_id="ask",
                show_progress="minimal",
                **options,
            )

    return wire
