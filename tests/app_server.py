"""Run `python app.py` (or any server command) as a subprocess on a free port, for real HTTP tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import REPO, free_port


class Server:
    """A subprocess serving HTTP on 127.0.0.1; its output goes to `log`."""

    def __init__(self, args: list[str], log: Path, env: dict | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.ready_seconds = 0.0
        self.db: Path | None = None
        with open(log, "w") as handle:  # the child keeps its own copy of the descriptor
            self.process = subprocess.Popen(
                [a.replace("{port}", str(self.port)) for a in args],
                cwd=REPO,
                stdout=handle,
                stderr=subprocess.STDOUT,
                env={**os.environ, **(env or {})},
            )

    def wait(self, path: str, timeout: float) -> float:
        """Seconds until GET `path` answered 200; fails with the server's output otherwise."""
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited {self.process.returncode}:\n{self.output()}")
            try:
                if httpx.get(self.url + path, timeout=5).status_code == 200:
                    return time.perf_counter() - started
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"server not ready within {timeout} s:\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


def start_app(db: Path, log: Path, env: dict | None = None, timeout: float = 300) -> Server:
    """`python app.py --db DB` on a free port, ready to answer (it ingests into an empty store)."""
    env = {
        "GRADIO_ANALYTICS_ENABLED": "False",
        "HF_HUB_OFFLINE": "1",
        "GRADIO_TEMP_DIR": str(db.parent / "gradio-tmp"),
        **(env or {}),
    }
    server = Server([sys.executable, "app.py", "--db", str(db), "--port", "{port}"], log, env)
    server.db = db
    server.ready_seconds = server.wait("/api/health", timeout)
    return server


def ingest(paths: list[Path], db: Path) -> None:
    """`python -m index ingest PATH... --db DB`, as a user would fill a store before serving."""
    result = subprocess.run(
        [sys.executable, "-m", "index", "ingest", *map(str, paths), "--db", str(db)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
