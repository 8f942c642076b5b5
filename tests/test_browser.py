"""The chat in Debian's Chromium: citations, declines, follow-ups, hostile archive text, briefing,
admin upload, and the app embedded in another site (iframe and web component)."""

from __future__ import annotations

import re
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.app_server import Server, ingest, start_app
from tests.conftest import ARTIFACTS, REPO, SAMPLE, TEST_DATA

pytestmark = pytest.mark.browser

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


def test_answer_cites_the_monitor_paragraph_and_its_marker_opens_it(page):
    ask(page, IRAN)
    target = source_id_of(page, MONITOR_7)
    assert re.fullmatch(r"src-1-\d+", target)
    markers = page.locator(f'#chat a.cite[href="#{target}"]')
    assert markers.count() >= 1  # one per sentence that rests on the paragraph
    markers.first.click()
    source = page.locator(f"#{target}")
    source.get_by_text("The picture was similarly mixed").wait_for(state="visible")
    assert page.url.endswith(f"#{target}")
    expect(source).to_be_in_viewport()
    assert source.locator("mark").count() >= 1  # the supporting sentence is highlighted
    details = source.locator("details")
    details.locator("summary").click()  # the neighbouring paragraphs, on demand
    details.locator("p").first.wait_for(state="visible")
    shot(page, "chat-answer-sources", keep=True)
    # the page ran under the app's Content-Security-Policy without breaking a rule
    assert not [m for m in page.console if "Content Security Policy" in m], page.console


def test_unanswerable_question_is_declined_with_related_passages(page):
    ask(page, "What did Sergeev say about Chinese purchases of Su-30 fighter jets?")
    reply = page.locator("#chat .bot-row").last
    assert "The archive does not say." in reply.inner_text()
    assert "No passage found has Sergeev speaking about Chinese purchases" in reply.inner_text()
    related = page.locator("#sources .turn.related")
    assert "Related, not an answer" in related.inner_text()
    assert related.locator(".source").count() >= 1
    shot(page, "decline-related", keep=True)


def test_follow_up_question_uses_the_conversation(page):
    ask(page, IRAN)
    ask(page, "What did he say about the Baltic states?")
    reply = page.locator("#chat .bot-row").last
    assert reply.locator("a.cite").count() >= 1
    assert "Baltic states" in page.locator("#turn-2 mark").first.inner_text()
    shot(page, "follow-up")


def test_hostile_archive_text_is_shown_as_text_and_never_runs(page):
    ask(page, "What did Kuroyedov say about the Barents Sea exercise?")
    for details in page.locator("#sources details").all():
        details.locator("summary").click()  # the neighbours' text too
    page.wait_for_timeout(500)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert not [url for url in page.requests if "127.0.0.1:9/" in url]
    assert page.locator("#chat img, #sources img").count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    chat = page.locator("#chat").inner_text()
    sources = page.locator("#sources").inner_text()
    assert "Hostile Wire, Vol. 1, Issue 9" in sources
    assert "<script>window.__xss=1</script>" in chat + sources  # the answer or its neighbour
    assert '<img src=http://127.0.0.1:9/x.png onerror="window.__xss=2">' in chat
    assert '<a href="javascript:window.__xss=3">open the plan</a>' in sources
    assert "${window.__xss=5}" in sources
    shot(page, "hostile-text")


def test_a_bad_filter_value_is_explained_and_the_question_kept(page):
    page.get_by_text("Filters", exact=True).click()
    page.get_by_label("Date from").fill("12/06/2000")
    box = page.locator("#question textarea")
    box.fill(IRAN)
    box.press("Enter")
    page.locator(".toast-body", has_text="as YYYY-MM-DD").wait_for()
    assert box.input_value() == IRAN
    assert page.locator("#chat .bot-row").count() == 0


def test_briefing_downloads_and_copies_as_markdown_with_footnotes(page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    with page.expect_response("**/gradio_api/run/predict"):  # the download file is set after
        ask(page, IRAN)
    page.get_by_text("Briefing", exact=True).click()
    with page.expect_download() as download:
        page.locator("#download").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith(f"# {IRAN}")
    assert re.search(r"\[\^\d+\]: " + re.escape(MONITOR_7), text)
    assert "The picture was similarly mixed" in text
    assert page.locator("#briefing textarea").input_value() == text
    page.locator("#copy").click()
    page.wait_for_function("async (t) => (await navigator.clipboard.readText()) === t", arg=text)


def test_upload_appears_only_with_the_admin_token_and_adds_articles(page, tmp_path):
    assert page.locator("#upload").count() == 0 or not page.locator("#upload").is_visible()
    page.get_by_text("Add articles (admin)").click()
    page.locator("#admin-token input").fill("not-the-token")
    page.locator("#unlock").click()
    page.get_by_text("That is not the admin token.").wait_for()
    assert page.locator("#upload").count() == 0 or not page.locator("#upload").is_visible()
    page.locator("#admin-token input").fill(TOKEN)
    page.locator("#unlock").click()
    page.locator("#upload").wait_for(state="visible")
    article = tmp_path / "baltic-courier.txt"
    article.write_text(
        "Publication: Baltic Courier Volume: 3 Issue: 41\n\n"
        "Minister Kalnins said the Riga ferry terminal would be rebuilt with Swedish steel "
        "before the summer season.\n",
        encoding="utf-8",
    )
    page.locator("#upload input[type=file]").set_input_files(str(article))
    page.locator("#upload").get_by_text(article.name).wait_for()
    page.locator("#add-files").click()
    page.get_by_text("The archive now holds").wait_for()
    ask(page, "What did Kalnins say about the Riga ferry terminal?")
    assert "Baltic Courier, Vol. 3, Issue 41, ¶1" in page.locator("#sources").inner_text()


def test_embedded_in_another_site_as_iframe_and_web_component(browser, app, other_site):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(WAIT)
    try:
        page.goto(f"{other_site.url}/embed.html?app={app.url}")
        frame = page.frame_locator("#desk-frame")
        frame.locator("#question textarea").fill(IRAN)
        frame.locator("#question textarea").press("Enter")
        frame.locator("#chat a.cite").first.wait_for()
        assert MONITOR_7 in frame.locator("#sources").inner_text()

        ask(page, "What did Sergeev say about the Baltic states?", root="gradio-app")
        assert page.locator("gradio-app #chat a.cite").count() >= 1
        assert "Baltic states" in page.locator("gradio-app #sources").inner_text()
        shot(page, "embedded")
    finally:
        context.close()


def test_a_site_the_setting_does_not_name_cannot_embed_the_app(browser, app, stranger_site):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(WAIT)
    refusals = []
    page.on("console", lambda message: refusals.append(message.text))
    try:
        page.goto(f"{stranger_site.url}/embed.html?app={app.url}")
        page.wait_for_timeout(4000)
        frame = page.frame(url=f"{app.url}/")
        assert frame is None or frame.locator("#question").count() == 0
        assert page.locator("gradio-app #question").count() == 0
        assert any("frame-ancestors" in m for m in refusals), refusals
        assert any("CORS" in m for m in refusals), refusals
        shot(page, "embed-refused")
    finally:
        context.close()
