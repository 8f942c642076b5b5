"""The Gradio Blocks around the shared Desk: chat, sources panel, filters, briefing, admin upload."""

from __future__ import annotations

import gradio as gr

from assistant import panel
from assistant.admin import make_add_files, make_unlock
from assistant.auth import TICKET_COOKIE
from assistant.briefing import write_file
from assistant.chat import make_respond
from assistant.desk import Desk
from assistant.filter_input import MAX_SOURCES
from assistant.uploads import ALLOWED_SUFFIXES

TITLE = "Dispatch Desk"
INTRO = (
    "Ask about the news archive. Every sentence of an answer cites the paragraph it comes from: "
    "click a marker such as [1] to read the source beside the chat."
)
# Copies the briefing box; falls back to selecting the text where the clipboard API is missing.
COPY_JS = """(text) => {
  if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(text || ""); }
  else { const area = document.querySelector("#briefing textarea");
         if (area) { area.select(); document.execCommand("copy"); } }
  return [];
}"""

CSS = panel.CSS


def theme() -> gr.themes.Base:
    """The default theme with system fonts: the page loads nothing from other sites."""
    return gr.themes.Default(
        font=["ui-sans-serif", "system-ui", "sans-serif"],
        font_mono=["ui-monospace", "SFMono-Regular", "monospace"],
    )


def build_ui(desk: Desk, concurrency: int = 2) -> gr.Blocks:
    settings = desk.settings
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        panels = gr.State([])  # this session's sources sections, oldest first
        gr.Markdown(f"## {TITLE}\n{INTRO}")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(
                    label="Conversation",
                    elem_id="chat",
                    render_markdown=False,  # we send escaped HTML; no Markdown or LaTeX parsing
                    latex_delimiters=[],
                    sanitize_html=True,
                    height=480,
                    feedback_options=None,
                    placeholder="Ask a question below, e.g. “What did Sergeev say about Iran?”",
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
                clear = gr.Button("New conversation", size="sm")
                with gr.Accordion("Filters", open=False):
                    publications = gr.Dropdown(
                        choices=desk.publications(),
                        value=[],
                        multiselect=True,
                        allow_custom_value=True,  # publications added after start-up
                        label="Publication",
                    )
                    with gr.Row():
                        issue_min = gr.Number(label="Issue from", precision=0, minimum=0)
                        issue_max = gr.Number(label="Issue to", precision=0, minimum=0)
                    with gr.Row():
                        date_from = gr.Textbox(label="Date from", placeholder="YYYY-MM-DD")
                        date_to = gr.Textbox(label="Date to", placeholder="YYYY-MM-DD")
                    sources = gr.Slider(
                        1, MAX_SOURCES, value=settings.sources, step=1, label="Number of sources"
                    )
                with gr.Accordion("Briefing", open=False):
                    briefing = gr.Textbox(
                        label="Last answer as Markdown, with footnotes",
                        elem_id="briefing",
                        lines=8,
                        max_lines=20,
                        interactive=False,
                    )
                    with gr.Row():
                        download = gr.DownloadButton("Download briefing (.md)", elem_id="download")
                        copy = gr.Button("Copy briefing", elem_id="copy")
                wire_admin = _admin_section(desk) if settings.admin_token else None
            with gr.Column(scale=2):
                gr.Markdown("### Sources")
                sources_html = gr.HTML(
                    panel.EMPTY, label="Sources", elem_id="sources", js_on_load=None
                )

        inputs = [question, chatbot, publications, issue_min, issue_max, date_from, date_to]
        inputs += [sources, panels]
        outputs = [chatbot, sources_html, briefing, question, panels]
        respond = make_respond(desk)
        # One public endpoint, /ask (the Enter key); the button runs the same function privately.
        submitted = question.submit(
            respond, inputs, outputs, api_name="ask", concurrency_id="ask", show_progress="minimal"
        )
        clicked = ask.click(
            respond,
            inputs,
            outputs,
            api_visibility="private",
            concurrency_id="ask",
            show_progress="minimal",
        )
        for event in (submitted, clicked):
            event.then(_briefing_file, briefing, download, api_visibility="private", queue=False)
        clear.click(
            lambda: ([], panel.EMPTY, "", None, []),
            None,
            [chatbot, sources_html, briefing, download, panels],
            api_visibility="private",
            queue=False,
        )
        copy.click(None, briefing, None, js=COPY_JS, api_visibility="private")
        demo.load(
            lambda: gr.update(choices=desk.publications()),
            None,
            publications,
            api_visibility="private",
            queue=False,
        )
        if wire_admin:
            wire_admin(publications)
    demo.queue(default_concurrency_limit=concurrency, max_size=64)
    return demo


def _briefing_file(markdown: str):
    return write_file(markdown) if markdown else None


# The upload ticket goes into a cookie that the browser sends with Gradio's own upload request.
SET_TICKET_COOKIE = f"""(ticket) => {{
  if (ticket) document.cookie = "{TICKET_COOKIE}=" + ticket + "; path=/; max-age=3600; SameSite=Strict";
}}"""


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
        ticket = gr.Textbox(visible=False)
    unlock.click(
        make_unlock(desk), token, [files, add, status, ticket], api_visibility="private"
    ).then(None, ticket, None, js=SET_TICKET_COOKIE)

    def wire(publications: gr.Dropdown) -> None:
        add.click(
            make_add_files(desk),
            [token, files],
            [status, publications, files],
            api_visibility="private",
            concurrency_id="ingest",
            concurrency_limit=1,
        )

    return wire
