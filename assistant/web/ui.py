"""The Gradio Blocks around the shared Desk: chat (Ask tab), a person's statements (Statements
tab), the sources panel beside both, filters, briefing, admin upload."""

from __future__ import annotations

from datetime import date

import gradio as gr

from assistant.web import panel, statements_tab
from assistant.web.admin import make_add_files, make_unlock
from assistant.web.briefing import BriefingFiles, briefing_markdown
from assistant.web.chat import (
    Conversation,
    make_feedback,
    make_regenerate,
    make_respond,
    make_restore,
)
from assistant.web.desk import Desk
from assistant.web.feedback import FeedbackLog
from assistant.web.filters import MAX_SOURCES
from assistant.web.holdings import example_questions, holdings_markdown
from assistant.web.scripts import COPY_BRIEFING, FETCH_TICKET
from assistant.web.uploads import ALLOWED_SUFFIXES

TITLE = "Dispatch Desk"
INTRO = (
    "Ask about the news archive. Every sentence of an answer cites the paragraph it comes from: "
    "click a marker such as [1] to read the source beside the chat. "
    "The Statements tab lists what a person said, in date order, with citations. "
    "JSON API: [/api/docs](/api/docs)."
)
CSS = (
    panel.CSS
    + statements_tab.CSS
    + """
.question-error { color: var(--error-text-color); background: var(--error-background-fill);
  border: 1px solid var(--error-border-color); border-radius: 6px; padding: .4rem .6rem; }
"""
)
CACHE_SWEEP = (600, 3600)  # Gradio's file cache: every 10 minutes, delete files an hour old
SAVED_KEY = "dispatch-desk-conversation"  # the browser storage key of the kept conversation
PRIVATE = {"api_visibility": "private"}


def theme() -> gr.themes.Base:
    """The default theme with system fonts: the page loads nothing from other sites."""
    return gr.themes.Default(
        font=["ui-sans-serif", "system-ui", "sans-serif"],
        font_mono=["ui-monospace", "SFMono-Regular", "monospace"],
    )


def build_ui(desk: Desk, concurrency: int = 2) -> gr.Blocks:
    settings = desk.settings
    feedback_log = FeedbackLog(settings.feedback_file)
    briefings = BriefingFiles()
    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=CACHE_SWEEP) as demo:
        conversation = gr.State(Conversation())  # held on the server, never sent by the client
        statements = gr.State("")  # the Statements tab's section of the sources panel (HTML)
        stored = gr.BrowserState({}, storage_key=SAVED_KEY)  # survives a reload (web/saved.py)
        gr.Markdown(f"## {TITLE}\n{INTRO}")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3), gr.Tabs(elem_id="desk-tabs"):
                with gr.Tab("Ask", id="ask-tab", elem_id="ask-tab"):
                    chatbot = gr.Chatbot(
                        label="Conversation",
                        elem_id="chat",
                        render_markdown=False,  # we send escaped HTML; no Markdown or LaTeX parsing
                        latex_delimiters=[],
                        sanitize_html=True,
                        height=480,
                        feedback_options=("Like", "Dislike"),
                        buttons=["copy", "copy_all"],
                        placeholder=holdings_markdown(desk.assistant.catalog),
                        examples=[{"text": q} for q in example_questions(desk.assistant.catalog)],
                    )
                    with gr.Row():
                        question = gr.Textbox(
                            elem_id="question",
                            label="Question",
                            placeholder="What did Sergeev say about Iran?",
                            max_lines=4,
                            scale=5,
                            autofocus=True,
                        )
                        ask = gr.Button("Ask", variant="primary", elem_id="ask", scale=1)
                        stop = gr.Button(
                            "Stop", variant="stop", elem_id="stop", scale=1, visible=False
                        )
                    problem = gr.HTML("", elem_id="question-error", js_on_load=None)
                    with gr.Row():
                        clear = gr.Button("New conversation", size="sm", elem_id="new-conversation")
                        again = gr.Button("Regenerate last answer", size="sm", elem_id="regenerate")
                    with gr.Accordion("Filters", open=False):
                        publications = gr.Dropdown(
                            choices=desk.publications(),
                            value=[],
                            multiselect=True,
                            allow_custom_value=True,  # publications added after start-up
                            label="Publication",
                        )
                        with gr.Row():  # blank (or 0) is no bound; gr.Number would show 0
                            issue_min = gr.Textbox(label="Issue from", placeholder="any")
                            issue_max = gr.Textbox(label="Issue to", placeholder="any")
                        with gr.Row():
                            date_from = gr.Textbox(label="Date from", placeholder="YYYY-MM-DD")
                            date_to = gr.Textbox(label="Date to", placeholder="YYYY-MM-DD")
                        sources = gr.Slider(
                            1,
                            MAX_SOURCES,
                            value=settings.sources,
                            step=1,
                            label="Number of sources",
                        )
                    with gr.Accordion("Briefing", open=False):
                        briefing = gr.Textbox(
                            label="The conversation as Markdown, with footnotes",
                            elem_id="briefing",
                            lines=8,
                            max_lines=20,
                            interactive=False,
                        )
                        with gr.Row():
                            download = gr.DownloadButton(
                                "Download briefing (.md)", elem_id="download"
                            )
                            copy = gr.Button("Copy briefing", elem_id="copy")
                    wire_admin = _admin_section(desk) if settings.admin_token else None
                with gr.Tab("Statements", id="statements-tab", elem_id="statements-tab"):
                    wire_statements = statements_tab.build(desk)
            with gr.Column(scale=2):
                gr.Markdown("### Sources")
                sources_html = gr.HTML(
                    panel.EMPTY, label="Sources", elem_id="sources", js_on_load=None
                )

        filters = [publications, issue_min, issue_max, date_from, date_to, sources]
        outputs = [chatbot, sources_html, briefing, question, conversation, problem, stored]

        def briefing_file(conversation: Conversation, request: gr.Request):
            """The conversation as a file, made from the server's own Answers."""
            if not isinstance(conversation, Conversation) or not conversation.answers:
                return None
            text = briefing_markdown(conversation.answers, date.today().isoformat())
            return briefings.write(request.session_hash or "", text)

        def briefing_text(conversation: Conversation) -> str:
            if not isinstance(conversation, Conversation) or not conversation.answers:
                return ""
            return briefing_markdown(conversation.answers, date.today().isoformat())

        def kept(conversation: Conversation, section: str):
            """The sources panel as the chat left it, with the Statements tab's section (if
            any) below the turns, so that the tab's links keep their targets."""
            if not isinstance(section, str) or not section:
                return gr.skip()
            return statements_tab.sources_with(conversation, section)

        def running(shown: bool):
            return lambda: (gr.update(visible=shown), gr.update(visible=not shown))

        def answering(trigger, fn, inputs, **options):
            """Stop shown while the answer streams; then the briefing and its file."""
            started = trigger(running(True), None, [stop, ask], queue=False, **PRIVATE)
            answered = started.then(
                fn, inputs, outputs, concurrency_id="ask", show_progress="minimal", **options
            )
            finished = answered.then(running(False), None, [stop, ask], queue=False, **PRIVATE)
            finished.then(kept, [conversation, statements], sources_html, queue=False, **PRIVATE)
            finished.then(briefing_text, conversation, briefing, queue=False, **PRIVATE).then(
                briefing_file, conversation, download, queue=False, **PRIVATE
            )
            return answered

        respond = make_respond(desk)
        # One Gradio endpoint for clients (gradio_client), /ask; the page links the JSON API docs.
        runs = [
            answering(
                question.submit,
                respond,
                [question, conversation, *filters],
                api_name="ask",
                api_visibility="public",
            ),
            answering(ask.click, respond, [question, conversation, *filters], **PRIVATE),
            answering(again.click, make_regenerate(desk), [conversation, *filters], **PRIVATE),
        ]

        def example(data: gr.SelectData) -> str:
            value = data.value
            return value.get("text", "") if isinstance(value, dict) else str(value or "")

        picked = chatbot.example_select(example, None, question, queue=False, **PRIVATE)
        runs.append(answering(picked.then, respond, [question, conversation, *filters], **PRIVATE))
        stop.click(running(False), None, [stop, ask], cancels=runs, queue=False, **PRIVATE)

        def new_conversation():
            return [], panel.EMPTY, "", None, Conversation(), "", {}

        reset = [chatbot, sources_html, briefing, download, conversation, problem, stored]
        for cleared in (clear.click, chatbot.clear):  # the button and the chat's trash icon
            cleared(new_conversation, None, reset, queue=False, **PRIVATE).then(
                kept, [conversation, statements], sources_html, queue=False, **PRIVATE
            )
        chatbot.like(make_feedback(feedback_log), conversation, None, queue=False, **PRIVATE)
        copy.click(None, briefing, None, js=COPY_BRIEFING, **PRIVATE)
        demo.load(
            lambda: gr.update(choices=desk.publications()),
            None,
            publications,
            queue=False,
            **PRIVATE,
        )
        demo.load(
            make_restore(desk),
            stored,
            [chatbot, sources_html, briefing, conversation],
            queue=False,
            **PRIVATE,
        ).then(briefing_file, conversation, download, queue=False, **PRIVATE)
        wire_statements(conversation, sources_html, statements, **PRIVATE)
        if wire_admin:
            wire_admin(publications)
    demo.queue(default_concurrency_limit=concurrency, max_size=64)
    return demo


def _admin_section(desk: Desk):
    """The token box, and the upload control it unlocks; returns a function that wires the
    upload to the publication dropdown once that exists."""
    with gr.Accordion("Add articles (admin)", open=False):
        token = gr.Textbox(label="Admin token", type="password", elem_id="admin-token")
        unlock = gr.Button("Unlock", size="sm", elem_id="unlock")
        files = gr.File(
            label=f"Article files ({' '.join(ALLOWED_SUFFIXES)})",
            file_count="multiple",
            file_types=list(ALLOWED_SUFFIXES),
            visible=False,
            elem_id="upload",
        )
        add = gr.Button("Add to archive", visible=False, elem_id="add-files")
        status = gr.HTML("", js_on_load=None)
    unlock.click(make_unlock(desk), token, [files, add, status], js=FETCH_TICKET, **PRIVATE)

    def wire(publications: gr.Dropdown) -> None:
        add.click(
            make_add_files(desk),
            [token, files],
            [status, publications, files],
            concurrency_id="ingest",
            concurrency_limit=1,
            **PRIVATE,
        )

    return wire
