"""The sources panel: each citation with its paragraph, the quoted sentence marked, and the
neighbouring paragraphs on demand; for a decline, the closest passages as related reading."""

from __future__ import annotations

from collections.abc import Callable

from assistant.types import Answer, Citation, citation_label
from assistant.web.render import cite_id, escape, highlight, safe_url, source_id
from index.types import Hit, Paragraph

Neighbours = Callable[[str], list[Paragraph]]  # paragraph id -> it and the paragraphs around it

EMPTY = '<div class="sources-empty">Sources of each answer appear here.</div>'

CSS = """
#sources .turn { margin-bottom: 1.25rem; }
#sources .turn h3 { font-size: 1rem; margin: 0 0 .5rem; }
#sources .source { border-left: 3px solid var(--color-accent); padding: .25rem .75rem;
  margin: .5rem 0; scroll-margin-top: 1rem; }
#sources .source:target { background: var(--color-accent-soft); }
#sources .related .source { border-left-color: var(--border-color-primary); }
#sources .label { font-weight: 600; }
#sources .meta { font-size: .85em; opacity: .8; }
#sources mark { padding: 0 .1em; background: var(--color-accent-soft);
  color: var(--body-text-color); box-shadow: inset 0 -2px 0 var(--color-accent); }
#sources .back { display: inline-block; margin-top: .25rem; font-size: .85em; }
.scope { font-size: .85em; opacity: .85; }
#sources details { margin-top: .25rem; font-size: .9em; }
#sources details p { margin: .4rem 0; }
#sources .number { font-weight: 600; margin-right: .35em; }
.decline-note { font-size: .9em; opacity: .8; }
.confidence { font-size: .8em; opacity: .7; }
a.cite { position: relative; color: var(--link-text-color); text-decoration: underline;
  font-weight: 600; border-radius: 2px; }
a.cite:focus-visible { outline: 2px solid var(--color-accent); outline-offset: 1px; }
a.cite .cite-tip { display: none; position: absolute; z-index: 20; left: 0; top: 1.6em;
  width: min(28rem, 80vw); padding: .5rem .65rem; font-weight: 400; text-decoration: none;
  white-space: normal; line-height: 1.35; color: var(--body-text-color);
  background: var(--background-fill-primary); border: 1px solid var(--border-color-primary);
  border-radius: 6px; box-shadow: 0 4px 16px rgba(0, 0, 0, .18); pointer-events: none; }
a.cite:hover .cite-tip, a.cite:focus .cite-tip { display: block; }
"""


def turn_html(answer: Answer, turn: int, neighbours: Neighbours) -> str:
    """One turn's section of the panel (the newest turn is shown first)."""
    heading = f"<h3>{turn}. {escape(answer.question)}</h3>"
    if answer.answered:
        body = "".join(_citation_html(c, turn, neighbours) for c in answer.citations)
        return f'<section class="turn" id="turn-{turn}">{heading}{body}</section>'
    items = "".join(
        _related_html(hit, turn, n, neighbours) for n, hit in enumerate(answer.related, 1)
    )
    note = "<p><strong>Related, not an answer:</strong> the archive holds no passage that answers "
    note += "this; these are the closest.</p>"
    if not answer.related:
        note = "<p>Nothing in the archive came close to this question.</p>"
    return f'<section class="turn related" id="turn-{turn}">{heading}{note}{items}</section>'


def panel_html(sections: list[str]) -> str:
    """All turns' sections, newest first."""
    return "".join(reversed(sections)) or EMPTY


def _citation_html(citation: Citation, turn: int, neighbours: Neighbours) -> str:
    paragraph = citation.paragraph
    text = highlight(paragraph.text, citation.quote)
    back = f'<a class="back" href="#{cite_id(turn, citation.marker)}">↩ back to the answer</a>'
    element = source_id(turn, citation.marker)
    return _source_html(element, f"[{citation.marker}]", paragraph, text, neighbours, back)


def _related_html(hit: Hit, turn: int, number: int, neighbours: Neighbours) -> str:
    paragraph = hit.paragraph
    return _source_html(
        f"related-{turn}-{number}", "", paragraph, escape(paragraph.text), neighbours
    )


def _source_html(
    element_id: str,
    marker: str,
    paragraph: Paragraph,
    text_html: str,
    neighbours: Neighbours,
    back: str = "",
) -> str:
    label = f'<span class="number">{escape(marker)}</span>' if marker else ""
    label += f'<span class="label">{escape(citation_label(paragraph))}</span>'
    meta = [escape(v) for v in (paragraph.title, paragraph.date) if v]
    url = safe_url(paragraph.url)
    if url:
        meta.append(
            f'<a class="origin" href="{escape(url)}" target="_blank" '
            f'rel="noopener noreferrer">source</a>'
        )
    meta_html = f'<div class="meta">{" · ".join(meta)}</div>' if meta else ""
    return (
        f'<div class="source" id="{escape(element_id)}">{label}{meta_html}'
        f'<p class="text">{text_html}</p>{_context_html(paragraph, neighbours)}{back}</div>'
    )


def _context_html(paragraph: Paragraph, neighbours: Neighbours) -> str:
    around = [p for p in neighbours(paragraph.id) if p.id != paragraph.id]
    if not around:
        return ""
    numbers = ", ".join(f"¶{p.number}" for p in around)
    rows = "".join(
        f'<p><span class="number">¶{p.number}</span>{escape(p.text)}</p>' for p in around
    )
    return f"<details><summary>Context ({numbers})</summary>{rows}</details>"
