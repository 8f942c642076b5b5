"""Citation markers in composed text: parsed, and invalid ones removed."""

import pytest

from assistant.llm.citations import parse_markers, strip_invalid_markers


@pytest.mark.parametrize(
    ("text", "markers"),
    [("A [1]. B [2] [1].", [1, 2]), ("none", []), ("[12] then [3]", [12, 3])],
)
def test_parse_markers(text, markers):
    assert parse_markers(text) == markers


@pytest.mark.parametrize(
    ("text", "valid", "cleaned", "removed"),
    [
        ("Fact [1]. Invented [7].", {1}, "Fact [1]. Invented.", [7]),
        ("Both [1, 2].", {1, 2}, "Both [1][2].", []),
        ("Forged [Monitor, Vol. 9, ¶3].", {1}, "Forged.", []),
    ],
)
def test_invalid_markers_are_removed(text, valid, cleaned, removed):
    assert strip_invalid_markers(text, valid) == (cleaned, removed)
