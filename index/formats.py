"""File formats other than the archive's text: Markdown, HTML and JSONL -> articles' raw fields."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from index.errors import BadInputError
from index.parse import Header, one_line, split_header, split_paragraphs

# The opening `#`s only: `(.*?)\s*#*\s*$` for the closing ones backtracks cubically on a long
# line of spaces, so `_heading` strips those in Python.
_MD_HEADING = re.compile(r"\s{0,3}#{1,6}\s+")


@dataclass
class RawArticle:
    """What a format yields before identity is assigned."""

    paragraphs: list[str]
    header: Header | None = None
    key: str = ""  # distinguishes several articles in one file (JSONL); "" for one-article files
    fields: dict[str, str | None] = field(default_factory=dict)  # date, title, url


def from_text(text: str, name: str) -> RawArticle:
    header, body = split_header(text)
    paragraphs = split_paragraphs(body)
    if not paragraphs:
        problem = "a header and no paragraphs after it" if header else "no paragraphs"
        raise BadInputError(f"{name}: {problem}")
    return RawArticle(paragraphs, header)


def from_markdown(text: str, name: str) -> RawArticle:
    """Paragraphs are blank-line separated blocks; headings are not paragraphs, the first is the title."""
    header, body = split_header(text)
    title = None
    kept = []
    for block in split_paragraphs_keep_lines(body):
        lines: list[str] = []
        for line in block.split("\n"):  # a heading line ends a block even with no blank line
            heading = _heading(line)
            if heading is not None:
                title = title or heading
                kept.append("\n".join(lines))
                lines = []
            else:
                lines.append(line)
        kept.append("\n".join(lines))
    paragraphs = split_paragraphs("\n\n".join(kept))
    if not paragraphs:
        raise BadInputError(f"{name}: no paragraphs")
    return RawArticle(paragraphs, header, fields={"title": title})


def _heading(line: str) -> str | None:
    """`## Title ##` -> "Title"; None if the line is not an ATX heading."""
    opening = _MD_HEADING.match(line)
    if opening is None:
        return None
    return line[opening.end() :].rstrip().rstrip("#").rstrip()


def split_paragraphs_keep_lines(body: str) -> list[str]:
    return [b.strip() for b in re.split(r"\n[ \t]*\n", body) if b.strip()]


def from_html(text: str, name: str) -> RawArticle:
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            text,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            # The date only from the page's markup: a year met in the text is not the article's.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as error:  # e.g. htmldate's lxml `drop_tree` asserts on `</p><html><script>`
        raise BadInputError(
            f"{name}: the HTML page could not be parsed ({type(error).__name__})"
        ) from None
    if extracted is None:
        raise BadInputError(f"{name}: no main text found in the HTML page")
    paragraphs = _html_paragraphs(extracted)
    if not paragraphs:
        raise BadInputError(f"{name}: no main text found in the HTML page")
    return RawArticle(
        paragraphs,
        fields={"title": extracted.title, "date": extracted.date, "url": extracted.url},
    )


_HTML_BREAKS = {"lb", "item", "p", "quote", "head", "row", "cell"}


def _html_paragraphs(extracted) -> list[str]:
    """One paragraph per block of trafilatura's tree: a <br> stays inside its paragraph, and
    headings are not paragraphs (as in Markdown; the first one is usually the title)."""
    body = getattr(extracted, "body", None)
    if body is None:
        return [text for text in map(one_line, (extracted.text or "").split("\n")) if text]
    paragraphs = []
    for block in body:
        if block.tag == "head":
            continue
        for inner in block.iterdescendants():
            if inner.tag in _HTML_BREAKS:
                inner.tail = " " + (inner.tail or "")
        text = one_line("".join(block.itertext()))
        if text:
            paragraphs.append(text)
    return paragraphs


def from_jsonl(text: str, name: str) -> tuple[list[RawArticle], list[str]]:
    """One article per line; a bad line is reported (file:line) and the others kept."""
    articles: list[RawArticle] = []
    problems: list[str] = []
    first_line: dict[str, int] = {}  # record key -> line it first appeared on
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            _encodable(record, f"{name}:{number}")
            raw = _record(record, f"{name}:{number}", number)
            if raw.key in first_line:
                raise BadInputError(
                    f"{name}:{number}: id {raw.key!r} is already used on line {first_line[raw.key]}"
                )
            first_line[raw.key] = number
            articles.append(raw)
        except json.JSONDecodeError as error:
            problems.append(f"{name}:{number}: invalid JSON ({error.msg})")
        except ValueError as error:  # an integer of more than 4,300 digits
            problems.append(f"{name}:{number}: invalid JSON ({str(error).split(':')[0]})")
        except RecursionError:
            problems.append(f"{name}:{number}: invalid JSON (nested too deeply)")
        except BadInputError as error:
            problems.append(str(error))
    if not articles and not problems:
        raise BadInputError(f"{name}: no records")
    return articles, problems


def _encodable(record: object, where: str) -> None:
    """JSON's `\\ud800` escapes decode to lone surrogates, which no UTF-8 store can take."""
    try:
        json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise BadInputError(f"{where}: invalid JSON (an unpaired surrogate escape)") from None


def _record(record: object, where: str, number: int) -> RawArticle:
    if not isinstance(record, dict):
        raise BadInputError(f"{where}: expected a JSON object, got {type(record).__name__}")
    if isinstance(record.get("paragraphs"), list):
        odd = [type(p).__name__ for p in record["paragraphs"] if not isinstance(p, str)]
        if odd:
            raise BadInputError(f"{where}: expected `paragraphs` of strings, got a {odd[0]}")
        paragraphs = [text for text in map(one_line, record["paragraphs"]) if text]
    elif isinstance(record.get("text"), str):
        paragraphs = split_paragraphs(record["text"])
    else:
        raise BadInputError(f"{where}: expected `text` (string) or `paragraphs` (list)")
    if not paragraphs:
        raise BadInputError(f"{where}: no paragraphs")

    def text_field(key: str) -> str | None:
        value = record.get(key)
        return None if value is None else str(value).strip() or None

    publication = text_field("publication")
    header = Header(publication, text_field("volume"), text_field("issue")) if publication else None
    key = text_field("id") or f"r{number}"
    return RawArticle(
        paragraphs,
        header,
        key=key,
        fields={k: text_field(k) for k in ("date", "title", "url")},
    )
