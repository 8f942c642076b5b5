"""A real `python -m index ingest` killed with SIGKILL mid-run, then re-run: the store must end as
a clean ingest leaves it. Seeded kill points; DISPATCH_LONG_TESTS=1 tries more of them."""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from index.ingest import Ingestor
from index.settings import IndexSettings
from index.store import PENDING, ArchiveStore, identity_of
from tests.conftest import REPO, SAMPLE
from tests.store_view import assert_consistent, view

pytestmark = pytest.mark.slow

SEED = int(os.environ.get("DISPATCH_CRASH_SEED", "2000"))
TRIALS = 20 if os.environ.get("DISPATCH_LONG_TESTS") == "1" else 3
CHUNK = "8"  # paragraphs per commit: many commit points to land between
PROGRESS = re.compile(r"(\d+)/\d+ \[")  # tqdm's "12/32 [" of `python -m index ingest`


def generated_articles(folder: Path, count: int, rng: random.Random) -> None:
    """Short articles made of the sample's own words: cheap to embed, many paragraphs."""
    vocabulary = sorted({w for p in SAMPLE.glob("*.txt") for w in p.read_text().split()[3:]})
    for n in range(count):
        paragraphs = [
            " ".join(rng.choice(vocabulary) for _ in range(rng.randint(15, 35))) + "."
            for _ in range(rng.randint(3, 6))
        ]
        header = f"Publication: Generated Wire Volume: {n % 3 + 1} Issue: {n}"
        (folder / f"gen-{n:03}.txt").write_text("\n\n".join([header, *paragraphs]) + "\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("crash-corpus")
    shutil.copytree(SAMPLE, folder, dirs_exist_ok=True)
    generated_articles(folder, 20, random.Random(SEED))
    return folder


def ingest(settings: IndexSettings, embedder, corpus: Path):
    store = ArchiveStore(settings, identity_of(embedder))
    return Ingestor(settings, embedder, store).run([corpus])


@pytest.fixture(scope="module")
def clean(tmp_path_factory, embedder, corpus):
    store = tmp_path_factory.mktemp("clean") / "store"
    settings = IndexSettings(db=store, ingest_chunk_paragraphs=int(CHUNK))
    report = ingest(settings, embedder, corpus)
    assert report.failed == []
    return assert_consistent(settings)


def kill_ingest_at(corpus: Path, db: Path, files: int, jitter: float) -> tuple[int | None, str]:
    """Start `python -m index ingest`, SIGKILL it `jitter` s after its progress bar shows `files`
    files done. Returns its exit code if it ended first (else None) and its output."""
    env = {
        **os.environ,
        "DISPATCH_INGEST_CHUNK_PARAGRAPHS": CHUNK,
        "DISPATCH_DB": str(db),
        "DISPATCH_THREADS": "1",  # three of them share the cores
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "index", "ingest", str(corpus)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert process.stdout is not None
    output = b""
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            data = process.stdout.read1(4096)
            if not data:
                break  # it ended
            output += data
            done = PROGRESS.findall(output.decode(errors="replace"))
            if done and int(done[-1]) >= files:
                time.sleep(jitter)
                break
        code = process.poll()
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    return code, output.decode(errors="replace")


def test_killed_ingest_rerun_ends_like_a_clean_ingest(tmp_path, embedder, corpus, clean):
    expected = clean
    files = len(list(corpus.glob("*.txt")))
    rng = random.Random(SEED)
    # One kill point in each slice of the run, a little after a file was done (mid-chunk, or in
    # the catalog rebuild after the last file).
    points = [
        (rng.randint(1 + files * k // TRIALS, files * (k + 1) // TRIALS), rng.uniform(0, 0.4))
        for k in range(TRIALS)
    ]
    dbs = [tmp_path / f"store-{trial}" for trial in range(TRIALS)]
    with ThreadPoolExecutor(3) as pool:  # the model loads dominate: overlap them
        runs = list(pool.map(lambda t: kill_ingest_at(corpus, dbs[t], *points[t]), range(TRIALS)))
    contexts = [f"seed {SEED}, trial {t}: killed {j:.2f} s after file {f}" for t, (f, j) in enumerate(points)]  # fmt: skip
    for context, (code, output) in zip(contexts, runs, strict=True):
        assert code in (None, 0), f"{context}: exit {code}\n{output}"
    assert any(code is None for code, _ in runs), f"every run ended before its kill: {runs}"
    interrupted = [view(IndexSettings(db=db)).states for db in dbs]
    assert any(PENDING in states.values() for states in interrupted), "no kill hit a write"
    for db, context in zip(dbs, contexts, strict=True):
        settings = IndexSettings(db=db)
        report = ingest(settings, embedder, corpus)
        assert report.failed == [], context
        found = assert_consistent(settings)
        assert found.paragraphs == expected.paragraphs, context
        assert found.windows == expected.windows, context
        assert found.entries == expected.entries, context
        assert found.fingerprint == expected.fingerprint, context
        # And the repaired store is stable: one more run changes and encodes nothing.
        again = ingest(settings, embedder, corpus)
        assert (again.added, again.updated, again.removed, again.embedded) == (0, 0, 0, 0)
        assert view(settings) == found, context
