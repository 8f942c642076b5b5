"""An answer as a Markdown briefing: the answer with footnotes, each the citation's label and the
paragraph it quotes."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from assistant.render import quote_spans
from assistant.types import CANNOT_ANSWER, Answer, citation_label

_MARKER = re.compile(r"\s*\[(\d{1,3})\]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def md_escape(text: str) -> str:
    """Archive text shown literally by Markdown renderers (no links, images, tags or emphasis)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def to_markdown(answer: Answer) -> str:
    lines = [f"# {md_escape(answer.question)}", ""]
    if not answer.answered:
        lines += [md_escape(CANNOT_ANSWER), ""]
        if answer.related:
            lines += ["Related passages (not an answer):", ""]
            for hit in answer.related:
                lines += [f"- {md_escape(citation_label(hit.paragraph))}", ""]
                lines += [f"  > {md_escape(hit.paragraph.text)}", ""]
        return "\n".join(lines)
    valid = {c.marker for c in answer.citations}
    body = _MARKER.sub(
        lambda m: f"[^{m.group(1)}]" if int(m.group(1)) in valid else "",
        _escape_outside_markers(answer.text),
    )
    lines += [body, ""]
    for citation in answer.citations:
        lines.append(f"[^{citation.marker}]: {md_escape(citation.label)}")
        lines.append("")
        lines.append(f"    > {_bold_quote(citation.paragraph.text, citation.quote)}")
        lines.append("")
    return "\n".join(lines)


def _escape_outside_markers(text: str) -> str:
    out, position = [], 0
    for match in _MARKER.finditer(text):
        out.append(md_escape(text[position : match.start()]))
        out.append(match.group())
        position = match.end()
    out.append(md_escape(text[position:]))
    return "".join(out)


def _bold_quote(text: str, quote: str) -> str:
    """The paragraph, escaped, with the sentence(s) the answer quotes in bold."""
    out, position = [], 0
    for start, end in quote_spans(text, quote):
        out.append(md_escape(text[position:start]))
        out.append(f"**{md_escape(text[start:end])}**")
        position = end
    out.append(md_escape(text[position:]))
    return "".join(out)


def write_file(markdown: str, folder: Path | None = None) -> Path:
    """The briefing in a fresh temporary file (what the download button serves)."""
    folder = Path(tempfile.mkdtemp(prefix="dispatch-briefing-", dir=folder))
    path = folder / "briefing.md"
    path.write_text(markdown, encoding="utf-8")
    return path
