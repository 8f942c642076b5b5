"""The JSON API and the Gradio API of `python app.py`, over HTTP, on a fresh store it fills itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.web.render import quote_spans
from tests.app_server import Server, start_app

pytestmark = pytest.mark.slow

TOKEN = "test-admin-token-5f1c"
BEARER = f"Bearer {TOKEN}"
API_ORIGIN = "https://briefings.example.org"
ENV = {
    "DISPATCH_ADMIN_TOKEN": TOKEN,
    "DISPATCH_MAX_UPLOAD_BYTES": "200000",
    "DISPATCH_API_ORIGINS": API_ORIGIN,
}
IRAN = "What did Sergeev say about Iran?"
UNANSWERABLE = "What did Sergeev say about Chinese purchases of Su-30 fighter jets?"
NEW_ARTICLE = (
    "Publication: Test Gazette Volume: 2 Issue: 14\n\n"
    "Admiral Kuroyedov said the Pacific Fleet would send the cruiser Varyag to Cam Ranh Bay "
    "in April for a week of joint drills.\n\n"
    "The fleet press office described the drills as routine.\n"
)
NEW_QUESTION = "What did Kuroyedov say about Cam Ranh Bay?"


@pytest.fixture(scope="module")
def first_start(tmp_path_factory) -> Server:
    """The app's first start on an empty store: it ingests the sample, then is stopped."""
    root = tmp_path_factory.mktemp("api")
    server = start_app(root / "store", root / "first.log", ENV)
    server.stop()
    return server


@pytest.fixture(scope="module")
def app(first_start) -> Iterator[Server]:
    """The second start on the same store (it finds it filled): the server the tests talk to."""
    assert first_start.db is not None
    server = start_app(first_start.db, first_start.db.parent / "second.log", ENV)
    yield server
    server.stop()


@pytest.fixture
def client(app):
    with httpx.Client(base_url=app.url, timeout=60) as client:
        yield client


def ask(client: httpx.Client, question: str, **extra) -> httpx.Response:
    return client.post("/api/ask", json={"question": question, **extra})


def test_first_start_ingests_the_sample_with_progress_and_the_second_does_not(first_start, app):
    first, second = first_start.output(), app.output()
    assert "is empty: ingesting" in first
    assert "12/12" in first  # the progress bar reached the end
    assert "Sample archive: added 12" in first
    assert "ingesting" not in second
    assert "58 paragraphs" in second
    print(f"\nfirst start {first_start.ready_seconds:.1f} s, second {app.ready_seconds:.1f} s")


def test_health_counts_paragraphs(client):
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "paragraphs": 58}


def test_question_is_answered_with_the_monitor_citation(client):
    response = ask(client, IRAN)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["answered"] is True
    cited = {(c["publication"], c["volume"], c["issue"], c["paragraph"]) for c in body["citations"]}
    assert ("Monitor", "6", "228", 7) in cited
    monitor = next(c for c in body["citations"] if c["label"] == "Monitor, Vol. 6, Issue 228, ¶7")
    spans = quote_spans(monitor["text"], monitor["quote"])  # its sentences, verbatim
    assert monitor["quote"] and sum(b - a for a, b in spans) >= len(monitor["quote"]) - len(spans)
    assert f"[{monitor['marker']}]" in body["answer"]


def test_unanswerable_question_is_declined_with_related_passages(client):
    body = ask(client, UNANSWERABLE).json()
    assert body["answered"] is False
    assert body["answer"] == "The archive does not say."
    assert body["citations"] == []
    assert body["related"] and all(r["text"] and r["label"] for r in body["related"])


def test_follow_up_uses_the_history(client):
    body = ask(client, "What did he say about the Baltic states?", history=[IRAN]).json()
    assert body["answered"] is True
    assert body["standalone_question"] == "What did Sergeev say about the Baltic states?"
    assert any("Baltic" in c["quote"] for c in body["citations"])


def test_citations_carry_url_title_and_date_and_zero_bounds_filter_nothing(client):
    body = ask(client, "How many crew died on the Kursk?", filters={"issue_min": 0}).json()
    assert body["answered"] is True and body["scope"] == ""
    assert {"url", "title", "date"} <= set(body["citations"][0])
    assert any(c["url"] and c["title"] and c["date"] for c in body["citations"])


def test_filters_restrict_the_sources(client):
    body = ask(client, IRAN, filters={"publications": ["Monitor"]}).json()
    assert body["answered"] is True
    assert {c["publication"] for c in body["citations"]} == {"Monitor"}


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"question": ""}, "Please type a question"),
        ({"question": "   \n\t "}, "Please type a question"),
        ({"question": "Why? " * 4000}, "the limit is 2,000"),
        ({"question": IRAN, "filters": {"date_from": "12/06/2000"}}, "YYYY-MM-DD"),
        ({"question": IRAN, "filters": {"issue_min": 9, "issue_max": 3}}, "at most 3"),
        ({"question": IRAN, "filters": {"issue_max": int("9" * 309)}}, "filters.issue_max"),
        ({"question": IRAN, "filters": {"volume_min": 10**9 + 1}}, "filters.volume_min"),
        (
            {"question": IRAN, "filters": {"publications": ["Pravda"]}},
            "unknown publication 'Pravda'",
        ),
        ({"question": IRAN, "sources": 0}, "sources"),
        ({"question": IRAN, "colour": "red"}, "colour"),
        ({}, "question"),
    ],
)
def test_bad_questions_get_a_clear_4xx_message(client, payload, message):
    response = client.post("/api/ask", json=payload)
    assert response.status_code == 422, response.text
    assert message in response.json()["error"]
    assert "Traceback" not in response.text


def test_malformed_json_is_a_4xx(client):
    response = client.post(
        "/api/ask", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert "error" in response.json()


def upload(client: httpx.Client, name: str, text: str, authorization: str | None) -> httpx.Response:
    headers = {"Authorization": authorization} if authorization else {}
    files = [("files", (name, text.encode(), "text/plain"))]
    return client.post("/api/ingest", files=files, headers=headers)


@pytest.mark.parametrize(
    ("authorization", "status"),
    [
        (None, 401),
        (f"Basic {TOKEN}", 401),
        ("Bearer wrong-token", 403),
        (f"Bearer {TOKEN}x", 403),
        (f"Bearer {TOKEN[:-1]}", 403),
    ],
)
def test_ingest_without_the_token_is_refused_and_stores_nothing(app, client, authorization, status):
    before = client.get("/api/health").json()["paragraphs"]
    response = upload(client, "gazette.txt", NEW_ARTICLE, authorization)
    assert response.status_code == status
    assert "error" in response.json()
    assert client.get("/api/health").json()["paragraphs"] == before
    uploads = app_uploads(app)
    assert not uploads.exists() or not any(uploads.iterdir())
    assert ask(client, NEW_QUESTION).json()["answered"] is False


@pytest.mark.parametrize(
    ("name", "text", "status"),
    [
        ("payload.exe", NEW_ARTICLE, 400),
        ("manifest.jsonl", "{}\n", 400),
        ("...", NEW_ARTICLE, 400),
        ("big.txt", "x" * 200_001, 413),
    ],
)
def test_ingest_refuses_bad_files_before_writing(app, client, name, text, status):
    response = upload(client, name, text, BEARER)
    assert response.status_code == status, response.text
    uploads = app_uploads(app)
    assert not uploads.exists() or not any(uploads.iterdir())


def test_ingest_with_the_token_makes_a_new_article_answerable(app, client):
    response = upload(client, "../../gazette.txt", NEW_ARTICLE, BEARER)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["saved"] == ["gazette.txt"]  # the path was cut to its basename
    assert body["added"] == 1 and body["failed"] == []
    assert body["paragraphs"] == 60
    assert (app_uploads(app) / "gazette.txt").is_file()
    assert not (app_uploads(app).parent.parent / "gazette.txt").exists()
    answer = ask(client, NEW_QUESTION).json()
    assert answer["answered"] is True
    assert answer["citations"][0]["label"] == "Test Gazette, Vol. 2, Issue 14, ¶1"


def test_an_upload_never_replaces_another_article_and_a_failed_one_is_not_kept(app, client):
    first = upload(client, "wire.txt", NEW_ARTICLE.replace("Test Gazette", "Wire A"), BEARER)
    assert first.status_code == 200 and first.json()["saved"] == ["wire.txt"]
    other = upload(client, "wire.txt", NEW_ARTICLE.replace("Test Gazette", "Wire B"), BEARER)
    assert other.status_code == 200, other.text
    assert other.json()["saved"] == ["wire-2.txt"]
    assert other.json()["renamed"] == {"wire.txt": "wire-2.txt"}
    assert "Wire A" in (app_uploads(app) / "wire.txt").read_text()
    assert "Wire B" in (app_uploads(app) / "wire-2.txt").read_text()
    failed = upload(client, "broken.txt", "Publication: Wire C\n\n", BEARER)
    assert failed.status_code == 200, failed.text
    assert failed.json()["saved"] == [] and "broken.txt" in failed.json()["failed"][0]
    assert not (app_uploads(app) / "broken.txt").exists()


def test_gradio_client_can_ask(app):
    from gradio_client import Client

    client = Client(app.url, verbose=False, download_files=False)
    messages, sources, briefing, question_box, problem, _saved = client.predict(
        IRAN, api_name="/ask"
    )
    assert problem == ""
    assert messages[-1]["role"] == "assistant"
    assert "Monitor, Vol. 6, Issue 228, ¶7" in sources
    assert "[^1]:" in briefing
    assert question_box == ""


def test_openapi_schema_describes_the_api(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/ask", "/api/health", "/api/ingest"} <= set(schema["paths"])


def test_embedding_script_and_security_headers(client):
    script = client.get("/gradio.js")
    assert script.status_code == 200
    assert "javascript" in script.headers["content-type"]
    module = script.text.split('"./')[1].split('"')[0]
    assert client.get(f"/{module}").status_code == 200
    for path in ("/", "/api/health", "/gradio.js", "/config"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "default-src 'self'" in policy and "object-src 'none'" in policy
        assert policy.endswith("frame-ancestors 'self'")  # no embedding origin is configured
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"


@pytest.mark.parametrize(
    ("origin", "path", "allowed"),
    [
        (API_ORIGIN, "/api/ask", True),
        ("http://127.0.0.1:9", "/api/ask", False),
        ("http://localhost:3000", "/api/ask", False),
        ("https://evil.example", "/api/ask", False),
        (API_ORIGIN, "/gradio_api/queue/join", False),  # API origins do not embed the UI
        ("http://localhost:3000", "/gradio_api/queue/join", False),
    ],
)
def test_cors_follows_the_configured_origins_only(client, origin, path, allowed):
    preflight = client.options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert (preflight.status_code == 200) is allowed, preflight.text
    assert (preflight.headers.get("access-control-allow-origin") == origin) is allowed
    simple = client.get("/api/health", headers={"Origin": origin})
    expected = origin if origin == API_ORIGIN else None  # /api/health: the API policy
    assert simple.headers.get("access-control-allow-origin") == expected
    assert "access-control-allow-credentials" not in simple.headers


def app_uploads(app: Server) -> Path:
    assert app.db is not None
    return app.db / "uploads"
