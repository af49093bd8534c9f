"""Headless Chromium, for the handouts, the benchmark and the tests: started one way, in one place.

The browser is CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's
own download. A missing browser is an error that says what to install, never a skip.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import mimetypes
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class BrowserMissing(RuntimeError):
    """Chromium could not be started; the message says how to install it."""


def chromium_path() -> str | None:
    """CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own download (None)."""
    if path := os.environ.get("CHROMIUM_PATH"):
        return path
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@contextlib.contextmanager
def chromium():
    """Headless Chromium, closed on the way out."""
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        except Error as error:
            raise BrowserMissing(
                "Cannot start Chromium. Install Debian's package (apt-get install chromium), "
                "or run `.venv/bin/python -m playwright install chromium`, or set CHROMIUM_PATH. "
                f"Playwright said: {error.message.splitlines()[0]}"
            ) from None
        try:
            yield browser
        finally:
            browser.close()


def ensure_chromium() -> str:
    """Start Chromium once. With no system Chromium, fetch Playwright's own (needs the internet);
    if that fails too, say in one line what to install. Returns what was used."""
    try:
        with chromium():
            return chromium_path() or "Playwright's Chromium"
    except BrowserMissing:
        if chromium_path():
            raise
    import subprocess
    import sys

    command = [sys.executable, "-m", "playwright", "install", "--with-deps", "chromium"]
    if subprocess.run(command, capture_output=True).returncode != 0:
        raise BrowserMissing(
            "No Chromium here, and Playwright could not download its own. Install Debian's or Ubuntu's "
            "packages: apt-get install chromium fonts-liberation (or set CHROMIUM_PATH to a Chromium)."
        )
    with chromium():
        return "Playwright's Chromium"


# --- a built site at its published address ---------------------------------------


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
        path = self.site / unquote(urlsplit(url).path[len(urlsplit(self.site_url).path) :] or "index.html")
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
        route.fulfill(status=200 if found else 404, body=body, content_type=content_type(path))

    def open(self, name: str):
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


def content_type(path: Path) -> str:
    types = {".js": "text/javascript", ".json": "application/json"}
    return types.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


# --- a folder served on loopback -----------------------------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder quietly; gzipped when asked and the browser accepts it, as GitHub Pages does."""

    gzip = False

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("LinkChecker", "allowed")  # lifts linkchecker's rate limit for this server only
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not self.gzip or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(folder: Path, compress: bool = False):
    """`folder` served over HTTP on 127.0.0.1; yields its address, e.g. http://127.0.0.1:40123/."""
    handler = type("Handler", (_Handler,), {"gzip": compress})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
