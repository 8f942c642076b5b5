"""The load bench runs (tiny: 2 clients for a few seconds); its figures are not asserted."""

import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def test_load_bench_runs_and_reports_key_values():
    result = subprocess.run(
        [
            sys.executable,
            "bench/load.py",
            "--clients",
            "2",
            "--seconds",
            "4",
            "--ingest-every",
            "2",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=400,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    figures = dict(pair.split("=") for pair in result.stdout.strip().splitlines()[-1].split())
    assert {"requests", "failed", "dangling_citations", "api_p50_ms", "throughput_rps"} <= set(
        figures
    )
    assert figures["failed"] == "0" and figures["dangling_citations"] == "0"
