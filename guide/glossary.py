"""Medical words and what they mean, from the one glossary page (a Markdown definition list).

    deep vein thrombosis (DVT)
    :   A blood clot in a deep vein, usually in the leg.

Each term (and its abbreviation in brackets) becomes an abbreviation for
Python-Markdown's `abbr` extension, so every page explains the word when a
reader hovers over it or taps it (Material's `content.tooltips`).
"""

from __future__ import annotations

import re
from pathlib import Path

from guide.nav import read_page

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


def defined_words(glossary_page: Path) -> dict[str, str]:
    """Every form of every term -> its definition (empty when there is no glossary page)."""
    if not glossary_page.exists():
        return {}
    entries = glossary_entries(read_page(glossary_page, glossary_page.name))
    return {form: definition for term, definition in entries.items() for form in spellings(term)}
