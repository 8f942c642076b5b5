"""A person's statements over time, on every surface: `python -m assistant statements` (exit 0
with or without statements, 2 on bad input), `GET /api/statements` (422 on bad input, in the
API's `{"error": ...}` shape) and the Statements tab's HTML (escaped, linking to the panel)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from assistant.cli import main
from assistant.statements import StatementRow
from assistant.web.statements_tab import listing_html, sources_with, statement_source_id
from index.types import Paragraph
from tests.conftest import REPO
from tests.test_cli import no_store_message

MONITOR_7 = "Monitor, Vol. 6, Issue 228, ¶7"
MONITOR_6 = "Monitor, Vol. 6, Issue 228, ¶6"
LINE = re.compile(r"^(\d{4}-\d{2}-\d{2}|undated)\s{2,}(.+?)  (.+?): \"(.+)\"(?:  (https?://\S+))?$")


def in_date_order(dates: list[str | None]) -> bool:
    """Dated statements first, oldest first; undated ones after them."""
    keys = [(date is None, date or "") for date in dates]
    return keys == sorted(keys)


# --- the command line, without a store ---------------------------------------------------------


def test_statements_help_names_the_options(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["statements", "--help"])
    assert exited.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert 'the person (or body) quoted, e.g. "Sergeev"' in out
    for option in ("--about SUBJECT", "--from YYYY-MM-DD", "--to YYYY-MM-DD", "--publication"):
        assert option in out
    assert "--db" in out and "--chroma-url" in out and "--json" in out


@pytest.mark.parametrize("speaker", ["", "   ", "the"])
def test_an_empty_speaker_exits_2_before_the_store_is_opened(tmp_path, capsys, speaker):
    code = main(["statements", speaker, "--db", str(tmp_path / "nowhere")])
    assert code == 2
    assert capsys.readouterr().err.strip() == (
        "error: Please name a speaker (a surname is enough: Sergeev)."
    )
    assert not (tmp_path / "nowhere").exists()


def test_statements_without_a_store_exits_2_and_says_how_to_ingest(tmp_path):
    db = tmp_path / "store"
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "statements", "Sergeev", "--db", str(db)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr.strip().endswith(no_store_message(db))
    assert done.stdout == "" and not db.exists()


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (["--from", "2000-13-01"], "Expected the start date as YYYY-MM-DD"),
        (["--to", "yesterday"], "Expected the end date as YYYY-MM-DD"),
        (["--from", "2001-01-01", "--to", "2000-12-01"], "Expected the start date (2001-01-01)"),
    ],
)
def test_a_bad_date_exits_2_naming_it(tmp_path, capsys, dates, message):
    code = main(["statements", "Sergeev", "--db", str(tmp_path), *dates])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: ") and message in err


# --- the tab's HTML, without a store -------------------------------------------------------------


def row(sentence: str, speaker: str = "Sergeev", cue: str = "said", **paragraph) -> StatementRow:
    fields = {"article_id": "a", "number": 7, "text": f"Before. {sentence} After."}
    fields |= {"publication": "Monitor", "volume": "6", "issue": "228"} | paragraph
    return StatementRow(
        date=None,
        speaker=speaker,
        cue=cue,
        content=sentence,
        sentence=sentence,
        direct=False,
        paragraph=Paragraph(**fields),
    )


def test_the_tab_escapes_every_text_and_links_each_row_to_its_paragraph_in_the_panel():
    hostile = '<img src=x onerror="alert(1)"> said "<b>no</b>" & left.'
    rows = [
        row(hostile, speaker="<script>x</script>", title="<i>t</i>", url="javascript:alert(1)"),
        row("Russia would not sell offensive arms to Iran.", cue="according to", number=8),
    ]
    found = listing_html(rows, "<script>x</script>", "<Iran>", lambda _: [])

    for html in (found.table, found.section):
        assert "<script>" not in html and "<img" not in html and "<b>" not in html
        assert "<i>t</i>" not in html and "javascript:" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in found.table
    assert "&lt;script&gt;x&lt;/script&gt; said" in found.table
    assert "according to Sergeev" in found.table  # the cue before the name where it reads so
    assert "2 statements by &lt;script&gt;x&lt;/script&gt; on &lt;Iran&gt;" in found.table
    links = re.findall(r'<a class="cite" href="#([^"]+)"', found.table)
    assert links == [statement_source_id(1), statement_source_id(2)]
    for target in links:
        assert f'id="{target}"' in found.section
    assert "<mark>Russia would not sell offensive arms to Iran.</mark>" in found.section


def test_the_tab_says_when_nothing_was_found_and_keeps_its_section_below_the_chat():
    found = listing_html([], "Nobodyski", "Iran", lambda _: [])
    assert found.table == (
        '<p class="none">No statements by Nobodyski on Iran were found in the archive.</p>'
    )
    assert found.section == ""
    assert sources_with(None, "<section>s</section>") == "<section>s</section>"


# --- the command line and the API, on the sample archive -----------------------------------------


@pytest.fixture(scope="module")
def desk(sample_settings):
    from assistant.service import Assistant
    from assistant.settings import Settings
    from assistant.web.desk import Desk

    return Desk(Assistant(Settings(db=sample_settings.db)))


@pytest.fixture(scope="module")
def client(desk):
    from fastapi.testclient import TestClient

    from assistant.web.server import create_app
    from assistant.web.ui import build_ui

    with TestClient(create_app(desk, build_ui(desk))) as client:
        yield client


@pytest.mark.slow
def test_cli_lists_sergeevs_statements_on_iran_with_the_monitor_paragraph(sample_settings, capsys):
    db = str(sample_settings.db)

    assert main(["statements", "Sergeev", "--about", "Iran", "--db", db]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == f"{len(lines) - 1} statements"
    parsed = [LINE.match(line) for line in lines[:-1]]
    assert all(parsed), [line for line, m in zip(lines, parsed, strict=False) if not m]
    labels = [m[2] for m in parsed]
    assert MONITOR_7 in labels and MONITOR_6 not in labels
    monitor = [m for m in parsed if m[2] == MONITOR_7]
    assert any("offensive arms to Iran" in m[4] for m in monitor), monitor
    assert all("Sergeev" in m[3] for m in monitor)
    dates = [None if m[1] == "undated" else m[1] for m in parsed]
    assert in_date_order(dates)
    with_address = [m for m in parsed if m[5]]
    assert with_address and all(m[5].startswith("http") for m in with_address)


@pytest.mark.slow
def test_cli_json_is_a_list_in_date_order_and_without_about_holds_the_baltic_statement(
    sample_settings, capsys
):
    assert main(["statements", "Sergeev", "--db", str(sample_settings.db), "--json"]) == 0
    statements = json.loads(capsys.readouterr().out)
    assert isinstance(statements, list) and statements
    assert {"date", "speaker", "cue", "content", "sentence", "direct", "label"} <= set(
        statements[0]
    )
    assert {"paragraph_id", "publication", "volume", "issue", "number", "title", "url"} <= set(
        statements[0]
    )
    assert in_date_order([s["date"] for s in statements])
    labels = {s["label"] for s in statements}
    assert {MONITOR_6, MONITOR_7} <= labels
    assert all(s["score"] == 0 for s in statements)  # no subject asked about


@pytest.mark.slow
def test_cli_unknown_speaker_exits_0_saying_there_is_none(sample_settings, capsys):
    db = str(sample_settings.db)
    assert main(["statements", "Nobodyski", "--about", "Iran", "--db", db]) == 0
    assert capsys.readouterr().out == "No statements by Nobodyski on Iran in the archive.\n"
    assert main(["statements", "Nobodyski", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.slow
def test_cli_filters_by_publication_and_date_and_refuses_an_unknown_publication(
    sample_settings, capsys
):
    db = ["--db", str(sample_settings.db)]
    assert main(["statements", "Sergeev", *db, "--publication", "Pravda"]) == 2
    assert capsys.readouterr().err.startswith("error: unknown publication 'Pravda'; the archive")

    assert main(["statements", "Sergeev", *db, "--publication", "monitor", "--json"]) == 0
    monitor = json.loads(capsys.readouterr().out)
    assert monitor and {s["publication"] for s in monitor} == {"Monitor"}

    dates = ["--from", "2000-12-01", "--to", "2000-12-31", "--json"]
    assert main(["statements", "Sergeev", *db, *dates]) == 0
    december = json.loads(capsys.readouterr().out)
    assert december and all("2000-12-01" <= s["date"] <= "2000-12-31" for s in december)


@pytest.mark.slow
def test_api_lists_sergeevs_statements_on_iran(client):
    response = client.get("/api/statements", params={"speaker": "Sergeev", "about": "Iran"})
    assert response.status_code == 200, response.text
    statements = response.json()
    labels = [s["label"] for s in statements]
    assert MONITOR_7 in labels and MONITOR_6 not in labels
    assert in_date_order([s["date"] for s in statements])
    monitor = next(s for s in statements if s["label"] == MONITOR_7)
    assert (monitor["publication"], monitor["volume"], monitor["issue"]) == ("Monitor", "6", "228")
    assert monitor["number"] == 7 and monitor["paragraph_id"].endswith(":p7")
    assert monitor["sentence"] and monitor["score"] > 0
    assert isinstance(monitor["direct"], bool)


@pytest.mark.slow
def test_api_filters_by_publication_and_date(client):
    query = {"speaker": "Sergeev", "publication": ["monitor", "WPS"]}
    statements = client.get("/api/statements", params=query).json()
    assert statements and {s["publication"] for s in statements} <= {"Monitor", "WPS"}
    query = {"speaker": "Sergeev", "from": "2000-12-01", "to": "2000-12-31"}
    december = client.get("/api/statements", params=query).json()
    assert december and all("2000-12-01" <= s["date"] <= "2000-12-31" for s in december)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"speaker": ""}, "Please name a speaker"),
        ({"speaker": "   "}, "Please name a speaker"),
        ({}, "Please name a speaker"),
        ({"speaker": "Sergeev", "from": "12/06/2000"}, "Expected the start date as YYYY-MM-DD"),
        ({"speaker": "Sergeev", "to": "2000-02-30x"}, "to: String should have at most 10"),
        ({"speaker": "Sergeev", "publication": "Pravda"}, "unknown publication 'Pravda'"),
        ({"speaker": "S" * 201}, "speaker: String should have at most 200 characters"),
        ({"speaker": "Sergeev", "about": "Iran " * 500}, "about: String should have at most"),
    ],
)
def test_api_bad_input_is_a_422_with_a_clear_message(client, query, message):
    response = client.get("/api/statements", params=query)
    assert response.status_code == 422, response.text
    assert message in response.json()["error"]
    assert "Traceback" not in response.text


@pytest.mark.slow
def test_api_unknown_speaker_is_an_empty_list(client):
    response = client.get("/api/statements", params={"speaker": "Nobodyski", "about": "Iran"})
    assert (response.status_code, response.json()) == (200, [])


@pytest.mark.slow
def test_api_is_in_the_openapi_schema_and_under_the_api_cors_policy(client):
    schema = client.get("/openapi.json").json()
    route = schema["paths"]["/api/statements"]["get"]
    assert {p["name"] for p in route["parameters"]} == {
        "speaker",
        "about",
        "from",
        "to",
        "publication",
    }
    assert "422" in route["responses"]
    assert "StatementOut" in schema["components"]["schemas"]
    response = client.get(
        "/api/statements", params={"speaker": "Sergeev"}, headers={"Origin": "https://evil.ex"}
    )
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers  # no API origin configured
    assert response.headers["x-content-type-options"] == "nosniff"
