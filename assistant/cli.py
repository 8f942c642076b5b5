"""`python -m assistant ask "question" [--db DIR | --chroma-url URL] [--publication ...] [--json]`

Prints the answer (with its [n] markers) as the first block, a blank line, then one citation per
line with the quoted paragraph.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from assistant.errors import DispatchError
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.types import citation_label
from index.cli import add_store_arguments
from index.types import Filters


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    parser = argparse.ArgumentParser(
        prog="python -m assistant",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    ask = commands.add_parser("ask", help="answer a question from the archive")
    ask.add_argument("question")
    add_store_arguments(ask)
    ask.add_argument(
        "--publication", action="append", default=[], help="only this publication (repeatable)"
    )
    ask.add_argument("--sources", type=int, help="related passages shown when declining")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    args = parser.parse_args(argv)
    overrides = {}
    if args.db:
        overrides["db"] = args.db
    if args.chroma_url:
        overrides["chroma_url"] = args.chroma_url
    try:
        assistant = Assistant(Settings(**overrides))
        answer = assistant.ask(
            args.question, Filters(publications=tuple(args.publication)), sources=args.sources
        )
    except DispatchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(answer.text)
    print()
    for citation in answer.citations:
        print(f"[{citation.marker}] {citation.label}: {citation.paragraph.text}")
    for note in answer.notes:
        print(f"Note: {note}")
    if not answer.answered and answer.related:
        print("Related, not an answer:")
        for hit in answer.related:
            print(f"- {citation_label(hit.paragraph)}: {hit.paragraph.text}")
    return 0
