"""The ingest benchmark runs end to end at a tiny size and ends with a parseable key=value line."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXPECTED_KEYS = {
    "paragraphs",
    "backend",
    "paragraphs_per_s",
    "encode_per_s",
    "ingest_ratio_to_encode",
    "parse_per_s",
    "ingest_ratio_to_encode_and_parse",
    "cpu_ratio_to_encode",
    "peer_per_s",
    "ingest_speedup_vs_peer",
    "peer_paragraphs",
    "peer_text_pct",
    "ingest_s",
    "reingest_s",
    "reingest_ratio",
    "rss_mb",
    "store_mb",
}


def run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def parse_pairs(line: str) -> dict[str, str]:
    pairs = dict(item.split("=", 1) for item in line.split())
    assert len(pairs) == len(line.split()), f"not all key=value: {line!r}"
    return pairs


def test_make_corpus_writes_the_archive_format_with_a_manifest(tmp_path):
    run("bench/make_corpus.py", "--paragraphs", "60", str(tmp_path))
    files = sorted(tmp_path.glob("*.txt"))
    paragraphs = 0
    for path in files:
        header, *body = path.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
        assert header.startswith("Publication: ")
        assert all(p.strip() and "\n" not in p for p in body)
        paragraphs += len(body)
    assert paragraphs == 60
    manifest = [json.loads(line) for line in (tmp_path / "manifest.jsonl").open()]
    assert [m["file"] for m in manifest] == [p.name for p in files]
    assert all("1995" <= m["date"][:4] <= "2005" and m["title"] for m in manifest)


@pytest.mark.slow
def test_ingest_bench_ends_with_key_value_line(tmp_path):
    corpus = tmp_path / "corpus"
    run("bench/make_corpus.py", "--paragraphs", "60", str(corpus))
    out = run("bench/ingest.py", "--paragraphs", "60", "--corpus", str(corpus))
    pairs = parse_pairs(out.strip().splitlines()[-1])
    assert set(pairs) == EXPECTED_KEYS
    assert pairs["paragraphs"] == "60" and pairs["backend"] == "onnx-int8"
    numbers = {k: float(v) for k, v in pairs.items() if k != "backend"}
    assert all(math.isfinite(v) and v > 0 for v in numbers.values()), numbers
    assert numbers["reingest_ratio"] < 1
