"""The USB bundle (`make offline`, dist/): the whole guide from file://, with no network.

A real headless Chromium opens index.html from the bundle, follows every
internal link and blocks (and records) every request that would leave the
machine. linkchecker alone is not enough: it passes links to folders, which
show a file listing instead of a page when opened from a stick.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest
from bs4 import BeautifulSoup
from checks import LANGUAGE, linkchecker, linkchecker_url
from reader import crawl_offline, search

from guide import bundle as bundle_module
from guide import languages
from guide.browser import serve
from guide.paths import BUNDLE_NAME, DOCS_ROOT, load_site_config

SITE_URL = load_site_config().site_url  # the page's own published address (canonical link)
ROOT_URL = SITE_URL.removesuffix(LANGUAGE.path)  # the main language's address: every language's pages are below it
OTHER_PATHS = [lang.path for lang in languages.languages() if lang.code != LANGUAGE.code and lang.path]


@pytest.fixture(scope="module")
def pages(bundle):
    """The bundle's folder of the language under test: the bundle itself, or its es/."""
    return bundle / LANGUAGE.path


@pytest.fixture(scope="module")
def crawl(browser, pages):
    return crawl_offline(browser, pages / "index.html")


@pytest.fixture(scope="module")
def loopback(bundle):
    """The bundle served over HTTP on 127.0.0.1, as a web server would (the GitHub Pages case)."""
    with serve(bundle) as address:
        yield address


@pytest.mark.every_language  # the whole bundle, every language
def test_every_page_opens_from_file_with_no_request_leaving_the_machine(crawl, bundle):
    assert crawl.problems() == []
    reached = {url.removeprefix(bundle.as_uri() + "/") for url in crawl.visited}
    every_page = {page.relative_to(bundle).as_posix() for page in bundle.rglob("*.html")}  # every language's
    assert reached == every_page, f"pages no link leads to: {sorted(every_page - reached)}"


def in_this_language(url: str, root: str) -> bool:
    """A result address is a page of the language under test: below its folder, not another language's."""
    rest = url.removeprefix(root)
    return url.startswith(root) and not rest.startswith(tuple(OTHER_PATHS))


def test_search_finds_words_offline_in_the_pages_language_only(browser, pages):
    """languages.yml, checks: search. Each language has its own index: no result is another language's page."""
    page = browser.new_page()
    start = (pages / "index.html").as_uri()
    for word, expected in [*LANGUAGE.checks["search"].items(), ("polidocanol", None)]:
        results = search(page, start, word)
        found = [url.split("#")[0].split("?")[0] for url in results]
        assert expected is None or any(url.endswith("/" + expected) for url in found), f"'{word}': {results}"
        assert all(url.startswith("file://") for url in results)
        assert [url for url in found if not in_this_language(url, pages.as_uri() + "/")] == [], f"'{word}'"
    page.close()


def test_search_works_over_http_too(browser, loopback):
    page = browser.new_page()
    word, expected = next(iter(LANGUAGE.checks["search"].items()))
    root = loopback + LANGUAGE.path
    results = [url.split("#")[0].split("?")[0] for url in search(page, root + "index.html", word)]
    assert any(url.endswith("/" + expected) for url in results), results
    assert all(in_this_language(url, root) for url in results), results
    page.close()


def test_every_page_offers_itself_in_the_other_languages_from_file_and_over_http(browser, pages, loopback):
    """The language link leads to the same page in the other language, which links back, from a USB stick
    and from a web server; each page's <html lang> is its language's."""
    tab = browser.new_page()
    others = [lang for lang in languages.languages() if lang.code != LANGUAGE.code]
    for start in [(pages / "aftercare.html").as_uri(), loopback + LANGUAGE.path + "aftercare.html"]:
        for other in others:
            tab.goto(start, wait_until="load")
            assert tab.evaluate("document.documentElement.lang") == LANGUAGE.code
            tab.get_by_role("link", name=other.switch, exact=True).click()
            tab.wait_for_load_state("load")
            assert tab.url.endswith("/" + other.path + "aftercare.html"), tab.url
            assert tab.evaluate("document.documentElement.lang") == other.code
            tab.get_by_role("link", name=LANGUAGE.switch, exact=True).click()
            tab.wait_for_load_state("load")
            assert tab.url == start
    tab.close()


@pytest.mark.every_language  # the whole bundle, every language
def test_linkchecker_passes_on_the_bundle_from_file(bundle):
    result = linkchecker(bundle, *sorted(bundle.rglob("*.html")))
    assert result.returncode == 0, result.stdout


def test_linkchecker_passes_on_the_bundle_over_loopback_http(loopback):
    result = linkchecker_url(loopback + "index.html")
    assert result.returncode == 0, result.stdout
    assert "0 warnings found. 0 errors found." in result.stdout


def test_the_zip_holds_the_whole_site_and_how_to_open_it(bundle, pages, site):
    unpacked = {p.relative_to(pages).as_posix() for p in pages.rglob("*") if p.is_file()}
    built = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    present = languages.present(DOCS_ROOT)
    left_out = {name for name in built if bundle_module.left_out(LANGUAGE.path + name, present)}
    assert {"404.html", "assets/javascripts/lunr/wordcut.js"} <= left_out, "404.html: a web server's page"
    assert built - left_out <= unpacked, f"missing from the zip: {sorted(built - left_out - unpacked)}"
    assert not left_out & unpacked, f"on the stick, though left out: {sorted(left_out & unpacked)[:5]}"
    note = (bundle / "HOW TO OPEN THIS GUIDE.txt").read_text(encoding="utf-8")
    assert " ".join(LANGUAGE.words["how_to_open"].split()[:6]) in " ".join(note.split())  # in every language
    assert load_site_config().site_name in note


@pytest.mark.every_language  # the whole bundle, every language
def test_no_page_asks_for_web_fonts_or_a_cdn(bundle):
    for page in bundle.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        outside = [
            tag.get("src") or tag.get("href")
            for tag in soup.select("script[src], link[href], img[src]")
            if (tag.get("src") or tag.get("href")).startswith(("http:", "https:", "//"))
        ]
        outside = [url for url in outside if not url.startswith((ROOT_URL, "https://creativecommons"))]
        assert outside == [], f"{page.name} loads {outside}"


def test_two_clones_in_different_folders_make_the_same_zip(build_fixture, tmp_path, monkeypatch):
    """The guide built, printed and bundled in two folders with different names and path lengths
    (the fixture site, with `python -m guide handouts` and `bundle`) gives the same zip, byte for byte."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", os.environ.get("SOURCE_DATE_EPOCH", "1764000000"))
    archives = []
    for folder in (tmp_path / "a", tmp_path / "a clone with a much longer name" / "in-a-subfolder"):
        result, site = build_fixture("good", into=folder)
        assert result.returncode == 0, result.stderr
        for step in ("handouts", "bundle"):
            options = ["--config", folder / "mkdocs.yml", "--site", site, "--dist", folder / "dist"]
            run = subprocess.run([sys.executable, "-m", "guide", *options, step], capture_output=True, text=True)
            assert run.returncode == 0, run.stderr
        (archive,) = (folder / "dist").glob(f"{BUNDLE_NAME}-*.zip")
        archives.append(archive)
    first, second = archives
    assert first.name == second.name
    with zipfile.ZipFile(first) as archive:
        assert any(name.endswith("/handouts/clinical.pdf") for name in archive.namelist()), "no handouts in the zip"
    assert zip_differences(first, second) == []
    assert first.read_bytes() == second.read_bytes()


def zip_differences(left, right) -> list[str]:
    """The members of two zips that differ, or are in one only, by name."""
    with zipfile.ZipFile(left) as one, zipfile.ZipFile(right) as two:
        names = set(one.namelist()) | set(two.namelist())
        return sorted(
            name
            for name in names
            if name not in one.namelist() or name not in two.namelist() or one.read(name) != two.read(name)
        )


# --- the gates can fail -----------------------------------------------------------


def test_a_folder_link_an_outside_script_and_a_root_address_are_caught(browser, build_fixture):
    _, site = build_fixture("good")
    page = site / "clinical.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace("</article>", '<a href="./">Home</a></article>')
    html = html.replace("</body>", '<script src="https://cdn.example.org/tracker.js"></script></body>')
    html = html.replace("</head>", '<link rel="stylesheet" href="/sclerotherapy-guide/assets/root.css"></head>')
    page.write_text(html, encoding="utf-8")
    problems = crawl_offline(browser, site / "index.html").problems()
    assert any(p.startswith("file that did not load: clinical.html -> file:///sclerotherapy-guide/") for p in problems)
    assert "link to a folder (opens a file listing, not a page, from a USB stick): clinical.html -> ./" in problems
    # Blocked twice over: the page's Content-Security-Policy refuses it (a console error), and
    # the crawl aborts and records any request that gets past that.
    assert [p for p in problems if "https://cdn.example.org/tracker.js" in p], problems


def test_the_real_fixture_bundle_is_clean(browser, build_fixture):
    _, site = build_fixture("good")
    assert crawl_offline(browser, site / "index.html").problems() == []


def test_every_picture_shows_from_the_usb_stick(browser, pages):
    """Each figure, scrolled into view (they load lazily), is drawn from file:// with no network."""
    tab = browser.new_page()
    blank = []
    pages_with_pictures = [p for p in sorted(pages.glob("*.html")) if "<figure" in p.read_text(encoding="utf-8")]
    assert len(pages_with_pictures) >= 4
    for page in pages_with_pictures:
        tab.goto(page.as_uri(), wait_until="load")
        for picture in tab.locator("article figure img").all():
            picture.scroll_into_view_if_needed()
            picture.evaluate("img => img.decode()")
            if picture.evaluate("img => img.naturalWidth") == 0:
                blank.append(f"{page.name}: {picture.get_attribute('src')}")
    tab.close()
    assert blank == []
