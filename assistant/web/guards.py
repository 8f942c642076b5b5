"""ASGI guards around the whole app (pure ASGI, so Gradio's streamed responses pass untouched):
security headers, the CORS policy, body limits, and the upload ticket on Gradio's file route."""

from __future__ import annotations

import re
from collections.abc import Iterable
from http.cookies import CookieError, SimpleCookie

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.errors import DispatchError
from assistant.web.auth import TICKET_COOKIE, UploadTickets

_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d{1,5})?")

# What Gradio's page needs: its inline boot script and the `js=` handlers it builds with
# `new Function` (unsafe-inline, unsafe-eval), inline styles, data:/blob: images and workers.
# Everything else comes from this server only; nothing is loaded from other sites.
CONTENT_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
    "media-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:; "
    "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)


def origins(value: str | Iterable[str], setting: str) -> tuple[str, ...]:
    """A setting's origins ("https://a.example http://127.0.0.1:8000", spaces or commas) checked
    one by one: a scheme, a host and an optional port, nothing else."""
    items = value.replace(",", " ").split() if isinstance(value, str) else list(value)
    for item in items:
        if not _ORIGIN.fullmatch(item):
            raise DispatchError(
                f"Expected {setting} as origins like https://intranet.example.org or "
                f"http://127.0.0.1:8000, got {item!r}"
            )
    return tuple(item.rstrip("/") for item in items)


def error(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


class SecurityHeaders:
    """Every response: a Content-Security-Policy (only this server's own resources; framed only
    by this origin and the embedding origins), no MIME sniffing, no referrer to other sites."""

    def __init__(self, app: ASGIApp, embed_origins: tuple[str, ...] = ()) -> None:
        self.app = app
        ancestors = " ".join(["'self'", *embed_origins])
        self.policy = f"{CONTENT_POLICY}; frame-ancestors {ancestors}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = self.policy
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "same-origin"
            await send(message)

        await self.app(scope, receive, send_with_headers)


class CorsPolicy:
    """The one CORS policy: `/api/*` may be called from `api_origins` (none by default), the
    rest (Gradio's routes, which the `<gradio-app>` element calls) from `embed_origins`. It answers
    every preflight itself and replaces whatever CORS headers the app below set (Gradio adds its
    own, approving any localhost origin), so no other rule applies."""

    METHODS = "GET, POST, OPTIONS"

    def __init__(
        self, app: ASGIApp, api_origins: tuple[str, ...], embed_origins: tuple[str, ...]
    ) -> None:
        self.app, self.api_origins, self.embed_origins = app, api_origins, embed_origins

    def allowed(self, path: str, origin: str) -> bool:
        listed = self.api_origins if path.startswith("/api/") else self.embed_origins
        return origin.rstrip("/") in listed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if origin is None:
            await self.app(scope, receive, send)
            return
        allowed = self.allowed(scope["path"], origin)
        api = scope["path"].startswith("/api/")
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            if not allowed:
                await Response("Origin not allowed.", 403, media_type="text/plain")(
                    scope, receive, send
                )
                return
            preflight = {
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Methods": self.METHODS,
                "Access-Control-Allow-Headers": "Content-Type, Authorization",
                "Access-Control-Max-Age": "600",
                "Vary": "Origin",
            }
            if not api:
                preflight["Access-Control-Allow-Credentials"] = "true"
                requested = headers.get("access-control-request-headers")
                if requested:
                    preflight["Access-Control-Allow-Headers"] = requested[:1000]
            await Response("OK", 200, headers=preflight, media_type="text/plain")(
                scope, receive, send
            )
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                for name in [n for n in out if n.lower().startswith("access-control-allow-")]:
                    del out[name]
                if allowed:
                    out["Access-Control-Allow-Origin"] = origin
                    if not api:
                        out["Access-Control-Allow-Credentials"] = "true"
                    out.append("Vary", "Origin")
            await send(message)

        await self.app(scope, receive, send_with_cors)


class BodyLimit:
    """Refuses request bodies over a route's limit with 413, whether the client declares a
    Content-Length or streams the body in chunks: a body is read (at most `limit` bytes held)
    before the route sees it, so no route ever parses an oversized one. `limits` maps a path
    prefix to its limit (the longest prefix that matches wins; None = not limited here)."""

    def __init__(self, app: ASGIApp, limits: dict[str, int | None]) -> None:
        self.app = app
        self.limits = sorted(limits.items(), key=lambda item: -len(item[0]))

    def limit_for(self, path: str) -> int | None:
        return next((limit for prefix, limit in self.limits if path.startswith(prefix)), None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.limit_for(scope["path"]) if scope["type"] == "http" else None
        if limit is None or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            await self._refuse(limit, scope, receive, send)
            return
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > limit:
                await self._refuse(limit, scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        whole: list[Message] = [{"type": "http.request", "body": b"".join(chunks)}]

        async def replay() -> Message:
            return whole.pop() if whole else await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, limit: int, scope: Scope, receive: Receive, send: Send) -> None:
        response = error(413, f"The request body is larger than {limit:,} bytes.")
        await response(scope, receive, send)


class UploadNeedsTicket:
    """Gradio's file route (`/gradio_api/upload`) accepts files only from a browser holding an
    upload ticket, i.e. one that unlocked the admin section with the token (assistant/web/auth.py);
    with no admin token configured (`tickets` None) it accepts none."""

    def __init__(self, app: ASGIApp, tickets: UploadTickets | None) -> None:
        self.app, self.tickets = app, tickets

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].rstrip("/") == "/gradio_api/upload":
            if self.tickets is None:
                await error(403, "Uploads are disabled on this server.")(scope, receive, send)
                return
            cookies = SimpleCookie()
            try:
                cookies.load(dict(scope["headers"]).get(b"cookie", b"").decode("latin-1"))
            except CookieError:
                cookies.clear()
            ticket = cookies[TICKET_COOKIE].value if TICKET_COOKIE in cookies else None
            if not self.tickets.valid(ticket):
                refusal = error(403, "Unlock the admin section with the admin token to upload.")
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)
