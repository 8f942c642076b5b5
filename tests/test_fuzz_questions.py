"""Hostile and random requests to `POST /api/ask` of a real `python app.py`: every answer is a 2xx
answer or a 4xx `{"error": ...}`; never a 500, a traceback or a logged unexpected error.

`DISPATCH_LONG_TESTS=1` runs 1,000 random questions instead of 100; the count is written to
test-artifacts/fuzz-questions-examples.json (and printed with `-s`).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.app_server import Server, start_app
from tests.conftest import ARTIFACTS

pytestmark = pytest.mark.slow

LONG = os.environ.get("DISPATCH_LONG_TESTS") == "1"
RANDOM_QUESTIONS = 1000 if LONG else 100
IRAN = "What did Sergeev say about Iran?"
DECLINE = "The archive does not say."
ANSWER_KEYS = {
    "question": str,
    "answer": str,
    "answered": bool,
    "citations": list,
    "related": list,
    "notes": list,
    "standalone_question": str,
    "composer": str,
    "confidence": float,
    "scope": str,
}
CITATION_KEYS = {"marker", "paragraph_id", "publication", "volume", "issue", "paragraph", "title"}
CITATION_KEYS |= {"date", "text", "label", "quote"}
EXAMPLES_RUN: Counter[str] = Counter()


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[Server]:
    """One start on an empty store (it ingests the sample); the server every test talks to."""
    root = tmp_path_factory.mktemp("fuzz-ask")
    server = start_app(root / "store", root / "server.log")
    yield server
    server.stop()
    ARTIFACTS.mkdir(exist_ok=True)
    report = {"mode": "long" if LONG else "default", "examples_run": dict(EXAMPLES_RUN)}
    (ARTIFACTS / "fuzz-questions-examples.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nquestion fuzz examples run: {report}")


@pytest.fixture(scope="module")
def client(app) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=app.url, timeout=120) as client:
        yield client


def check(response: httpx.Response) -> dict:
    """A 2xx answer of the documented shape, or a 4xx with one non-empty `error` message."""
    assert response.status_code < 500, response.text[:2000]
    assert "Traceback" not in response.text
    assert response.headers["content-type"].startswith("application/json"), response.headers
    body = response.json()
    if response.status_code >= 400:
        assert set(body) == {"error"}, body
        assert isinstance(body["error"], str) and body["error"].strip()
        return body
    assert response.status_code == 200
    assert set(body) == set(ANSWER_KEYS), body
    for key, kind in ANSWER_KEYS.items():
        assert isinstance(body[key], kind), (key, body)
    for citation in body["citations"] + body["related"]:
        assert set(citation) >= CITATION_KEYS, citation
        assert citation["text"] and citation["label"]
    if body["answered"]:
        assert body["citations"]
        for citation in body["citations"]:
            assert f"[{citation['marker']}]" in body["answer"]
    else:
        assert body["citations"] == [] and body["answer"] == DECLINE
    return body


def post_json(client: httpx.Client, payload: object) -> httpx.Response:
    return post_raw(client, json.dumps(payload).encode())  # NaN and Infinity as Python writes them


def post_raw(client: httpx.Client, data: bytes, content_type="application/json") -> httpx.Response:
    return client.post("/api/ask", content=data, headers={"content-type": content_type})


HOSTILE_QUESTIONS = {
    "empty": "",
    "whitespace": " \t\n\r\u00a0\u3000 ",
    "20,000 characters": "Why did Sergeev go to Tehran? " * 667,
    "control characters and NUL": "\x00\x01\x07\x1b[31mSergeev\x7f\x9b Iran\x00",
    "only NUL": "\x00" * 50,
    "only stop words": "the of and to a in is it that was for on are with as",
    "only punctuation": "?!.,;:-()[]{}\"'",
    "HTML and script": '<script>alert("x")</script><img src=x onerror=alert(1)> Sergeev Iran',
    "SQL": "'; DROP TABLE paragraphs; -- \" OR 1=1 UNION SELECT * FROM embeddings",
    "template injection": "{{7*7}} ${7*7} #{7*7} <%= 7*7 %> {% debug %} {0.__class__} %s %n",
    "format strings": "%(question)s {question} {0} {} \\N{BULLET} $1 \\1",
    "right-to-left override": "\u202eIran about say Sergeev did what\u202c \u200f\u200e",
    "Arabic": "ماذا قال سيرغييف عن إيران؟",
    "Hebrew": "מה אמר סרגייב על איראן?",
    "emoji": "🚀🔥 What did Sergeev say about Iran? 👩‍👩‍👧‍👦🇷🇺",
    "Russian": "Что сказал Сергеев об Иране?",
    "Chinese": "谢尔盖耶夫对伊朗说了什么？",
    "combining marks": "S\u0301\u0302\u0303ergeev " + "a\u0300" * 300,
    "zero-width": "\u200b\u200c\u200d\ufeff" * 100,
    "one long word": "x" * 1999,
    "path traversal": "../../../../etc/passwd %2e%2e%2f",
    "a URL": "https://example.org/?q=Iran&x=<script>",
    "JSON in the question": '{"question": "nested", "filters": {"issue_min": 1}}',
}


@pytest.mark.parametrize("question", HOSTILE_QUESTIONS.values(), ids=HOSTILE_QUESTIONS.keys())
def test_hostile_questions_get_an_answer_or_a_clear_4xx(client, question):
    check(post_json(client, {"question": question}))


HOSTILE_BODIES = {
    "question a number": {"question": 42},
    "question a list": {"question": ["What", "did", "Sergeev", "say?"]},
    "question null": {"question": None},
    "question an object": {"question": {"text": IRAN}},
    "question true": {"question": True},
    "no question": {"filters": {}},
    "unknown top-level key": {"question": IRAN, "debug": True},
    "unknown filter key": {"question": IRAN, "filters": {"author": "Sergeev"}},
    "filters a list": {"question": IRAN, "filters": ["Monitor"]},
    "filters a string": {"question": IRAN, "filters": "Monitor"},
    "issue_min > issue_max": {"question": IRAN, "filters": {"issue_min": 900, "issue_max": 3}},
    "volume_min > volume_max": {"question": IRAN, "filters": {"volume_min": 9, "volume_max": 1}},
    "negative issue": {"question": IRAN, "filters": {"issue_min": -1}},
    "huge issue": {"question": IRAN, "filters": {"issue_min": 10**40}},
    "issue as text": {"question": IRAN, "filters": {"issue_max": "two hundred"}},
    "fractional issue": {"question": IRAN, "filters": {"issue_max": 2.5}},
    "impossible date": {"question": IRAN, "filters": {"date_from": "2000-13-45"}},
    "date words": {"question": IRAN, "filters": {"date_to": "yesterday"}},
    "date in another format": {"question": IRAN, "filters": {"date_from": "06/12/2000"}},
    "dates reversed": {"question": IRAN, "filters": {"date_from": "2001-01", "date_to": "1999"}},
    "year 0000": {"question": IRAN, "filters": {"date_from": "0000-00-00"}},
    "long date": {"question": IRAN, "filters": {"date_from": "2000-01-01T00:00:00Z"}},
    "publications a string": {"question": IRAN, "filters": {"publications": "Monitor"}},
    "publications hostile": {
        "question": IRAN,
        "filters": {"publications": ["\x00", "' OR 1=1 --", "{{7*7}}", "", "x" * 200]},
    },
    "1,000 publications": {"question": IRAN, "filters": {"publications": ["Monitor"] * 1000}},
    "history of 1,000 entries": {"question": IRAN, "history": ["What about NATO?"] * 1000},
    "history of 50 entries": {"question": "And him?", "history": ["What did Sergeev say?"] * 50},
    "history of numbers": {"question": IRAN, "history": [1, 2, 3]},
    "history a string": {"question": IRAN, "history": "What about NATO?"},
    "history hostile": {"question": "What did he say?", "history": ["\x00", "{{7*7}}", "🚀" * 500]},
    "sources 0": {"question": IRAN, "sources": 0},
    "sources huge": {"question": IRAN, "sources": 10**9},
    "sources negative": {"question": IRAN, "sources": -5},
    "a list body": [IRAN],
    "a string body": IRAN,
    "a number body": 7,
    "null body": None,
}


@pytest.mark.parametrize("payload", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_wrong_types_and_absurd_filters_get_a_4xx_or_an_answer(client, payload):
    check(post_json(client, payload))


RAW_BODIES = {
    "invalid JSON": b"{not json",
    "truncated JSON": b'{"question": "What did Sergeev',
    "empty body": b"",
    "trailing garbage": b'{"question": "Iran"} {"question": "again"}',
    "1 MB question": json.dumps({"question": "Iran " * 200_000}).encode(),
    "1 MB of garbage": b"\xff\xfe" + os.urandom(1_000_000),
    "nested 100,000 deep": b'{"question": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "a 5,000-digit number": b'{"question": "Iran", "sources": ' + b"9" * 5000 + b"}",
    "not UTF-8": '{"question": "café"}'.encode("latin-1"),
    "UTF-16": '{"question": "Iran"}'.encode("utf-16"),
    "lone surrogate escape": b'{"question": "Iran \\ud800 Sergeev"}',
    "surrogate in history": b'{"question": "And him?", "history": ["Sergeev \\udc00"]}',
    "NaN": b'{"question": "Iran", "sources": NaN}',
    "duplicate keys": b'{"question": "", "question": "What did Sergeev say about Iran?"}',
    "NUL bytes": b'{"question": "Iran\x00"}',
}


@pytest.mark.parametrize("data", RAW_BODIES.values(), ids=RAW_BODIES.keys())
def test_malformed_bodies_get_a_4xx_with_an_error_message(client, data):
    check(post_raw(client, data))


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", ""])
def test_other_content_types_get_a_4xx_or_an_answer(client, content_type):
    check(post_raw(client, json.dumps({"question": IRAN}).encode(), content_type))


FILTER_KEYS = ["publications", "issue_min", "issue_max", "volume_min", "volume_max"]
FILTER_KEYS += ["date_from", "date_to", "author", ""]
JSON_SCALAR = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
JSON_VALUE = st.recursive(
    JSON_SCALAR, lambda inner: st.lists(inner, max_size=3), max_leaves=5
) | st.dictionaries(st.text(max_size=5), JSON_SCALAR, max_size=2)
QUESTION = st.one_of(
    st.text(max_size=300),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=80).map(lambda t: f"{IRAN} {t}"),
    st.lists(
        st.sampled_from(["Sergeev", "Iran", "NATO", "what", "did", "say", "the", "?", "\x00"]),
        max_size=12,
    ).map(" ".join),
)


@settings(
    max_examples=RANDOM_QUESTIONS,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    question=QUESTION,
    history=st.none() | st.lists(st.text(max_size=60), max_size=4),
    filters=st.none() | st.dictionaries(st.sampled_from(FILTER_KEYS), JSON_VALUE, max_size=3),
)
def test_random_questions_never_fail_the_server(client, question, history, filters):
    EXAMPLES_RUN["random questions"] += 1
    payload: dict = {"question": question}
    if history is not None:
        payload["history"] = history
    if filters is not None:
        payload["filters"] = filters
    response = post_json(client, payload)
    check(response)
    EXAMPLES_RUN[f"random questions: HTTP {response.status_code}"] += 1


def test_the_server_logged_no_unexpected_error_and_still_answers(app, client):
    """Last in the file: after everything above, the log holds no traceback and the server
    still answers the reference question."""
    body = check(post_json(client, {"question": IRAN}))
    assert body["answered"] is True
    assert app.process.poll() is None
    log = app.output()
    assert "Traceback" not in log and "failed" not in log.split("Dispatch Desk on")[-1], log[-5000:]
