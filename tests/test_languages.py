"""Languages (languages.yml, guide/languages.py, hooks/languages.py): every page in every language, each
translation of the current English page, each page linking to itself in the others, and a gate for each.

The pages of each language are held to every other gate by `make test-languages` (GUIDE_LANGUAGE=es).
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ElementTree

import pytest
from checks import front_matter, html, text_of
from plain_language import reading_level_problems

from guide import languages
from guide.model import load_content_model
from guide.paths import DOCS_ROOT, ROOT, SITE_ROOT, load_site_config

OTHERS = [lang for lang in languages.languages() if not lang.main]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


# --- the real guide -----------------------------------------------------------


def test_every_language_of_languages_yml_has_its_pages():
    assert languages.present(DOCS_ROOT) == languages.languages()
    assert len(OTHERS) >= 1


@pytest.mark.parametrize("lang", OTHERS, ids=lambda lang: lang.code)
def test_every_translation_is_of_the_current_english_page(lang):
    """A translated page records the version of the English page it translates (translation_of); when the
    English page changes, this fails naming the page, until the translation follows."""
    assert languages.translation_problems(lang, DOCS_ROOT, front_matter) == []


@pytest.mark.parametrize("lang", OTHERS, ids=lambda lang: lang.code)
def test_each_language_names_every_section_and_sentence(lang):
    model = load_content_model(language=lang)  # raises, naming the section, if one is missing
    assert set(model.section_classes.values()) >= {"sources", "band-emergency", "band-same-day"}
    assert lang.suffixed(ROOT / "protocol.yml").is_file()
    assert lang.suffixed(ROOT / "overrides" / "partials" / "warning-signs.md").is_file()


def test_every_translated_page_says_who_translated_it_and_whether_a_clinician_has_checked_it(site):
    for lang in OTHERS:
        for md in languages.own(lang.docs(DOCS_ROOT), "*.md"):
            meta = front_matter(md)
            page = SITE_ROOT / lang.path / md.relative_to(lang.docs(DOCS_ROOT)).with_suffix(".html")
            notice = text_of(html(page).select_one(".review-dates"))
            by = str(meta["translated_by"])
            if meta["checked_by"]:
                wanted = text_of(html(str(lang.say("translation_checked", by=by, checked=meta["checked_by"]))))
            else:
                wanted = text_of(html(str(lang.say("translation_unchecked", by=by))))
            assert wanted in notice, f"{page}: {notice!r}"


def test_the_sitemaps_give_every_page_in_every_language(site):
    """hreflang alternates, with absolute addresses, in each language's sitemap.xml (not in <head>)."""
    root_url = load_site_config(languages.write_config(languages.main())).site_url
    present = languages.present(DOCS_ROOT)
    for lang in present:
        tree = ElementTree.parse(SITE_ROOT / lang.path / "sitemap.xml")
        urls = tree.getroot().findall(f"{SITEMAP}url")
        assert len(urls) == len(languages.own(DOCS_ROOT, "*.md"))
        for url in urls:
            loc = url.find(f"{SITEMAP}loc").text
            assert loc.startswith(root_url + lang.path), loc
            page = loc.removeprefix(root_url + lang.path)
            alternates = {a.get("hreflang"): a.get("href") for a in url.findall(f"{XHTML}link")}
            assert alternates == {other.code: root_url + other.path + page for other in present}, loc
    for page in (SITE_ROOT / lang.path / "index.html" for lang in present):
        assert not html(page).select('head link[rel="alternate"][hreflang]'), f"{page}: hreflang in <head>"


# --- each gate can fail -----------------------------------------------------------


@pytest.fixture
def two_languages(tmp_path):
    """A copy of the guide's English and Spanish aftercare pages, in a docs/ of its own."""
    docs = tmp_path / "docs"
    (docs / "es").mkdir(parents=True)
    shutil.copy(DOCS_ROOT / "aftercare.md", docs / "aftercare.md")
    shutil.copy(DOCS_ROOT / "es" / "aftercare.md", docs / "es" / "aftercare.md")
    return docs


def test_a_translation_of_an_older_english_page_is_caught(two_languages):
    spanish = languages.language("es")
    assert languages.translation_problems(spanish, two_languages, front_matter) == []
    english = two_languages / "aftercare.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    now = languages.source_hash(english)
    old = front_matter(two_languages / "es" / "aftercare.md")["translation_of"]
    assert languages.translation_problems(spanish, two_languages, front_matter) == [
        f"docs/es/aftercare.md: translates an older docs/aftercare.md (translation_of: {old}, now {now}). "
        f"Update the changed parts (git log -p docs/aftercare.md), then set translation_of: {now}"
    ]


def test_a_page_missing_in_one_language_or_without_its_translation_record_is_caught(two_languages):
    spanish = languages.language("es")
    (two_languages / "stockings.md").write_text("---\n---\n# Stockings\n", encoding="utf-8")
    (two_languages / "es" / "medias.md").write_text("---\n---\n# Medias\n", encoding="utf-8")
    page = two_languages / "es" / "aftercare.md"
    page.write_text(re.sub(r"^translation_of:.*\n", "", page.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    problems = languages.translation_problems(spanish, two_languages, front_matter)
    assert [p.split(":")[0] for p in problems] == ["docs/es/medias.md", "docs/stockings.md", "docs/es/aftercare.md"]
    assert "has no page docs/medias.md to translate" in problems[0]
    assert "has no translation docs/es/stockings.md" in problems[1]
    assert "front matter has no translation_of" in problems[2]


def test_a_spanish_page_too_hard_to_read_is_caught(build_fixture):
    """The Spanish reading gate (INFLESZ, at least 65) on a built page with long sentences and long words."""
    result, site = build_fixture("spanish-hard-reading", every_language=True)
    assert result.returncode == 0, result.stderr
    spanish = languages.language("es")
    assert reading_level_problems(site / "es" / "index.html", spanish.reading) == []
    problems = reading_level_problems(site / "es" / "clinical.html", spanish.reading)
    assert len(problems) == 1 and problems[0].startswith("clinical.html: scores "), problems
    assert "on INFLESZ (Szigriszt-Pazos), below the minimum of 65" in problems[0]


def test_the_spanish_fixture_builds_with_links_both_ways_and_the_clinic_in_spanish(build_fixture):
    result, site = build_fixture("spanish", every_language=True)
    assert result.returncode == 0, result.stderr
    english, spanish = html(site / "clinical.html"), html(site / "es" / "clinical.html")
    assert english.html["lang"] == "en" and spanish.html["lang"] == "es"
    assert [(a["href"], a["hreflang"]) for a in english.select(".language-switch a")] == [("es/clinical.html", "es")]
    assert [(a["href"], a["hreflang"]) for a in spanish.select(".language-switch a")] == [("../clinical.html", "en")]
    on_paper = text_of(english.select_one(".print-link"))
    assert "Español: fixture.example/guide/es/clinical.html" in on_paper, on_paper
    assert "English: fixture.example/guide/clinical.html" in text_of(spanish.select_one(".print-link"))
    es = languages.language("es")
    assert es.clinic_defaults["name"] in text_of(spanish.select_one(".clinic-contact"))  # the default, in Spanish
    unchecked = text_of(html(str(es.say("translation_unchecked", by="Traductor de prueba"))))
    assert unchecked in text_of(spanish.select_one(".review-dates"))


def test_a_guide_in_one_language_offers_no_other(build_fixture):
    """Without docs/es/, a page has no language link on screen and no other address on paper."""
    result, site = build_fixture("good", every_language=True)
    assert result.returncode == 0, result.stderr
    page = html(site / "clinical.html")
    assert page.select(".language-switch") == [] and "Español" not in text_of(page.select_one(".print-link"))
    assert not (site / "es").exists()


def test_a_page_with_no_spanish_counterpart_stops_the_build_naming_both_files(build_fixture):
    result, _ = build_fixture("spanish-missing-page", every_language=True)
    assert result.returncode != 0
    assert "docs/extra.md: has no page in Español (docs/es/extra.md)" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_language_with_a_sentence_missing_is_named(tmp_path, monkeypatch):
    broken = tmp_path / "languages.yml"
    text = (ROOT / "languages.yml").read_text(encoding="utf-8")
    broken.write_text(re.sub(r"^    contents_page: \"Página\"\n", "", text, flags=re.M), encoding="utf-8")
    monkeypatch.setattr(languages, "LANGUAGES_FILE", broken)
    with pytest.raises(languages.LanguageError, match=r"languages.yml: es: words has no contents_page\. Translate"):
        languages.languages()
