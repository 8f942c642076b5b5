"""The HTTP app: JSON API routes, /gradio.js for embedding, security headers, and the Gradio UI
mounted at "/" (routes declared here, before the mount, win)."""

from __future__ import annotations

import logging
import re
from http.cookies import CookieError, SimpleCookie

import gradio as gr
from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.datastructures import MutableHeaders, UploadFile
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant import ui
from assistant.api_models import AnswerOut, AskIn, ErrorOut, HealthOut, IngestOut
from assistant.auth import TICKET_COOKIE, UploadTickets, bearer, token_matches
from assistant.desk import Desk
from assistant.errors import BadInputError, DispatchError, QuestionError
from assistant.uploads import TooLargeError, Upload, check_count, save
from assistant.webcomponent import entry_module, loader_script

log = logging.getLogger(__name__)
_FRAME_ANCESTORS = re.compile(r"[^;,\r\n\x00]+")
ERRORS: dict[int | str, dict] = {code: {"model": ErrorOut} for code in (400, 401, 403, 409, 413)}


class SecurityHeaders:
    """Adds `Content-Security-Policy: frame-ancestors ...` (who may frame the app) to every
    response; pure ASGI so Gradio's streamed responses pass through untouched."""

    def __init__(self, app: ASGIApp, frame_ancestors: str) -> None:
        if not _FRAME_ANCESTORS.fullmatch(frame_ancestors.strip()):
            raise DispatchError(
                f'Expected frame_ancestors like "*" or "\'self\' https://example.org", '
                f"got {frame_ancestors!r}"
            )
        self.app = app
        self.policy = f"frame-ancestors {frame_ancestors.strip()}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.append("Content-Security-Policy", self.policy)
                headers["X-Content-Type-Options"] = "nosniff"
            await send(message)

        await self.app(scope, receive, send_with_headers)


class UploadNeedsTicket:
    """Gradio's file route (`/gradio_api/upload`) accepts files only from a browser holding an
    upload ticket, i.e. one that unlocked the admin section with the token (assistant/auth.py)."""

    def __init__(self, app: ASGIApp, tickets: UploadTickets) -> None:
        self.app, self.tickets = app, tickets

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].rstrip("/") == "/gradio_api/upload":
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


class AskBodyLimit:
    """Refuses `POST /api/ask` bodies over `limit` bytes with 413 before they are read into
    memory, whether the client declares a Content-Length or streams the body in chunks."""

    def __init__(self, app: ASGIApp, limit: int = 256 * 1024) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != "/api/ask":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error(413, f"The request body is larger than {self.limit:,} bytes.")
        await response(scope, receive, send)


class _TooLarge(Exception):
    pass


def error(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def create_app(desk: Desk, blocks: gr.Blocks) -> FastAPI:
    settings = desk.settings
    app = FastAPI(
        title="Dispatch Desk API",
        description="Questions over the news archive, answered with paragraph-exact citations.",
        version="1",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.add_middleware(AskBodyLimit)
    if settings.admin_token:
        app.add_middleware(UploadNeedsTicket, tickets=desk.tickets)
    app.add_middleware(SecurityHeaders, frame_ancestors=settings.frame_ancestors)
    add_error_handlers(app)
    script = loader_script(entry_module())

    @app.get("/api/health", response_model=HealthOut)
    def health() -> dict:
        return {"status": "ok", "paragraphs": desk.paragraphs()}

    @app.post(
        "/api/ask",
        response_model=AnswerOut,
        responses={422: {"model": ErrorOut}, 409: {"model": ErrorOut}},
    )
    def ask(body: AskIn) -> dict:
        """Answer a question; `answered` is false (with `related` passages) when the archive does
        not say."""
        filters = body.filters.to_filters() if body.filters else None
        return desk.ask(body.question, filters, body.history, body.sources).to_json()

    @app.post("/api/ingest", response_model=IngestOut, responses=ERRORS)
    async def ingest(request: Request) -> Response | dict:
        """Add article files (multipart, field `files`); needs `Authorization: Bearer <token>`."""
        if not settings.admin_token:
            return error(403, "Adding articles is disabled: no admin token is configured.")
        given = bearer(request.headers.get("authorization"))
        if given is None:
            message = "Send the admin token as `Authorization: Bearer <token>`."
            return error(401, message, {"WWW-Authenticate": "Bearer"})
        if not token_matches(given, settings.admin_token):
            return error(403, "That is not the admin token.")
        limit = settings.max_upload_files * (settings.max_upload_bytes + 16_384)
        if _content_length(request) > limit:
            return error(413, f"The upload is larger than {limit:,} bytes.")
        uploads = await read_uploads(request, settings.max_upload_files, settings.max_upload_bytes)
        written = await run_in_threadpool(
            save, uploads, settings.uploads, settings.max_upload_bytes, settings.max_upload_files
        )
        report = await run_in_threadpool(desk.ingest, written)
        folder = f"{settings.uploads.resolve()}/"
        return {
            "saved": [p.name for p in written],
            "added": report.added,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "failed": [str(f).replace(folder, "") for f in report.failed],
            "paragraphs": desk.paragraphs(),
        }

    if not settings.admin_token:

        @app.post("/gradio_api/upload", include_in_schema=False)
        def no_uploads() -> JSONResponse:
            """Without an admin token the UI has no upload control: refuse Gradio's file cache."""
            return error(403, "Uploads are disabled on this server.")

    @app.api_route("/gradio.js", methods=["GET", "HEAD"], include_in_schema=False)
    def gradio_js() -> Response:
        return Response(
            script,
            media_type="text/javascript",
            headers={"Access-Control-Allow-Origin": "*", "Cache-Control": "no-cache"},
        )

    return gr.mount_gradio_app(
        app,
        blocks,
        path="/",
        theme=ui.theme(),
        css=ui.CSS,
        show_error=False,  # unexpected errors stay in the log; gr.Error messages still show
        max_file_size=settings.max_upload_bytes,
        footer_links=["api"],
        run_history=False,  # questions are not kept in the browser's storage
    )


async def read_uploads(request: Request, max_files: int, max_bytes: int) -> list[Upload]:
    try:
        form = await request.form(max_files=max_files + 1, max_fields=20)
    except Exception as problem:  # starlette's MultiPartException and malformed bodies
        raise BadInputError(f"Expected a multipart upload with field `files`: {problem}") from None
    files = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
    try:
        check_count(len(files), max_files)
        uploads = []
        for file in files:
            data = await file.read(max_bytes + 1)  # one byte over is enough to refuse it
            uploads.append(Upload(file.filename or "", data))
        return uploads
    finally:
        await form.close()


def add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(QuestionError)
    async def question_error(_: Request, exc: QuestionError) -> JSONResponse:
        return error(422, str(exc))

    @app.exception_handler(TooLargeError)
    async def too_large(_: Request, exc: TooLargeError) -> JSONResponse:
        return error(413, str(exc))

    @app.exception_handler(BadInputError)
    async def bad_input(_: Request, exc: BadInputError) -> JSONResponse:
        return error(400, str(exc))

    @app.exception_handler(DispatchError)
    async def conflict(_: Request, exc: DispatchError) -> JSONResponse:
        return error(409, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{_where(e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors())
        return error(422, f"Invalid request: {problems}")

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        """FastAPI's own refusals (e.g. "There was an error parsing the body" for JSON nested too
        deeply, an integer of 5,000 digits, or not UTF-8) in the same `{"error": ...}` shape."""
        message = exc.detail if isinstance(exc.detail, str) else "Invalid request."
        return error(exc.status_code, message, dict(exc.headers) if exc.headers else None)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return error(500, "Internal error; it has been logged.")


def _where(loc: tuple) -> str:
    """("body", "filters", "issue_min") -> "filters.issue_min"; the body itself -> "body"."""
    names = [str(part) for part in loc[1:] if isinstance(part, str)]
    return ".".join(names) or "body"


def _content_length(request: Request) -> int:
    value = request.headers.get("content-length") or "0"
    return int(value) if value.isdigit() else 0
