"""The admin token check."""

from __future__ import annotations

import pytest

from assistant.web.auth import UploadTickets, bearer, token_matches


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


def test_an_upload_ticket_is_valid_until_it_expires():
    tickets = UploadTickets(lifetime=60)
    ticket = tickets.issue(now=1_000)
    assert tickets.valid(ticket, now=1_059)
    assert not tickets.valid(ticket, now=1_061)


@pytest.mark.parametrize(
    "forged",
    ["", None, "abc", "9999999999.", "9999999999.00", "9999999999999.x", "1.2.3", "٣.x", "\x00"],
)
def test_a_forged_upload_ticket_is_refused(forged):
    assert not UploadTickets().valid(forged)


def test_a_ticket_is_neither_extended_nor_valid_in_another_process():
    tickets = UploadTickets(lifetime=60)
    expires, _, mac = tickets.issue(now=1_000).partition(".")
    assert not tickets.valid(f"{int(expires) + 3600}.{mac}", now=1_000)  # expiry is signed
    assert not UploadTickets(lifetime=60).valid(f"{expires}.{mac}", now=1_000)  # another key
