"""What the archive holds, for the empty chat: publications, date range, articles, paragraphs,
and a few example questions drawn from its own articles."""

from __future__ import annotations

import re

from index.catalog import Catalog

EXAMPLES = 4
NAMED_PUBLICATIONS = 6  # publications named before "and N more"
MAX_TITLE = 90  # longer titles make poor example questions
_SERIAL = re.compile(r"\bVol\.|\bNo\.|\b(?:19|20)\d\d\b")  # a bulletin's name, not a story


def holdings_markdown(catalog: Catalog) -> str:
    paragraphs = catalog.paragraphs
    if not paragraphs:
        return "The archive is empty: add articles with `python -m index ingest PATH`."
    articles = {p.article_id for p in paragraphs}
    by_count: dict[str, set[str]] = {}
    for p in paragraphs:
        by_count.setdefault(p.publication, set()).add(p.article_id)
    names = sorted(by_count, key=lambda n: (-len(by_count[n]), n))
    shown = ", ".join(names[:NAMED_PUBLICATIONS])
    if len(names) > NAMED_PUBLICATIONS:
        shown += f" and {len(names) - NAMED_PUBLICATIONS} more"
    dates = sorted(p.date for p in paragraphs if p.date)
    span = f", dated {dates[0]} to {dates[-1]}" if dates else ""
    return (
        f"**The archive holds {len(articles):,} articles ({len(paragraphs):,} paragraphs) from "
        f"{len(names)} publications** ({shown}){span}. Every sentence of an answer cites its "
        f"paragraph; click a marker such as [1] to read it."
    )


def example_questions(catalog: Catalog, count: int = EXAMPLES) -> list[str]:
    """Questions on the archive's latest titled articles, one publication each."""
    seen_articles: set[str] = set()
    titled = []
    for p in catalog.paragraphs:
        story = p.title and len(p.title) <= MAX_TITLE and not _SERIAL.search(p.title)
        if story and p.article_id not in seen_articles:
            seen_articles.add(p.article_id)
            titled.append(p)
    titled.sort(key=lambda p: p.date or "", reverse=True)
    chosen, publications = [], set()
    for p in titled:
        if p.publication not in publications:
            publications.add(p.publication)
            chosen.append(f"What does {p.publication} report about “{p.title}”?")
        if len(chosen) == count:
            break
    return chosen
