"""The admin token check."""

from __future__ import annotations

import pytest

from assistant.auth import bearer, token_matches


@pytest.mark.parametrize(
    ("given", "expected", "ok"),
    [
        ("s3cret", "s3cret", True),
        ("s3cret ", "s3cret", False),
        ("S3CRET", "s3cret", False),
        ("", "s3cret", False),
        (None, "s3cret", False),
        ("", "", False),  # no token configured: nothing unlocks
        ("anything", None, False),
        ("ключ", "ключ", True),
    ],
)
def test_token_matches(given, expected, ok):
    assert token_matches(given, expected) is ok


@pytest.mark.parametrize(
    ("header", "token"),
    [
        ("Bearer abc", "abc"),
        ("bearer  abc ", "abc"),
        ("Basic abc", None),
        ("Bearer", None),
        (None, None),
    ],
)
def test_bearer(header, token):
    assert bearer(header) == token
