"""Paths on disk -> articles: walking folders, manifests, identity, and one line per bad file."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from index.sources import Failure, article_id, load_manifest, read_articles, walk
from index.types import paragraph_id
from tests.conftest import SAMPLE, TEST_DATA

LIMIT = 1_000_000


def read(path: Path, default_publication: str = "Unknown", max_bytes: int = LIMIT):
    manifest, problems = load_manifest(path.parent)
    assert problems == []
    return read_articles(path, manifest, default_publication, max_bytes)


def read_one(path: Path, **options):
    articles, failures = read(path, **options)
    assert failures == []
    (article,) = articles
    return article


def files(paths: list[Path], max_files: int = 1000) -> tuple[list[Path], list[Failure]]:
    found = list(walk(paths, max_files))
    return [p for p in found if isinstance(p, Path)], [f for f in found if isinstance(f, Failure)]


def test_all_sample_articles_parse():
    paths, failures = files([SAMPLE])
    assert failures == []
    assert len(paths) == 12
    articles = [read_one(p) for p in paths]
    assert len({a.article_id for a in articles}) == 12
    assert all(a.paragraphs for a in articles)
    manifest = [json.loads(line) for line in (SAMPLE / "manifest.jsonl").read_text().splitlines()]
    for entry, article in zip(sorted(manifest, key=lambda e: e["file"]), articles, strict=True):
        assert Path(article.source).name == entry["file"]
        assert article.publication == entry["publication"]
        assert article.date == entry["date"]


def test_canonical_sample_gives_seven_paragraphs_of_monitor_6_228():
    article = read_one(SAMPLE / "000_monitor-6-228.txt")
    assert (article.publication, article.volume, article.issue) == ("Monitor", "6", "228")
    assert len(article.paragraphs) == 7
    assert [p.number for p in article.paragraphs] == list(range(1, 8))
    assert article.paragraphs[6].text.startswith("The picture was similarly mixed")
    assert article.article_id == "monitor-v6-i228--000-monitor-6-228"
    assert article.paragraphs[6].id == "monitor-v6-i228--000-monitor-6-228:p7"


def test_manifest_fills_in_what_the_header_does_not_say():
    article = read_one(SAMPLE / "001_nato-pjc-defence-ministers-2000-12-05.txt")
    assert article.publication == "NATO"
    assert article.date == "2000-12-05"
    assert article.url == "https://www.nato.int/docu/pr/2000/p001205e.htm"
    assert article.title.startswith("NATO-Russia Permanent Joint Council")


@pytest.mark.parametrize(
    ("publication", "volume", "issue", "name", "expected"),
    [
        ("Monitor", "6", "228", "000_monitor-6-228", "monitor-v6-i228--000-monitor-6-228"),
        ("RFE/RL Newsline", "4", "228", "a", "rfe-rl-newsline-v4-i228--a"),
        ("Johnson's Russia List", None, "4467", "b", "johnson-s-russia-list-i4467--b"),
        ("NATO", None, None, "Report 1", "nato--report-1"),
        ("Monitor", "7", None, "c--r3", "monitor-v7--c-r3"),
        ("Разведка", None, None, "д", "разведка--д"),
        ("新闻", None, "5", "報告", "新闻-i5--報告"),
    ],
)
def test_article_id_is_built_from_publication_volume_issue_and_file_name(
    publication, volume, issue, name, expected
):
    assert article_id(publication, volume, issue, name) == expected


def test_paragraph_id_is_article_id_and_number():
    assert paragraph_id("monitor-v6-i228--x", 3) == "monitor-v6-i228--x:p3"


def test_same_issue_number_in_two_publications_gives_two_ids():
    assert article_id("Monitor", "4", "228", "a") != article_id("RFE/RL Newsline", "4", "228", "a")


def test_rereading_a_file_gives_the_same_ids_and_hash(tmp_path):
    path = tmp_path / "a.txt"
    shutil.copy(SAMPLE / "000_monitor-6-228.txt", path)
    first, second = read_one(path), read_one(path)
    assert first.article_id == second.article_id
    assert [p.id for p in first.paragraphs] == [p.id for p in second.paragraphs]
    assert first.file_hash == second.file_hash
    path.write_text(path.read_text().replace("small step", "large step"))
    assert read_one(path).file_hash != first.file_hash


@pytest.mark.parametrize(
    ("default", "expected"), [("Unknown", "Unknown"), ("Kommersant", "Kommersant")]
)
def test_text_without_header_takes_the_default_publication(tmp_path, default, expected):
    path = tmp_path / "note.txt"
    path.write_text("A paragraph with no header.\n\nAnother one.\n")
    article = read_one(path, default_publication=default)
    assert (article.publication, article.volume, article.issue) == (expected, None, None)
    assert len(article.paragraphs) == 2


def test_markdown_and_html_files_become_articles(tmp_path):
    (tmp_path / "a.md").write_text("# Title\n\nOne.\n\nTwo.\n")
    shutil.copy(TEST_DATA / "formats" / "page.html", tmp_path / "b.html")
    markdown, html = read_one(tmp_path / "a.md"), read_one(tmp_path / "b.html")
    assert (markdown.title, len(markdown.paragraphs)) == ("Title", 2)
    assert (html.date, len(html.paragraphs)) == ("2000-12-06", 3)


def test_jsonl_records_become_articles_and_a_bad_line_is_reported(tmp_path):
    path = tmp_path / "feed.jsonl"
    records = [
        {"text": "One.\n\nTwo.", "publication": "Monitor", "volume": "7", "issue": "3"},
        {"id": "kursk", "paragraphs": ["Three."], "publication": "Monitor", "issue": "3"},
    ]
    path.write_text(json.dumps(records[0]) + "\n{oops\n" + json.dumps(records[1]) + "\n")
    articles, failures = read(path)
    assert [a.article_id for a in articles] == [
        "monitor-v7-i3--feed-r1",
        "monitor-i3--feed-kursk",
    ]
    assert [str(f) for f in failures] == [
        f"{path}:2: invalid JSON (Expecting property name enclosed in double quotes)"
    ]


def test_manifest_is_metadata_not_an_article(tmp_path):
    shutil.copytree(SAMPLE, tmp_path / "sample")
    manifest = tmp_path / "sample" / "manifest.jsonl"
    assert files([tmp_path / "sample"])[0] == sorted(
        p for p in (tmp_path / "sample").iterdir() if p.name != "manifest.jsonl"
    )
    # Named on the command line too (a shell glob): still not an article.
    assert files([manifest]) == ([], [])


def test_bad_manifest_line_is_reported_and_the_rest_used(tmp_path):
    (tmp_path / "a.txt").write_text("Body only.\n")
    (tmp_path / "manifest.jsonl").write_text('{"file": "a.txt", "publication": "Itar-Tass"}\n[1]\n')
    manifest, problems = load_manifest(tmp_path)
    assert manifest["a.txt"]["publication"] == "Itar-Tass"
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'manifest.jsonl'}:2: expected a JSON object with a `file` key"
    ]


def test_a_file_named_twice_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text("One.\n")
    paths, _ = files([tmp_path, tmp_path / "a.txt", tmp_path / "." / "a.txt"])
    assert paths == [tmp_path / "a.txt"]


def write_bytes(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"\n\n  \n", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
        ("bad-bytes.txt", (TEST_DATA / "bad-bytes.txt").read_bytes(), "invalid UTF-8 at byte 60"),
        ("header.txt", b"Publication: Monitor Volume: 6 Issue: 228\n\n", "a header and no paragraphs after it"),
        ("scan.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
        ("feed.jsonl", b"\xef\xbb\xbf\n\n", "no records"),
    ],
)  # fmt: skip
def test_bad_file_gives_one_line_naming_the_file_and_the_problem(tmp_path, name, data, problem):
    path = write_bytes(tmp_path, name, data)
    articles, failures = read(path)
    assert articles == []
    (failure,) = failures
    assert str(failure).startswith(f"{path}: ")
    assert problem in str(failure)
    assert "\n" not in str(failure)


def test_file_above_the_size_limit_is_refused_with_both_sizes(tmp_path):
    path = write_bytes(tmp_path, "big.txt", b"Publication: X\n\n" + b"word " * 400)
    articles, failures = read(path, max_bytes=1_000)
    assert articles == []
    assert [str(f) for f in failures] == [f"{path}: too large: 2.0 kB, the limit is 1.0 kB"]
    assert read(path, max_bytes=2_016)[0]


def test_broken_symlink_is_reported_as_such(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    paths, failures = files([tmp_path])
    assert failures == []
    articles, problems = read(paths[0])
    assert articles == []
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'gone.txt'}: cannot read: broken symlink to {tmp_path / 'deleted.txt'}"
    ]


def test_self_referencing_symlink_is_reported_not_followed(tmp_path):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    paths, _ = files([tmp_path])
    articles, problems = read(paths[0])
    assert articles == []
    assert str(problems[0]).startswith(f"{tmp_path / 'loop.txt'}: cannot read")


def test_fifo_named_like_a_file_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    paths, _ = files([tmp_path])
    assert paths == [tmp_path / "pipe.txt"]
    articles, problems = read(paths[0])
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'pipe.txt'}: cannot read: not a regular file"
    ]


def test_folder_named_like_a_file_is_walked_not_read(tmp_path):
    (tmp_path / "issue.txt").mkdir()
    (tmp_path / "issue.txt" / "a.txt").write_text("Inside.\n")
    assert files([tmp_path]) == ([tmp_path / "issue.txt" / "a.txt"], [])
    articles, problems = read(tmp_path / "issue.txt")
    assert [str(p) for p in problems] == [f"{tmp_path / 'issue.txt'}: cannot read: a folder"]


def test_symlink_loop_is_reported_once_and_the_walk_ends(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("One.\n")
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)
    paths, failures = files([tmp_path])
    assert paths == [tmp_path / "sub" / "a.txt"]
    assert [str(f) for f in failures] == [
        f"{tmp_path / 'sub' / 'back'}: symlink loop (folder already visited): skipped"
    ]


def test_missing_path_is_reported():
    assert files([Path("/no/such/folder")]) == (
        [],
        [Failure("/no/such/folder", "no such file or folder")],
    )


def test_dotfiles_are_skipped(tmp_path):
    (tmp_path / ".hidden.txt").write_text("One.\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "a.txt").write_text("One.\n")
    assert files([tmp_path]) == ([], [])


@pytest.fixture(scope="module")
def thousands_of_files(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    for n in range(2_000):
        sub = folder / f"d{n // 500}"
        sub.mkdir(exist_ok=True)
        (sub / f"{n:04}.txt").write_text(f"Publication: Bulletin Issue: {n}\n\nItem {n}.\n")
    return folder


def test_folder_of_thousands_of_files_is_walked_quickly_in_order(thousands_of_files):
    started = time.perf_counter()
    paths, failures = files([thousands_of_files], max_files=200_000)
    articles = [read_one(p) for p in paths]
    assert time.perf_counter() - started < 10
    assert failures == []
    assert len(paths) == 2_000
    assert paths == sorted(paths)
    assert len({a.article_id for a in articles}) == 2_000


def test_walk_stops_at_max_files_with_a_clear_message(thousands_of_files):
    paths, failures = files([thousands_of_files], max_files=300)
    assert len(paths) == 300
    assert [str(f) for f in failures] == [
        f"{thousands_of_files}: more than 300 files: the rest skipped"
    ]
