"""The browser tests' shared parts: the app (sample + a hostile article, with an admin token and
an embedding origin), the other sites that embed it, Debian's Chromium, and a page helper."""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app_server import Server, ingest, start_app
from tests.conftest import ARTIFACTS, REPO, SAMPLE, TEST_DATA

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TOKEN = "browser-admin-token-93ad"
MONITOR_7 = "Monitor, Vol. 6, Issue 228, ¶7"
IRAN = "What did Sergeev say about Iran?"
WAIT = 60_000  # ms


def serve_examples(tmp_path_factory) -> Server:
    """examples/ served by `python -m http.server` on a port of its own: another origin."""
    log = tmp_path_factory.mktemp("site") / "http.log"
    command = [sys.executable, "-m", "http.server", "{port}", "--bind", "127.0.0.1"]
    server = Server([*command, "--directory", str(REPO / "examples")], log)
    server.wait("/embed.html", 30)
    return server


@pytest.fixture(scope="module")
def other_site(tmp_path_factory) -> Iterator[Server]:
    """A site the app's embedding setting names."""
    server = serve_examples(tmp_path_factory)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def stranger_site(tmp_path_factory) -> Iterator[Server]:
    """A site the setting does not name."""
    server = serve_examples(tmp_path_factory)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def app(tmp_path_factory, other_site) -> Iterator[Server]:
    """The sample plus a hostile article, ingested with the CLI, then served by `app.py`."""
    root = tmp_path_factory.mktemp("browser")
    ingest([SAMPLE, TEST_DATA / "hostile"], root / "store")
    env = {"DISPATCH_ADMIN_TOKEN": TOKEN, "DISPATCH_EMBED_ORIGINS": other_site.url}
    server = start_app(root / "store", root / "app.log", env)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make browser` installs it")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, app):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.console = []
    page.on("console", lambda message: page.console.append(message.text))
    page.set_default_timeout(WAIT)
    page.goto(app.url)
    page.locator("#question textarea").wait_for()
    yield page
    context.close()


def ask(page, question: str, root: str = "") -> None:
    """Type a question into #question, send it, and wait until its reply has been streamed."""
    turn = page.locator(f"{root} #sources .turn").count() + 1
    box = page.locator(f"{root} #question textarea")
    box.fill(question)
    box.press("Enter")
    page.locator(f"{root} #sources #turn-{turn}").wait_for()
    reply = page.locator(f"{root} #chat .bot-row").last
    seen, deadline = None, time.monotonic() + 30
    while time.monotonic() < deadline:  # the reply grows sentence by sentence, then stops
        text = reply.inner_text()
        if text == seen:
            return
        seen = text
        time.sleep(0.4)


def shot(page, name: str, keep: bool = False) -> None:
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    if keep:
        docs = REPO / "docs" / "screenshots"
        docs.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, docs / path.name)


def source_id_of(page, label: str) -> str:
    source = page.locator("#sources .source", has_text=label).first
    source.wait_for()
    return source.get_attribute("id")
