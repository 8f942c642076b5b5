"""The archive's text format and the other formats, as pure functions: tables of inputs."""

from __future__ import annotations

import json

import pytest

from index.errors import BadInputError
from index.formats import from_html, from_jsonl, from_markdown, from_text
from index.parse import Header, decode, parse_header, split_header, split_paragraphs
from tests.conftest import TEST_DATA


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("One.\n\nTwo.", ["One.", "Two."]),
        ("One.\r\n\r\nTwo.\r\n", ["One.", "Two."]),
        ("One.\r\rTwo.", ["One.", "Two."]),
        ("One.   \n\nTwo.\t ", ["One.", "Two."]),
        ("One.\n\n\n\n\nTwo.", ["One.", "Two."]),
        ("One.\n  \t \n\n \nTwo.", ["One.", "Two."]),
        ("One.\n\u00a0\nTwo.", ["One.", "Two."]),
        (
            "A hard-wrapped\nparagraph   \n  goes on.\n\nTwo.",
            ["A hard-wrapped paragraph goes on.", "Two."],
        ),
        ("\n\n  Leading blank lines.\n\n", ["Leading blank lines."]),
        ("Control\x07 char.", ["Control char."]),
        ("", []),
        ("\n \n\t\n", []),
    ],
)
def test_split_paragraphs_uses_one_blank_line_as_the_separator(body, expected):
    assert split_paragraphs(body) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Publication: Monitor", Header("Monitor", None, None)),
        ("Publication: Monitor Volume: 6", Header("Monitor", "6", None)),
        ("Publication: Monitor Issue: 228", Header("Monitor", None, "228")),
        ("Publication: Monitor Volume: 6 Issue: 228", Header("Monitor", "6", "228")),
        ("Publication: Monitor Volume: 6 Issue: 228   ", Header("Monitor", "6", "228")),
        ("Publication:Monitor  Volume:6\tIssue:228", Header("Monitor", "6", "228")),
        ("Publication: RFE/RL Newsline Volume: 4 Issue: 228", Header("RFE/RL Newsline", "4", "228")),
        ("Publication: Johnson's Russia List Issue: 4467", Header("Johnson's Russia List", None, "4467")),
        ("Publication: U.S. Department of State (Noon Briefing)", Header("U.S. Department of State (Noon Briefing)", None, None)),
        ("Publication:", None),
        ("Publication:    ", None),
        ("publication: Monitor", None),
        ("The Publication: of the year", None),
        ("Moscow said on Tuesday that talks would go on.", None),
    ],
)  # fmt: skip
def test_parse_header_reads_publication_volume_and_issue(line, expected):
    assert parse_header(line) == expected


@pytest.mark.parametrize(
    ("text", "header", "paragraphs"),
    [
        ("Publication: X Volume: 1 Issue: 2\n\nA.\n\nB.", Header("X", "1", "2"), ["A.", "B."]),
        ("Publication: X\nA right after the header.", Header("X", None, None), ["A right after the header."]),
        ("\n\n  Publication: X\n\nA.", Header("X", None, None), ["A."]),
        ("No header here.\n\nB.", None, ["No header here.", "B."]),
        ("A.\n\nPublication: X", None, ["A.", "Publication: X"]),
    ],
)  # fmt: skip
def test_split_header_takes_only_the_first_non_blank_line(text, header, paragraphs):
    found, body = split_header(text)
    assert found == header
    assert split_paragraphs(body) == paragraphs


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"Publication: X\n\nA.", "Publication: X\n\nA."),
        (b"\xef\xbb\xbfPublication: X\r\n\r\nA.\r\n", "Publication: X\n\nA.\n"),
        ("Sergeev\u2019s \u201cvisit\u201d".encode(), "Sergeev\u2019s \u201cvisit\u201d"),
        (b"Old Mac\rline ends", "Old Mac\nline ends"),
    ],
)
def test_decode_removes_the_bom_and_normalises_line_ends(data, expected):
    assert decode(data, "a.txt") == expected


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "a.txt: empty file"),
        (b"  \n\r\n\t", "a.txt: empty file"),
        (b"Publication: X\n\nA\x00B", "a.txt: binary file (contains NUL bytes)"),
        (b"GIF89a" + bytes(range(1, 32)) * 4, "a.txt: binary file (108 control characters)"),
        (b"Publication: X\n\nThe minister\x92s visit", "a.txt: invalid UTF-8 at byte 28"),
        ("Publication: X".encode("utf-16"), "a.txt: UTF-16 text; save it as UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a.txt: binary file (contains NUL bytes)"),
    ],
)
def test_decode_refuses_binary_and_non_utf8_naming_the_file(data, problem):
    with pytest.raises(BadInputError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        decode(data, "a.txt")


def test_canonical_example_parses_to_seven_paragraphs():
    from tests.conftest import SAMPLE

    text = decode((SAMPLE / "000_monitor-6-228.txt").read_bytes(), "000")
    raw = from_text(text, "000")
    assert raw.header == Header("Monitor", "6", "228")
    assert len(raw.paragraphs) == 7
    assert raw.paragraphs[6].startswith("The picture was similarly mixed")
    assert all("\n" not in p for p in raw.paragraphs)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Publication: Monitor Volume: 6 Issue: 228\n", "a.txt: a header and no paragraphs after it"),
        ("Publication: Monitor\n\n \n\n", "a.txt: a header and no paragraphs after it"),
        ("\n\n\n", "a.txt: no paragraphs"),
    ],
)  # fmt: skip
def test_text_without_paragraphs_is_refused(text, problem):
    with pytest.raises(BadInputError, match=problem):
        from_text(text, "a.txt")


def test_text_without_header_keeps_every_paragraph_and_no_header():
    raw = from_text("First line is a paragraph.\n\nSecond.", "a.txt")
    assert raw.header is None
    assert raw.paragraphs == ["First line is a paragraph.", "Second."]


def test_markdown_headings_are_not_paragraphs_and_the_first_is_the_title():
    text = (
        "# Kursk salvage delayed\n\nThe navy said the work\nwould wait.\n\n"
        "## Costs\n\nEstimates vary.\n\n- one item\n- another item\n"
    )
    raw = from_markdown(text, "a.md")
    assert raw.fields["title"] == "Kursk salvage delayed"
    assert raw.paragraphs == [
        "The navy said the work would wait.",
        "Estimates vary.",
        "- one item - another item",
    ]


@pytest.mark.parametrize(
    ("text", "title", "paragraphs"),
    [
        ("# Kursk\nThe navy said.\n\nMore.", "Kursk", ["The navy said.", "More."]),
        ("Intro line.\n## Costs\nEstimates vary.", "Costs", ["Intro line.", "Estimates vary."]),
        ("#hashtag is text\n\n  ### Deep ###  \n\nBody.", "Deep", ["#hashtag is text", "Body."]),
        ("No headings.\r\n\r\nAt all.", None, ["No headings.", "At all."]),
    ],
)
def test_markdown_heading_lines_are_dropped_even_without_a_blank_line(text, title, paragraphs):
    raw = from_markdown(text, "a.md")
    assert (raw.fields["title"], raw.paragraphs) == (title, paragraphs)


def test_markdown_keeps_an_archive_header():
    raw = from_markdown("Publication: Monitor Issue: 5\n\n# Title\n\nBody.", "a.md")
    assert raw.header == Header("Monitor", None, "5")
    assert raw.paragraphs == ["Body."]


def test_html_page_keeps_paragraph_boundaries_and_drops_the_page_around_them():
    raw = from_html((TEST_DATA / "formats" / "page.html").read_text(), "page.html")
    assert raw.fields["title"] == "Cohen and Sergeyev meet in Brussels"
    assert raw.fields["date"] == "2000-12-06"
    assert len(raw.paragraphs) == 3, raw.paragraphs
    assert raw.paragraphs[0].startswith("Defense Secretary William S. Cohen met")
    # A <br> inside a paragraph does not start a new one.
    assert raw.paragraphs[1].endswith(
        "opposed. Cohen told reporters afterwards that the talks had been frank."
    )
    assert raw.paragraphs[2].startswith("Sergeyev repeated")
    assert not any(
        "Home" in p or "Copyright" in p or p == "Missile defense" for p in raw.paragraphs
    )


def test_html_date_is_not_guessed_from_years_in_the_text():
    page = (TEST_DATA / "formats" / "page.html").read_text()
    page = page.replace('<meta property="article:published_time" content="2000-12-06">', "")
    assert from_html(page, "page.html").fields["date"] is None


def test_html_without_main_text_is_refused():
    with pytest.raises(BadInputError, match="page.html: no main text"):
        from_html("<html><body><nav>Home</nav></body></html>", "page.html")


def _jsonl(*records) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records)


def test_jsonl_takes_text_or_paragraphs_with_their_metadata():
    text = _jsonl(
        {
            "text": "First.\n\nSecond,\nwrapped.",
            "publication": "Monitor",
            "volume": 6,
            "issue": "228",
            "date": "2000-12-06",
            "title": "Sergeev in Brussels",
            "url": "https://example.org/a",
        },
        "",
        {"id": "b", "paragraphs": ["One.", "  ", "Two   spaced."]},
    )
    articles, problems = from_jsonl(text, "r.jsonl")
    assert problems == []
    first, second = articles
    assert first.header == Header("Monitor", "6", "228")
    assert first.paragraphs == ["First.", "Second, wrapped."]
    assert first.fields == {
        "date": "2000-12-06",
        "title": "Sergeev in Brussels",
        "url": "https://example.org/a",
    }
    assert first.key == "r1"
    assert second.header is None
    assert second.key == "b"
    assert second.paragraphs == ["One.", "Two spaced."]


@pytest.mark.parametrize(
    ("bad_line", "problem"),
    [
        ("{not json", "r.jsonl:2: invalid JSON"),
        ("[1, 2]", "r.jsonl:2: expected a JSON object, got list"),
        ('{"title": "no text"}', "r.jsonl:2: expected `text` (string) or `paragraphs` (list)"),
        ('{"text": "  \\n\\n "}', "r.jsonl:2: no paragraphs"),
        ('{"id": "a", "text": "Again."}', "r.jsonl:2: id 'a' is already used on line 1"),
    ],
)
def test_jsonl_bad_line_is_reported_as_file_and_line_and_the_rest_kept(bad_line, problem):
    text = _jsonl({"id": "a", "text": "Kept."}, bad_line, {"text": "Also kept."})
    articles, problems = from_jsonl(text, "r.jsonl")
    assert [a.paragraphs for a in articles] == [["Kept."], ["Also kept."]]
    assert len(problems) == 1
    assert problems[0].startswith(problem), problems


def test_jsonl_without_records_is_refused():
    with pytest.raises(BadInputError, match="r.jsonl: no records"):
        from_jsonl("\n\n", "r.jsonl")
