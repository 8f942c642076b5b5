"""Ingest benchmark: our pipeline against bare encoding (the floor) and llama-index (the peer).

    python bench/ingest.py --paragraphs 5000 [--backend torch|onnx-int8] [--chroma-url URL]
                           [--skip-peer] [--peer-paragraphs N] [--rounds R] [--corpus FOLDER]

One run, one synthetic archive (bench/make_corpus.py), one loaded model and spaCy pipeline:
  floor     `embedder.embed` of every paragraph text, same backend, batch size and threads
  parse     the statement parser alone over the same texts, article by article
            (index.statements.article_statements: spaCy's parse and the statement rules)
  pipeline  index.ingest.Ingestor into a fresh store: read, windows, encode, Chroma, catalog, BM25,
            statements; its rate is compared with the floor and with embed + parse one after
            the other (the work it cannot skip)
  reingest  the same archive again, unchanged (a fresh store handle, the model still loaded)
  peer      llama-index's naive pipeline in a subprocess: SimpleDirectoryReader over the same files,
            VectorStoreIndex.from_documents with default chunking into a ChromaVectorStore on a fresh
            PersistentClient, the same model through HuggingFaceEmbedding, Settings.llm = None
Model loading is outside every timing. Prints a table, then as the last line key=value pairs.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.make_corpus import make_corpus  # noqa: E402
from bench.timing import Stages  # noqa: E402

THREADS = 2  # the machine's cores; ingest embeds on both (IndexSettings.threads)


class RssSampler:
    """Peak RSS of this process, sampled on a thread, per phase (`phase_mb` starts a new one).
    ru_maxrss cannot be reset between phases, and a forked child's can carry its parent's peak."""

    def __init__(self, every_s: float = 0.05) -> None:
        import threading

        import psutil

        self._process = psutil.Process()
        self.peak = self._process.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every_s,), daemon=True)
        self._thread.start()

    def _run(self, every_s: float) -> None:
        while not self._stop.wait(every_s):
            self.peak = max(self.peak, self._process.memory_info().rss)

    def phase_mb(self) -> float:
        """Peak since the last call (or the start) in MB; a new phase starts."""
        peak = max(self.peak, self._process.memory_info().rss)
        self.peak = self._process.memory_info().rss
        return peak / 2**20

    def stop_mb(self) -> float:
        self._stop.set()
        self._thread.join()
        return max(self.peak, self._process.memory_info().rss) / 2**20


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def article_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.glob("*.txt"))


def paragraph_texts(files: list[Path]) -> list[str]:
    """Every paragraph text, parsed as the pipeline parses it."""
    from index.sources import load_manifest, read_articles

    manifest, _ = load_manifest(files[0].parent) if files else ({}, [])
    texts = []
    for path in files:
        articles, failures = read_articles(path, manifest, "Unknown", 1 << 30)
        if failures:
            raise SystemExit(f"corpus file did not parse: {failures[0]}")
        texts.extend(p.text for a in articles for p in a.paragraphs)
    return texts


STAGES = (  # (owner name, method, row of the breakdown)
    ("embedder", "embed", "encode"),
    ("embedder", "windows", "tokenize (windows, lengths)"),
    ("embedder", "token_count", "tokenize (windows, lengths)"),
    ("store", "upsert_entries", "chroma: upsert entries"),
    ("store", "put_articles", "chroma: article registry"),
    ("store", "article_records", "chroma: read registry"),
    ("store", "entries_of", "chroma: read old entries"),
    ("store", "delete_entries", "chroma: delete stale"),
    ("catalog", "build_from_store", "catalog: read back from store"),
    ("catalog", "open_catalog", "catalog: open"),
    ("catalog", "save", "catalog: save"),
    ("lexical", "build", "BM25 build"),
    ("speakers", "build", "statements: parse and read"),
)


class Clock:
    """Wall and process CPU seconds (all threads) of a block."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def run_ours(args, corpus: Path, work: Path) -> dict:
    from index import catalog as catalog_module
    from index import speakers as speakers_module
    from index.embedder import load_embedder
    from index.ingest import Ingestor
    from index.lexical import KeywordIndex
    from index.settings import IndexSettings
    from index.statements import article_statements
    from index.store import ArchiveStore, identity_of

    def settings_for(round_: int) -> IndexSettings:
        last = round_ == args.rounds - 1
        db = args.keep_store if (last and args.keep_store) else work / f"store-{round_}"
        overrides: dict = {"db": db, "backend": args.backend}
        overrides["threads"] = THREADS
        if args.chroma_url:
            overrides["chroma_url"] = args.chroma_url
            overrides["collection"] = f"bench-{uuid.uuid4().hex[:10]}"
        return IndexSettings(**overrides)

    def drop(settings: IndexSettings, store: ArchiveStore) -> None:
        if settings.chroma_url:  # a server keeps collections: remove ours
            for name in (settings.collection, f"{settings.collection}__articles"):
                store.client.delete_collection(name)

    settings = settings_for(0)
    rss = RssSampler()
    embedder = load_embedder(settings.model, settings.backend, threads=settings.threads)
    files = article_files(corpus)
    texts = paragraph_texts(files)
    embedder.embed(texts[:64], settings.encode_batch_size)  # warm-up, untimed
    rss_model_mb = rss.phase_mb()
    owners = {
        "embedder": embedder,
        "catalog": catalog_module,
        "lexical": KeywordIndex,
        "speakers": speakers_module,
    }
    nlp = speakers_module.pipeline()  # loaded outside every timing, like the model
    articles = [paragraph_texts([f]) for f in files]
    parses: list[Clock] = []

    floors: list[Clock] = []
    pipelines: list[tuple[Clock, dict, object, int]] = []
    rss_floor_mb = rss_mb = 0.0
    for round_ in range(args.rounds):  # floor then pipeline, alternating: load drift hits both
        if round_:
            settings = settings_for(round_)
        with Clock() as floor:
            vectors = embedder.embed(texts, settings.encode_batch_size)
        assert len(vectors) == len(texts)
        del vectors
        floors.append(floor)
        with Clock() as parse:
            for paragraphs in articles:
                article_statements(nlp, paragraphs)
        parses.append(parse)
        peak = rss.phase_mb()
        rss_floor_mb = peak if round_ == 0 else rss_floor_mb  # later rounds carry earlier stores

        stages = Stages()
        with Clock() as pipeline:
            store = ArchiveStore(settings, identity_of(embedder))
            owners["store"] = store
            for owner, method, stage in STAGES:
                stages.wrap(owners[owner], method, stage)
            try:
                report = Ingestor(settings, embedder, store).run([corpus])
            finally:
                stages.restore()
        if report.failed:
            raise SystemExit(f"ingest failed: {report.failed[0]}")
        pipelines.append((pipeline, dict(stages.seconds), report, store.count()))
        peak = rss.phase_mb()
        rss_mb = peak if round_ == 0 else rss_mb
        if round_ < args.rounds - 1:
            drop(settings, store)

    with Clock() as reingest:  # the last round's store, through a fresh handle
        again = Ingestor(settings, embedder, ArchiveStore(settings, identity_of(embedder))).run(
            [corpus]
        )
    if again.changed or again.embedded:
        raise SystemExit(f"re-ingest of an unchanged archive changed something: {again.summary()}")
    store_mb = folder_mb(settings.db)
    if not args.keep_store:
        drop(settings, store)
    rss.stop_mb()

    # The best of each: the ratio is neither flattered nor sunk by one disturbed run.
    floor = min(floors, key=lambda c: c.wall)
    parse = min(parses, key=lambda c: c.wall)
    pipeline, stage_seconds, report, entries = min(pipelines, key=lambda p: p[0].wall)
    stage_seconds["other (read, parse, hash, ids)"] = pipeline.wall - sum(stage_seconds.values())
    return {
        "paragraphs": len(texts),
        "articles": len(files),
        "encode_s": floor.wall,
        "encode_cpu_s": floor.cpu,
        "floors": [c.wall for c in floors],
        "parse_s": parse.wall,
        "parse_cpu_s": parse.cpu,
        "parses": [c.wall for c in parses],
        "ingest_s": pipeline.wall,
        "ingest_cpu_s": pipeline.cpu,
        "pipelines": [p[0].wall for p in pipelines],
        "reingest_s": reingest.wall,
        "embedded": report.embedded,
        "entries": entries,
        "rss_mb": rss_mb,
        "rss_model_mb": rss_model_mb,
        "rss_floor_mb": rss_floor_mb,
        "store_mb": store_mb,
        "stages": stage_seconds,
        "threads": settings.threads,
        "batch_size": settings.encode_batch_size,
        "store_where": settings.chroma_url or "PersistentClient",
    }


def peer_files(files: list[Path], cap: int | None) -> tuple[list[Path], int]:
    """The first files holding at least `cap` paragraphs (all of them without a cap)."""
    if cap is None:
        return files, len(paragraph_texts(files))
    chosen: list[Path] = []
    count = 0
    for path in files:
        if count >= cap:
            break
        chosen.append(path)
        count += len(paragraph_texts([path]))
    return chosen, count


def run_peer(args, files: list[Path], work: Path) -> dict:
    listing = work / "peer-files.txt"
    listing.write_text("\n".join(str(p) for p in files))
    command = [sys.executable, __file__, "--peer-worker", str(listing), "--work", str(work)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"peer run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def peer_worker(listing: Path, work: Path) -> int:
    """Runs in its own process, so its imports and memory do not touch our figures."""
    sampler = RssSampler()
    import torch

    torch.set_num_threads(THREADS)
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from llama_index.core import Settings, SimpleDirectoryReader, StorageContext, VectorStoreIndex
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from index.embedder import resolve_model_path
    from index.settings import DEFAULT_MODEL

    files = listing.read_text().splitlines()
    Settings.llm = None
    Settings.embed_model = HuggingFaceEmbedding(
        model_name=str(resolve_model_path(DEFAULT_MODEL)), device="cpu"
    )
    Settings.embed_model.get_text_embedding_batch(["warm-up"] * 16)  # untimed, as for ours
    db = work / "peer-chroma"

    started = time.perf_counter()
    client = chromadb.PersistentClient(
        path=str(db), settings=ChromaSettings(anonymized_telemetry=False)
    )
    collection = client.get_or_create_collection("peer")
    documents = SimpleDirectoryReader(input_files=files).load_data()
    storage = StorageContext.from_defaults(
        vector_store=ChromaVectorStore(chroma_collection=collection)
    )
    VectorStoreIndex.from_documents(documents, storage_context=storage)
    seconds = time.perf_counter() - started
    embedded_pct = peer_text_embedded_pct(documents, Settings)

    print(
        json.dumps(
            {
                "seconds": seconds,
                "nodes": collection.count(),
                "rss_mb": sampler.stop_mb(),
                "store_mb": folder_mb(db),
                "chunk_size": Settings.chunk_size,
                "chunk_overlap": Settings.chunk_overlap,
                "embed_batch_size": Settings.embed_model.embed_batch_size,
                "text_embedded_pct": embedded_pct,
            }
        )
    )
    return 0


def peer_text_embedded_pct(documents, settings) -> float:
    """Share of the articles' characters that reach the model: default chunks (1024 tiktoken
    tokens plus the file metadata) are cut by the model at its window of word pieces."""
    from llama_index.core.schema import MetadataMode

    model = settings.embed_model._model
    window = int(model.max_seq_length) - 2
    covered = {d.doc_id: bytearray(len(d.text)) for d in documents}
    for node in settings.node_parser.get_nodes_from_documents(documents):
        content = node.get_content(metadata_mode=MetadataMode.EMBED)
        text_at = content.rfind(node.text)
        offsets = model.tokenizer(
            content, add_special_tokens=False, return_offsets_mapping=True, truncation=False
        )["offset_mapping"]
        cut = len(content) if len(offsets) <= window else offsets[window - 1][1]
        seen = max(0, min(len(node.text), cut - text_at))
        start = node.start_char_idx or 0
        mask = covered[node.ref_doc_id]
        mask[start : start + seen] = b"\x01" * len(mask[start : start + seen])
    total = sum(len(m) for m in covered.values())
    return 100 * sum(sum(m) for m in covered.values()) / max(1, total)


def fmt(value: float, digits: int = 2) -> str:
    return "nan" if value is None or math.isnan(value) else f"{value:.{digits}f}"


def report(args, ours: dict, peer: dict | None, peer_paragraphs: int) -> None:
    n = ours["paragraphs"]
    rate = n / ours["ingest_s"]
    encode_rate = n / ours["encode_s"]
    peer_rate = peer_paragraphs / peer["seconds"] if peer else math.nan
    rows = [
        (
            "floor: bare embed",
            ours["encode_s"],
            encode_rate,
            f"{n} texts, one call; best of " + ", ".join(f"{s:.1f}" for s in ours["floors"]),
        ),
        (
            "pipeline: Ingestor",
            ours["ingest_s"],
            rate,
            f"{ours['embedded']} windows encoded, {ours['entries']} entries; best of "
            + ", ".join(f"{s:.1f}" for s in ours["pipelines"]),
        ),
        (
            "parse: statements",
            ours["parse_s"],
            n / ours["parse_s"],
            "spaCy + statement rules, article by article; best of "
            + ", ".join(f"{s:.1f}" for s in ours["parses"]),
        ),
        ("re-ingest, unchanged", ours["reingest_s"], n / ours["reingest_s"], "nothing encoded"),
    ]
    if peer:
        rows.append(
            (
                "peer: llama-index, torch",
                peer["seconds"],
                peer_rate,
                f"{peer_paragraphs} paragraphs -> {peer['nodes']} nodes "
                f"(chunk {peer['chunk_size']}/{peer['chunk_overlap']}); "
                f"{peer['text_embedded_pct']:.0f}% of the text reaches the model",
            )
        )
    print(
        f"\ningest benchmark: {n} paragraphs in {ours['articles']} files, backend {args.backend}, "
        f"{ours['threads']} threads, batch {ours['batch_size']}, store {ours['store_where']}"
    )
    print(f"{'run':<24} {'seconds':>9} {'paragraphs/s':>13}  notes")
    for name, seconds, per_s, note in rows:
        print(f"{name:<24} {seconds:>9.2f} {per_s:>13.1f}  {note}")
    print("\npipeline breakdown (wall seconds inside each call):")
    for stage, seconds in sorted(ours["stages"].items(), key=lambda kv: -kv[1]):
        print(f"  {stage:<32} {seconds:>8.2f}  {100 * seconds / ours['ingest_s']:5.1f}%")
    ratio = rate / encode_rate
    serial = ours["encode_s"] + ours["parse_s"]  # embed, then parse, one after the other
    serial_ratio = serial / ours["ingest_s"]
    speedup = rate / peer_rate if peer else math.nan
    cpu_ratio = ours["encode_cpu_s"] / ours["ingest_cpu_s"]
    print(
        f"\npipeline / floor:        {ratio:.3f} (target >= 0.85); in CPU seconds {cpu_ratio:.3f}"
    )
    print(
        f"pipeline / (embed+parse): {serial_ratio:.3f} (target >= 0.85): the floor of work that"
        f" includes reading statements ({n / serial:.1f} paragraphs/s)"
    )
    print(f"pipeline / peer:         {fmt(speedup)}x")
    print(f"re-ingest / first:       {ours['reingest_s'] / ours['ingest_s']:.4f}")
    print(
        f"peak RSS:                {ours['rss_mb']:.0f} MB ours during ingest (model loaded "
        f"{ours['rss_model_mb']:.0f} MB, floor {ours['rss_floor_mb']:.0f} MB), "
        f"peer {fmt(peer and peer['rss_mb'], 0)} MB"
    )
    print(
        f"store on disk:           {ours['store_mb']:.1f} MB ours"
        + (" (catalog only: the vectors live on the server)" if args.chroma_url else "")
        + f", peer {fmt(peer and peer['store_mb'], 1)} MB"
    )
    print(
        f"load average (1 min):    {args.load_at_start:.2f} at start, {os.getloadavg()[0]:.2f} at end"
    )
    pairs = {
        "paragraphs": n,
        "backend": args.backend,
        "paragraphs_per_s": fmt(rate, 1),
        "encode_per_s": fmt(encode_rate, 1),
        "ingest_ratio_to_encode": fmt(ratio, 3),
        "parse_per_s": fmt(n / ours["parse_s"], 1),
        "ingest_ratio_to_encode_and_parse": fmt(serial_ratio, 3),
        "cpu_ratio_to_encode": fmt(cpu_ratio, 3),
        "peer_per_s": fmt(peer_rate, 1),
        "ingest_speedup_vs_peer": fmt(speedup, 2),
        "peer_paragraphs": peer_paragraphs if peer else 0,
        "peer_text_pct": fmt(peer["text_embedded_pct"] if peer else math.nan, 0),
        "ingest_s": fmt(ours["ingest_s"], 1),
        "reingest_s": fmt(ours["reingest_s"], 2),
        "reingest_ratio": fmt(ours["reingest_s"] / ours["ingest_s"], 4),
        "rss_mb": fmt(ours["rss_mb"], 0),
        "store_mb": fmt(ours["store_mb"], 1),
    }
    print(" ".join(f"{k}={v}" for k, v in pairs.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--paragraphs", type=int, default=5000)
    parser.add_argument("--backend", choices=["torch", "onnx-int8"], default="onnx-int8")
    parser.add_argument("--chroma-url", help="run our pipeline against a `chroma run` server")
    parser.add_argument("--skip-peer", action="store_true", help="leave llama-index out")
    parser.add_argument(
        "--peer-paragraphs", type=int, help="cap the peer's share of the archive (rates compared)"
    )
    parser.add_argument(
        "--corpus", type=Path, help="archive folder to (re)use instead of a temp one"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--keep-store",
        type=Path,
        help="keep the last round's store in this (new) folder, e.g. DB/store-BACKEND of "
        "`bench/query.py --db DB` with --corpus DB/corpus: the query bench then reuses it",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="floor + pipeline rounds; the best of each is reported (steadier on a busy machine)",
    )
    parser.add_argument("--peer-worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.peer_worker:
        return peer_worker(args.peer_worker, args.work)
    if args.paragraphs < 1 or args.rounds < 1:
        parser.error(
            f"expected --paragraphs and --rounds >= 1, got {args.paragraphs}, {args.rounds}"
        )

    if args.keep_store and (args.chroma_url or args.keep_store.exists()):
        parser.error(f"--keep-store needs embedded Chroma and a new folder: {args.keep_store}")
    args.load_at_start = os.getloadavg()[0]  # other work on the machine skews every figure
    work = Path(tempfile.mkdtemp(prefix="dispatch-bench-"))
    try:
        corpus = args.corpus or work / "corpus"
        if not article_files(corpus):
            make_corpus(corpus, args.paragraphs, args.seed)
        ours = run_ours(args, corpus, work)
        peer, peer_paragraphs = None, 0
        if not args.skip_peer:
            files, peer_paragraphs = peer_files(article_files(corpus), args.peer_paragraphs)
            peer = run_peer(args, files, work)
        report(args, ours, peer, peer_paragraphs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
