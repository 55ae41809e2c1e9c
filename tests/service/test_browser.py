"""The web UI in a real headless browser: Debian's chromium, driven by selenium.

Skipped, saying so, only when chromium is not installed (CI installs it).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import SEEDS
from tests.service.conftest import AUTH, FESTIVAL, QUAKE, LiveServer
from tests.service.test_security import HOSTILE

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip(
            "chromium and chromium-driver are not installed (apt-get install chromium "
            "chromium-driver); .ci/run installs them"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def _seed(server: LiveServer) -> None:
    """Our own articles, the hostile one, and the shared seeds when they are there."""
    articles = [*QUAKE, FESTIVAL, HOSTILE]
    if SEEDS.exists():
        from babelwire.readers import read_paths

        for raw in read_paths([str(SEEDS)]):
            if hasattr(raw, "text"):
                articles.append(
                    {"text": raw.text, "id": raw.id, "date": str(raw.date or "") or None}
                )
    answer = httpx.post(f"{server.url}/api/articles", json=articles, headers=AUTH, timeout=60)
    assert answer.status_code == 200, answer.text


def test_list_event_page_search_and_script_as_text(browser, live_server: LiveServer):
    from selenium.webdriver.common.by import By

    _seed(live_server)
    browser.get(live_server.url + "/")
    headlines = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "a.headline")]
    assert "Earthquake shakes Valparaiso harbour" in headlines
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart rect")

    # Search with the box, as a person would.
    box = browser.find_element(By.CSS_SELECTOR, "form.search input[name=q]")
    box.send_keys("Kaunas")
    box.submit()
    headlines = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "a.headline")]
    assert headlines == ["Lantern festival draws record crowds in Kaunas"]

    # Back to the quake, then its page.
    browser.get(live_server.url + "/?q=valparaiso")
    link = next(
        a
        for a in browser.find_elements(By.CSS_SELECTOR, "a.headline")
        if a.text == "Earthquake shakes Valparaiso harbour"
    )
    link.click()
    assert browser.find_element(By.CSS_SELECTOR, "h1.headline").text == (
        "Earthquake shakes Valparaiso harbour"
    )
    langs = [h.text.split()[0] for h in browser.find_elements(By.CSS_SELECTOR, "h3.lang")]
    assert "en" in langs
    assert "why:" in browser.find_element(By.ID, "articles").text

    # The hostile article: its markup is visible text, and nothing ran.
    browser.get(live_server.url + "/articles/hostile")
    text = browser.find_element(By.CSS_SELECTOR, "div.text").text
    assert "<script>window.pwned = 2</script>" in text
    assert "<b>Bold claims</b>" in text
    assert browser.find_element(By.CSS_SELECTOR, "h1.title").text.startswith("<script>")
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    assert not browser.find_elements(By.CSS_SELECTOR, "div.text img, div.text b")
    event_page = browser.find_element(By.LINK_TEXT, "JSON").get_attribute("href")
    assert event_page and event_page.endswith("/api/articles/hostile")
    browser.get(live_server.url + "/?q=harbour")
    assert browser.execute_script("return typeof window.pwned") == "undefined"


def test_the_events_list_and_an_event_page_update_live(browser, live_server: LiveServer):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def headlines() -> list[str]:
        return [a.text for a in browser.find_elements(By.CSS_SELECTOR, "a.headline")]

    def post(articles: list[dict]) -> None:
        answer = httpx.post(
            f"{live_server.url}/api/articles", json=articles, headers=AUTH, timeout=60
        )
        assert answer.status_code == 200, answer.text

    post([FESTIVAL])
    browser.get(live_server.url + "/")
    assert headlines() == ["Lantern festival draws record crowds in Kaunas"]
    browser.execute_script("window.notReloaded = true")
    post([QUAKE[0]])  # a new event, while the page is open
    WebDriverWait(browser, 30).until(
        lambda _: "Earthquake shakes Valparaiso harbour" in headlines()
    )
    assert browser.execute_script("return window.notReloaded") is True

    browser.find_element(By.LINK_TEXT, "Earthquake shakes Valparaiso harbour").click()
    browser.execute_script("window.notReloaded = true")

    def languages() -> list[str]:
        return [h.text.split()[0] for h in browser.find_elements(By.CSS_SELECTOR, "h3.lang")]

    assert languages() == ["en"]
    post([QUAKE[1]])  # the Spanish report joins the event being read
    WebDriverWait(browser, 30).until(lambda _: languages() == ["en", "es"])
    assert browser.execute_script("return window.notReloaded") is True
