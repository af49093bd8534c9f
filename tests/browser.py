"""Headless Chromium for the tests that look at the guide as a reader would.

The browser is Debian's `chromium` (or CHROMIUM_PATH), driven by Playwright.
A missing browser is an error, never a skip.
"""

from __future__ import annotations

import mimetypes
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from playwright.sync_api import Error, Page, sync_playwright

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCAL_SCHEMES = {"file", "data", "blob", "about"}


def chromium_path() -> str | None:
    """CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own download (None)."""
    if path := os.environ.get("CHROMIUM_PATH"):
        return path
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def start_browser():
    """(playwright, browser); stop both with stop_browser()."""
    playwright = sync_playwright().start()
    try:
        return playwright, playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    except Error as error:
        playwright.stop()
        raise RuntimeError(
            "Cannot start Chromium for the browser tests. Install Debian's package (apt-get install chromium), "
            "or run `.venv/bin/python -m playwright install chromium`, or set CHROMIUM_PATH. "
            f"Playwright said: {error.message.splitlines()[0]}"
        ) from None


@dataclass
class Crawl:
    """What a reader's browser did while following every link from the start page."""

    visited: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    folder_links: list[str] = field(default_factory=list)
    missing_pages: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return ([f"request left the machine: {url}" for url in self.outside_requests]
                + [f"link to a folder (opens a file listing, not a page, from a USB stick): {link}" for link in self.folder_links]
                + [f"link to a missing page: {link}" for link in self.missing_pages]
                + [f"console error: {message}" for message in self.console_errors])


def watch(page: Page, crawl: Crawl) -> None:
    """Block and record every request that is not to a local file; record console errors."""
    def guard(route):
        crawl.outside_requests.append(f"{route.request.url} (from {Path(urlsplit(page.url).path).name})")
        route.abort()

    page.route(lambda url: urlsplit(url).scheme not in LOCAL_SCHEMES, guard)
    page.on("console", lambda msg: msg.type == "error" and crawl.console_errors.append(
        f"{Path(urlsplit(page.url).path).name}: {msg.text}"))
    page.on("pageerror", lambda err: crawl.console_errors.append(f"{Path(urlsplit(page.url).path).name}: {err}"))


def crawl_offline(browser, start: Path) -> Crawl:
    """Open `start` from file:// and follow every internal link, as a reader with no network."""
    crawl = Crawl()
    context = browser.new_context()
    page = context.new_page()
    watch(page, crawl)
    queue, seen = [start.resolve().as_uri()], set()
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        page.goto(url, wait_until="load")
        crawl.visited.append(url)
        for href, raw in page.eval_on_selector_all("a[href]", "links => links.map(a => [a.href, a.getAttribute('href')])"):
            target, _ = urldefrag(href)
            if urlsplit(target).scheme != "file":
                continue
            where = f"{Path(unquote(urlsplit(url).path)).name} -> {raw}"
            local = Path(unquote(urlsplit(target).path))
            if target.endswith("/") or local.is_dir():
                crawl.folder_links.append(where)
            elif not local.is_file():
                crawl.missing_pages.append(where)
            elif local.suffix == ".html" and target not in seen:
                queue.append(target)
    context.close()
    return crawl


def search(page: Page, start_url: str, words: str) -> list[str]:
    """Type `words` into the site search; the addresses of the results shown."""
    page.goto(start_url, wait_until="load")
    page.keyboard.press("/")  # Material's shortcut: opens the search box on any screen size
    page.locator("input.md-search__input").press_sequentially(words, delay=30)  # real key presses, as a reader types
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    return page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")


@dataclass
class Visit:
    """What loading one page at its published address cost and did."""

    url: str
    bytes: int = 0
    requests: int = 0
    by_type: dict[str, int] = field(default_factory=dict)  # Playwright resource type -> bytes
    outside_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    # What a reader's first view needs: the page, its styles, scripts, fonts and pictures. The search
    # index, which the search helper fetches in the background (resource type "fetch"), is counted apart.
    FIRST_VIEW_TYPES = ("document", "stylesheet", "script", "font", "image")

    @property
    def first_view_bytes(self) -> int:
        return sum(size for kind, size in self.by_type.items() if kind in self.FIRST_VIEW_TYPES)


class PublishedSite:
    """A browser context that sees the built `site` at its published address (site_url), answered
    from the files as GitHub Pages would serve them, and nothing else: every other request is
    blocked, and recorded in the current Visit."""

    def __init__(self, context, site: Path, site_url: str):
        self.context, self.site, self.site_url = context, site, site_url
        self.visit = Visit(site_url)
        context.route("**/*", self._answer)

    def _answer(self, route):
        url, visit = route.request.url, self.visit
        if not url.startswith(self.site_url):
            visit.outside_requests.append(url)
            return route.abort()
        path = self.site / unquote(urlsplit(url).path[len(urlsplit(self.site_url).path):] or "index.html")
        if path.is_dir():
            path = path / "index.html"
        found = path.is_file()
        if not found:
            path = self.site / "404.html"
        body = path.read_bytes()
        visit.bytes += len(body)
        visit.requests += 1
        kind = route.request.resource_type
        visit.by_type[kind] = visit.by_type.get(kind, 0) + len(body)
        route.fulfill(status=200 if found else 404, body=body, content_type=_content_type(path))

    def open(self, name: str) -> Page:
        """A new tab showing page `name`, fully loaded."""
        page = self.context.new_page()
        page.goto(self.site_url + name, wait_until="networkidle")
        return page

    def measure(self, name: str) -> Visit:
        """Load page `name` in a new tab, as a first-time reader would, and say what it cost and did."""
        visit = self.visit = Visit(self.site_url + name)
        page = self.context.new_page()
        page.on("console", lambda msg: msg.type == "error" and visit.console_errors.append(msg.text))
        page.on("pageerror", lambda err: visit.console_errors.append(str(err)))
        page.goto(visit.url, wait_until="networkidle")
        page.close()
        return visit


def _content_type(path: Path) -> str:
    return {".js": "text/javascript", ".json": "application/json"}.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
