"""The site's menu and reading order, from the pages' own front matter, so adding a page is one file.

mkdocs.yml has no `nav:`. Each page may say where it goes (`nav_order: 30`,
smaller first) and give a short menu label (`nav_title: Aftercare`). Pages
without `nav_order` come last, by file name. The handouts print the pages in
this same order.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape
from mkdocs.utils.meta import get_data

LAST = 10**6


class NavError(Exception):
    """A page cannot be read, or its nav_order is not a whole number; the message names the file and line."""


def read_page(path: Path, name: str) -> str:
    """A page's text. UTF-8, with or without a byte-order mark (as MkDocs reads it); anything else is a
    NavError naming the file and line."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise NavError(
            f"{name}:{line}: is not UTF-8 text (byte 0x{data[error.start]:02x} cannot be read). "
            "Save the file as UTF-8 in your editor (in Word or Notepad: Save as, Encoding: UTF-8)."
        ) from None


def _entries(docs_dir: Path) -> list[tuple[int, str, str | None]]:
    from guide.languages import own

    entries, problems = [], []
    for path in own(docs_dir, "*.md"):  # not the other languages' folders: their own builds, their own menus
        src = path.relative_to(docs_dir).as_posix()
        _, meta = get_data(read_page(path, f"{docs_dir.name}/{src}"))
        order = meta.get("nav_order", LAST)
        if not isinstance(order, int) or isinstance(order, bool):
            problems.append(f"{docs_dir.name}/{src}:1: nav_order '{order}' must be a whole number, e.g. nav_order: 40.")
            continue
        entries.append((order, src, meta.get("nav_title")))
    if problems:
        raise NavError("\n".join(problems))
    return sorted(entries, key=lambda entry: entry[:2])


def menu(docs_dir: Path) -> list:
    """MkDocs' `nav`: each page as `src` or `{nav_title: src}`, in menu order. A nav_title is text,
    made HTML-safe here (Material writes menu labels as they are)."""
    return [{escape(str(label)): src} if label else src for _, src, label in _entries(docs_dir)]


def reading_order(docs_dir: Path) -> list[str]:
    """The pages' source paths (`aftercare.md`, ...) in menu order."""
    return [src for _, src, _ in _entries(docs_dir)]
