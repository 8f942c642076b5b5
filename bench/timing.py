"""Small helpers the benchmarks share: percentiles, formatting, threads, RSS, per-stage timing."""

from __future__ import annotations

import math
import time
from collections import defaultdict

import numpy as np

K = 10  # results asked for and compared (recall@10)
QUERY_THREADS = 1  # one thread per query, as the app runs (Settings.query_threads)


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else math.nan


def fmt(value: float | None, digits: int = 2) -> str:
    return "nan" if value is None or math.isnan(value) else f"{value:.{digits}f}"


def ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def rss_now_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def limit_threads(threads: int) -> None:
    """Deliberately `threads` for every query-time library: torch, ONNX Runtime (set on the
    embedder), and the BLAS that numpy's matrix products use."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(threads)
    try:
        import torch

        torch.set_num_threads(threads)
    except ImportError:
        pass


_MISSING = object()


class Stages:
    """Wall seconds spent inside named calls, exclusive of timed calls nested inside them (so the
    rows add up). `wrap` patches a method or module function; `restore` undoes every patch."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._inner: list[float] = []
        self._patched: list[tuple[object, str, object]] = []

    def call(self, stage: str, function, *args, **kwargs):
        self._inner.append(0.0)
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            elapsed = time.perf_counter() - started
            self.seconds[stage] += elapsed - self._inner.pop()
            if self._inner:
                self._inner[-1] += elapsed

    def wrap(self, owner, name: str, stage: str) -> None:
        original = vars(owner).get(name, _MISSING) if hasattr(owner, "__dict__") else _MISSING
        inner = getattr(owner, name)
        setattr(owner, name, lambda *args, **kwargs: self.call(stage, inner, *args, **kwargs))
        self._patched.append((owner, name, original))

    def restore(self) -> None:
        for owner, name, original in reversed(self._patched):
            if original is _MISSING:
                delattr(owner, name)
            else:
                setattr(owner, name, original)
        self._patched.clear()
