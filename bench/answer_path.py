"""Where an answer's time goes: each step of Assistant.ask timed apart, or a cProfile."""

from __future__ import annotations

import sys
import time

from bench.timing import Stages, ms_since


def answer_breakdown(assistant, questions: list[str]) -> tuple[dict[str, float], float, float]:
    """Mean exclusive milliseconds per ask inside each step of the answer path (a separate pass:
    the wrappers cost a little; sentence cache emptied before each ask as in the timed pass)."""
    from assistant import service
    from assistant.engine import abstain, extractive, retrieval
    from assistant.engine.evidence import SentenceVectors

    stages = Stages()
    for owner, name, stage in (
        (assistant, "embed_questions", "embed question (+ parts)"),
        (retrieval.DenseRetriever, "_retrieve", "dense retrieval"),
        (retrieval.KeywordRetriever, "_retrieve", "BM25 retrieval"),
        (retrieval, "keyword_weight", "BM25 weight"),
        (retrieval, "rrf_fuse", "fusion"),
        (retrieval, "to_hits", "nodes -> hits"),
        (service, "standalone", "follow-up resolution"),
        (service, "analyse", "question analysis"),
        (assistant.scorer, "score", "sentence evidence scoring"),
        (SentenceVectors, "__call__", "sentence embeddings (uncached)"),
        (extractive, "choose", "choose sentences"),
        (extractive, "write", "write answer + citations"),
        (service, "idf_weights", "idf weights"),
        (abstain, "signals", "decline signals"),
    ):
        stages.wrap(owner, name, stage)
    total = 0.0
    sentences = 0
    try:
        for text in questions:
            assistant.scorer.vectors.clear()  # as in the timed answers
            started_one = time.perf_counter()
            assistant.ask(text)
            total += ms_since(started_one)
            sentences += len(assistant.scorer.vectors._cache)  # all embedded by this ask
    finally:
        stages.restore()
    step_ms = {k: 1000 * v for k, v in stages.seconds.items()}
    rows = {k: v / len(questions) for k, v in step_ms.items()}
    rows["other (retriever plumbing, ...)"] = (total - sum(step_ms.values())) / len(questions)
    return rows, total / len(questions), sentences / len(questions)


def profile(assistant, questions: list[str]) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for text in questions:
        assistant.scorer.vectors.clear()
        assistant.ask(text)
    profiler.disable()
    print(f"\ncProfile of Assistant.ask over {len(questions)} questions (cumulative):")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(30)
    print("cProfile (own time):")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(15)
