"""Sentence splitting of news prose."""

import pytest

from assistant.engine.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Defense Secretary William S. Cohen said here Dec. 5. It rained.", 2),
        ("The U.S. side pressed. Moscow refused.", 2),
        ('"It is fine," he said. Next.', 2),
        ("One sentence without end", 1),
    ],
)
def test_split_sentences_knows_abbreviations_and_initials(text, count):
    assert len(split_sentences(text)) == count
