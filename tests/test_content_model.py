"""Every page has its front matter, its required sections, review dates and the disclaimer.

The positive tests read the real built site; the negative tests build small
fixture sites (tests/fixtures/sites/) with one thing wrong and check that the
build, or the HTML check, fails with a message naming the file and the problem.
"""

from __future__ import annotations

import json

import pytest
from checks import (
    DISCLAIMER_FULL,
    LANGUAGE,
    built_section_problems,
    disclaimer_problems,
    front_matter,
    html,
    pages,
    review_date_problems,
    say,
    text_of,
)

from guide.clinic import APPROVAL_FIELDS
from guide.languages import own
from guide.model import load_content_model
from guide.paths import DOCS, load_site_config

MODEL = load_content_model(language=LANGUAGE)  # the language under test
# The fixture pages' sections (in English), named as content-model.yml names them.
FIXTURE_MODEL = load_content_model()
KEY_POINTS, NEXT, SOURCES_SECTION = FIXTURE_MODEL.page_types["clinical"].sections
SOURCES = own(DOCS, "*.md")


def built(site):
    return pages(DOCS, site)


def test_every_page_type_used_is_declared():
    for md in SOURCES:
        assert front_matter(md).get("page_type") in MODEL.page_types, f"{md.name}: unknown page_type"


def test_every_built_page_has_its_required_sections(site):
    problems = [
        p for md, page in built(site) for p in built_section_problems(page, front_matter(md)["page_type"], MODEL)
    ]
    assert problems == []


def test_every_built_page_shows_its_review_dates(site):
    problems = [p for md, page in built(site) for p in review_date_problems(page, front_matter(md))]
    assert problems == []


def test_every_page_says_whether_a_clinician_at_the_clinic_has_approved_the_guide(site):
    clinic = load_site_config().extra["clinic"]
    if all(clinic.get(key) for key in APPROVAL_FIELDS):
        date = LANGUAGE.long_date(clinic["approved_on"])
        wanted = say("approved", name=clinic["name"], by=clinic["approved_by"], role=clinic["approved_role"], date=date)
    else:
        wanted = say("not_approved", name=clinic["name"])
    assert [page.name for _, page in built(site) if wanted not in text_of(html(page).select_one(".review-dates"))] == []


def test_every_built_html_file_has_the_disclaimer(site):
    files = own(site, "*.html")
    assert site / "404.html" in files and len(files) > len(SOURCES)  # every page, plus 404
    assert [p for page in files for p in disclaimer_problems(page, DISCLAIMER_FULL)] == []


def test_the_disclaimer_is_not_hidden_in_print(site):
    css = (site / "assets" / "stylesheets" / "guide.css").read_text(encoding="utf-8")
    rules_hiding_it = [line for line in css.splitlines() if ".disclaimer" in line and "display: none" in line]
    assert rules_hiding_it == []


def test_the_good_fixture_builds_and_passes_every_html_check(build_fixture):
    result, site = build_fixture("good")
    assert result.returncode == 0, result.stderr
    page = site / "clinical.html"
    assert built_section_problems(page, "clinical", FIXTURE_MODEL) == []
    assert disclaimer_problems(page) == []
    assert "Phone your clinic on the number on your appointment letter." in text_of(html(page))


# --- the build stops, naming the file and the problem --------------------------

BUILD_FAILURES = {
    "missing-section": f"docs/clinical.md: missing section '## {NEXT}'",
    "misnamed-section": f"docs/clinical.md:12: section '## Key point' should be named '## {KEY_POINTS}'",
    "sections-out-of-order": f"docs/clinical.md:17: section '## {SOURCES_SECTION}' must come after '## {NEXT}'",
    "missing-field": "docs/clinical.md:1: front matter has no 'next_review'",
    "bad-date": "docs/clinical.md:4: last_reviewed '5 January 2026' is not a date. Write it as YYYY-MM-DD",
    "impossible-date": "docs/clinical.md:4: the front matter between the --- lines could not be read: month must be in 1..12",
    "bad-yaml": "docs/clinical.md:6: the front matter between the --- lines could not be read",
    "unknown-page-type": "docs/clinical.md:2: page_type 'leaflet' is not a page type. Use one of: home, clinical, urgent, reference",
    "unknown-placeholder": "docs/clinical.md:14: '{{ clinic.fax }}' is not one of the clinic's details",
    "broken-link": "Doc file 'clinical.md' contains a link 'missing-page.md', but the target is not found",
    "broken-anchor": "contains a link 'index.md#no-such-section', but the doc 'index.md' does not contain an anchor",
    # Hostile or broken input (issue 11): each stops the build, named by file and line, or by setting.
    "hostile-settings": (
        "mkdocs.yml: extra.clinic.name: has '<' at position 1. Write plain text: no HTML tags and no < or >.",
        "mkdocs.yml: extra.clinic.phone: '0113 496 0123; ext. 4' has ';' in it. A number may hold only digits",
        "mkdocs.yml: extra.clinic.address: has an invisible format character at position 18 "
        "(U+202E RIGHT-TO-LEFT OVERRIDE)",
        "mkdocs.yml: site_url 'https://fixture.example/guide/\"><script>alert(3)</script>/' is not a plain web address",
    ),
    "unsafe-page": (
        "docs/clinical.md:15: has a <script> tag. Pages may not run code",
        "docs/clinical.md:16: has a 'javascript:' address, which runs code",
        "docs/clinical.md:16: has an 'onerror=' attribute, which runs code",
        "docs/clinical.md:17: has a 'javascript:' address",  # written as jav&#x61;script:
        "docs/clinical.md:18: has a NUL byte",
        "docs/clinical.md:19: link '../../etc/passwd' leads outside docs/",
        "docs/clinical.md:19: picture 'images/missing.svg' points at docs/images/missing.svg, which does not exist",
        "docs/clinical.md: the page's HTML has a <script> element",  # the backstop on the built HTML
    ),
    "duplicate-key": "docs/clinical.md:7: 'last_reviewed' is given twice in the front matter (also on line 4)",
    "invalid-utf8": "docs/clinical.md:15: is not UTF-8 text (byte 0xff cannot be read). Save the file as UTF-8",
    "tab-in-front-matter": "docs/clinical.md:7: the front matter between the --- lines could not be read: "
    "found character '\\t' that cannot start any token",
    "long-site-url": "site_url: the page address https://fixture.example/aaaa",
}


@pytest.mark.parametrize("fixture", sorted(BUILD_FAILURES))
def test_a_bad_page_stops_the_build_with_a_clear_message(build_fixture, fixture):
    result, _ = build_fixture(fixture)
    assert result.returncode != 0, f"{fixture}: the build should have failed"
    wanted = BUILD_FAILURES[fixture]
    for message in [wanted] if isinstance(wanted, str) else wanted:
        assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_byte_order_mark_keeps_the_front_matter(build_fixture):
    result, site = build_fixture("byte-order-mark")
    assert result.returncode == 0, result.stderr
    menu = [text_of(a) for a in html(site / "index.html").select(".md-nav--primary .md-nav__link")]
    assert "Short title" in menu and menu.index("Short title") < menu.index("Sources"), menu


def test_text_settings_and_front_matter_reach_the_page_as_the_same_words(build_fixture):
    """Markdown and HTML syntax in allowed values is shown as typed: no emphasis, no link, no broken tag."""
    result, site = build_fixture("plain-text-settings")
    assert result.returncode == 0, result.stderr
    page = html(site / "clinical.html")
    clinic = "*496* & [Riverside](https://evil.example) clinic_1"
    assert f"Phone {clinic} on +44 (0)113 496-0123." in text_of(page.select_one("article"))
    assert page.select_one('article a[href^="https://evil"]') is None and page.select_one("article em") is None
    assert page.select_one('meta[name="description"]')["content"].startswith('A page with "quotes" & tag-free text')
    assert 'Care & "stockings"' in [text_of(a) for a in page.select(".md-nav--primary .md-nav__link")]
    assert f"Contact {clinic}" == page.select_one(".clinic-contact")["aria-label"]
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert (
        data["description"].startswith('A page with "quotes" & tag-free text') and data["name"] == 'Care & "stockings"'
    )


# --- the HTML checks fail on their own, without the hook -----------------------


def test_the_html_check_catches_a_missing_section_the_hook_did_not_see(build_fixture):
    result, site = build_fixture("good")
    assert result.returncode == 0, result.stderr
    page = site / "clinical.html"
    soup = html(page)
    next(h2 for h2 in soup.find_all("h2") if text_of(h2) == NEXT).decompose()
    page.write_text(str(soup), encoding="utf-8")
    assert built_section_problems(page, "clinical", FIXTURE_MODEL) == [
        f"clinical.html: missing section '## {NEXT}'. "
        f"A clinical page needs these ## sections, in order: {KEY_POINTS}, {NEXT}, {SOURCES_SECTION}."
    ]


def test_a_template_without_the_disclaimer_is_caught(build_fixture):
    result, site = build_fixture("no-disclaimer")
    assert result.returncode == 0, result.stderr
    problems = disclaimer_problems(site / "clinical.html")
    assert problems == [
        'clinical.html: has 0 elements with class="disclaimer", needs exactly 1 (overrides/partials/disclaimer.html)'
    ]


def test_wrong_review_dates_are_caught(build_fixture):
    _, site = build_fixture("good")
    problems = review_date_problems(
        site / "clinical.html", {"last_reviewed": "2020-01-01", "next_review": "2021-01-01"}
    )
    assert len(problems) == 1 and problems[0].startswith("clinical.html: review dates show")
