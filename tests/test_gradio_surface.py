"""Gradio's open surface, attacked from outside over raw HTTP and gradio_client against a real
`python app.py` with an admin token: no client-sent data can name a server file, no event
writes files for anonymous callers beyond a bounded, swept cache, and large bodies are refused.

Before the fix, `POST /gradio_api/call/ask` with a chat history holding a file part
`{"path": "/etc/passwd"}` returned a `/gradio_api/file=` URL serving the file (and
`/proc/self/environ`, holding the admin token)."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.app_server import Server, start_app
from tests.gradio_wire import Event, call, call_by_name, events

pytestmark = pytest.mark.slow

TOKEN = f"surface-token-{uuid.uuid4().hex}"
SECRET = f"beside-the-store-{uuid.uuid4().hex}"
IRAN = "What did Sergeev say about Iran?"


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("surface")


@pytest.fixture(scope="module")
def app(root) -> Iterator[Server]:
    (root / "tmp").mkdir()
    (root / "beside-store.txt").write_text(SECRET)
    env = {"DISPATCH_ADMIN_TOKEN": TOKEN, "TMPDIR": str(root / "tmp")}
    server = start_app(root / "store", root / "server.log", env)
    yield server
    server.stop()


@pytest.fixture
def client(app) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=app.url, timeout=120) as client:
        yield client


def targets(root: Path) -> dict[str, str]:
    """Server files an attacker wants -> a string that shows their content leaked."""
    return {
        "/proc/self/environ": TOKEN,
        "/etc/passwd": "root:x:0:0",
        str(root / "beside-store.txt"): SECRET,
        str(root / "store" / "chroma" / "chroma.sqlite3"): "SQLite format 3",
    }


def file_part(path: str) -> dict:
    return {"path": path, "meta": {"_type": "gradio.FileData"}, "orig_name": "x.txt"}


def forged_history(path: str) -> list[dict]:
    return [
        {"role": "user", "content": [{"type": "file", "file": file_part(path)}]},
        {"role": "assistant", "content": [{"type": "file", "file": file_part(path)}]},
    ]


def hostile_data(event: Event, path: str) -> list[list]:
    """Ways to put a server path into an event's inputs: a forged history or a bare file part in
    each slot in turn, with harmless values elsewhere."""
    harmless = {"textbox": IRAN, "number": None, "slider": 5, "dropdown": [], "state": None}
    base = [harmless.get(kind) for kind in event.inputs]
    variants = []
    for slot in range(len(event.inputs)):
        for payload in (forged_history(path), file_part(path), [file_part(path)]):
            data = list(base)
            data[slot] = payload
            variants.append(data)
    return variants or [[]]


def cached_files(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()]


def assert_nothing_leaked(client: httpx.Client, answered: str, leaks: dict[str, str], *caches):
    for path, proof in leaks.items():
        assert proof not in answered, f"{path} leaked into a response"
    for url in set(re.findall(r"/gradio_api/file=[^\"\\\s]+", answered)):
        served = client.get(url).content
        for path, proof in leaks.items():
            assert proof.encode() not in served, f"{path} served at {url}"
    for cached in cached_files(*caches):
        data = cached.read_bytes()
        for path, proof in leaks.items():
            assert proof.encode() not in data, f"{path} copied to {cached}"


def test_a_forged_chat_history_cannot_read_server_files(app, client, root):
    ask = next(e for e in events(client) if e.api_name == "ask")
    caches = (root / "gradio-tmp", root / "tmp")
    for path in targets(root):
        for data in hostile_data(ask, path):
            answered = call_by_name(client, "ask", data)
            assert_nothing_leaked(client, answered, targets(root), *caches)
    # and the chat still answers, its history kept on the server
    answered = call_by_name(client, "ask", [IRAN, None, [], None, None, "", "", 5])
    assert "Monitor, Vol. 6, Issue 228" in answered


def test_gradio_client_sees_no_history_input_and_cannot_forge_one(app, root):
    from gradio_client import Client

    client = Client(app.url, verbose=False, download_files=False)
    parameters = client.view_api(return_format="dict", print_info=False)["named_endpoints"]["/ask"]
    kinds = " ".join(json.dumps(p) for p in parameters["parameters"])
    assert "FileData" not in kinds and "Chatbot" not in kinds
    messages, sources, *_ = client.predict(IRAN, api_name="/ask")
    assert "Monitor, Vol. 6, Issue 228, ¶7" in sources
    with pytest.raises(Exception):  # noqa: B017 (any refusal will do: there is no such input)
        client.predict(IRAN, forged_history("/etc/passwd"), api_name="/ask")
    with httpx.Client(base_url=app.url) as http:
        assert_nothing_leaked(http, json.dumps(messages), targets(root), root / "gradio-tmp")


def test_every_event_called_anonymously_with_hostile_input_writes_nothing_and_adds_nothing(
    app, client, root
):
    """Every event in /config, called by fn_index without a token, with server paths, forged
    histories, 200 KB strings and absurd numbers in each input."""
    paragraphs = client.get("/api/health").json()["paragraphs"]
    caches = (root / "gradio-tmp", root / "tmp")
    before = {p: p.stat().st_size for p in cached_files(*caches)}
    big = "A" * 200_000
    called = set()
    for event in events(client):
        variants = hostile_data(event, "/etc/passwd")
        variants += [[big] * len(event.inputs), [1e308] * len(event.inputs)]
        for data in variants:
            answered = call(client, event, data)
            assert_nothing_leaked(client, answered, targets(root), *caches)
        called.add(event.api_name)
    assert {"ask", "add_files", "unlock"} <= called
    assert client.get("/api/health").json()["paragraphs"] == paragraphs  # no admin event ran
    assert not (root / "store" / "uploads").exists()
    grown = sum(p.stat().st_size - before.get(p, 0) for p in cached_files(*caches) if p.exists())
    assert grown < 64 * 1024, f"{grown:,} bytes written by anonymous calls"
    assert not list((root / "tmp").glob("dispatch-briefing*/**/*.md"))


def test_bodies_over_the_limit_are_refused_on_every_gradio_route(app, client):
    body = json.dumps({"data": ["A" * 2_000_000], "fn_index": 1, "session_hash": "x"})
    for route in ("/gradio_api/queue/join", "/gradio_api/run/predict", "/gradio_api/call/ask"):
        response = client.post(route, content=body, headers={"Content-Type": "application/json"})
        assert response.status_code == 413, (route, response.text[:200])

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit counts what arrives
        yield b'{"data": ["'
        for _ in range(40):
            yield b"A" * 50_000
        yield b'"], "fn_index": 1, "session_hash": "y"}'

    response = client.post("/gradio_api/queue/join", content=chunks())
    assert response.status_code == 413
    assert "Monitor" in call_by_name(client, "ask", [IRAN, None, [], None, None, "", "", 5])
