"""Small helpers the query benchmark's processes share: percentiles, formatting, threads, RSS."""

from __future__ import annotations

import math
import time

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
