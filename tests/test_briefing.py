"""The Markdown briefing: footnotes with the citation label and the quoted paragraph."""

from __future__ import annotations

from assistant.briefing import md_escape, to_markdown, write_file
from assistant.types import CANNOT_ANSWER, Answer, Citation
from index.types import Hit, Paragraph

PARAGRAPH = Paragraph(
    "monitor-v6-i228",
    7,
    "The picture was mixed. Cohen won [some] assurances.",
    "Monitor",
    "6",
    "228",
)


def test_markers_become_footnotes_with_label_and_paragraph():
    quote = "Cohen won [some] assurances."
    answer = Answer(
        "What did *Cohen* win?", f"{quote} [1]", [Citation(1, PARAGRAPH, quote)], [], True
    )
    text = to_markdown(answer)
    assert text.startswith("# What did \\*Cohen\\* win?\n")
    assert "Cohen won \\[some\\] assurances.[^1]" in text
    assert "[^1]: Monitor, Vol. 6, Issue 228, ¶7" in text
    assert "    > The picture was mixed. **Cohen won \\[some\\] assurances.**" in text


def test_a_decline_lists_related_passages():
    answer = Answer("Q", CANNOT_ANSWER, [], [], False, related=[Hit(PARAGRAPH, 0.2)])
    text = to_markdown(answer)
    assert CANNOT_ANSWER in text and "not an answer" in text and "[^" not in text


def test_markdown_syntax_in_archive_text_stays_text():
    assert md_escape("![x](javascript:y) <b>") == "!\\[x\\](javascript:y) \\<b\\>"


def test_write_file_puts_each_briefing_in_its_own_file(tmp_path):
    first, second = write_file("# a", tmp_path), write_file("# b", tmp_path)
    assert first != second and first.read_text() == "# a" and first.name == "briefing.md"
