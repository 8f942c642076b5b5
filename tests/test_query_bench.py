"""The query benchmark runs end to end on the sample archive and ends with a key=value line;
its questions are deterministic and mix the five kinds of the dev set."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

EXPECTED_KEYS = {
    "paragraphs",
    "backend",
    "query_p50_ms",
    "query_p95_ms",
    "answer_p50_ms",
    "answer_p95_ms",
    "filtered_p50_ms",
    "filtered_p95_ms",
    "filtered_answer_p50_ms",
    "chroma_filtered_p50_ms",
    "filtered_ratio",
    "filtered_recall_at_10",
    "chroma_filtered_recall_at_10",
    "peer_query_p50_ms",
    "speedup_vs_peer",
    "cold_start_s",
    "rss_mb",
}
PEER_KEYS = {"peer_query_p50_ms", "speedup_vs_peer"}


def sample_paragraphs() -> list[tuple[str, str]]:
    from index.sources import load_manifest, read_articles

    folder = REPO / "data" / "sample"
    manifest, _ = load_manifest(folder)
    pairs = []
    for path in sorted(folder.glob("*.txt")):
        articles, _ = read_articles(path, manifest, "Unknown", 1 << 30)
        pairs += [(p.text, p.publication) for a in articles for p in a.paragraphs]
    return pairs


def test_bench_questions_are_deterministic_and_mix_the_five_kinds():
    from bench.questions import KINDS, make_questions

    paragraphs = sample_paragraphs()
    first = make_questions(paragraphs, 30, seed=0)
    assert first == make_questions(paragraphs, 30, seed=0)
    assert first != make_questions(paragraphs, 30, seed=1)
    assert {q.kind for q in first[:5]} == set(KINDS)
    assert {q.shape for q in first[:26]} == set(range(1, 27))
    assert len({q.text for q in first}) == 30
    assert all(q.text.endswith("?") for q in first)


@pytest.mark.slow
def test_query_bench_on_the_sample_ends_with_key_value_line(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "bench/query.py",
            "--sample",
            "--queries",
            "10",
            "--skip-peer",
            "--db",
            str(tmp_path / "bench"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    line = done.stdout.strip().splitlines()[-1]
    pairs = dict(item.split("=", 1) for item in line.split())
    assert len(pairs) == len(line.split()), f"not all key=value: {line!r}"
    assert set(pairs) == EXPECTED_KEYS
    assert pairs["paragraphs"] == "58" and pairs["backend"] == "onnx-int8"
    assert pairs["peer_query_p50_ms"] == "nan" and pairs["speedup_vs_peer"] == "nan"
    numbers = {k: float(v) for k, v in pairs.items() if k not in PEER_KEYS | {"backend"}}
    assert all(math.isfinite(v) and v > 0 for v in numbers.values()), numbers
    assert numbers["filtered_recall_at_10"] == 1.0  # exact search over the kept rows
    assert numbers["query_p50_ms"] <= numbers["query_p95_ms"]
