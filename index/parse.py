"""The archive's text format: decoding, the `Publication:` header, paragraph splitting."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.errors import BadInputError

_HEADER = re.compile(
    r"^Publication:[ \t]*(?P<publication>.*?)"
    r"(?:[ \t]+Volume:[ \t]*(?P<volume>\S+))?"
    r"(?:[ \t]+Issue:[ \t]*(?P<issue>\S+))?[ \t]*$"
)
# A blank line is one that `str.strip` empties (as `split_paragraphs` drops it): an ideographic or
# em space alone on a line separates paragraphs, as a no-break space does.
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_HEADER_CHARS = 1000  # a longer line is not a header (and the header pattern is quadratic)


@dataclass(frozen=True)
class Header:
    publication: str
    volume: str | None
    issue: str | None


def decode(data: bytes, name: str) -> str:
    """Bytes -> text with a BOM removed and line ends normalised; refuse binary or non-UTF-8."""
    if not data.strip():
        raise BadInputError(f"{name}: empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadInputError(f"{name}: UTF-16 text; save it as UTF-8")
    if b"\x00" in data:
        raise BadInputError(f"{name}: binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadInputError(
            f"{name}: invalid UTF-8 at byte {error.start} ({error.reason})"
        ) from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")  # BOM, even twice
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise BadInputError(f"{name}: binary file ({controls} control characters)")
    return text


def parse_header(line: str) -> Header | None:
    """`Publication: <name>[ Volume: <v>][ Issue: <n>]` -> Header, or None if not a header."""
    line = line.strip()
    if len(line) > MAX_HEADER_CHARS:
        return None
    match = _HEADER.match(line)
    if not match or not match["publication"].strip():
        return None
    return Header(match["publication"].strip(), match["volume"], match["issue"])


def one_line(text: str) -> str:
    """A paragraph given whole (a JSONL list item): whitespace runs -> one space, control
    characters dropped, as `split_paragraphs` does."""
    return " ".join(_CONTROL.sub("", text).split())


def split_paragraphs(body: str) -> list[str]:
    """Blank-line separated paragraphs; hard-wrapped lines joined by one space."""
    paragraphs = []
    for block in _BLANK_LINES.split(body.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line.strip() for line in block.split("\n")]
        text = " ".join(line for line in lines if line)
        text = _CONTROL.sub("", text).strip()
        if text:
            paragraphs.append(text)
    return paragraphs


def split_header(text: str) -> tuple[Header | None, str]:
    """Separate the header line (the first non-blank line, if it is one) from the body."""
    stripped = text.lstrip()  # blank lines of any whitespace, as in `split_paragraphs`
    first, _, rest = stripped.partition("\n")
    header = parse_header(first)
    if header is None:
        return None, text
    return header, rest
