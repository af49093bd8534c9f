"""The site's menu and reading order, from the pages' own front matter, so adding a page is one file.

mkdocs.yml has no `nav:`. Each page may say where it goes (`nav_order: 30`,
smaller first) and give a short menu label (`nav_title: Aftercare`). Pages
without `nav_order` come last, by file name. The handouts print the pages in
this same order.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils.meta import get_data

LAST = 10**6


class NavError(Exception):
    """A page's nav_order is not a whole number; the message names the file."""


def _entries(docs_dir: Path) -> list[tuple[int, str, str | None]]:
    entries, problems = [], []
    for path in sorted(docs_dir.rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        _, meta = get_data(path.read_text(encoding="utf-8"))
        order = meta.get("nav_order", LAST)
        if not isinstance(order, int) or isinstance(order, bool):
            problems.append(f"{docs_dir.name}/{src}:1: nav_order '{order}' must be a whole number, e.g. nav_order: 40.")
            continue
        entries.append((order, src, meta.get("nav_title")))
    if problems:
        raise NavError("\n".join(problems))
    return sorted(entries, key=lambda entry: entry[:2])


def menu(docs_dir: Path) -> list:
    """MkDocs' `nav`: each page as `src` or `{nav_title: src}`, in menu order."""
    return [{str(label): src} if label else src for _, src, label in _entries(docs_dir)]


def reading_order(docs_dir: Path) -> list[str]:
    """The pages' source paths (`aftercare.md`, ...) in menu order."""
    return [src for _, src, _ in _entries(docs_dir)]
