"""Escaping first, then our own markup: marker links, highlighted quotes, streamed pieces."""

from __future__ import annotations

import pytest

from assistant.render import answer_html, answer_pieces, escape, highlight, link_markers


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


def test_only_markers_that_name_a_citation_become_links():
    html = answer_html("Sergeev spoke. [1] He left. [7]", {1}, turn=3)
    assert '<a class="cite" href="#src-3-1" title="Go to source 1">[1]</a>' in html
    assert html.endswith("He left. [7]")


def test_markers_are_linked_after_escaping_so_text_cannot_forge_links():
    html = answer_html('[1]"><img src=x onerror=alert(1)>', {1}, turn=1)
    assert "<img" not in html
    assert html.startswith('<a class="cite" href="#src-1-1"')


def test_link_markers_leaves_other_brackets_alone():
    assert link_markers("[Secretary Cohen] said [2]", {2}, 1).startswith(
        "[Secretary Cohen] said <a"
    )


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
