"""Start-up: load the model once, ingest the sample archive into an empty store (with progress on
the terminal), and hand back the shared Desk. Later starts find the store filled and skip ingest."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from tqdm import tqdm

from assistant.errors import DispatchError
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.web.desk import Desk
from index.embedder import Embedder, load_embedder
from index.ingest import Ingestor, IngestReport
from index.store import ArchiveStore, identity_of


def open_desk(settings: Settings, slots: int = 2, stream: TextIO = sys.stderr) -> Desk:
    started = time.perf_counter()
    print(f"Loading the embedding model {settings.model} …", file=stream, flush=True)
    embedder = load_embedder(settings.model, settings.backend, threads=settings.threads)
    store = ArchiveStore(settings, identity_of(embedder))
    if store.count() == 0:
        report = ingest_sample(settings, embedder, store, stream)
        print(f"Sample archive: {report.summary()}", file=stream, flush=True)
    set_threads = getattr(embedder, "set_threads", None)
    if set_threads:
        set_threads(settings.query_threads)
    assistant = Assistant(settings, embedder=embedder)
    print(
        f"Archive ready: {len(assistant.catalog):,} paragraphs at {store.location} "
        f"({time.perf_counter() - started:.1f} s)",
        file=stream,
        flush=True,
    )
    return Desk(assistant, slots)


def ingest_sample(
    settings: Settings, embedder: Embedder, store: ArchiveStore, stream: TextIO
) -> IngestReport:
    sample = settings.sample_dir
    if not sample.is_dir():
        raise DispatchError(f"The store is empty and the sample folder {sample} does not exist.")
    print(f"The store at {store.location} is empty: ingesting {sample}", file=stream, flush=True)
    bar = tqdm(total=0, unit="file", desc="ingest", file=stream, dynamic_ncols=True)

    def advance(done: int, paragraphs: int) -> None:
        bar.update(done - bar.n)
        bar.set_postfix_str(f"{paragraphs} paragraphs")

    try:
        report = Ingestor(settings, embedder, store).run([sample], False, advance, bar.reset)
    finally:
        bar.close()
    if report.failed:
        for failure in report.failed:
            print(f"failed: {failure}", file=stream)
    if store.count() == 0:
        raise DispatchError(f"Nothing could be ingested from {sample}.")
    return report
