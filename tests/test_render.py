"""Escaping first, then our own markup: marker links, highlighted quotes, streamed pieces."""

from __future__ import annotations

import pytest

from assistant.types import Citation
from assistant.web.render import (
    answer_html,
    answer_pieces,
    escape,
    footnotes_html,
    highlight,
    link_markers,
    safe_url,
)
from index.types import Paragraph

MONITOR = Paragraph(
    "monitor-v6-i228--x",
    7,
    "Cohen won assurances.",
    "Monitor",
    "6",
    "228",
    "2000-12-06",
    "Sergeev in Brussels",
    url="https://jamestown.org/program/x/",
)
CITES = {n: Citation(marker=n, paragraph=MONITOR, quote="Cohen won assurances.") for n in (1, 2)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "plain"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('<img src=x onerror="y">', "&lt;img src=x onerror=&quot;y&quot;&gt;"),
        ("it's A&B", "it&#x27;s A&amp;B"),
        (None, ""),
    ],
)
def test_escape_shows_markup_as_text(text, expected):
    assert escape(text) == expected


def test_only_markers_that_name_a_citation_become_links_with_a_preview():
    html = answer_html("Sergeev spoke. [1] He left. [7] Again. [1]", {1: CITES[1]}, turn=3)
    assert html.count('<a class="cite" href="#src-3-1"') == 2
    assert html.count('id="cite-3-1"') == 1  # the first one: where "back to answer" returns
    assert 'aria-label="Source 1: Monitor, Vol. 6, Issue 228, ¶7"' in html
    assert '<span class="cite-tip" aria-hidden="true">Monitor, Vol. 6, Issue 228, ¶7: Cohen' in html
    assert "He left. [7]" in html


def test_markers_are_linked_after_escaping_so_text_cannot_forge_links():
    html = answer_html('[1]"><img src=x onerror=alert(1)>', {1: CITES[1]}, turn=1)
    assert "<img" not in html
    assert html.startswith('<a class="cite" href="#src-1-1"')


def test_link_markers_leaves_other_brackets_alone():
    assert link_markers("[Secretary Cohen] said [2]", {2: CITES[2]}, 1).startswith(
        "[Secretary Cohen] said <a"
    )


def test_footnotes_give_each_source_with_its_date_title_and_address():
    html = footnotes_html([CITES[1]])
    assert html.startswith('<span class="footnotes" hidden>')
    assert (
        "[1] Monitor, Vol. 6, Issue 228, ¶7, 2000-12-06, “Sergeev in Brussels” "
        "https://jamestown.org/program/x/"
    ) in html


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://www.rferl.org/a/1090871.html", True),
        ("http://www.russialist.org/archives/3109.html", True),
        ("javascript:alert(1)", False),
        ('https://x.org/"><script>', False),
        (None, False),
    ],
)
def test_only_web_addresses_are_linked(url, kept):
    assert (safe_url(url) is not None) is kept


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("One. [1] Two. [2]", ["One. [1]", "One. [1] Two. [2]"]),
        ("One. [1][2] Two. [3]", ["One. [1][2]", "One. [1][2] Two. [3]"]),
        ("The archive does not say.", ["The archive does not say."]),
        ("First. Second.", ["First.", "First. Second."]),
    ],
)
def test_answer_streams_sentence_by_sentence(text, pieces):
    assert answer_pieces(text) == pieces


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        ("A <b>. B.", "B.", "A &lt;b&gt;. <mark>B.</mark>"),
        ("One. Two. Three.", "One. Three.", "<mark>One.</mark> Two. <mark>Three.</mark>"),
        ("One. Two.", "", "One. Two."),
        ("One. Two.", "Missing.", "One. Two."),
    ],
)
def test_highlight_marks_the_quoted_sentences(text, quote, expected):
    assert highlight(text, quote) == expected
