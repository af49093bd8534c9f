"""Reading built HTML as a reader sees it."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def soup_of(source: Path | str) -> BeautifulSoup:
    """A built page (a file, or HTML text) parsed."""
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    return BeautifulSoup(text, "html.parser")


def text_of(element) -> str:
    """An element's text as a reader sees it: its own spacing kept, runs of white space folded.

    (Glossary tooltips wrap words in <abbr>, so joining the pieces with a separator would misspace them.)
    """
    return " ".join(element.get_text().split())
