"""Filter values as users type them (form fields, JSON) -> index Filters, or a QuestionError that
says which value is wrong."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from assistant.errors import QuestionError
from index.types import Filters

_DATE = re.compile(r"\d{4}(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")
MAX_SOURCES = 20
MAX_NUMBER = 10**9  # highest issue or volume number a filter takes


def filters_from(
    publications: Iterable[str] | str | None = None,
    issue_min: float | int | str | None = None,
    issue_max: float | int | str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    volume_min: float | int | None = None,
    volume_max: float | int | None = None,
) -> Filters:
    if isinstance(publications, str):
        publications = [publications]
    names = tuple(p.strip() for p in publications or () if p and p.strip())
    low_issue, high_issue = _range("issue", issue_min, issue_max)
    low_volume, high_volume = _range("volume", volume_min, volume_max)
    start, end = _date("start date", date_from), _date("end date", date_to)
    if start and end and start > end:
        raise QuestionError(f"Expected the start date ({start}) to be on or before {end}.")
    return Filters(names, low_volume, high_volume, low_issue, high_issue, start, end)


def sources_count(value: float | int | None, default: int) -> int:
    if value is None:
        return default
    count = _whole("number of sources", value)
    if not 1 <= count <= MAX_SOURCES:
        raise QuestionError(f"Expected between 1 and {MAX_SOURCES} sources, got {count}.")
    return count


def _range(
    name: str, low: float | int | str | None, high: float | int | str | None
) -> tuple[int | None, int | None]:
    low, high = (None if isinstance(v, str) and not v.strip() else v for v in (low, high))
    low_n = None if low is None else _whole(f"lowest {name}", low) or None  # 0: not set
    high_n = None if high is None else _whole(f"highest {name}", high) or None
    if low_n is not None and high_n is not None and low_n > high_n:
        raise QuestionError(f"Expected the lowest {name} ({low_n}) to be at most {high_n}.")
    return low_n, high_n


def _whole(name: str, value: float | int | str) -> int:
    try:
        number = float(value)
    except (OverflowError, TypeError, ValueError):
        number = math.inf
    if (
        isinstance(value, bool)
        or not math.isfinite(number)
        or number != int(number)
        or not 0 <= number <= MAX_NUMBER
    ):
        try:
            shown = str(value) if len(str(value)) <= 30 else str(value)[:30] + "…"
        except ValueError:  # an int too long to print
            shown = "a number too long to show"
        raise QuestionError(
            f"Expected a whole number from 0 to {MAX_NUMBER:,} for the {name}, got {shown}."
        )
    return int(number)


def _date(name: str, value: str | None) -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    match = _DATE.fullmatch(text)
    month, day = (int(match["month"] or 1), int(match["day"] or 1)) if match else (0, 0)
    if not match or not 1 <= month <= 12 or not 1 <= day <= 31:
        shown = text if len(text) <= 30 else text[:30] + "…"
        raise QuestionError(f"Expected the {name} as YYYY-MM-DD (or YYYY-MM, YYYY), got {shown!r}.")
    return text
