"""`python -m index ingest PATH... | stats`: exit 0 all went in, 1 some failed, 2 usage errors."""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from pathlib import Path

from tqdm import tqdm

from index.embedder import load_embedder
from index.errors import DispatchError
from index.ingest import Ingestor, IngestReport
from index.settings import IndexSettings
from index.store import COMMITTED, ArchiveStore, identity_of


def add_store_arguments(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", type=Path, help="store folder (default: $DISPATCH_DB or ./store)")
    where.add_argument("--chroma-url", help="a `chroma run` server, e.g. http://127.0.0.1:8000")


def local_store_missing(settings: IndexSettings) -> bool:
    """True when settings name a local store whose folder holds no embedded Chroma store (it
    lives in `<db>/chroma`, see index/store.py); a `chroma run` server is never checked here."""
    return not settings.chroma_url and not (settings.db / "chroma").is_dir()


def settings_from(args: argparse.Namespace, **extra) -> IndexSettings:
    overrides = {k: v for k, v in extra.items() if v is not None}
    if getattr(args, "db", None):
        overrides["db"] = args.db
    if getattr(args, "chroma_url", None):
        overrides["chroma_url"] = args.chroma_url
    return IndexSettings(**overrides)


def ingest_with_progress(
    paths: list[Path], settings: IndexSettings, prune: bool, stream=sys.stderr
) -> IngestReport:
    embedder = load_embedder(settings.model, settings.backend, threads=settings.threads)
    store = ArchiveStore(settings, identity_of(embedder))
    bar = tqdm(total=0, unit="file", file=stream, dynamic_ncols=True, desc="ingest")

    def set_total(n: int) -> None:
        bar.reset(total=n)

    def advance(done: int, paragraphs: int) -> None:
        bar.update(done - bar.n)
        rate = paragraphs / bar.format_dict["elapsed"] if bar.format_dict["elapsed"] else 0.0
        bar.set_postfix_str(f"{paragraphs} paragraphs, {rate:.1f}/s", refresh=False)

    try:
        return Ingestor(settings, embedder, store).run(paths, prune, advance, set_total)
    finally:
        bar.close()


def cmd_ingest(args: argparse.Namespace) -> int:
    settings = settings_from(args, default_publication=args.publication)
    report = ingest_with_progress(args.paths, settings, args.prune)
    for failure in report.failed:
        print(f"failed: {failure}", file=sys.stderr)
    print(report.summary())
    return 1 if report.failed else 0


def cmd_stats(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    store = ArchiveStore(settings, None)
    records = store.article_records()
    committed = [r for r in records.values() if r.state == COMMITTED]
    articles = Counter(r.publication for r in committed)
    paragraphs: Counter[str] = Counter()
    for r in committed:
        paragraphs[r.publication] += r.paragraphs
    print(f"store: {store.location}")
    print(
        f"model: {store.identity['embedding_model']} ({store.identity['embedding_backend']}, "
        f"{store.identity['dim']} dimensions)"
    )
    print(f"{'publication':<45} {'articles':>8} {'paragraphs':>10}")
    for publication in sorted(articles):
        print(f"{publication:<45} {articles[publication]:>8} {paragraphs[publication]:>10}")
    print(f"{'total':<45} {len(committed):>8} {sum(paragraphs.values()):>10}")
    print(f"vector entries: {store.count()}")
    pending = len(records) - len(committed)
    if pending:
        print(f"interrupted articles awaiting the next ingest: {pending}")
    return 0


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    parser = argparse.ArgumentParser(prog="python -m index", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    ingest = commands.add_parser("ingest", help="add or update articles from files and folders")
    ingest.add_argument("paths", nargs="+", type=Path)
    add_store_arguments(ingest)
    ingest.add_argument("--prune", action="store_true", help="remove articles whose files are gone")
    ingest.add_argument("--publication", help="publication of files without a header")
    ingest.set_defaults(run=cmd_ingest)
    stats = commands.add_parser("stats", help="what the store holds")
    add_store_arguments(stats)
    stats.set_defaults(run=cmd_stats)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except DispatchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
