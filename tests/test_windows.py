"""Windows over paragraphs longer than the model's 256 word pieces."""

import pytest

from tests.conftest import SAMPLE

pytestmark = pytest.mark.slow


def long_text() -> str:
    return " ".join(
        line
        for path in sorted(SAMPLE.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()[2:]
        if line
    )


def test_no_window_exceeds_the_model_limit(embedder):
    windows = embedder.windows(long_text())
    assert len(windows) > 10
    counts = [embedder.token_count(w) for w in windows]
    assert max(counts) <= embedder.max_tokens, counts


def test_windows_cover_every_word_in_order(embedder):
    text = long_text()
    words = text.split()
    covered = " ".join(embedder.windows(text)).split()
    position = 0
    for word in covered:  # windows overlap: each word of the text shows up, in order
        if position < len(words) and word == words[position]:
            position += 1
    assert position == len(words)


def test_short_paragraph_is_one_window(embedder):
    assert embedder.windows("A short paragraph.") == ["A short paragraph."]
