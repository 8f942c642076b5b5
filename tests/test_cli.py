"""`python -m index ingest | stats`: exit 0 all went in, 1 some failed, 2 usage errors."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from index.cli import main
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
    assert "model: all-MiniLM-L6-v2 (onnx-int8, 384 dimensions)" in lines
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
