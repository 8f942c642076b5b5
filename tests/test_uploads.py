"""Upload names, limits and writes: nothing lands outside the uploads folder."""

from __future__ import annotations

import pytest

from assistant.errors import BadInputError
from assistant.web.uploads import TooLargeError, Upload, safe_name, save


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("article.txt", "article.txt"),
        ("../../etc/evil.txt", "evil.txt"),
        ("/abs/path/Report.MD", "Report.md"),
        ("C:\\Users\\x\\page.HTML", "page.html"),
        ("..hidden.txt", "hidden.txt"),
        ("spaces and ünïcode!.htm", "spaces_and_unicode.htm"),
        ("a..b....jsonl", "a.b.jsonl"),
        ("x" * 300 + ".txt", "x" * 116 + ".txt"),
    ],
)
def test_safe_name_keeps_a_plain_basename(raw, name):
    assert safe_name(raw) == name


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("evil.exe", "unsupported file type .exe"),
        ("no-suffix", "unsupported file type (none)"),
        ("a.txt\x00.exe", "NUL"),
        ("../", "unsupported"),
        ("....txt", "unsupported file type (none)"),
        ("manifest.jsonl", "reserved"),
    ],
)
def test_safe_name_refuses(raw, problem):
    with pytest.raises(BadInputError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        safe_name(raw)


def test_save_writes_inside_the_folder_only(tmp_path):
    folder = tmp_path / "uploads"
    written = save([Upload("../../x.txt", b"text")], folder, 100, 5)
    assert [s.path for s in written] == [folder.resolve() / "x.txt"]
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["x.txt"]


def test_an_upload_never_replaces_a_different_article_of_the_same_name(tmp_path):
    folder = tmp_path / "uploads"
    (first,) = save([Upload("x.txt", b"first")], folder, 100, 5)
    (again,) = save([Upload("x.txt", b"first")], folder, 100, 5)
    (other,) = save([Upload("x.txt", b"second")], folder, 100, 5)
    (third,) = save([Upload("x.txt", b"third")], folder, 100, 5)
    assert first.path == again.path and again.note == "x.txt"
    assert other.path.name == "x-2.txt" and third.path.name == "x-3.txt"
    assert other.note == "x.txt as x-2.txt (x.txt is already a different article)"
    assert (folder / "x.txt").read_bytes() == b"first"
    assert (folder / "x-2.txt").read_bytes() == b"second"


@pytest.mark.parametrize(
    ("uploads", "error"),
    [
        ([Upload("a.txt", b"ok"), Upload("b.exe", b"ok")], BadInputError),
        ([Upload("a.txt", b"ok"), Upload("b.txt", b"x" * 101)], TooLargeError),
        ([Upload(f"{n}.txt", b"ok") for n in range(6)], TooLargeError),
        ([Upload("a.txt", b"ok"), Upload("../a.txt", b"ok")], BadInputError),
        ([Upload("a.txt", b"")], BadInputError),
        ([], BadInputError),
    ],
)
def test_a_bad_file_refuses_the_whole_batch(tmp_path, uploads, error):
    with pytest.raises(error):
        save(uploads, tmp_path / "uploads", 100, 5)
    assert not (tmp_path / "uploads").exists()
