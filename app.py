"""Dispatch Desk web app: `python app.py [--host H] [--port P] [--db DIR | --chroma-url URL]`.

Serves the chat UI at / and the JSON API at /api/ (schema at /openapi.json) over the store the
`python -m index` CLI writes. An empty store is first filled with the sample archive.
"""

from __future__ import annotations

import os

# Before gradio, chromadb or the model are imported: no analytics, no telemetry, no downloads.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import argparse  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402

from index.cli import add_store_arguments  # noqa: E402

CONCURRENCY = 2  # questions answered at once: the model runs on two cores


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python app.py", description=__doc__.splitlines()[0])
    parser.add_argument("--host", help="address to bind (default: $DISPATCH_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default: $DISPATCH_PORT or 7860)")
    add_store_arguments(parser)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    import uvicorn

    from assistant.errors import DispatchError
    from assistant.settings import Settings
    from assistant.web.boot import open_desk
    from assistant.web.server import create_app
    from assistant.web.ui import build_ui

    overrides = {
        "host": args.host,
        "port": args.port,
        "db": args.db,
        "chroma_url": args.chroma_url,
    }
    settings = Settings(**{k: v for k, v in overrides.items() if v is not None})
    try:
        desk = open_desk(settings, slots=CONCURRENCY)
        app = create_app(desk, build_ui(desk, concurrency=CONCURRENCY))
    except DispatchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"Dispatch Desk on http://{settings.host}:{settings.port}", file=sys.stderr, flush=True)
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_level="warning",
        timeout_graceful_shutdown=5,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
