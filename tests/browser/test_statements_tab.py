"""The Statements tab in Debian's Chromium: a person's statements as a table in date order, each
row's citation opening its paragraph in the sources panel (also after a chat answer), and a
clear sentence when there are none."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import IRAN, MONITOR_7, ask, shot

pytestmark = pytest.mark.browser

MONITOR_7_TEXT = "offensive arms to Iran"


def open_tab(page) -> None:
    page.get_by_role("tab", name="Statements").click()
    page.locator("#statements-speaker").get_by_role("textbox").wait_for(state="visible")


def list_statements(page, speaker: str, about: str = "") -> None:
    before = page.locator("#statements-results").inner_text()
    page.locator("#statements-speaker").get_by_role("textbox").fill(speaker)
    page.locator("#statements-about").get_by_role("textbox").fill(about)
    page.locator("#statements-find").click()
    expect(page.locator("#statements-results")).not_to_have_text(before)


def test_sergeevs_statements_are_listed_in_date_order_and_open_their_paragraph(page):
    open_tab(page)
    list_statements(page, "Sergeev")
    # The results area changes first to Gradio's pending state; the table is there with its summary.
    expect(page.locator("#statements-results .summary")).to_contain_text("statements by Sergeev")

    rows = page.locator("#statements-results tbody tr")
    assert rows.count() >= 5
    dates = [d for d in rows.locator("td.date").all_inner_texts()]
    keys = [(d == "undated", d) for d in dates]
    assert keys == sorted(keys), dates
    summary = page.locator("#statements-results .summary").inner_text()
    assert summary.startswith(f"{rows.count()} statements by Sergeev")

    link = page.locator("#statements-results a.cite", has_text=MONITOR_7).first
    target = link.get_attribute("href").lstrip("#")
    assert re.fullmatch(r"statement-\d+", target)
    link.click()
    source = page.locator(f"#sources #{target}")
    source.get_by_text(MONITOR_7_TEXT).wait_for(state="visible")
    expect(source).to_be_in_viewport()
    assert page.url.endswith(f"#{target}")  # followed within the page, not reloaded
    assert MONITOR_7_TEXT in source.locator("mark").first.inner_text()
    assert page.locator("#statements-results tbody tr").count() == rows.count()
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "statements-tab", keep=True)
    assert not [m for m in page.console if "Content Security Policy" in m], page.console


def test_the_links_still_open_their_paragraph_after_a_chat_answer(page):
    open_tab(page)
    list_statements(page, "Sergeev", "Iran")
    expect(page.locator("#statements-results .summary")).to_contain_text("statements by Sergeev")
    page.get_by_role("tab", name="Ask").click()
    ask(page, IRAN)
    assert page.locator("#sources #turn-1").count() == 1  # the chat's sources are shown
    open_tab(page)
    link = page.locator("#statements-results a.cite", has_text=MONITOR_7).first
    target = link.get_attribute("href").lstrip("#")
    link.click()
    page.locator(f"#sources #{target}").get_by_text(MONITOR_7_TEXT).wait_for(state="visible")
    assert page.url.endswith(f"#{target}")


def test_nobody_and_an_empty_name_are_answered_in_the_tab(page):
    open_tab(page)
    list_statements(page, "Nobodyski", "Iran")
    expect(page.locator("#statements-results")).to_have_text(
        "No statements by Nobodyski on Iran were found in the archive."
    )
    list_statements(page, "", "")
    expect(page.locator("#statements-results [role=alert]")).to_have_text(
        "Please name a speaker (a surname is enough: Sergeev)."
    )
