"""The workbench in a real browser (Playwright driving Debian's chromium): change an option,
see the bill and the review change without a reload, see an invalid value refused beside its
field.  Skipped with a reason where chromium is missing, unless MODELLAW_REQUIRE_TOOLS is
set (as CI sets it), where its absence fails."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from .conftest import ROOT, require_tool

def _chromium() -> str:
    """Debian's chromium, which Playwright drives (it cannot download a browser here)."""
    pytest.importorskip("playwright.sync_api",
                        reason="needs the Python package playwright: pip install -e '.[test]'")
    return require_tool("chromium")


@pytest.fixture(scope="module")
def server():
    _chromium()
    import uvicorn

    from modellaw.serve.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(ROOT), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert instance.started, "the workbench did not start"
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=_chromium(),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        tab = browser.new_page(viewport={"width": 1500, "height": 950})
        yield tab
        browser.close()


def test_changing_an_option_changes_bill_and_review_without_a_reload(server, page, tmp_path):
    page.goto(f"{server}/?profile=za")
    assert "This option weakens protection." not in page.inner_text(".review")
    page.evaluate("window.__sameDocument = true")
    age = page.locator("#in-definition-child\\.age")
    age.fill("16")
    age.dispatch_event("change")
    page.wait_for_selector(".finding.high .weakens", timeout=10_000)
    assert page.evaluate("window.__sameDocument") is True          # no reload
    assert page.url.endswith("/?profile=za&set=definition-child.age%3D16")
    assert page.inner_text(".bill mark") == "16"
    review = page.inner_text(".review")
    assert "This option weakens protection." in review
    assert "\u201cchild\u201d is defined as a person under 16, not under 18" in review
    page.screenshot(path=str(tmp_path / "workbench.png"))
    assert (tmp_path / "workbench.png").stat().st_size > 10_000


def test_an_invalid_value_is_refused_beside_its_field(server, page):
    page.goto(f"{server}/?profile=model")
    bill_before = page.inner_text(".bill")
    age = page.locator("#in-definition-child\\.age")
    age.fill("99")
    age.dispatch_event("change")
    page.wait_for_selector("#err-definition-child--age:not(:empty)", timeout=10_000)
    assert page.inner_text("#err-definition-child--age") == (
        "definition-child.age: 99 is above the maximum 21")
    assert page.inner_text(".bill") == bill_before
    assert page.url.endswith("/?profile=model")
    age.fill("17")
    age.dispatch_event("change")
    page.wait_for_selector("#err-definition-child--age:empty", state="attached",
                           timeout=10_000)
    page.wait_for_selector(".finding.high", timeout=10_000)
