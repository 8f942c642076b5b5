"""The admin token check: constant-time, and never true when no token is configured."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

TICKET_COOKIE = "dispatch_upload"


def token_matches(given: str | None, expected: str | None) -> bool:
    if not expected or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def bearer(header: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, or None."""
    scheme, _, token = (header or "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


class UploadTickets:
    """Proof, for one browser, that it unlocked the admin section with the token.

    The UI's file control sends files to Gradio's own `/gradio_api/upload` first (into Gradio's
    temp folder) and only then to our handler, which checks the token. With a ticket required on
    that route, a client that never presented the token cannot place files on the server at all.
    A ticket is `<expiry>.<hmac>` under a key made at start: it dies with the process or after
    `lifetime` seconds, and carries nothing of the token.
    """

    def __init__(self, lifetime: float = 3600.0) -> None:
        self._key = secrets.token_bytes(32)
        self.lifetime = lifetime

    def _mac(self, expires: str) -> str:
        return hmac.new(self._key, expires.encode("ascii"), hashlib.sha256).hexdigest()

    def issue(self, now: float | None = None) -> str:
        expires = str(int((time.time() if now is None else now) + self.lifetime))
        return f"{expires}.{self._mac(expires)}"

    def valid(self, ticket: str | None, now: float | None = None) -> bool:
        expires, _, mac = (ticket or "").partition(".")
        if not (expires.isascii() and expires.isdigit()) or len(expires) > 12:
            return False
        fresh = int(expires) > (time.time() if now is None else now)
        return (
            hmac.compare_digest(mac.encode("ascii", "replace"), self._mac(expires).encode())
            and fresh
        )
