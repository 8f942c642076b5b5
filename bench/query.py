"""Query benchmark: retrieval and answer latency, filtered search, recall, cold start, memory.

    python bench/query.py --paragraphs 5000 [--backend torch|onnx-int8] [--chroma-url URL]
                          [--queries 200] [--db DIR] [--skip-peer] [--peer-paragraphs N]
                          [--sample] [--seed 0] [--profile]

One archive (bench/make_corpus.py, or data/sample with --sample or --paragraphs 0) goes into a
store with our Ingestor, in a child process (so its memory is not ours); with --db DIR the archive,
the store and the peer's store are kept in DIR and reused (an unchanged archive re-ingests in
seconds). Then, in this process, with one query thread (torch or ONNX Runtime, and BLAS) and the
same deterministic questions (bench/questions.py), each question in turn goes through:
  embed              embedder.embed([question])
  rank               Assistant.rank with the vector given (hybrid retrieval alone)
  query              Assistant.retrieve(question, k=10): embed + hybrid retrieval
  answer             Assistant.ask(question): retrieval + evidence + extractive answer, with the
                     sentence-vector cache emptied first; then the same question again (cached)
  filtered, filtered answer   the same with a publication filter: the publication nearest 20%
                     of the paragraphs, or the pair nearest 20% when no single one is near
  filtered dense     our dense path under that filter: exact numpy search over the kept rows
  Chroma filtered    collection.query(where={"publication": X} or {"$in": [X, Y]}), vector given
  unfiltered dense   our unfiltered dense path: exact numpy search over all rows, in context (the
                     fitted context weight), and Chroma HNSW, the path at context weight 0; dense
                     calls ask for Settings.depth results, as rank does
Interleaving the calls per question keeps load changes on the machine out of the ratios. Recall
@10 of both filtered dense paths is measured against an exact brute-force top-10 over the kept
rows (ours in context, Chroma's over the stored vectors). The peer is llama-index's naive pipeline (VectorStoreIndex over Chroma, default chunking,
the same model, similarity_top_k=10) in a child process, timed on the same questions; its store
is kept in --db too. Cold start is a fresh `python -c "... Assistant(...).ask(...)"` over the built
store, from spawn to answer. A separate pass times each step of the answer path (--profile adds
a cProfile). Prints a table, then as the last line key=value pairs.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.answer_path import answer_breakdown, profile  # noqa: E402
from bench.make_corpus import make_corpus  # noqa: E402
from bench.peer_query import peer_files, run_peer  # noqa: E402
from bench.questions import KINDS, make_questions  # noqa: E402
from bench.timing import (  # noqa: E402
    QUERY_THREADS,
    K,
    fmt,
    limit_threads,
    ms_since,
    percentile,
    rss_now_mb,
)

SAMPLE = REPO / "data" / "sample"
FILTER_SHARE = 0.20
LOAD = os.getloadavg


# --- the archive and its store ------------------------------------------------------------------
def layout(args, work: Path) -> dict:
    root = args.db or work
    root.mkdir(parents=True, exist_ok=True)
    wanted = {"paragraphs": args.paragraphs, "seed": args.seed}
    marker = root / "bench.json"
    if marker.is_file():
        found = json.loads(marker.read_text())
        if found != wanted:
            raise SystemExit(
                f"{root} holds the archive {found}: expected {wanted}; use another --db"
            )
    marker.write_text(json.dumps(wanted))
    corpus = SAMPLE if args.paragraphs == 0 else root / "corpus"
    return {
        "corpus": corpus,
        "store": root / f"store-{args.backend}",
        "peer": root / "peer",
        "collection": f"qbench-{args.paragraphs}-s{args.seed}-{args.backend}"
        if args.chroma_url
        else "paragraphs",
    }


def settings_fields(args, where: dict) -> dict:
    return {
        "db": str(where["store"]),
        "chroma_url": args.chroma_url,
        "collection": where["collection"],
        "backend": args.backend,
        "llm": "none",
    }


def build_store(args, where: dict) -> dict:
    corpus = where["corpus"]
    if args.paragraphs and not any(corpus.glob("*.txt")):
        make_corpus(corpus, args.paragraphs, args.seed)
    job = {"settings": settings_fields(args, where), "corpus": str(corpus)}
    command = [sys.executable, __file__, "--build-worker", json.dumps(job)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"building the store failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def build_worker(job: dict) -> int:
    from assistant.settings import Settings
    from index.embedder import load_embedder
    from index.ingest import Ingestor
    from index.store import ArchiveStore, identity_of

    settings = Settings(**job["settings"])
    embedder = load_embedder(settings.model, settings.backend, threads=settings.threads)
    store = ArchiveStore(settings, identity_of(embedder))
    report = Ingestor(settings, embedder, store).run([Path(job["corpus"])])
    if report.failed:
        print(f"ingest failed: {report.failed[0]}", file=sys.stderr)
        return 1
    print(json.dumps({"summary": report.summary(), "seconds": report.seconds}))
    return 0


# --- measurements in this process ---------------------------------------------------------------
def pick_publications(catalog) -> tuple[str, ...]:
    """The publication whose share of the paragraphs is nearest 20%; when none is within 5
    points (the synthetic mix has 60/12/8/6/5/4/3/2%), the pair nearest 20%."""
    counts = Counter(catalog.publication.tolist())
    names = sorted(counts)
    options = [(n,) for n in names] + [(a, b) for i, a in enumerate(names) for b in names[i + 1 :]]

    def miss(option: tuple[str, ...]) -> float:
        return abs(sum(counts[n] for n in option) / len(catalog) - FILTER_SHARE)

    single = min(options[: len(names)], key=miss)
    return single if miss(single) <= 0.05 else min(options, key=miss)


def chroma_where(publications: tuple[str, ...]) -> dict:
    if len(publications) == 1:
        return {"publication": publications[0]}
    return {"publication": {"$in": list(publications)}}


def exact_top(
    catalog, vector: np.ndarray, mask: np.ndarray | None, k: int, context: float = 0.0
) -> list[str]:
    """Brute force: every kept entry scored (in context at weight `context`), best entry per
    paragraph, top k paragraphs."""
    rows = catalog.vector_rows
    entries = np.arange(len(rows)) if mask is None else np.flatnonzero(mask[rows])
    sims = catalog.vectors_in_context(context)[entries] @ vector
    best: dict[int, float] = {}
    for i in np.argsort(-sims, kind="stable"):
        row = int(rows[entries[i]])
        best.setdefault(row, float(sims[i]))
        if len(best) == k:
            break
    return [catalog.paragraphs[r].id for r in best]


def overlap(found: list[str], truth: list[str]) -> float:
    return len(set(found[: len(truth)]) & set(truth)) / len(truth) if truth else math.nan


def chroma_ids(result) -> list[str]:
    """Chroma's column-shaped answer as distinct paragraph ids, best first."""
    ids = [m["paragraph_id"] for m in result["metadatas"][0]]
    return list(dict.fromkeys(ids))[:K]


def measure(assistant, questions: list[str], publications: tuple[str, ...]) -> dict:
    """Every measure for every question in turn. The answer embeds the sentences of its top
    paragraphs and keeps them in an LRU cache; each timed answer starts with that cache empty
    (the cost of a question on paragraphs nobody asked about yet, independent of the order of
    the questions), and `answer_warm` asks the same question again (all sentences cached)."""
    from llama_index.core.schema import QueryBundle

    from assistant.engine.fitted_models import fusion
    from assistant.engine.retrieval import DenseRetriever
    from assistant.service import clean_question
    from index.types import Filters

    catalog, store, embedder = assistant.catalog, assistant.store, assistant.embedder
    collection = store.paragraphs  # the Chroma collection, as a user of Chroma would query it
    filters = Filters(publications=publications)
    mask = catalog.mask(filters)
    where = chroma_where(publications)
    depth = assistant.settings.depth  # what Assistant.rank asks each retriever for
    no_filter = Filters()
    context = fusion().context_weight  # dense retrieval reads paragraphs in context at this weight
    times: dict[str, list[float]] = defaultdict(list)
    recall: dict[str, list[float]] = defaultdict(list)
    answered: Counter[str] = Counter()

    for text in questions[:3]:  # warm-up, untimed
        assistant.ask(text)
        assistant.ask(text, filters)
    for text in questions:
        text = clean_question(text, assistant.settings.max_question_chars)
        started = time.perf_counter()
        vector = embedder.embed([text], batch_size=1)[0]
        times["embed"].append(ms_since(started))
        started = time.perf_counter()
        assistant.rank(text, vector, Filters(), K)
        times["rank"].append(ms_since(started))
        started = time.perf_counter()
        assistant.retrieve(text, k=K)
        times["query"].append(ms_since(started))
        assistant.scorer.vectors.clear()  # sentence vectors: none cached (see `measure`)
        started = time.perf_counter()
        answer = assistant.ask(text)
        times["answer"].append(ms_since(started))
        answered[text] = answer.answered
        started = time.perf_counter()
        assistant.ask(text)
        times["answer_warm"].append(ms_since(started))
        started = time.perf_counter()
        assistant.retrieve(text, filters, k=K)
        times["filtered"].append(ms_since(started))
        assistant.scorer.vectors.clear()
        started = time.perf_counter()
        assistant.ask(text, filters)
        times["filtered_answer"].append(ms_since(started))
        bundle = QueryBundle(text, embedding=list(vector))
        started = time.perf_counter()
        ours = DenseRetriever(catalog, store, filters, depth, context).retrieve(bundle)
        times["filtered_dense"].append(ms_since(started))
        started = time.perf_counter()
        theirs = collection.query(  # as many results as our HNSW path asks for (2 x depth)
            query_embeddings=[vector], n_results=2 * depth, where=where, include=["metadatas"]
        )
        times["chroma_filtered"].append(ms_since(started))
        started = time.perf_counter()
        hnsw = DenseRetriever(catalog, store, no_filter, depth).retrieve(bundle)
        times["hnsw"].append(ms_since(started))
        started = time.perf_counter()
        DenseRetriever(catalog, store, no_filter, depth, context).retrieve(bundle)
        times["exact"].append(ms_since(started))

        truth = exact_top(catalog, vector, mask, K, context)
        recall["filtered"].append(overlap([n.node.node_id for n in ours], truth))
        truth = exact_top(catalog, vector, mask, K)  # Chroma holds the stored vectors
        recall["chroma_filtered"].append(overlap(chroma_ids(theirs), truth))
        truth_all = exact_top(catalog, vector, None, K)
        recall["hnsw"].append(overlap([n.node.node_id for n in hnsw], truth_all))
    return {
        "times": dict(times),
        "recall": {k: float(np.mean(v)) for k, v in recall.items()},
        "answered": answered,
        "kept": int(mask.sum()) if mask is not None else len(catalog),
        "context": context,
    }


# --- other processes ----------------------------------------------------------------------------
COLD = """
import json, sys, time
from assistant.service import Assistant
from assistant.settings import Settings
imported = time.time()
a = Assistant(Settings(**json.loads(sys.argv[1])))
opened = time.time()
answer = a.ask(sys.argv[2])
print(json.dumps({"imported": imported, "opened": opened, "answered": time.time(),
                  "ok": answer.answered}))
"""


def cold_start(fields: dict, question: str) -> dict:
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-c", COLD, json.dumps(fields), question],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"cold start failed:\n{done.stderr[-3000:]}")
    child = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "seconds": child["answered"] - started,
        "imports": child["imported"] - started,
        "open": child["opened"] - child["imported"],
        "ask": child["answered"] - child["opened"],
    }


# --- report -------------------------------------------------------------------------------------
def report(args, run: dict) -> None:
    t, recall, depth = run["times"], run["recall"], run["depth"]
    p50 = {k: percentile(v, 50) for k, v in t.items()}
    p95 = {k: percentile(v, 95) for k, v in t.items()}
    peer = run["peer"]
    n, kept = run["paragraphs"], run["kept"]
    print(
        f"\nquery benchmark: {n} paragraphs ({run['entries']} entries) in {run['files']} files, "
        f"backend {args.backend}, {len(run['questions'])} questions, {QUERY_THREADS} query thread "
        f"(torch/ONNX + BLAS), store {run['store_where']}"
    )
    print(f"store: {run['build']['summary']}")
    names = " + ".join(repr(p) for p in run["publications"])
    print(f"filter: publication {names}: {kept} paragraphs ({100 * kept / n:.1f}%)")
    rows = [
        ("embed", "question embedding", "embedder.embed([q])"),
        ("rank", "hybrid retrieval, vector given", "Assistant.rank: dense + BM25 + RRF"),
        ("query", "retrieve", f"Assistant.retrieve(q, k={K}): embed + hybrid"),
        ("answer", "answer", "Assistant.ask(q): retrieve + evidence + extractive"),
        ("answer_warm", "answer, sentences cached", "the same question asked again"),
        ("filtered", "filtered retrieve", "Assistant.retrieve(q, filters)"),
        ("filtered_answer", "filtered answer", "Assistant.ask(q, filters)"),
        (
            "filtered_dense",
            "filtered dense, vector given",
            f"ours: exact numpy over kept rows, top {depth}",
        ),
        (
            "chroma_filtered",
            "Chroma filtered, vector given",
            f"collection.query(where=..., n_results={2 * depth})",
        ),
        (
            "exact",
            "unfiltered dense, vector given",
            f"ours: exact numpy over all rows in context (weight {run['context']})",
        ),
        ("hnsw", "unfiltered dense HNSW, vector given", f"Chroma HNSW, n_results={2 * depth}"),
    ]
    print(f"\n{'measure':<36} {'p50 ms':>9} {'p95 ms':>9}  what")
    for key, name, what in rows:
        print(f"{name:<36} {p50[key]:>9.2f} {p95[key]:>9.2f}  {what}")
    if peer:
        note = (
            f"{run['peer_paragraphs']} paragraphs -> {peer['nodes']} nodes (chunk {peer['chunk']})"
        )
        note += ", store reused" if peer["reused"] else f", built in {peer['build_s']:.0f} s"
        print(f"{'peer: llama-index retrieve':<36} {peer['p50']:>9.2f} {peer['p95']:>9.2f}  {note}")
    print(f"\nrecall@{K} against exact brute force (mean over questions):")
    print(f"  filtered, ours (exact numpy)         {recall['filtered']:.3f}")
    print(f"  filtered, Chroma where= (HNSW)       {recall['chroma_filtered']:.3f}")
    print(f"  unfiltered, Chroma HNSW              {recall['hnsw']:.3f}")
    print(
        f"\nanswer path, mean exclusive ms per ask over {run['breakdown_n']} questions "
        f"({run['breakdown_total']:.0f} ms per ask, {run['sentences']:.1f} sentences embedded):"
    )
    for stage, ms in sorted(run["breakdown"].items(), key=lambda kv: -kv[1]):
        print(f"  {stage:<34} {ms:>8.2f}  {100 * ms / run['breakdown_total']:5.1f}%")
    answered = run["answered_by_kind"]
    print("\nanswered (unfiltered) by kind: " + ", ".join(f"{k} {v}" for k, v in answered.items()))
    cold = run["cold"]
    print(
        f"cold start: {cold['seconds']:.1f} s to the first answer (imports {cold['imports']:.1f}, "
        f"Assistant() {cold['open']:.1f}, first ask {cold['ask']:.2f})"
    )
    opened, measured, ended = run["rss_phases"]
    print(
        f"peak RSS of this process: {run['rss_mb']:.0f} MB (RSS {opened:.0f} MB once open, "
        f"{measured:.0f} after the timed pass, {ended:.0f} at the end; build and peer ran apart)"
    )
    print(
        f"load average (1 min): {run['load'][0]:.2f} at start, {run['load'][1]:.2f} at end, "
        f"{os.cpu_count()} cores"
    )
    filtered_ratio = p50["filtered"] / p50["query"]
    speedup = peer["p50"] / p50["query"] if peer else math.nan
    print(f"filtered / unfiltered retrieve (p50): {filtered_ratio:.3f}")
    print(f"peer / ours retrieve (p50): {fmt(speedup)}x")
    pairs = {
        "paragraphs": n,
        "backend": args.backend,
        "query_p50_ms": fmt(p50["query"]),
        "query_p95_ms": fmt(p95["query"]),
        "answer_p50_ms": fmt(p50["answer"]),
        "answer_p95_ms": fmt(p95["answer"]),
        "filtered_p50_ms": fmt(p50["filtered"]),
        "filtered_p95_ms": fmt(p95["filtered"]),
        "filtered_answer_p50_ms": fmt(p50["filtered_answer"]),
        "chroma_filtered_p50_ms": fmt(p50["chroma_filtered"]),
        "filtered_ratio": fmt(filtered_ratio, 3),
        "filtered_recall_at_10": fmt(recall["filtered"], 3),
        "chroma_filtered_recall_at_10": fmt(recall["chroma_filtered"], 3),
        "peer_query_p50_ms": fmt(peer["p50"] if peer else None),
        "speedup_vs_peer": fmt(speedup),
        "cold_start_s": fmt(cold["seconds"]),
        "rss_mb": fmt(run["rss_mb"], 0),
    }
    print(" ".join(f"{k}={v}" for k, v in pairs.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--paragraphs", type=int, default=5000, help="0: data/sample")
    parser.add_argument("--sample", action="store_true", help="data/sample (= --paragraphs 0)")
    parser.add_argument("--backend", choices=["torch", "onnx-int8"], default="onnx-int8")
    parser.add_argument("--chroma-url", help="query a `chroma run` server instead")
    parser.add_argument("--queries", type=int, default=200, help="questions asked")
    parser.add_argument("--db", type=Path, help="folder to keep (and reuse) archive and stores")
    parser.add_argument("--skip-peer", action="store_true", help="leave llama-index out")
    parser.add_argument("--peer-paragraphs", type=int, help="cap the peer's share of the archive")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", action="store_true", help="cProfile the answer path")
    parser.add_argument("--build-worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build_worker:
        return build_worker(json.loads(args.build_worker))
    if args.sample:
        args.paragraphs = 0
    if args.paragraphs < 0 or args.queries < 1:
        parser.error(f"expected --paragraphs >= 0 and --queries >= 1, got {args}")

    load_at_start = LOAD()[0]
    work = Path(tempfile.mkdtemp(prefix="dispatch-qbench-"))
    try:
        where = layout(args, work)
        build = build_store(args, where)
        run = run_ours(args, where)
        run["build"] = build
        run["peer"], run["peer_paragraphs"] = None, 0
        if not args.skip_peer:
            files, run["peer_paragraphs"] = peer_files(
                run.pop("catalog"), where["corpus"], args.peer_paragraphs
            )
            run["peer"] = run_peer(files, run["questions"], where["peer"], work)
        run["cold"] = cold_start(settings_fields(args, where), run["questions"][0])
        run["load"] = (load_at_start, LOAD()[0])
        report(args, run)
        if args.chroma_url and not args.db:
            drop_collections(args, where)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def run_ours(args, where: dict) -> dict:
    from assistant.service import Assistant
    from assistant.settings import Settings
    from index.embedder import load_embedder

    settings = Settings(**settings_fields(args, where))
    embedder = load_embedder(settings.model, settings.backend, threads=QUERY_THREADS)
    embedder.set_threads(QUERY_THREADS)  # type: ignore[attr-defined]
    limit_threads(QUERY_THREADS)
    assistant = Assistant(settings, embedder)
    catalog = assistant.catalog
    pairs = [(p.text, p.publication) for p in catalog.paragraphs]
    questions = make_questions(pairs, args.queries, args.seed)
    texts = [q.text for q in questions]
    publications = pick_publications(catalog)
    rss_open = rss_now_mb()
    run = measure(assistant, texts, publications)
    rss_measured = rss_now_mb()
    by_kind = {}
    for kind in KINDS:
        asked = [q.text for q in questions if q.kind == kind]
        by_kind[kind] = f"{sum(bool(run['answered'][t]) for t in asked)}/{len(asked)}"
    sample = texts[: min(len(texts), 52)]  # two of every shape
    run["breakdown"], run["breakdown_total"], run["sentences"] = answer_breakdown(assistant, sample)
    run["breakdown_n"] = len(sample)
    if args.profile:
        profile(assistant, texts)
    run.update(
        questions=texts,
        answered_by_kind=by_kind,
        publications=publications,
        depth=settings.depth,
        rss_phases=(rss_open, rss_measured, rss_now_mb()),
        paragraphs=len(catalog),
        entries=len(catalog.vectors),
        files=len({p.source for p in catalog.paragraphs}),
        store_where=settings.chroma_url or "PersistentClient",
        rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        catalog=catalog,
    )
    return run


def drop_collections(args, where: dict) -> None:
    from assistant.settings import Settings
    from index.store import make_client

    client = make_client(Settings(**settings_fields(args, where)))
    for name in (where["collection"], f"{where['collection']}__articles"):
        client.delete_collection(name)


if __name__ == "__main__":
    sys.exit(main())
