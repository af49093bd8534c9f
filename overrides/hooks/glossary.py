"""Explain medical words wherever they appear, from the one glossary page.

docs/glossary.md is a Markdown definition list:

    deep vein thrombosis (DVT)
    :   A blood clot in a deep vein, usually in the leg.

Each term (and its abbreviation in brackets) becomes an abbreviation for
Python-Markdown's `abbr` extension, so every page shows the definition when a
reader hovers over or taps the word (Material's `content.tooltips`). Only the
first use of a word on a page gets the explanation: as a reader would expect of
a leaflet, and without a dotted line under every repeat.
"""

from __future__ import annotations

import re
from pathlib import Path

GLOSSARY_PAGE = "glossary.md"
_ENTRY = re.compile(r"^(?P<term>[^\s:#!*>|-][^\n]*)\n+:\s+(?P<definition>[^\n]+)", re.MULTILINE)
_ABBREVIATION = re.compile(r"^(?P<words>.+?)\s*\((?P<short>[^)]+)\)$")


def glossary_entries(markdown: str) -> dict[str, str]:
    """term -> definition, as written on the glossary page."""
    return {m["term"].strip(): m["definition"].strip() for m in _ENTRY.finditer(markdown)}


def spellings(term: str) -> list[str]:
    """The forms a page may use: 'deep vein thrombosis (DVT)' -> the words, 'DVT', capitalised, plural."""
    match = _ABBREVIATION.match(term)
    names = [match["words"], match["short"]] if match else [term]
    forms = []
    for name in names:
        forms += [name, name[:1].upper() + name[1:]]
        if not name.isupper() and not name.endswith("s"):
            forms += [name + "s", name[:1].upper() + name[1:] + "s"]
    return list(dict.fromkeys(forms))


def tooltips(docs_dir: Path) -> dict[str, str]:
    page = docs_dir / GLOSSARY_PAGE
    if not page.exists():
        return {}
    entries = glossary_entries(page.read_text(encoding="utf-8"))
    return {form: definition for term, definition in entries.items() for form in spellings(term)}


_ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')


def first_uses_only(html: str) -> str:
    """Keep the tooltip on the first use of each word; later uses become plain words."""
    seen = set()

    def keep_first(match: re.Match) -> str:
        word = match.group(1).lower().rstrip("s")
        if word in seen:
            return match.group(1)
        seen.add(word)
        return match.group(0)

    return _ABBR.sub(keep_first, html)


def on_page_content(content, page, config, files, **kwargs):
    if page.file.src_uri == GLOSSARY_PAGE:  # the glossary explains its words already
        return _ABBR.sub(lambda match: match.group(1), content)
    return first_uses_only(content)


def on_config(config, **kwargs):
    abbr = config["mdx_configs"].setdefault("abbr", {})
    abbr["glossary"] = {**tooltips(Path(config["docs_dir"])), **abbr.get("glossary", {})}
    return config
