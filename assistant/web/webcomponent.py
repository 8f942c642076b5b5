"""A stable `/gradio.js` for embedding: it imports the `<gradio-app>` custom-element module that this
server itself serves under /assets/ (its file name carries a build hash, found at start-up)."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.errors import DispatchError

_ENTRY = re.compile(r"""assets/(index-[A-Za-z0-9_-]+\.js)""")


def frontend_dir() -> Path:
    import gradio

    return Path(gradio.__file__).parent / "templates" / "frontend"


def entry_module(frontend: Path | None = None) -> str:
    """File name of the custom-element module in gradio's built frontend, e.g. index-DphvyggB.js."""
    frontend = frontend or frontend_dir()
    for source in ("gradio.js", "index.html"):
        path = frontend / source
        if path.is_file():
            match = _ENTRY.search(path.read_text(encoding="utf-8"))
            if match and (frontend / "assets" / match.group(1)).is_file():
                return match.group(1)
    raise DispatchError(f"Cannot find gradio's custom-element module in {frontend}")


def loader_script(module: str) -> str:
    """The body of /gradio.js: relative to its own URL, so it works behind a path prefix too."""
    return f'import "./assets/{module}";\n'
