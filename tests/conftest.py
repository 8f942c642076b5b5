"""Shared fixtures: the real embedding model, real Chroma on fresh tmp dirs, a real `chroma run`."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "sample"
TEST_DATA = Path(__file__).resolve().parent / "data"
ARTIFACTS = REPO / "test-artifacts"
# The development archive beside the checkout (CI always has ../shared; elsewhere its tests skip).
ARCHIVE = REPO.parent / "shared" / "archive"
needs_archive = pytest.mark.skipif(
    not ARCHIVE.is_dir() and not os.environ.get("CI"), reason=f"no {ARCHIVE}"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def embedder():
    """The stored paragraphs' model of the default settings (all-mpnet-base-v2)."""
    from index.embedder import load_embedder
    from index.settings import IndexSettings

    settings = IndexSettings()
    return load_embedder(settings.model, settings.backend, threads=2)


@pytest.fixture(scope="session")
def sentence_embedder():
    """The model of the sentences a question reads (all-MiniLM-L6-v2)."""
    from index.embedder import load_embedder
    from index.settings import IndexSettings

    settings = IndexSettings()
    return load_embedder(settings.sentence_model, settings.backend, threads=2)


@pytest.fixture(scope="session")
def torch_embedder():
    """The sentence-transformers model itself (float32), the reference for the ONNX backend."""
    from index.embedder import load_embedder

    return load_embedder("all-MiniLM-L6-v2", "torch", threads=2)


@pytest.fixture
def settings(tmp_path):
    from index.settings import IndexSettings

    return IndexSettings(db=tmp_path / "store")


@pytest.fixture(scope="session")
def sample_settings(tmp_path_factory, embedder):
    """A store holding data/sample, ingested once per session (read-only for tests)."""
    from index.ingest import Ingestor
    from index.settings import IndexSettings
    from index.store import ArchiveStore, identity_of

    settings = IndexSettings(db=tmp_path_factory.mktemp("sample") / "store")
    store = ArchiveStore(settings, identity_of(embedder))
    report = Ingestor(settings, embedder, store).run([SAMPLE])
    assert not report.failed, report.failed
    return settings


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """A real `chroma run` server on 127.0.0.1 (its own data folder), stopped after the session."""
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    assert chroma, "the chroma CLI comes with the chromadb package"
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    log = open(data / "server.log", "w")  # noqa: SIM115 (open while the server runs)
    process = subprocess.Popen(
        [chroma, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(data / "db")],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if process.poll() is not None:
                raise RuntimeError((data / "server.log").read_text()) from None
            time.sleep(0.3)
    else:
        process.kill()
        raise RuntimeError("chroma run did not start within 60 s")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
