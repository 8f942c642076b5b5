"""The UI's admin handlers: unlock the upload control with the admin token, add uploaded files.
Each handler checks the token itself; the control's visibility is a convenience, not the guard."""

from __future__ import annotations

import logging
from pathlib import Path

import gradio as gr

from assistant.errors import BadInputError, DispatchError
from assistant.web.auth import token_matches
from assistant.web.desk import Desk
from assistant.web.render import escape
from assistant.web.uploads import Upload, check_count, check_size, safe_name

log = logging.getLogger(__name__)


def status_html(lines: list[str], ok: bool = True) -> str:
    kind = "ok" if ok else "problem"
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return f'<ul class="upload-status {kind}">{items}</ul>'


def make_unlock(desk: Desk):
    def unlock(token: str):
        """Shows the upload control (the browser fetched its upload ticket, an HttpOnly cookie
        from `POST /api/admin/ticket`, just before; Gradio's upload route needs it)."""
        if token_matches(token, desk.settings.admin_token):
            shown = gr.update(visible=True)
            return shown, shown, status_html(["Unlocked."])
        return (
            gr.update(visible=False),
            gr.update(visible=False),
            status_html(["That is not the admin token."], ok=False),
        )

    return unlock


def make_add_files(desk: Desk):
    settings = desk.settings

    def add_files(token: str, files: list[str] | None, progress=gr.Progress()):  # noqa: B008
        if not token_matches(token, settings.admin_token):
            raise gr.Error("That is not the admin token.", print_exception=False)
        try:
            paths = [Path(f) for f in files or []]
            check_count(len(paths), settings.max_upload_files)
            for path in paths:  # refuse by size before reading anything
                check_size(safe_name(path.name), path.stat().st_size, settings.max_upload_bytes)
            uploads = [Upload(p.name, p.read_bytes()) for p in paths]
            progress((0, len(uploads)), desc="Adding articles")
            added = desk.add(
                uploads,
                lambda done, total, paragraphs: progress(
                    (done, total), desc=f"{paragraphs} paragraphs"
                ),
            )
        except (BadInputError, DispatchError) as error:
            return status_html([str(error)], ok=False), gr.skip(), gr.skip()
        except OSError:
            log.exception("reading an upload failed")
            return status_html(["The upload could not be read."], ok=False), gr.skip(), gr.skip()
        lines = [*added.lines(), f"The archive now holds {desk.paragraphs():,} paragraphs."]
        return (
            status_html(lines, ok=not added.failed),
            gr.update(choices=desk.publications()),
            None,
        )

    return add_files
