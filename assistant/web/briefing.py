"""An answer as a Markdown briefing: the answer with footnotes, each the citation's label and the
paragraph it quotes."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from assistant.types import CANNOT_ANSWER, MARKER, Answer, citation_label
from assistant.web.render import quote_spans, safe_url
from index.types import Paragraph

MAX_BRIEFING_BYTES = 512 * 1024  # a briefing of 50 turns is ~100 KB
BRIEFING_MAX_AGE = 3600.0  # seconds a briefing file is kept
MAX_BRIEFING_FILES = 1000  # sessions whose latest briefing is kept at once
TRUNCATED = "\n\n[Briefing cut at its size limit.]\n"
_MARKER = re.compile(rf"\s*{MARKER.pattern}")  # with the space before it
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def md_escape(text: str) -> str:
    """Archive text shown literally by Markdown renderers (no links, images, tags or emphasis)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def briefing_markdown(answers: list[Answer], today: str, title: str = "Briefing") -> str:
    """A conversation as one Markdown briefing: a title and date, then each question as a
    section with its answer, footnotes numbered per answer (`[^2-1]`: answer 2, source 1)."""
    lines = [f"# {md_escape(title)}", "", f"Prepared {today} with Dispatch Desk.", ""]
    if len(answers) == 1:
        return "\n".join(lines) + "\n" + to_markdown(answers[0], level=2)
    sections = [to_markdown(a, level=2, prefix=f"{n}-") for n, a in enumerate(answers, start=1)]
    return "\n".join(lines) + "\n" + "\n".join(sections)


def to_markdown(answer: Answer, level: int = 1, prefix: str = "") -> str:
    """One answer: the question as a heading, the answer with footnote markers, each footnote
    the source's label, date, title and address, and the paragraph with the quote in bold."""
    lines = [f"{'#' * level} {md_escape(answer.question)}", ""]
    if answer.scope:
        lines += [f"*Filtered: {md_escape(answer.scope)}*", ""]
    if not answer.answered:
        lines += [md_escape(CANNOT_ANSWER), ""]
        if answer.related:
            lines += ["Related passages (not an answer):", ""]
            for hit in answer.related:
                lines += [f"- {_source_line(hit.paragraph)}", ""]
                lines += [f"  > {md_escape(hit.paragraph.text)}", ""]
        return "\n".join(lines)
    valid = {c.marker for c in answer.citations}
    body = _MARKER.sub(
        lambda m: f"[^{prefix}{m.group(1)}]" if int(m.group(1)) in valid else "",
        _escape_outside_markers(answer.text),
    )
    lines += [body, ""]
    for citation in answer.citations:
        lines.append(f"[^{prefix}{citation.marker}]: {_source_line(citation.paragraph)}")
        lines.append("")
        lines.append(f"    > {_bold_quote(citation.paragraph.text, citation.quote)}")
        lines.append("")
    return "\n".join(lines)


def _source_line(paragraph: Paragraph) -> str:
    """`Monitor, Vol. 6, Issue 228, ¶7, 2000-12-06, “Title”, <https://...>`"""
    parts = [md_escape(citation_label(paragraph))]
    if paragraph.date:
        parts.append(paragraph.date)
    if paragraph.title:
        parts.append(f"“{md_escape(paragraph.title)}”")
    url = safe_url(paragraph.url)
    if url:
        parts.append(f"<{url}>")
    return ", ".join(parts)


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


class BriefingFiles:
    """The files the download button serves: one per browser session (overwritten by its next
    briefing), in one folder of the temp dir, capped in size and swept once an hour old.

    A briefing is only ever made from an Answer the server itself built for that session, so
    what can be written is bounded by the questions answered; the sweep bounds how long it stays.
    """

    def __init__(
        self,
        folder: Path | None = None,
        max_bytes: int = MAX_BRIEFING_BYTES,
        max_age: float = BRIEFING_MAX_AGE,
        max_files: int = MAX_BRIEFING_FILES,
    ) -> None:
        self.folder = folder or Path(tempfile.gettempdir()) / "dispatch-briefings"
        self.max_bytes, self.max_age, self.max_files = max_bytes, max_age, max_files

    def write(self, session: str, markdown: str) -> Path:
        self.sweep()
        data = markdown.encode("utf-8")
        if len(data) > self.max_bytes:
            cut = data[: self.max_bytes - len(TRUNCATED)].decode("utf-8", "ignore")
            data = (cut + TRUNCATED).encode("utf-8")
        key = hashlib.sha256(session.encode("utf-8", "replace")).hexdigest()[:32]
        path = self.folder / key / "briefing.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.write_bytes(data)
        os.replace(partial, path)
        return path

    def sweep(self, now: float | None = None) -> None:
        """Removes briefings older than `max_age`, and the oldest beyond `max_files`."""
        now = time.time() if now is None else now
        if not self.folder.is_dir():
            return
        files = []
        for path in self.folder.glob("*/briefing.md"):
            try:
                files.append((path.stat().st_mtime, path))
            except OSError:
                continue
        files.sort(reverse=True)
        for rank, (modified, path) in enumerate(files):
            if rank >= self.max_files or now - modified > self.max_age:
                shutil.rmtree(path.parent, ignore_errors=True)
