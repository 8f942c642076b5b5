"""Property tests of the parser: random bytes, random text, generated documents with known
paragraphs, JSONL records and manifests. Nothing may raise but `BadInputError` (which names the
file); paragraph ids are unique and stable; paragraph texts survive the round trip.

`DISPATCH_LONG_TESTS=1` runs 5,000 examples per property instead of 200; the examples each
property ran are written to test-artifacts/fuzz-parser-examples.json (and printed with `-s`).
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from dataclasses import astuple
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from index.errors import BadInputError
from index.formats import _heading, from_jsonl, from_markdown
from index.parse import Header, decode, parse_header, split_paragraphs
from index.sources import load_manifest, read_articles
from index.types import paragraph_id
from tests.conftest import ARTIFACTS

LONG = os.environ.get("DISPATCH_LONG_TESTS") == "1"
EXAMPLES = 5000 if LONG else 200
HTML_EXAMPLES = 1000 if LONG else 100  # trafilatura takes ~10 ms a page
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LIMIT = 1_000_000
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
EXAMPLES_RUN: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def record_examples():
    started = time.perf_counter()
    yield
    ARTIFACTS.mkdir(exist_ok=True)
    report = {
        "mode": "long" if LONG else "default",
        "max_examples": EXAMPLES,
        "html_max_examples": HTML_EXAMPLES,
        "seconds": round(time.perf_counter() - started, 1),
        "examples_run": dict(sorted(EXAMPLES_RUN.items())),
        "total": sum(EXAMPLES_RUN.values()),
    }
    (ARTIFACTS / "fuzz-parser-examples.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nparser fuzz examples run: {report}")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def check_articles(path: Path, articles, failures, default: str = "Unknown") -> None:
    """What holds for any file: failures name it; paragraphs are clean, numbered from 1 and
    their ids unique; reading it again gives the same ids and hashes."""
    for failure in failures:
        assert str(failure).startswith(str(path)), failure
    ids = [p.id for a in articles for p in a.paragraphs]
    for article in articles:
        assert article.paragraphs, article
        assert [p.id for p in article.paragraphs] == [
            paragraph_id(article.article_id, n) for n in range(1, len(article.paragraphs) + 1)
        ]
        for text in article.texts:
            assert text and text == text.strip()
            assert "\n" not in text and "\r" not in text
            assert not CONTROL.search(text), repr(text)
            text.encode("utf-8")  # the store takes UTF-8 only
        assert isinstance(article.publication, str) and article.publication
    if len({a.article_id for a in articles}) == len(articles):
        assert len(set(ids)) == len(ids)
    again, failures_again = read_articles(path, {}, default, LIMIT)
    assert [p.id for a in again for p in a.paragraphs] == ids
    assert [a.file_hash for a in again] == [a.file_hash for a in articles]
    assert [str(f) for f in failures_again] == [str(f) for f in failures]


# -- random bytes and random text ----------------------------------------------------------------

NASTY_BYTES = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\r\n", b"\r", b"\n\n", b"\x80"]
NASTY_BYTES += [b"\xc3", b"\xed\xa0\x80", b"\x07", b"Publication: ", b" Volume: ", b" Issue: "]
byte_soup = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=2000).map(str.encode),
    st.lists(
        st.one_of(
            st.sampled_from(NASTY_BYTES),
            st.binary(max_size=20),
            st.text(max_size=40).map(str.encode),
        ),
        max_size=60,
    ).map(b"".join),
)


@FUZZ
@given(data=byte_soup)
def test_decode_gives_text_or_a_bad_input_error_naming_the_file(data):
    EXAMPLES_RUN["decode: random bytes"] += 1
    try:
        text = decode(data, "odd/name.txt")
    except BadInputError as error:
        assert str(error).startswith("odd/name.txt: "), error
        return
    assert "\r" not in text and not text.startswith("\ufeff")


@FUZZ
@given(data=byte_soup, suffix=st.sampled_from([".txt", ".md", ".jsonl", ""]))
def test_any_bytes_read_as_articles_or_one_failure_naming_the_file(folder, data, suffix):
    EXAMPLES_RUN["read_articles: random bytes"] += 1
    path = write(folder, f"bytes{suffix}", data)
    articles, failures = read_articles(path, {}, "Unknown", LIMIT)
    assert articles or failures
    check_articles(path, articles, failures)


@FUZZ
@given(text=st.text(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".jsonl"]))
def test_any_unicode_text_reads_without_an_unexpected_error(folder, text, suffix):
    EXAMPLES_RUN["read_articles: random text"] += 1
    path = write(folder, f"text{suffix}", text.encode("utf-8"))
    articles, failures = read_articles(path, {}, "Unknown", LIMIT)
    check_articles(path, articles, failures)


@FUZZ
@given(body=st.text(max_size=3000))
def test_split_paragraphs_gives_clean_single_line_paragraphs(body):
    """Each paragraph is non-empty, stripped, on one line, free of control characters; and no
    non-whitespace character of the body is lost except control characters."""
    EXAMPLES_RUN["split_paragraphs: random text"] += 1
    paragraphs = split_paragraphs(body)
    for text in paragraphs:
        assert text and text == text.strip() and "\n" not in text and "\r" not in text
        assert not CONTROL.search(text)
    kept = "".join("".join(p.split()) for p in paragraphs)
    assert kept == "".join(CONTROL.sub("", body).split())


@settings(FUZZ, max_examples=HTML_EXAMPLES)
@example(parts=["</p>", "<html><body>", "<script>"])  # htmldate's lxml drop_tree asserted
@given(
    parts=st.lists(
        st.one_of(
            st.sampled_from(["<p>", "</p>", "<br>", "<h1>", "</h1>", "<div>", "<script>", "<!--"]),
            st.sampled_from(["<html><body>", "<article>", "</article>", "<meta charset=x>"]),
            st.text(max_size=80),
        ),
        max_size=40,
    )
)
def test_any_html_reads_without_an_unexpected_error(folder, parts):
    EXAMPLES_RUN["read_articles: random HTML"] += 1
    path = write(folder, "page.html", "".join(parts).encode("utf-8"))
    articles, failures = read_articles(path, {}, "Unknown", LIMIT)
    check_articles(path, articles, failures)


# -- generated documents whose header and paragraphs are known -----------------------------------

WORD_CHARS = st.characters(categories=["L", "N", "P", "S"], exclude_characters="#")
WORD = st.text(WORD_CHARS, min_size=1, max_size=12)
INNER_SPACE = st.sampled_from([" ", " ", " ", "  ", "\t", "\u00a0", "\u3000"])
OUTER_SPACE = st.sampled_from(["", "", " ", "  ", "\t", "\u00a0", " \t\u2003"])
BLANK = st.lists(st.sampled_from([" ", "\t", "\u00a0", "\u3000", "\u2003", "\f"]), max_size=3).map(
    "".join
)


@st.composite
def lines_of_words(draw) -> str:
    words = draw(st.lists(WORD, min_size=1, max_size=8))
    line = words[0]
    for word in words[1:]:
        line += draw(INNER_SPACE) + word
    return draw(OUTER_SPACE) + line + draw(OUTER_SPACE)


PARAGRAPH = st.lists(lines_of_words(), min_size=1, max_size=4)  # its hard-wrapped lines
NAME = st.text(st.characters(categories=["L", "N", "P", "Zs"]), max_size=30).filter(
    lambda n: n.strip() and "Volume:" not in n and "Issue:" not in n
)
TOKEN = st.text(st.characters(categories=["L", "N", "P"]), min_size=1, max_size=8)
GAP = st.sampled_from([" ", "  ", "\t", " \t "])


@st.composite
def documents(draw) -> tuple[str, Header | None, list[str]]:
    """(file text, the header it declares, the paragraphs it should split into)."""
    paragraphs = draw(st.lists(PARAGRAPH, min_size=1, max_size=6))
    header = None
    lines: list[str] = [draw(BLANK) for _ in range(draw(st.integers(0, 2)))]
    if draw(st.booleans()):
        name = draw(NAME)
        volume = draw(st.none() | TOKEN)
        issue = draw(st.none() | TOKEN)
        line = "Publication:" + draw(st.sampled_from(["", " ", "  ", "\t"])) + name
        if volume:
            line += draw(GAP) + "Volume:" + draw(st.sampled_from(["", " ", "  "])) + volume
        if issue:
            line += draw(GAP) + "Issue:" + draw(st.sampled_from(["", " ", "  "])) + issue
        lines.append(line + draw(st.sampled_from(["", " ", "   ", "\t"])))
        header = Header(name.strip(), volume, issue)
        lines += [draw(BLANK) for _ in range(draw(st.integers(0, 3)))]
    for number, paragraph in enumerate(paragraphs):
        if number:
            lines += [draw(BLANK) for _ in range(draw(st.integers(1, 3)))]
        lines += paragraph
    lines += [draw(BLANK) for _ in range(draw(st.integers(0, 2)))]
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = end.join(lines) + draw(st.sampled_from(["", end]))
    if draw(st.booleans()):
        text = "\ufeff" + text
    expected = [" ".join(line.strip() for line in paragraph) for paragraph in paragraphs]
    if header is None:
        assume(parse_header(paragraphs[0][0]) is None)
    return text, header, expected


@FUZZ
@given(document=documents(), suffix=st.sampled_from([".txt", ".md", ""]))
def test_generated_documents_keep_their_header_and_paragraph_texts(folder, document, suffix):
    """A document is: optional BOM; blank lines; an optional header `Publication:<sp>NAME
    [<gap>Volume:<sp>V][<gap>Issue:<sp>N]<trailing sp>`; then paragraphs separated by one or more
    blank lines, each paragraph one or more hard-wrapped lines; one kind of line end throughout
    (LF, CRLF or CR). A blank line is one that `str.strip` empties (spaces, tabs, NBSP, em and
    ideographic spaces, form feeds).

    Expected: the header gives publication NAME.strip(), volume V and issue N (the default
    publication when there is no header); the paragraph texts equal the generated paragraphs,
    each paragraph's lines stripped (`str.strip`) and joined by one space, spaces inside a line
    kept as they were; ids are `<article id>:p1..pN`, and the same again on a second read."""
    EXAMPLES_RUN["read_articles: generated documents"] += 1
    text, header, expected = document
    path = write(folder, f"doc{suffix}", text.encode("utf-8"))
    articles, failures = read_articles(path, {}, "Default Gazette", LIMIT)
    assert failures == []
    (article,) = articles
    assert list(article.texts) == expected
    declared = astuple(header) if header else ("Default Gazette", None, None)
    assert (article.publication, article.volume, article.issue) == declared
    check_articles(path, articles, failures, "Default Gazette")


# -- Markdown headings and long lines --------------------------------------------------------------

OLD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")  # the pattern `_heading` replaced


@FUZZ
@given(
    line=st.lists(
        st.sampled_from(["#", "##", " ", "\t", "\u3000", "a", "Title", "x#", "#y", "\u00a0"]),
        max_size=14,
    ).map("".join)
)
def test_markdown_heading_agrees_with_the_regex_it_replaced(line):
    EXAMPLES_RUN["markdown heading vs old regex"] += 1
    old = OLD_HEADING.match(line)
    assert _heading(line) == (old.group(2) if old else None)


@pytest.mark.parametrize(
    "text",
    [
        "# a" + " " * 20_000 + "b\n\nOne paragraph.",  # cubic backtracking in the old pattern
        "Publication: a" + " " * 200_000 + "b\n\nOne paragraph.",  # quadratic in the header
        "Publication: a" + " \t" * 100_000 + "b\n\nOne paragraph.",
    ],
)
def test_long_lines_parse_in_linear_time(text):
    started = time.perf_counter()
    from_markdown(text, "long.md")
    assert time.perf_counter() - started < 2


# -- JSONL records and manifests -------------------------------------------------------------------

JSON_SCALAR = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
JSON_VALUE = st.recursive(
    JSON_SCALAR,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
FIELDS = ["text", "paragraphs", "id", "publication", "volume", "issue", "date", "title", "url"]
RECORD = st.dictionaries(
    st.sampled_from(FIELDS),
    JSON_VALUE | st.lists(st.text(max_size=40) | JSON_SCALAR, max_size=4) | st.text(max_size=200),
)
NASTY_LINES = [
    "[" * 50_000,  # RecursionError in json.loads
    '{"text": "x", "id": ' + "9" * 5000 + "}",  # ValueError: too many digits
    '{"text": "lone \\ud800 surrogate"}',
    '{"paragraphs": ["pair \\ud83d\\ude00 ok", "\\u0000nul"], "id": "emoji"}',
    '{"text": NaN}',
    '{"text": "a"} trailing',
    "\ufeff{}",
    '"just a string"',
    "null",
    "{",
]


@st.composite
def jsonl_files(draw) -> tuple[list[str], dict[int, list[str]]]:
    """(lines, {line number: paragraphs} of the records known to be good)."""
    lines: list[str] = []
    good: dict[int, list[str]] = {}
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(["good", "random", "nasty", "garbage", "blank"]))
        if kind == "good":
            paragraphs = draw(st.lists(st.text(max_size=40), min_size=1, max_size=3))
            expected = [" ".join(CONTROL.sub("", p).split()) for p in paragraphs]
            assume(any(expected))
            record = {"id": f"good-{len(lines) + 1}", "paragraphs": paragraphs}
            record.update(draw(st.dictionaries(st.sampled_from(FIELDS[3:]), JSON_SCALAR)))
            lines.append(json.dumps(record, ensure_ascii=draw(st.booleans())))
            good[len(lines)] = [text for text in expected if text]
        elif kind == "random":
            value = draw(RECORD | JSON_VALUE)
            if isinstance(value, dict):
                assume(not str(value.get("id", "")).strip().startswith("good-"))
            lines.append(json.dumps(value))
        elif kind == "nasty":
            lines.append(draw(st.sampled_from(NASTY_LINES)))
        elif kind == "garbage":
            lines.append(draw(st.text(st.characters(exclude_categories=["Cc", "Cs"]), max_size=60)))
        else:
            lines.append(draw(BLANK))
    return lines, good


def problem_lines(problems: list[str], name: str) -> list[int]:
    numbers = []
    for problem in problems:
        match = re.match(re.escape(name) + r":(\d+): \S", problem)
        assert match, problem
        numbers.append(int(match[1]))
    return numbers


@FUZZ
@given(document=jsonl_files())
def test_jsonl_reports_bad_lines_as_file_and_line_and_keeps_good_ones(folder, document):
    """Every non-blank line is either kept (one article) or reported once as `file:line: why`;
    records known to be good are kept with their paragraphs (whitespace runs -> one space,
    control characters dropped)."""
    EXAMPLES_RUN["JSONL records"] += 1
    lines, good = document
    path = write(folder, "feed.jsonl", "\n".join(lines).encode("utf-8"))
    name = str(path)
    try:
        raws, problems = from_jsonl(decode(path.read_bytes(), name), name)
    except BadInputError as error:  # the whole file: empty, or too many control characters
        assert str(error).startswith(name)
        return
    reported = problem_lines(problems, name)
    assert len(set(reported)) == len(reported)
    non_blank = [n for n, line in enumerate(lines, start=1) if line.strip()]
    assert len(raws) + len(reported) == len(non_blank)
    assert set(reported) <= set(non_blank)
    assert not set(good) & set(reported)
    kept = {raw.key: raw.paragraphs for raw in raws}
    for number, paragraphs in good.items():
        assert kept[f"good-{number}"] == paragraphs
    articles, failures = read_articles(path, {}, "Unknown", LIMIT)
    assert len(articles) == len(raws)
    assert [str(f) for f in failures] == problems
    check_articles(path, articles, failures)


MANIFEST_ENTRY = st.fixed_dictionaries(
    {"file": st.just("story.txt")},
    optional={
        key: JSON_VALUE for key in ("publication", "volume", "issue", "date", "title", "url")
    },
)


@FUZZ
@given(
    entries=st.lists(
        MANIFEST_ENTRY.map(json.dumps) | JSON_VALUE.map(json.dumps) | st.sampled_from(NASTY_LINES),
        max_size=5,
    ),
    header=st.booleans(),
)
def test_any_manifest_gives_text_metadata_or_a_reported_line(tmp_path_factory, entries, header):
    EXAMPLES_RUN["manifest records"] += 1
    folder = tmp_path_factory.mktemp("manifest")
    manifest = write(folder, "manifest.jsonl", "\n".join(entries).encode("utf-8"))
    first = "Publication: Monitor Volume: 6 Issue: 228\n\n" if header else ""
    path = write(folder, "story.txt", f"{first}One paragraph.\n\nTwo.\n".encode())
    metadata, problems = load_manifest(folder)
    for problem in problems:
        assert str(problem).startswith(f"{manifest}:"), problem
    articles, failures = read_articles(path, metadata, "Unknown", LIMIT)
    assert failures == []
    (article,) = articles
    assert article.texts == ("One paragraph.", "Two.")
    for value in (article.publication, article.volume, article.issue, article.date, article.title):
        assert value is None or (isinstance(value, str) and value == value.strip() and value)
    if header:
        assert (article.publication, article.volume, article.issue) == ("Monitor", "6", "228")


# -- what the properties above found, kept as plain examples --------------------------------------


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("[" * 50_000, "invalid JSON (nested too deeply)"),
        ('{"text": "x", "id": ' + "9" * 5000 + "}", "invalid JSON (Exceeds the limit"),
        ('{"text": "lone \\ud800 surrogate"}', "invalid JSON (an unpaired surrogate escape)"),
        ('{"paragraphs": ["One.", null, {"a": 1}]}', "expected `paragraphs` of strings, got a"),
    ],
)
def test_jsonl_lines_that_used_to_raise_are_reported(line, problem):
    articles, problems = from_jsonl(f'{{"text": "Kept."}}\n{line}', "r.jsonl")
    assert [a.paragraphs for a in articles] == [["Kept."]]
    assert len(problems) == 1 and problems[0].startswith(f"r.jsonl:2: {problem}"), problems


def test_jsonl_paragraph_lists_lose_control_characters_as_text_does():
    (raw,), _ = from_jsonl('{"paragraphs": ["a\\u0000b\\u007f", "\\u0007"]}', "r.jsonl")
    assert raw.paragraphs == ["ab"]


def test_manifest_values_of_any_json_type_are_text(tmp_path):
    (tmp_path / "manifest.jsonl").write_text('{"file": "a.txt", "publication": 5, "issue": [1]}\n')
    (tmp_path / "a.txt").write_text("One.\n")
    metadata, problems = load_manifest(tmp_path)
    (article,), failures = read_articles(tmp_path / "a.txt", metadata, "Unknown", LIMIT)
    assert (problems, failures) == ([], [])
    assert (article.publication, article.issue) == ("5", "[1]")


@pytest.mark.parametrize(
    "text",
    [
        "\u3000\nPublication: Monitor Issue: 7\n\nOne.\n\u3000\nTwo.",  # ideographic spaces
        "\ufeff\ufeffPublication: Monitor Issue: 7\n\nOne.\n \u2003\t\nTwo.",  # two BOMs
    ],
)
def test_lines_of_unicode_spaces_are_blank_lines(tmp_path, text):
    path = write(tmp_path, "a.txt", text.encode())
    (article,), _ = read_articles(path, {}, "Unknown", LIMIT)
    assert (article.publication, article.issue, article.texts) == ("Monitor", "7", ("One.", "Two."))
