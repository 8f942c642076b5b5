"""Access and upload safety beyond tests/test_api.py (which covers 401/403 for a missing or wrong
token leaving the archive unchanged, one `../../` name, one oversized file, a bad suffix):
hostile file names over HTTP (checked on disk), count and size limits whatever the client
declares, the default bind address, and the admin token kept out of logs, pages and errors."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.errors import BadInputError
from assistant.web.uploads import ALLOWED_SUFFIXES, MAX_NAME, Upload, safe_name, save
from tests.app_server import Server, start_app

slow = pytest.mark.slow
TOKEN = f"access-test-token-{uuid.uuid4().hex}"
MAX_FILES, MAX_BYTES = 3, 4000
ARTICLE = (
    "Publication: Access Gazette Volume: 1 Issue: 2\n\n"
    "The harbour master said the ferry to Kaliningrad would resume on Monday.\n"
)
EXAMPLES = 5000 if os.environ.get("DISPATCH_LONG_TESTS") == "1" else 300


# -- fast: names, the default bind address, no-token mode ------------------------------------------


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    name=st.text(max_size=300)
    | st.lists(st.sampled_from(["..", "/", "\\", ".txt", "a"])).map("".join)
)
def test_any_client_file_name_becomes_a_plain_safe_basename_or_is_refused(name):
    try:
        cleaned = safe_name(name)
    except BadInputError:
        return
    assert cleaned == os.path.basename(cleaned) and "\\" not in cleaned and "\x00" not in cleaned
    assert cleaned.endswith(ALLOWED_SUFFIXES) and not cleaned.startswith(".")
    assert len(cleaned) <= MAX_NAME and cleaned.lower() != "manifest.jsonl"
    assert set(cleaned) <= set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")


@settings(
    max_examples=EXAMPLES // 3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(names=st.lists(st.text(max_size=60).map(lambda n: "../" * 3 + n + ".txt"), max_size=4))
def test_save_writes_only_inside_the_uploads_folder(tmp_path, names):
    folder = tmp_path / "a" / "b" / "uploads"
    try:
        written = save([Upload(n, b"text") for n in names], folder, 100, 5)
    except BadInputError:
        written = []
    outside = [
        p
        for p in tmp_path.rglob("*")
        if p.is_file() and folder.resolve() not in p.resolve().parents
    ]
    assert outside == []
    assert all(s.path.parent == folder.resolve() for s in written)
    for saved in written:
        saved.path.unlink()


def test_the_app_binds_127_0_0_1_by_default(monkeypatch):
    import app
    from assistant.settings import Settings

    monkeypatch.delenv("DISPATCH_HOST", raising=False)
    assert app.parse_args([]).host is None  # no --host: the settings' default applies
    assert Settings().host == "127.0.0.1"


class DeskStandIn:
    """What `create_app` reads of a Desk before any question is asked: settings, counts."""

    def __init__(self, settings) -> None:
        self.settings = settings

    def paragraphs(self) -> int:
        return 0


def test_without_an_admin_token_nothing_can_be_uploaded(tmp_path):
    import gradio as gr
    from fastapi.testclient import TestClient

    from assistant.settings import Settings
    from assistant.web.server import create_app

    settings = Settings(db=tmp_path / "store", admin_token=None)
    with gr.Blocks() as blocks:
        gr.Markdown("stand-in")
    with TestClient(create_app(DeskStandIn(settings), blocks)) as client:  # type: ignore[arg-type]
        files = [("files", ("a.txt", ARTICLE.encode(), "text/plain"))]
        for authorization in (None, "Bearer ", "Bearer anything", "Bearer None"):
            headers = {"Authorization": authorization} if authorization else {}
            response = client.post("/api/ingest", files=files, headers=headers)
            assert response.status_code == 403
            assert "disabled" in response.json()["error"]
        assert client.post("/gradio_api/upload", files=files).status_code == 403
    assert not (tmp_path / "store" / "uploads").exists()


# -- slow: a real `python app.py` with a token and small limits ------------------------------------


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("access")
    env = {
        "DISPATCH_ADMIN_TOKEN": TOKEN,
        "DISPATCH_MAX_UPLOAD_FILES": str(MAX_FILES),
        "DISPATCH_MAX_UPLOAD_BYTES": str(MAX_BYTES),
        "DISPATCH_UPLOAD_DIR": str(root / "deep" / "er" / "uploads"),
    }
    server = start_app(root / "store", root / "server.log", env)
    yield server
    server.stop()


@pytest.fixture
def client(app) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=app.url, timeout=120) as client:
        yield client


def uploads_of(app: Server) -> Path:
    assert app.db is not None
    return app.db.parent / "deep" / "er" / "uploads"


def files_outside_store_and_uploads(app: Server) -> set[Path]:
    """Every file under the server's tmp root except the store's own and the uploads'."""
    assert app.db is not None
    root, store, uploads = app.db.parent, app.db.resolve(), uploads_of(app).resolve()
    return {
        p
        for p in root.rglob("*")
        if p.is_file()
        and not {store, uploads} & set(p.resolve().parents)
        and p.name != "server.log"
    }


def multipart(parts: list[tuple[bytes, bytes]]) -> tuple[bytes, str]:
    """A multipart body written by hand, so a file name reaches the server byte for byte."""
    boundary = uuid.uuid4().hex
    body = b""
    for filename, data in parts:
        body += (
            f"--{boundary}\r\n".encode()
            + b'Content-Disposition: form-data; name="files"; filename="'
            + filename
            + b'"\r\nContent-Type: text/plain\r\n\r\n'
            + data
            + b"\r\n"
        )
    body += f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def post_files(client: httpx.Client, body: bytes, content_type: str, **headers) -> httpx.Response:
    response = client.post(
        "/api/ingest",
        content=body,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": content_type, **headers},
    )
    assert TOKEN not in response.text
    assert "Traceback" not in response.text
    assert response.status_code < 500, response.text
    return response


HOSTILE_NAMES = [
    b"../../x.txt",
    b"../../../../../../../../tmp/x.txt",
    b"/etc/passwd",
    b"/etc/passwd.txt",
    b"a\x00b.txt",
    b"a.txt\x00.exe",
    b"..\\\\..\\\\x.txt",
    b"C:\\\\Windows\\\\win.txt",
    b"%2e%2e%2f%2e%2e%2fx.txt",
    b"....//....//x.txt",
    b"uploads/../../x.txt",
    b"y" * 300 + b".txt",  # cut to 120 characters
    b"x" * 5000 + b".txt",  # over the multipart parser's header limit
    "../../ünïcödé-ñame.txt".encode(),
    b".hidden.txt",
    b"manifest.jsonl",
    b"x.txt/",
    b"",
]


@slow
@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=[repr(n[:40]) for n in HOSTILE_NAMES])
def test_hostile_file_names_cannot_write_outside_the_upload_folder(app, client, name):
    passwd = Path("/etc/passwd").stat()
    before = files_outside_store_and_uploads(app)
    body, content_type = multipart([(name, ARTICLE.encode())])
    response = post_files(client, body, content_type)
    assert files_outside_store_and_uploads(app) == before
    assert not (Path.cwd() / "x.txt").exists() and not Path("/tmp/x.txt").exists()
    now = Path("/etc/passwd").stat()
    assert (now.st_size, now.st_mtime_ns) == (passwd.st_size, passwd.st_mtime_ns)
    uploads = uploads_of(app)
    for path in uploads.iterdir() if uploads.exists() else []:
        assert path.name == safe_name(path.name) and len(path.name) <= MAX_NAME
    if response.status_code == 200:
        (saved,) = response.json()["saved"]
        assert (uploads / saved).is_file() and saved == safe_name(saved)
    else:
        assert response.status_code in (400, 413), response.text
        assert response.json()["error"]


@slow
@pytest.mark.parametrize("count", [MAX_FILES + 1, MAX_FILES + 10, 200])
def test_more_files_than_the_limit_are_refused_and_none_is_written(app, client, count):
    before = sorted(uploads_of(app).iterdir()) if uploads_of(app).exists() else []
    body, content_type = multipart([(f"n{i}.txt".encode(), ARTICLE.encode()) for i in range(count)])
    response = post_files(client, body, content_type)
    assert response.status_code in (400, 413), response.text
    assert "error" in response.json()
    after = sorted(uploads_of(app).iterdir()) if uploads_of(app).exists() else []
    assert after == before


@slow
def test_a_file_over_the_size_limit_is_refused_even_when_the_length_is_not_declared(app, client):
    """Sent chunked (no Content-Length), so only the server's own count of bytes can stop it."""
    before = sorted(uploads_of(app).iterdir()) if uploads_of(app).exists() else []
    body, content_type = multipart([(b"big.txt", ARTICLE.encode() + b"x" * MAX_BYTES)])
    chunks = iter([body[i : i + 1000] for i in range(0, len(body), 1000)])
    response = client.post(
        "/api/ingest",
        content=chunks,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": content_type},
    )
    assert "content-length" not in response.request.headers
    assert response.status_code == 413, response.text
    assert "limit" in response.json()["error"]
    after = sorted(uploads_of(app).iterdir()) if uploads_of(app).exists() else []
    assert after == before


@slow
def test_a_declared_length_over_the_batch_limit_is_refused_before_reading(app, client):
    body, content_type = multipart([(b"a.txt", ARTICLE.encode())])
    limit = MAX_FILES * (MAX_BYTES + 16_384)
    padded = body + b"\r\n" * ((limit - len(body)) // 2 + 10)  # epilogue: ignored by parsers
    response = post_files(client, padded, content_type)
    assert response.status_code == 413, response.text
    assert "larger than" in response.json()["error"]


@slow
def test_the_server_listens_on_127_0_0_1_only(app):
    if os.environ.get("DISPATCH_HOST"):
        pytest.skip("DISPATCH_HOST is set in this environment")
    listening = [
        c
        for c in psutil.Process(app.process.pid).net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN
    ]
    assert listening, "the server listens on no socket"
    assert {c.laddr.ip for c in listening} == {"127.0.0.1"}
    assert f"Dispatch Desk on http://127.0.0.1:{app.port}" in app.output()


@slow
def test_gradio_upload_route_needs_the_ticket_of_an_unlocked_browser(app, client):
    """With a token set, Gradio's own file route would take files from anyone into its temp
    folder; it now needs the ticket the UI hands out on unlock (cookie `dispatch_upload`)."""
    files = [("files", ("a.txt", ARTICLE.encode(), "text/plain"))]
    for cookie in (None, "dispatch_upload=", "dispatch_upload=9999999999.00", "other=1"):
        headers = {"Cookie": cookie} if cookie else {}
        response = client.post("/gradio_api/upload", files=files, headers=headers)
        assert response.status_code == 403, (cookie, response.text)
        assert "admin token" in response.json()["error"]


@slow
def test_the_upload_ticket_is_an_httponly_cookie_set_by_the_server_for_the_token_only(app, client):
    for authorization in (None, "Bearer wrong", f"Basic {TOKEN}"):
        headers = {"Authorization": authorization} if authorization else {}
        refused = client.post("/api/admin/ticket", headers=headers)
        assert refused.status_code in (401, 403) and "set-cookie" not in refused.headers
    granted = client.post("/api/admin/ticket", headers={"Authorization": f"Bearer {TOKEN}"})
    assert granted.status_code == 204
    cookie = granted.headers["set-cookie"]
    assert cookie.startswith("dispatch_upload=")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain http on 127.0.0.1; set when served over https
    ticket = cookie.split(";")[0]
    files = [("files", ("a.txt", ARTICLE.encode(), "text/plain"))]
    accepted = client.post("/gradio_api/upload", files=files, headers={"Cookie": ticket})
    assert accepted.status_code == 200, accepted.text


def test_a_good_upload_is_stored_inside_the_folder(app, client):
    body, content_type = multipart([(b"../ferry.txt", ARTICLE.encode())])
    response = post_files(client, body, content_type)
    assert response.status_code == 200, response.text
    assert response.json()["saved"] == ["ferry.txt"]
    assert (uploads_of(app) / "ferry.txt").read_text() == ARTICLE


@slow
@pytest.mark.parametrize(
    "path", ["/", "/config", "/gradio_api/info", "/openapi.json", "/api/docs", "/api/health"]
)
def test_pages_and_the_ui_config_do_not_contain_the_token(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert TOKEN not in response.text


@slow
def test_the_admin_token_never_appears_in_the_server_log(app, client):
    """After every request above (and a few that fail on purpose) the log names no token."""
    for authorization in (f"Bearer {TOKEN}x", f"Basic {TOKEN}", f"Bearer {TOKEN}"):
        response = client.post(
            "/api/ingest",
            content=b"--x\r\nnot multipart",
            headers={"Authorization": authorization, "Content-Type": "multipart/form-data"},
        )
        assert response.status_code in (400, 401, 403), response.text
        assert TOKEN not in response.text
    log = app.output()
    assert "Dispatch Desk on" in log
    assert TOKEN not in log
    assert TOKEN[-12:] not in log  # nor a part of it
    assert "Traceback" not in log, log[-5000:]
