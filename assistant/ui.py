"""The Gradio Blocks around the shared Desk: chat, sources panel, filters, briefing, admin upload."""

from __future__ import annotations

import gradio as gr

from assistant import panel
from assistant.admin import make_add_files, make_unlock
from assistant.briefing import BriefingFiles, to_markdown
from assistant.chat import Conversation, make_respond
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
CACHE_SWEEP = (600, 3600)  # Gradio's file cache: every 10 minutes, delete files an hour old


def theme() -> gr.themes.Base:
    """The default theme with system fonts: the page loads nothing from other sites."""
    return gr.themes.Default(
        font=["ui-sans-serif", "system-ui", "sans-serif"],
        font_mono=["ui-monospace", "SFMono-Regular", "monospace"],
    )


def build_ui(desk: Desk, concurrency: int = 2) -> gr.Blocks:
    settings = desk.settings
    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=CACHE_SWEEP) as demo:
        conversation = gr.State(Conversation())  # held on the server, never sent by the client
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

        inputs = [question, conversation, publications, issue_min, issue_max, date_from, date_to]
        inputs += [sources]
        outputs = [chatbot, sources_html, briefing, question, conversation]
        respond = make_respond(desk)
        briefings = BriefingFiles()

        def briefing_file(conversation: Conversation, request: gr.Request):
            """The session's last answer as a file, made from the server's own Answer."""
            if not isinstance(conversation, Conversation) or not conversation.answers:
                return None
            return briefings.write(
                request.session_hash or "", to_markdown(conversation.answers[-1])
            )

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
            event.then(briefing_file, conversation, download, api_visibility="private", queue=False)
        for cleared in (clear.click, chatbot.clear):  # the button and the chat's trash icon
            cleared(
                lambda: ([], panel.EMPTY, "", None, Conversation()),
                None,
                [chatbot, sources_html, briefing, download, conversation],
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


# Before the token check runs, the browser asks the server for an upload ticket: the server sets
# it as an HttpOnly cookie (scripts never see it), sent with Gradio's own upload request.
FETCH_TICKET = """async (token) => {
  const root = ((window.gradio_config && window.gradio_config.root) || "").replace(/\\/$/, "");
  try {
    await fetch(root + "/api/admin/ticket", { method: "POST", credentials: "same-origin",
      headers: { Authorization: "Bearer " + (token || "") } });
  } catch (error) { /* the handler below reports a wrong token */ }
  return [token];
}"""


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
    unlock.click(
        make_unlock(desk), token, [files, add, status], api_visibility="private", js=FETCH_TICKET
    )

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
