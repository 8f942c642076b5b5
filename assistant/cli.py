"""`python -m assistant ask "question" [--db DIR [--create] | --chroma-url URL] [--publication NAME]
[--from YYYY-MM-DD] [--to YYYY-MM-DD] [--history EARLIER-QUESTION] [--sources N] [--json]`

Prints the answer (with its [n] markers) as the first block, a blank line, then one citation per
line with the quoted paragraph: `[n] label (date, "title"): text`. Exits 0 with an answer or a
decline, 2 on bad input: a missing store (unless --create), an unknown publication, a bad date.

`python -m assistant statements "Sergeev" [--about SUBJECT] [--db DIR | --chroma-url URL]
[--publication NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]`

A person's statements over time, in date order (undated ones last), one a line:
`date  label  Sergeev said: "sentence"  URL`, then "N statements" (or "No statements by X in the
archive."); with --about, only those on that subject. --json prints a list of objects. Exits 0
(also when there is none), 2 on bad input: a missing store, an empty speaker, an unknown
publication, a bad date.
"""

from __future__ import annotations

import argparse
import logging
import sys

from pydantic import TypeAdapter

from assistant.answer_json import AnswerOut
from assistant.errors import DispatchError
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.statements import (
    StatementRow,
    attribution,
    checked_speaker,
    find_statements,
    nothing_found,
    speaker_name,
)
from assistant.types import Answer, citation_label
from assistant.web.api_models import StatementOut
from assistant.web.filters import filters_from
from assistant.web.render import safe_url
from index.cli import add_store_arguments, local_store_missing
from index.types import Paragraph

EXIT_BAD_INPUT = 2
QUESTION_HELP = 'the question, in English, e.g. "What did Sergeev say about Iran?"'
SPEAKER_HELP = 'the person (or body) quoted, e.g. "Sergeev" or "Igor Ivanov"'
UNDATED = "undated"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assistant",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    ask = commands.add_parser("ask", help="answer a question from the archive")
    ask.add_argument("question", help=QUESTION_HELP)
    add_store_arguments(ask)
    ask.add_argument(
        "--create",
        action="store_true",
        help="start an empty store when the --db folder holds none (ingest fills it)",
    )
    add_filter_arguments(ask)
    ask.add_argument(
        "--history",
        action="append",
        default=[],
        metavar="Q",
        help="an earlier question of the conversation, oldest first (repeatable), so that a "
        "follow-up such as 'What did he say about X?' resolves",
    )
    ask.add_argument("--sources", type=int, help="related passages shown when declining")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    statements = commands.add_parser(
        "statements", help="a person's statements over time, in date order, with citations"
    )
    statements.add_argument("speaker", help=SPEAKER_HELP)
    statements.add_argument(
        "--about", default="", metavar="SUBJECT", help='only statements on this, e.g. "Iran"'
    )
    add_store_arguments(statements)
    add_filter_arguments(statements)
    statements.add_argument("--json", action="store_true", help="print the statements as JSON")
    return parser


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--publication", action="append", default=[], help="only this publication (repeatable)"
    )
    parser.add_argument(
        "--from", dest="date_from", metavar="YYYY-MM-DD", help="only from this date"
    )
    parser.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="only up to this date")


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    args = build_parser().parse_args(argv)
    overrides = {}
    if args.db:
        overrides["db"] = args.db
    if args.chroma_url:
        overrides["chroma_url"] = args.chroma_url
    try:
        settings = Settings(**overrides)
        filters = filters_from(args.publication, None, None, args.date_from, args.date_to)
        if args.command == "statements":
            speaker_name(checked_speaker(args.speaker))  # refused before the store is opened
        if not getattr(args, "create", False) and local_store_missing(settings):
            raise DispatchError(
                f"no archive store at {settings.db}; ingest articles first with: "
                f"python -m index ingest PATH --db {settings.db}"
            )
        assistant = Assistant(settings)
        if args.command == "statements":
            rows = find_statements(assistant, args.speaker, args.about, filters)
        else:
            answer = assistant.ask(
                args.question, filters, history=args.history, sources=args.sources
            )
    except DispatchError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.command == "statements":
        if args.json:
            print(STATEMENTS_JSON.dump_json([StatementOut.of(r) for r in rows], indent=2).decode())
        else:
            print_statements(rows, args.speaker, args.about)
        return 0
    if args.json:
        print(AnswerOut.of(answer).model_dump_json(indent=2))
    else:
        print_answer(answer)
    return 0


STATEMENTS_JSON = TypeAdapter(list[StatementOut])


def print_statements(rows: list[StatementRow], speaker: str, about: str = "") -> None:
    if not rows:
        print(nothing_found(speaker, about))
        return
    for row in rows:
        line = f'{row.date or UNDATED:<10}  {row.label}  {attribution(row)}: "{row.sentence}"'
        url = safe_url(row.paragraph.url)
        print(f"{line}  {url}" if url else line)
    print(f"{len(rows)} statement{'s' if len(rows) != 1 else ''}")


def described(paragraph: Paragraph) -> str:
    """`Monitor, Vol. 6, Issue 228, ¶7 (2000-12-05, "Title", https://...)`: the label, then the
    date (unless the label shows it already), the title and the address; parts the source lacks
    are left out."""
    label = citation_label(paragraph)
    date = paragraph.date if paragraph.date not in label.split(", ") else None
    title = paragraph.title and f'"{paragraph.title}"'
    known = [part for part in (date, title, safe_url(paragraph.url)) if part]
    return f"{label} ({', '.join(known)})" if known else label


def print_answer(answer: Answer) -> None:
    print(answer.text)
    if answer.answered:
        print(f"(confidence {round(100 * answer.confidence)} %: the answer model's probability")
        print(" that the archive answers this question)")
    print()
    for citation in answer.citations:
        print(f"[{citation.marker}] {described(citation.paragraph)}: {citation.paragraph.text}")
    for note in answer.notes:
        print(f"Note: {note}")
    if not answer.answered and answer.related:
        print("Related, not an answer:")
        for hit in answer.related:
            print(f"- {described(hit.paragraph)}: {hit.paragraph.text}")
