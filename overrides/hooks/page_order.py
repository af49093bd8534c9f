"""Build the site's menu from the pages themselves, so adding a page is one file.

mkdocs.yml has no `nav:`. Each page may say in its front matter where it goes
in the menu (`nav_order: 30`, smaller first) and a short menu label
(`nav_title: Aftercare`). Pages without `nav_order` come last, by file name.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

LAST = 10**6


def menu(docs_dir: Path) -> list:
    entries, problems = [], []
    for path in sorted(docs_dir.rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        _, meta = get_data(path.read_text(encoding="utf-8"))
        order = meta.get("nav_order", LAST)
        if not isinstance(order, int) or isinstance(order, bool):
            problems.append(f"{docs_dir.name}/{src}:1: nav_order '{order}' must be a whole number, e.g. nav_order: 40.")
            continue
        title = meta.get("nav_title")
        entries.append((order, src, {str(title): src} if title else src))
    if problems:
        raise PluginError("\n".join(problems))
    return [entry for _, _, entry in sorted(entries, key=lambda e: e[:2])]


def on_config(config, **kwargs):
    if config["nav"] is None:
        config["nav"] = menu(Path(config["docs_dir"]))
    return config
