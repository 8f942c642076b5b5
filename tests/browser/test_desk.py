"""The analyst's desk in Chromium, light and dark, 1400 and 390 px wide: filters that filter
only when set, plain-text copy, unique anchors after clearing, marker previews, a conversation
that survives a reload, feedback, and a readable highlight in both themes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import IRAN, MONITOR_7, WAIT, ask, shot, source_id_of

pytestmark = pytest.mark.browser

KURSK = "How many crew died on the Kursk?"


def open_page(browser, app, width: int = 1400, theme: str = "light"):
    context = browser.new_context(viewport={"width": width, "height": 1000})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.set_default_timeout(WAIT)
    page.goto(f"{app.url}/?__theme={theme}")
    page.locator("#question textarea").wait_for()
    return page


@pytest.fixture
def desk(browser, app) -> Iterator:
    page = open_page(browser, app)
    yield page
    page.context.close()


def bot_text(page) -> str:
    return page.locator("#chat .bot-row").last.inner_text()


def test_opening_the_filters_without_touching_them_changes_nothing(desk):
    desk.get_by_text("Filters", exact=True).click()
    expect(desk.get_by_label("Issue from")).to_have_value("")  # blank: no bound
    ask(desk, KURSK)
    assert "The archive does not say." not in bot_text(desk)
    assert desk.locator("#chat .bot-row a.cite").count() >= 1
    desk.get_by_text("Filters", exact=True).click()  # closed again: still no filter
    ask(desk, IRAN)
    assert desk.locator("#chat .bot-row").last.locator("a.cite").count() >= 1


def test_a_publication_filter_is_shown_and_named_in_a_decline(desk):
    desk.get_by_text("Filters", exact=True).click()
    chooser = desk.get_by_label("Publication")
    chooser.fill("NATO")
    chooser.press("Enter")
    desk.keyboard.press("Escape")
    ask(desk, KURSK)
    reply = bot_text(desk)
    assert reply.startswith("Filtered: in NATO")
    assert "The archive does not say." in reply
    assert "Only passages in NATO were searched" in reply
    shot(desk, "decline-filtered")


def test_copy_gives_plain_text_with_the_sources_as_footnotes(desk):
    ask(desk, IRAN)
    desk.locator("#chat .bot-row").last.hover()
    desk.locator("#chat").get_by_label("Copy message", exact=True).last.click()
    copied = desk.evaluate("navigator.clipboard.readText()")
    assert "<" not in copied and "class=" not in copied
    assert re.search(r"\[\d\]", copied)
    assert re.search(r"^\[\d\] " + re.escape(MONITOR_7), copied, re.MULTILINE), copied


def test_clearing_the_chat_clears_sources_and_briefing_and_anchors_stay_unique(desk):
    ask(desk, IRAN)
    desk.locator("#chat").get_by_label("Clear", exact=True).first.click()
    expect(desk.locator("#sources .turn")).to_have_count(0)
    ask(desk, KURSK)
    ids = desk.evaluate(
        "[...document.querySelectorAll('[id^=src-], [id^=cite-], [id^=turn-], [id^=related-]')]"
        ".map((e) => e.id)"
    )
    assert ids
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    assert desk.locator("#sources .turn").count() == 1


def test_a_marker_previews_its_source_on_hover_and_keyboard_focus(desk):
    ask(desk, IRAN)
    target = source_id_of(desk, MONITOR_7)  # the answer also cites Monitor 7-1 (Sergeev in Tehran)
    marker = desk.locator(f'#chat a.cite[href="#{target}"]').first
    tip = marker.locator(".cite-tip")
    expect(tip).to_be_hidden()
    marker.hover()
    expect(tip).to_be_visible()
    assert MONITOR_7 in tip.inner_text()
    desk.mouse.move(0, 0)
    marker.focus()
    expect(tip).to_be_visible()
    desk.keyboard.press("Enter")
    expect(desk).to_have_url(re.compile(r"#src-1-\d+$"))
    shot(desk, "marker-preview")


def test_the_conversation_survives_a_reload(desk):
    ask(desk, IRAN)
    desk.wait_for_timeout(1000)  # the browser stores the conversation after the last step
    desk.reload()
    desk.locator("#question textarea").wait_for()
    expect(desk.locator("#chat .bot-row a.cite").first).to_be_visible()
    assert IRAN in desk.locator("#chat").inner_text()
    assert MONITOR_7 in desk.locator("#sources").inner_text()
    ask(desk, "What did he say about the Baltic states?")  # the follow-up still knows "he"
    assert "Baltic states" in desk.locator("#turn-2 mark").first.inner_text()


def test_thumbs_down_is_stored_with_the_question_and_citations(desk, app):
    feedback = app.db / "feedback.jsonl"
    before = feedback.read_text().splitlines() if feedback.exists() else []
    ask(desk, IRAN)
    desk.locator("#chat .bot-row").last.hover()
    desk.locator("#chat").get_by_label("Dislike", exact=True).last.click()
    for _ in range(40):
        lines = feedback.read_text().splitlines() if feedback.exists() else []
        if len(lines) > len(before):
            break
        desk.wait_for_timeout(250)
    entry = json.loads(lines[-1])
    assert entry["value"] == "down" and entry["question"] == IRAN
    assert MONITOR_7 in [c["label"] for c in entry["citations"]]


def contrast(page, selector: str) -> float:
    """WCAG contrast ratio of an element's text colour against its background."""
    return page.evaluate(
        """(selector) => {
          const el = document.querySelector(selector);
          const parse = (c) => c.match(/[\\d.]+/g).map(Number);
          const lum = ([r, g, b]) => {
            const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
            return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
          };
          let node = el, bg = null;
          while (node) {
            const c = parse(getComputedStyle(node).backgroundColor);
            if (c.length < 4 || c[3] > 0) { bg = c; break; }
            node = node.parentElement;
          }
          const a = lum(parse(getComputedStyle(el).color)), b = lum(bg || [255, 255, 255]);
          return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }""",
        selector,
    )


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("width", [1400, 390])
def test_readable_in_both_themes_and_at_phone_width(browser, app, theme, width):
    page = open_page(browser, app, width, theme)
    try:
        ask(page, IRAN)
        target = source_id_of(page, MONITOR_7)
        assert contrast(page, f"#{target} mark") >= 4.5
        assert contrast(page, "#chat a.cite") >= 4.5
        no_sideways = "document.scrollingElement.scrollWidth <= window.innerWidth + 1"
        assert page.evaluate(no_sideways)
        page.locator(f'#chat a.cite[href="#{target}"]').first.click()
        expect(page.locator(f"#{target}")).to_be_in_viewport()
        page.locator(f"#{target} a.back").click()  # back to the marker, on a phone too
        expect(page.locator(f'#chat a.cite[href="#{target}"]').first).to_be_in_viewport()
        shot(page, f"desk-{theme}-{width}", keep=width == 1400 or theme == "dark")
    finally:
        page.context.close()
