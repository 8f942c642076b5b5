"""The Markdown briefing: footnotes with the citation label and the quoted paragraph."""

from __future__ import annotations

import os

from assistant.types import CANNOT_ANSWER, Answer, Citation
from assistant.web.briefing import BriefingFiles, md_escape, to_markdown
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
        question="What did *Cohen* win?",
        text=f"{quote} [1]",
        citations=[Citation(marker=1, paragraph=PARAGRAPH, quote=quote)],
        hits=[],
        answered=True,
    )
    text = to_markdown(answer)
    assert text.startswith("# What did \\*Cohen\\* win?\n")
    assert "Cohen won \\[some\\] assurances.[^1]" in text
    assert "[^1]: Monitor, Vol. 6, Issue 228, ¶7" in text
    assert "    > The picture was mixed. **Cohen won \\[some\\] assurances.**" in text


def test_a_decline_lists_related_passages():
    answer = Answer(
        question="Q",
        text=CANNOT_ANSWER,
        citations=[],
        hits=[],
        answered=False,
        related=[Hit(PARAGRAPH, 0.2)],
    )
    text = to_markdown(answer)
    assert CANNOT_ANSWER in text and "not an answer" in text and "[^" not in text


def test_markdown_syntax_in_archive_text_stays_text():
    assert md_escape("![x](javascript:y) <b>") == "!\\[x\\](javascript:y) \\<b\\>"


def test_each_session_has_one_briefing_file_overwritten_by_its_next_briefing(tmp_path):
    files = BriefingFiles(tmp_path)
    first, again = files.write("session-a", "# a"), files.write("session-a", "# a2")
    other = files.write("session-b", "# b")
    assert first == again and again.read_text() == "# a2" and first.name == "briefing.md"
    assert other != first and other.read_text() == "# b"
    assert sorted(p.parent for p in tmp_path.glob("*/briefing.md")) == sorted(
        [first.parent, other.parent]
    )


def test_a_briefing_over_the_size_limit_is_cut_and_says_so(tmp_path):
    path = BriefingFiles(tmp_path, max_bytes=1000).write("s", "é" * 5000)
    text = path.read_text(encoding="utf-8")
    assert path.stat().st_size <= 1000 and text.endswith("[Briefing cut at its size limit.]\n")


def test_old_briefings_are_swept_and_the_count_is_capped(tmp_path):
    files = BriefingFiles(tmp_path, max_age=60, max_files=10)
    paths = [files.write(f"s{n}", "# x") for n in range(5)]
    now = 1_000_000.0
    for age, path in zip([3600, 40, 30, 20, 10], paths, strict=True):
        os.utime(path, (now - age, now - age))
    files.max_files = 3
    files.sweep(now)
    left = sorted(tmp_path.glob("*/briefing.md"))
    assert left == sorted(paths[2:])  # the hour-old one by age, the next oldest by count
