"""The chat in Debian's Chromium: citations, declines, follow-ups, hostile archive text, briefing,
admin upload, and the app embedded in another site (iframe and web component)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import IRAN, MONITOR_7, TOKEN, WAIT, ask, shot, source_id_of

pytestmark = pytest.mark.browser


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


def test_a_bad_filter_value_is_explained_beside_the_box_and_the_conversation_kept(page):
    ask(page, IRAN)
    page.get_by_text("Filters", exact=True).click()
    page.get_by_label("Date from").fill("12/06/2000")
    box = page.locator("#question textarea")
    box.fill("What did Sergeev say about the Baltic states?")
    box.press("Enter")
    page.locator("#question-error", has_text="as YYYY-MM-DD").wait_for()
    assert box.input_value() == "What did Sergeev say about the Baltic states?"
    assert page.locator("#chat .bot-row").count() == 1  # the earlier answer is still there
    assert IRAN in page.locator("#chat").inner_text()
    page.get_by_label("Date from").fill("")
    ask(page, "What did Sergeev say about the Baltic states?")
    assert page.locator("#question-error").inner_text().strip() == ""


def test_briefing_covers_the_conversation_and_downloads_and_copies_as_markdown(page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    ask(page, IRAN)
    ask(page, "What did he say about the Baltic states?")
    page.get_by_text("Briefing", exact=True).click()
    box = page.locator("#briefing textarea")
    expect(box).to_have_value(re.compile("Baltic states"), timeout=WAIT)
    page.wait_for_timeout(1500)  # the file is made right after the text
    with page.expect_download() as download:
        page.locator("#download").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("# Briefing\n\nPrepared ")
    assert f"## {IRAN}" in text and "## What did he say about the Baltic states?" in text
    assert re.search(r"\[\^1-\d+\]: " + re.escape(MONITOR_7), text)
    assert re.search(r"\[\^2-\d+\]: Monitor, Vol. 6, Issue 228, ¶6", text)
    assert "The picture was similarly mixed" in text
    assert box.input_value() == text
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
