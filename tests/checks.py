"""Checks on the built HTML, shared by the tests of the real site and of the fixtures.

They check what the templates add (disclaimer, review dates, links, citations)
and run the content model's own section check (guide/model.py) on the headings
MkDocs wrote. Each returns a list of problems, each naming the file; an empty
list is a pass.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.utils.meta import get_data

from guide.languages import own, under_test
from guide.model import ContentModel, Heading, section_problems
from guide.paths import load_site_config
from guide.templates import disclaimer_text
from guide.text import soup_of as html
from guide.text import text_of

LINKCHECKER_CONFIG = Path(__file__).parent / "linkcheckerrc"
# Programs the tests run that pip cannot install, and the Debian/Ubuntu package that brings each
# (.ci/run installs them; README.md lists them).
SYSTEM_TOOLS = {
    "pdftoppm": "poppler-utils",
    "pdftotext": "poppler-utils",
    "zbarimg": "zbar-tools",
    "java": "default-jre-headless",
}


def system_tool(name: str) -> str:
    """The path of program `name`. A missing one fails the test, with no traceback, naming the package
    to install: a missing tool is never a skip."""
    if path := shutil.which(name):
        return path
    pytest.fail(
        f"{name} is not installed, and the tests need it. On Debian or Ubuntu: "
        f"sudo apt-get install {SYSTEM_TOOLS[name]} (.ci/run installs every tool the tests need)",
        pytrace=False,
    )


LANGUAGE = under_test()  # the language whose pages are under test (GUIDE_LANGUAGE)


def say(key: str, **values) -> str:
    """One of the language's sentences (languages.yml) as a reader sees it, with `values` filled in."""
    return text_of(html(str(LANGUAGE.say(key, **values))))


# The disclaimer's words, as overrides/partials/disclaimer.html renders them with the settings under test,
# and its first sentence, which names no clinic detail (for the fixture sites, which have their own).
DISCLAIMER_FULL = disclaimer_text(load_site_config())
DISCLAIMER_TEXT = DISCLAIMER_FULL.split(". ")[0] + "."


def front_matter(markdown_file: Path) -> dict:
    return get_data(markdown_file.read_text(encoding="utf-8"))[1]


def pages(docs: Path, site: Path) -> list[tuple[Path, Path]]:
    """(source .md, built .html) for every page; addresses end in .html."""
    return [(md, site / md.relative_to(docs).with_suffix(".html")) for md in own(docs, "*.md")]


def built_section_problems(page: Path, page_type: str, model: ContentModel) -> list[str]:
    """The content model's section rule (guide/model.py), run on the headings of the built page."""
    article = html(page).select_one("article")
    if article is None:
        return [f"{page.name}: no <article> element: the page did not build from Material's template"]
    found = [Heading(None, int(h.name[1]), text_of(h)) for h in article.find_all(["h1", "h2"])]
    return [f"{page.name}: {message}." for _, message in section_problems(found, page_type, model)]


def disclaimer_problems(page: Path, words: str = DISCLAIMER_TEXT) -> list[str]:
    """Exactly one disclaimer, with its text, inside the page."""
    boxes = html(page).select(".disclaimer")
    if len(boxes) != 1:
        return [
            f'{page.name}: has {len(boxes)} elements with class="disclaimer", needs exactly 1 (overrides/partials/disclaimer.html)'
        ]
    if words not in text_of(boxes[0]):
        return [f"{page.name}: the disclaimer does not say '{words}'"]
    return []


def review_date_problems(page: Path, meta: dict) -> list[str]:
    """The page shows the review dates from its front matter."""
    box = html(page).select_one(".review-dates")
    if box is None:
        return [f'{page.name}: shows no review dates (class="review-dates")']
    shown = {time["datetime"] for time in box.select("time[datetime]")}
    wanted = {str(meta.get("last_reviewed")), str(meta.get("next_review"))}
    return (
        [f"{page.name}: review dates show {sorted(shown)}, front matter says {sorted(wanted)}"]
        if shown != wanted
        else []
    )


def linkchecker(site: Path, *pages: Path) -> subprocess.CompletedProcess:
    """Run linkchecker (with its AnchorCheck plugin) on the given pages of `site`, nothing external.

    It checks a world-readable copy of the site and of tests/linkcheckerrc, so no
    checkout's folder rights matter, and the output names the original files.
    """
    with tempfile.TemporaryDirectory(prefix="linkcheck-") as scratch:
        os.chmod(scratch, 0o755)
        copy = Path(scratch) / "site"
        shutil.copytree(site, copy)
        targets = [(copy / page.relative_to(site)).as_uri() for page in pages]
        result = _run_linkchecker(Path(scratch), targets)
    result.stdout = result.stdout.replace(copy.as_uri(), site.resolve().as_uri())
    return result


def linkchecker_url(url: str) -> subprocess.CompletedProcess:
    """Run linkchecker from one address, following every internal link (e.g. a loopback server)."""
    with tempfile.TemporaryDirectory(prefix="linkcheck-") as scratch:
        os.chmod(scratch, 0o755)
        return _run_linkchecker(Path(scratch), [url])


LINKCHECKER = Path(__file__).parent / "run_linkchecker.py"  # linkchecker, keeping the caller's rights


def _run_linkchecker(scratch: Path, targets: list[str]) -> subprocess.CompletedProcess:
    config = scratch / "linkcheckerrc"
    shutil.copyfile(LINKCHECKER_CONFIG, config)
    os.chmod(config, 0o644)
    assert_readable_by_everyone(config)
    command = [sys.executable, str(LINKCHECKER), "--config", str(config), "--no-status", "--output", "text"]
    assert_anchor_check_is_active(command, scratch)
    return subprocess.run([*command, *targets], capture_output=True, text=True)


def assert_anchor_check_is_active(command: list[str], scratch: Path) -> None:
    """Fail loudly when linkchecker would not report a missing #anchor (its AnchorCheck plugin is off)."""
    canary = scratch / "anchor-canary.html"
    canary.write_text('<!doctype html><title>c</title><a href="#nowhere">x</a>', encoding="utf-8")
    result = subprocess.run([*command, canary.as_uri()], capture_output=True, text=True)
    canary.unlink()
    if "Anchor `nowhere' (decoded: `nowhere') not found" not in " ".join(result.stdout.split()):
        raise AssertionError(
            "linkchecker's anchor check is not active: a page linking to a missing #anchor was not reported. "
            "Check tests/linkcheckerrc ([AnchorCheck]) and that linkchecker can read its plugins"
        )


def assert_readable_by_everyone(path: Path) -> None:
    """Refuse settings that not everyone can read: should linkchecker ever again read them as user `nobody`,
    it would skip them without a word, and the anchor check with them."""
    blocked = [str(p) for p in [path, *path.parents[:-1]] if not p.stat().st_mode & (0o004 if p == path else 0o001)]
    if blocked:
        raise AssertionError(
            f"linkchecker would run without its settings: user nobody cannot reach {path} "
            f"(no read or search permission for others on {blocked[0]}); its anchor check would be off"
        )


def external_link_problems(page: Path) -> list[str]:
    """Links to other sites use https and a well-formed address (checked without the network)."""
    problems = []
    for link in html(page).select("a[href]"):
        href = link["href"]
        parts = urlsplit(href)
        scheme = parts.scheme
        if scheme in ("", "file", "mailto", "tel"):  # this site's own pages, or not a web address
            continue
        if scheme != "https":
            problems.append(f"{page.name}: link '{href}' should start with https://")
        elif not parts.hostname or "." not in parts.hostname or any(c.isspace() for c in href):
            problems.append(f"{page.name}: link '{href}' is not a well-formed web address")
    return problems


def source_ids(sources_page: Path) -> set[str]:
    """The ids of the entries (### headings) on the Sources page."""
    return {h3["id"] for h3 in html(sources_page).select("article h3[id]")}


def citation_problems(page: Path, known: set[str], sources_name: str) -> list[str]:
    """The page's sources section (class `sources`) cites at least one entry, and every entry it cites exists."""
    article = html(page).select_one("article")
    heading = article.select_one("h2.sources")
    if heading is None:
        return [f"{page.name}: has no sources section (a ## heading with class `sources`, from content-model.yml)"]
    cited = [
        a["href"].split("#", 1)[1]
        for sibling in heading.find_next_siblings()
        for a in sibling.select(f'a[href^="{sources_name}#"]')
    ]
    if not cited:
        return [
            f"{page.name}: its Sources section cites no entry of the Sources page; link each source as [Title]({sources_name[:-5]}.md#entry-id)"
        ]
    return [
        f"{page.name}: cites '{sources_name}#{name}', which is not an entry on the Sources page"
        for name in cited
        if name not in known
    ]


# Writers' markers in capitals only: "todo" is a Spanish word ("all").
_LEFTOVERS = re.compile(r"\{\{|\}\}|\{%|%\}|(?i:lorem ipsum)|\bTODO\b|\bTBD\b|\bFIXME\b|XXX")


def placeholder_problems(page: Path) -> list[str]:
    """No unreplaced template placeholders or filler text in what a reader sees."""
    soup = html(page)
    for hidden in soup.select("script, style"):
        hidden.decompose()
    text = soup.get_text(" ")
    return [
        f"{page.name}: shows '{m.group(0)}' near '{text[max(0, m.start() - 30) : m.end() + 30].strip()}'"
        for m in _LEFTOVERS.finditer(text)
    ]


def urgent_help_problems(page: Path, target: str) -> list[str]:
    links = html(page).select(f'article a[href="{target}"], article a[href^="{target}#"]')
    return [] if links else [f"{page.name}: has no link to the urgent-help page ({target})"]


def review_due_problems(source: Path, meta: dict, today: dt.date) -> list[str]:
    due = meta.get("next_review")
    if isinstance(due, dt.date) and due < today:
        return [
            f"docs/{source.name}: its review was due on {due}. Ask a clinician to check the page, then set "
            f"last_reviewed to the date of that check and next_review to the date of the next one"
        ]
    return []


# Abbreviations everyone knows, which need no glossary entry.
EVERYDAY_ABBREVIATIONS = {
    "NHS",
    "NICE",
    "UK",
    "US",
    "USA",
    "EU",
    "GP",
    "CC",
    "BY",
    "MIT",
    "PDF",
    "QR",
    "OK",
    "TV",
    "A",
    "I",
}
# Word endings that mark a medical word.
_MEDICAL_WORD = re.compile(
    r"\b[a-z]+(?:itis|osis|ectasias?|ectomy|aemia|phylaxis|pathy|sclerosant|thrombosis|embolism)\b", re.IGNORECASE
)
_ABBREVIATION = re.compile(r"\b[A-Z]{2,}s?\b")


def undefined_term_problems(page: Path, defined: set[str]) -> list[str]:
    """Medical words and abbreviations on the page that the glossary does not explain."""
    article = html(page).select_one("article")
    for part in article.select(".review-dates, .disclaimer, .clinic-contact"):
        part.decompose()
    text = article.get_text(" ")
    for term in sorted(defined, key=len, reverse=True):  # "deep vein thrombosis" is one defined word
        text = re.sub(rf"\b{re.escape(term)}\b", " ", text)
    known = {term.lower() for term in defined}
    found = {m.group(0) for m in _ABBREVIATION.finditer(text)} - EVERYDAY_ABBREVIATIONS
    found = {word.rstrip("s") if word[:-1].isupper() and word.endswith("s") else word for word in found}
    found |= {m.group(0).lower() for m in _MEDICAL_WORD.finditer(text)}
    return [
        f"{page.name}: '{word}' is not explained in the glossary; add it to docs/glossary.md"
        for word in sorted(found)
        if word.lower() not in known and word.lower().rstrip("s") not in known
    ]
