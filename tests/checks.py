"""Checks on the built HTML, shared by the tests of the real site and of the fixtures.

They read content-model.yml (through the hook's loader) but look only at the
HTML MkDocs wrote, so they catch what the build-time hook might miss.
Each returns a list of problems, each naming the file; an empty list is a pass.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from mkdocs.utils.meta import get_data

from content_model import ContentModel

LINKCHECKER_CONFIG = Path(__file__).parent / "linkcheckerrc"
DISCLAIMER_TEXT = "This guide gives general information only."


def front_matter(markdown_file: Path) -> dict:
    return get_data(markdown_file.read_text(encoding="utf-8"))[1]


def pages(docs: Path, site: Path) -> list[tuple[Path, Path]]:
    """(source .md, built .html) for every page; addresses end in .html."""
    return [(md, site / md.relative_to(docs).with_suffix(".html")) for md in sorted(docs.rglob("*.md"))]


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def section_problems(page: Path, page_type: str, model: ContentModel) -> list[str]:
    """The page's `##` sections (<h2> in the article) hold its type's required ones, in order."""
    if page_type not in model.sections:
        return [f"{page.name}: page_type '{page_type}' is not in content-model.yml"]
    article = html(page).select_one("article")
    if article is None:
        return [f"{page.name}: no <article> element: the page did not build from Material's template"]
    problems = []
    if len(article.find_all("h1")) != 1:
        problems.append(f"{page.name}: has {len(article.find_all('h1'))} <h1> headings, needs exactly 1")
    found = [h2.get_text(" ", strip=True) for h2 in article.find_all("h2")]
    required = model.sections[page_type]
    missing = [name for name in required if name not in found]
    problems += [f"{page.name}: {page_type} page has no section '{name}'" for name in missing]
    present = [name for name in found if name in required]
    if not missing and present != [name for name in required if name in present]:
        problems.append(f"{page.name}: sections {present} are not in the order {required}")
    return problems


def disclaimer_problems(page: Path) -> list[str]:
    """Exactly one disclaimer, with its text, inside the page."""
    boxes = html(page).select(".disclaimer")
    if len(boxes) != 1:
        return [f"{page.name}: has {len(boxes)} elements with class=\"disclaimer\", needs exactly 1 (overrides/partials/disclaimer.html)"]
    if DISCLAIMER_TEXT not in boxes[0].get_text(" ", strip=True):
        return [f"{page.name}: the disclaimer does not say '{DISCLAIMER_TEXT}'"]
    return []


def review_date_problems(page: Path, meta: dict) -> list[str]:
    """The page shows the review dates from its front matter."""
    box = html(page).select_one(".review-dates")
    if box is None:
        return [f"{page.name}: shows no review dates (class=\"review-dates\")"]
    shown = {time["datetime"] for time in box.select("time[datetime]")}
    wanted = {str(meta.get("last_reviewed")), str(meta.get("next_review"))}
    return [f"{page.name}: review dates show {sorted(shown)}, front matter says {sorted(wanted)}"] if shown != wanted else []


def linkchecker(site: Path, *pages: Path) -> subprocess.CompletedProcess:
    """Run linkchecker (with its AnchorCheck plugin) on the given pages of `site`, nothing external.

    Run as root, linkchecker drops to user `nobody`, who may not be able to read
    the site where it lies; so it checks a world-readable copy, and the output
    names the original files.
    """
    with tempfile.TemporaryDirectory(prefix="linkcheck-") as scratch:
        os.chmod(scratch, 0o755)
        copy = Path(scratch) / "site"
        shutil.copytree(site, copy)
        command = [
            sys.executable, "-m", "linkcheck", "--config", str(LINKCHECKER_CONFIG),
            "--no-status", "--output", "text",
            *[(copy / page.relative_to(site)).as_uri() for page in pages],
        ]
        result = subprocess.run(command, capture_output=True, text=True)
    result.stdout = result.stdout.replace(copy.as_uri(), site.resolve().as_uri())
    return result


def external_link_problems(page: Path) -> list[str]:
    """Links to other sites use https and a well-formed address (checked without the network)."""
    problems = []
    for link in html(page).select("a[href]"):
        href = link["href"]
        scheme = urlsplit(href).scheme
        if scheme in ("", "file") or href.startswith("#"):
            continue
        parts = urlsplit(href)
        if scheme == "mailto" or scheme == "tel":
            continue
        if scheme != "https":
            problems.append(f"{page.name}: link '{href}' should start with https://")
        elif not parts.hostname or "." not in parts.hostname or any(c.isspace() for c in href):
            problems.append(f"{page.name}: link '{href}' is not a well-formed web address")
    return problems
