"""The HTTP app: JSON API routes, /gradio.js for embedding, security headers, and the Gradio UI
mounted at "/" (routes declared here, before the mount, win)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import gradio as gr
from fastapi import FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from assistant.answer_json import AnswerOut
from assistant.errors import BadInputError, DispatchError, QuestionError
from assistant.settings import Settings
from assistant.statements import MAX_ABOUT, MAX_SPEAKER
from assistant.web import ui
from assistant.web.api_models import (
    AskIn,
    ErrorOut,
    HealthOut,
    IngestOut,
    StatementOut,
)
from assistant.web.auth import TICKET_COOKIE, bearer, token_matches
from assistant.web.desk import Desk
from assistant.web.filters import filters_from
from assistant.web.guards import (
    BodyLimit,
    CorsPolicy,
    SecurityHeaders,
    UploadNeedsTicket,
    error,
    origins,
)
from assistant.web.scripts import DESK_SCRIPT
from assistant.web.uploads import TooLargeError, Upload, check_count
from assistant.web.webcomponent import entry_module, loader_script
from index.settings import REPO_ROOT

log = logging.getLogger(__name__)
ERRORS: dict[int | str, dict] = {code: {"model": ErrorOut} for code in (400, 401, 403, 409, 413)}
GRADIO_BODY_LIMIT = 1024 * 1024  # any Gradio route but the ticketed upload, which has its own
ASK_BODY_LIMIT = 256 * 1024


def create_app(desk: Desk, blocks: gr.Blocks) -> FastAPI:
    settings = desk.settings
    app = FastAPI(
        title="Dispatch Desk API",
        description="Questions over the news archive, answered with paragraph-exact citations.",
        version="1",
        docs_url="/api/docs",
        redoc_url=None,
    )
    embed = origins(settings.embed_origins, "DISPATCH_EMBED_ORIGINS")
    api = origins(settings.api_origins, "DISPATCH_API_ORIGINS")
    limits: dict[str, int | None] = {
        "/": GRADIO_BODY_LIMIT,
        "/api/ask": ASK_BODY_LIMIT,
        "/api/ingest": None,  # checked by the route, after the token
        "/gradio_api/upload": None,  # ticketed; Gradio's max_file_size applies
    }
    app.add_middleware(BodyLimit, limits=limits)
    tickets = desk.tickets if settings.admin_token else None
    app.add_middleware(UploadNeedsTicket, tickets=tickets)
    app.add_middleware(CorsPolicy, api_origins=api, embed_origins=embed)
    app.add_middleware(SecurityHeaders, embed_origins=embed)
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
    def ask(body: AskIn) -> AnswerOut:
        """Answer a question; `answered` is false (with `related` passages) when the archive does
        not say."""
        filters = body.filters.to_filters() if body.filters else None
        return AnswerOut.of(desk.ask(body.question, filters, body.history, body.sources))

    @app.get(
        "/api/statements",
        response_model=list[StatementOut],
        responses={422: {"model": ErrorOut}, 409: {"model": ErrorOut}},
    )
    def statements(
        speaker: str = Query("", max_length=MAX_SPEAKER, description="e.g. Sergeev"),
        about: str = Query("", max_length=MAX_ABOUT, description="Only statements on this."),
        date_from: str | None = Query(
            None, alias="from", max_length=10, description="Earliest date, YYYY-MM-DD."
        ),
        date_to: str | None = Query(
            None, alias="to", max_length=10, description="Latest date, YYYY-MM-DD."
        ),
        publication: Annotated[
            list[str] | None,
            Query(max_length=100, description="Only these publications (repeatable)."),
        ] = None,
    ) -> list[StatementOut]:
        """A person's statements over time, in date order (undated ones last), each with the
        paragraph that reports it; with `about`, only those on that subject. An empty list when
        the archive has none."""
        filters = filters_from(publication, None, None, date_from, date_to)
        rows = desk.statements(speaker, about, filters)
        return [StatementOut.of(row) for row in rows]

    def refused(request: Request) -> JSONResponse | None:
        """None when the request carries the admin token; otherwise the refusal to send."""
        if not settings.admin_token:
            return error(403, "Adding articles is disabled: no admin token is configured.")
        given = bearer(request.headers.get("authorization"))
        if given is None:
            message = "Send the admin token as `Authorization: Bearer <token>`."
            return error(401, message, {"WWW-Authenticate": "Bearer"})
        if not token_matches(given, settings.admin_token):
            return error(403, "That is not the admin token.")
        return None

    @app.post("/api/admin/ticket", status_code=204, include_in_schema=False)
    def ticket(request: Request) -> Response:
        """The upload ticket for this browser, as an HttpOnly cookie (the UI's Unlock asks for
        it); Gradio's upload route refuses files without it."""
        refusal = refused(request)
        if refusal:
            return refusal
        response = Response(status_code=204)
        response.set_cookie(
            TICKET_COOKIE,
            desk.tickets.issue(),
            max_age=int(desk.tickets.lifetime),
            path="/",
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
        return response

    @app.post("/api/ingest", response_model=IngestOut, responses=ERRORS)
    async def ingest(request: Request) -> Response | dict:
        """Add article files (multipart, field `files`); needs `Authorization: Bearer <token>`."""
        refusal = refused(request)
        if refusal:
            return refusal
        limit = settings.max_upload_files * (settings.max_upload_bytes + 16_384)
        if _content_length(request) > limit:
            return error(413, f"The upload is larger than {limit:,} bytes.")
        uploads = await read_uploads(request, settings.max_upload_files, settings.max_upload_bytes)
        added = await run_in_threadpool(desk.add, uploads)
        report = added.report
        return {
            "saved": [s.path.name for s in added.saved if s.path.exists()],
            "renamed": {s.asked: s.path.name for s in added.saved if s.path.name != s.asked},
            "added": report.added,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "failed": added.failed,
            "paragraphs": desk.paragraphs(),
        }

    @app.api_route("/gradio.js", methods=["GET", "HEAD"], include_in_schema=False)
    def gradio_js() -> Response:
        return Response(
            script,
            media_type="text/javascript",
            headers={"Cache-Control": "no-cache"},  # CORS: the embedding origins (guards.py)
        )

    mounted = gr.mount_gradio_app(
        app,
        blocks,
        path="/",
        theme=ui.theme(),
        css=ui.CSS,
        show_error=False,  # unexpected errors stay in the log; gr.Error messages still show
        max_file_size=settings.max_upload_bytes,
        footer_links=[],  # the API is the JSON one, linked from the page (/api/docs)
        head=DESK_SCRIPT,
        run_history=False,  # questions are not kept in the browser's storage
        blocked_paths=blocked_paths(settings),
    )
    # Gradio checks the paths of files it moves into its cache only once `has_launched` is set,
    # which `launch()` does and `mount_gradio_app` does not: without it a client could name any
    # server file in an event's input and have it served (tests/test_gradio_surface.py).
    blocks.has_launched = True
    return mounted


def blocked_paths(settings: Settings) -> list[str]:
    """Folders Gradio must never copy a file from: the store (and uploads), the code, the home
    folder (caches, keys) and the system's. Gradio's own cache and upload folder stay allowed."""
    from gradio.utils import get_upload_folder

    cache = Path(get_upload_folder()).resolve()
    folders = [settings.db, settings.uploads, REPO_ROOT, Path.home(), Path("/etc"), Path("/proc")]
    resolved = {p.resolve() for p in folders}
    return sorted(str(p) for p in resolved if p != cache and p not in cache.parents)


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
    statuses = (
        (QuestionError, 422),
        (TooLargeError, 413),
        (BadInputError, 400),
        (DispatchError, 409),
    )
    for kind, status in statuses:  # the most specific first: TooLargeError is a BadInputError

        async def known(_: Request, exc: Exception, status: int = status) -> JSONResponse:
            return error(status, str(exc))

        app.add_exception_handler(kind, known)

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
