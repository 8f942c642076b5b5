"""The command lines: `python -m index ingest | stats` (exit 0 all went in, 1 some failed, 2 usage
errors) and `python -m assistant ask` (exit 0 answered or declined, 2 bad input or no store)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import uuid

import pytest

from assistant.cli import described
from assistant.cli import main as ask_main
from assistant.errors import QuestionError
from assistant.service import check_publications
from assistant.types import CANNOT_ANSWER
from assistant.web.filters import filters_from
from index.cli import main
from index.types import Paragraph
from tests.conftest import REPO, TEST_DATA

SUMMARY = re.compile(
    r"added (\d+), updated (\d+), unchanged (\d+), removed (\d+), failed (\d+); "
    r"(\d+) paragraphs \((\d+) embedded\) in \d+\.\d s, \d+\.\d paragraphs/s"
)


@pytest.fixture
def kursk(tmp_path):
    folder = tmp_path / "kursk"
    folder.mkdir()
    for path in (TEST_DATA / "archive").glob("*kursk*"):
        shutil.copy(path, folder)
    return folder


def counts(stdout: str) -> tuple[int, ...]:
    match = SUMMARY.search(stdout)
    assert match, stdout
    return tuple(int(n) for n in match.groups())


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["ingest"],
        ["reindex", "data"],
        ["ingest", "data", "--db", "a", "--chroma-url", "http://127.0.0.1:8000"],
        ["stats", "--prune"],
    ],
)
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    assert "usage: python -m index" in capsys.readouterr().err


def test_python_m_index_runs_the_cli():
    done = subprocess.run(
        [sys.executable, "-m", "index", "ingest"], cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "the following arguments are required: paths" in done.stderr


def test_stats_of_a_missing_store_exits_2_and_creates_nothing(tmp_path, capsys):
    assert main(["stats", "--db", str(tmp_path / "nowhere")]) == 2
    assert "error: No archive at" in capsys.readouterr().err
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.slow
def test_ingest_exits_0_when_all_went_in_and_stats_shows_the_store(tmp_path, kursk, capsys):
    (kursk / "note.txt").write_text("A note without a header.\n")
    db = tmp_path / "store"

    assert main(["ingest", str(kursk), "--db", str(db), "--publication", "Interfax"]) == 0
    assert counts(capsys.readouterr().out) == (4, 0, 0, 0, 0, 8, 7)
    assert main(["ingest", str(kursk), "--db", str(db), "--publication", "Interfax"]) == 0
    assert counts(capsys.readouterr().out) == (0, 0, 4, 0, 0, 0, 0)

    assert main(["stats", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert f"store: {db / 'chroma'}" in lines
    assert "model: all-mpnet-base-v2 (onnx-int8, 768 dimensions)" in lines
    table = {line.rsplit(maxsplit=2)[0]: line.split()[-2:] for line in lines[3:-1]}
    assert table == {
        "Barents Wire": ["1", "2"],
        "Interfax": ["1", "1"],
        "Monitor": ["2", "5"],
        "total": ["4", "8"],
    }
    assert lines[-1] == "vector entries: 8"


@pytest.mark.slow
def test_ingest_exits_1_when_some_failed_and_names_each_file(tmp_path, kursk, capsys):
    (kursk / "empty.txt").write_bytes(b"")
    shutil.copy(TEST_DATA / "bad-bytes.txt", kursk)
    missing = tmp_path / "no-such-folder"

    code = main(["ingest", str(kursk), str(missing), "--db", str(tmp_path / "store")])

    out, err = capsys.readouterr()
    assert code == 1
    assert counts(out)[:5] == (3, 0, 0, 0, 3)
    failed = sorted(line for line in err.splitlines() if line.startswith("failed: "))
    assert failed == [
        f"failed: {kursk / 'bad-bytes.txt'}: invalid UTF-8 at byte 60 (invalid start byte)",
        f"failed: {kursk / 'empty.txt'}: empty file",
        f"failed: {missing}: no such file or folder",
    ]


@pytest.mark.slow
def test_store_errors_exit_2_with_one_line(tmp_path, kursk, capsys):
    code = main(["ingest", str(kursk), "--chroma-url", "ftp://127.0.0.1:8000"])
    assert code == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith(
            "error: Expected a Chroma URL like http://127.0.0.1:8000, got 'ftp://127.0.0.1:8000'"
        )
    )


# --- python -m assistant ask ------------------------------------------------------------------

GORE_TITLE = "Despite a Secret Pact by Gore in '95, Russian Arms Sales to Iran Go On"


def no_store_message(db) -> str:
    return (
        f"error: no archive store at {db}; ingest articles first with: "
        f"python -m index ingest PATH --db {db}"
    )


def test_ask_help_describes_the_question(capsys):
    with pytest.raises(SystemExit) as exited:
        ask_main(["ask", "--help"])
    assert exited.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert 'the question, in English, e.g. "What did Sergeev say about Iran?"' in out
    for option in ("--from YYYY-MM-DD", "--to YYYY-MM-DD", "--history Q", "--create"):
        assert option in out


@pytest.mark.parametrize("made", [False, True], ids=["no folder", "folder without a store"])
def test_ask_without_a_store_exits_2_says_how_to_ingest_and_creates_nothing(tmp_path, capsys, made):
    db = tmp_path / "store"
    if made:
        db.mkdir()

    code = ask_main(["ask", "What did Sergeev say about Iran?", "--db", str(db)])

    assert code == 2
    assert capsys.readouterr().err.strip() == no_store_message(db)
    assert db.exists() == made and not (db / "chroma").exists()


def test_python_m_assistant_ask_checks_the_default_store(tmp_path):
    db = tmp_path / "default-store"
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "What did Sergeev say about Iran?"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "DISPATCH_DB": str(db)},
    )
    assert done.returncode == 2
    assert done.stderr.strip().endswith(no_store_message(db))
    assert done.stdout == "" and not db.exists()


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (["--from", "2000-13-01"], "Expected the start date as YYYY-MM-DD"),
        (["--to", "yesterday"], "Expected the end date as YYYY-MM-DD"),
        (["--from", "2000-12-05", "--to", "2000-12-01"], "Expected the start date (2000-12-05)"),
    ],
)
def test_ask_with_a_bad_date_exits_2_naming_it(tmp_path, capsys, dates, message):
    code = ask_main(["ask", "What did Sergeev say?", "--db", str(tmp_path), *dates])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: ") and message in err


@pytest.mark.parametrize(
    ("asked", "unknown"),
    [
        (["Monitor", "the new york times", " WPS "], None),
        (["Pravda"], "unknown publication 'Pravda'; the archive holds: Monitor, WPS"),
        (["wps", "Pravda", "Izvestia"], "unknown publications 'Pravda', 'Izvestia'"),
    ],
)
def test_publications_are_checked_against_the_archive_ignoring_case(asked, unknown):
    known = ["Monitor", "WPS"] + (["The New York Times"] if unknown is None else [])
    filters = filters_from(asked)
    if unknown is None:
        check_publications(filters, known)
    else:
        with pytest.raises(QuestionError) as refused:
            check_publications(filters, known)
        assert str(refused.value).startswith(unknown)


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"volume": "6", "issue": "228"}, "Monitor, Vol. 6, Issue 228, ¶7"),
        (
            {"issue": "12", "date": "2000-12-05", "title": "Sergeev in Brussels"},
            'Monitor, Issue 12, ¶7 (2000-12-05, "Sergeev in Brussels")',
        ),
        ({"date": "2000-10-13", "title": "A pact"}, 'Monitor, 2000-10-13, ¶7 ("A pact")'),
        ({"date": "2000-10-13"}, "Monitor, 2000-10-13, ¶7"),
        ({"issue": "3", "title": "Kursk"}, 'Monitor, Issue 3, ¶7 ("Kursk")'),
        (
            {"issue": "3", "url": "https://jamestown.org/x"},
            "Monitor, Issue 3, ¶7 (https://jamestown.org/x)",
        ),
        ({"issue": "3", "url": "javascript:alert(1)"}, "Monitor, Issue 3, ¶7"),
    ],
)
def test_citations_show_their_date_title_and_address_where_known(fields, shown):
    paragraph = Paragraph(article_id="a", number=7, text="...", publication="Monitor", **fields)
    assert described(paragraph) == shown


@pytest.mark.slow
def test_ask_with_create_starts_an_empty_store_and_declines(tmp_path, capsys):
    db = tmp_path / "store"

    code = ask_main(["ask", "What did Sergeev say about Iran?", "--db", str(db), "--create"])

    assert code == 0
    assert capsys.readouterr().out.splitlines()[0] == CANNOT_ANSWER
    assert (db / "chroma").is_dir()


@pytest.mark.slow
def test_ask_in_server_mode_skips_the_folder_check(tmp_path, capsys, monkeypatch, chroma_server):
    db = tmp_path / "nowhere"
    monkeypatch.setenv("DISPATCH_DB", str(db))
    monkeypatch.setenv("DISPATCH_COLLECTION", f"ask-{uuid.uuid4().hex[:8]}")  # a shared server

    code = ask_main(["ask", "What did Sergeev say about Iran?", "--chroma-url", chroma_server])

    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == CANNOT_ANSWER
    assert not (db / "chroma").exists()


@pytest.mark.slow
def test_ask_refuses_a_publication_the_archive_lacks_and_lists_those_it_holds(
    sample_settings, capsys
):
    db = str(sample_settings.db)

    code = ask_main(
        ["ask", "What did Sergeev say about Iran?", "--db", db, "--publication", "Pravda"]
    )

    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err.startswith("error: unknown publication 'Pravda'; the archive holds: ")
    held = err.split("the archive holds: ", 1)[1].split(", ")
    assert {"Monitor", "The New York Times", "WPS", "RFE/RL Newsline"} <= set(held)
    question = ["ask", "What did Sergeev say about Iran?", "--db", db]
    assert ask_main([*question, "--publication", "monitor"]) == 0
    cited = [line for line in capsys.readouterr().out.splitlines() if line.startswith("[")]
    assert cited and all(line.split("] ", 1)[1].startswith("Monitor, ") for line in cited)


@pytest.mark.slow
def test_ask_history_resolves_a_follow_up(sample_settings, capsys):
    follow_up = ["ask", "What did he say about the Baltic states?", "--json"]
    db = ["--db", str(sample_settings.db)]

    assert ask_main([*follow_up, *db, "--history", "What did Sergeev say about Iran?"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert ask_main([*follow_up, *db]) == 0
    alone = json.loads(capsys.readouterr().out)

    assert answer["standalone_question"] == "What did Sergeev say about the Baltic states?"
    assert answer["answered"]
    assert "Monitor, Vol. 6, Issue 228, ¶6" in [c["label"] for c in answer["citations"]]
    assert alone["standalone_question"] == "What did he say about the Baltic states?"


@pytest.mark.slow
def test_ask_dates_filter_the_archive_and_citations_show_date_and_title(sample_settings, capsys):
    question = ["ask", "What did Gore agree in the secret pact?", "--db", str(sample_settings.db)]

    assert ask_main([*question, "--to", "2000-10-31"]) == 0
    before = capsys.readouterr().out.splitlines()
    assert ask_main([*question, "--from", "2000-11-01"]) == 0
    after = capsys.readouterr().out

    assert (
        f'[1] The New York Times, 2000-10-13, ¶1 ("{GORE_TITLE}", http://www.nytimes.com/'
        in "\n".join(before)
    )
    assert "The New York Times" not in after
