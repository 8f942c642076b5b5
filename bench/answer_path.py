"""Where an answer's time goes: each step of Assistant.ask timed apart, or a cProfile."""

from __future__ import annotations

import sys
import time
from collections import defaultdict

from bench.timing import ms_since

_MISSING = object()


class Stages:
    """Wall time inside named calls, exclusive of timed calls nested in them (rows add up)."""

    def __init__(self) -> None:
        self.ms: dict[str, float] = defaultdict(float)
        self._inner: list[float] = []
        self._patched: list[tuple[object, str, object]] = []

    def call(self, stage: str, function, *args, **kwargs):
        self._inner.append(0.0)
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            elapsed = ms_since(started)
            self.ms[stage] += elapsed - self._inner.pop()
            if self._inner:
                self._inner[-1] += elapsed

    def wrap(self, owner, name: str, stage: str) -> None:
        original = vars(owner).get(name, _MISSING) if hasattr(owner, "__dict__") else _MISSING
        inner = getattr(owner, name)
        setattr(owner, name, lambda *a, **kw: self.call(stage, inner, *a, **kw))
        self._patched.append((owner, name, original))

    def restore(self) -> None:
        for owner, name, original in reversed(self._patched):
            if original is _MISSING:
                delattr(owner, name)
            else:
                setattr(owner, name, original)
        self._patched.clear()


def answer_breakdown(assistant, questions: list[str]) -> tuple[dict[str, float], float, float]:
    """Mean exclusive milliseconds per ask inside each step of the answer path (a separate pass:
    the wrappers cost a little; sentence cache emptied before each ask as in the timed pass)."""
    from assistant import abstain, extractive, retrieval, service
    from assistant.evidence import SentenceVectors

    stages = Stages()
    for owner, name, stage in (
        (assistant, "embed_questions", "embed question (+ parts)"),
        (retrieval.DenseRetriever, "_retrieve", "dense retrieval"),
        (retrieval.KeywordRetriever, "_retrieve", "BM25 retrieval"),
        (retrieval, "keyword_weight", "BM25 weight"),
        (retrieval, "rrf_fuse", "fusion"),
        (service, "to_hits", "nodes -> hits"),
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
    rows = {k: v / len(questions) for k, v in stages.ms.items()}
    rows["other (retriever plumbing, ...)"] = (total - sum(stages.ms.values())) / len(questions)
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
