"""What a reader does in the browser: follow every link from the start page, and search.

The browser itself comes from guide/browser.py (the `browser` fixture in conftest.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from playwright.sync_api import Page

LOCAL_SCHEMES = {"file", "data", "blob", "about"}


@dataclass
class Crawl:
    """What a reader's browser did while following every link from the start page."""

    visited: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    folder_links: list[str] = field(default_factory=list)
    missing_pages: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed_loads: list[str] = field(default_factory=list)  # styles, scripts, pictures that did not load

    def problems(self) -> list[str]:
        return (
            [f"request left the machine: {url}" for url in self.outside_requests]
            + [
                f"link to a folder (opens a file listing, not a page, from a USB stick): {link}"
                for link in self.folder_links
            ]
            + [f"link to a missing page: {link}" for link in self.missing_pages]
            + [f"console error: {message}" for message in self.console_errors]
            + [f"file that did not load: {load}" for load in self.failed_loads]
        )


def watch(page: Page, crawl: Crawl) -> None:
    """Block and record every request that is not to a local file; record console errors."""

    def guard(route):
        crawl.outside_requests.append(f"{route.request.url} (from {Path(urlsplit(page.url).path).name})")
        route.abort()

    page.route(lambda url: urlsplit(url).scheme not in LOCAL_SCHEMES, guard)
    page.on(
        "console",
        lambda msg: (
            msg.type == "error" and crawl.console_errors.append(f"{Path(urlsplit(page.url).path).name}: {msg.text}")
        ),
    )
    page.on("pageerror", lambda err: crawl.console_errors.append(f"{Path(urlsplit(page.url).path).name}: {err}"))
    # A file the page asks for that is not there (an unstyled page); a load that Chromium merely
    # cancelled on leaving the page (often the favicon) is not a problem.
    page.on(
        "requestfailed",
        lambda request: (
            urlsplit(request.url).scheme == "file"
            and not Path(unquote(urlsplit(request.url).path)).exists()
            and crawl.failed_loads.append(f"{Path(urlsplit(page.url).path).name} -> {request.url}")
        ),
    )


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
        for href, raw in page.eval_on_selector_all(
            "a[href]", "links => links.map(a => [a.href, a.getAttribute('href')])"
        ):
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
