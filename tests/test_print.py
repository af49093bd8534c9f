"""Printing: every page prints as a clean leaflet within its page budget, and the handouts exist.

Each page is printed to PDF by headless Chromium (the same function `make
handouts` uses) on A4 and on US Letter, and the PDF's text is read back.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import pytest
from checks import DISCLAIMER_TEXT, front_matter, html, pages, system_tool
from pypdf import PdfReader

from guide import model
from guide.clinic import WRITE_IN_LINE, has_number, load_wording, protocol_words
from guide.handouts import BOOKLET, PAPERS, RECORD_CARD, fixed_dates, render
from guide.paths import DOCS, HANDOUTS, load_site_config
from guide.templates import render as render_template
from guide.text import soup_of, text_of

MODEL = model.load_content_model()
# Text that only the screen's menus, search and footer show; none of it belongs on paper.
SCREEN_ONLY_TEXT = [
    "Table of contents",
    "Type to start searching",
    "Initializing search",
    "Skip to content",
    "Back to top",
    "Made with",
    "Switch to dark mode",
    "Switch to light mode",
]


def pdf_text(pdf: bytes) -> str:
    """The PDF's words, white space folded and ligatures (a font's "ﬀ" glyph) spelled out."""
    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def print_problems(name: str, paper: str, pdf: bytes, meta: dict, title: str) -> list[str]:
    """What is wrong with one printed page: too long, or missing or showing the wrong things."""
    problems = []
    budget = min(int(meta.get("print_pages", MODEL.print_pages_max)), MODEL.print_pages_max)
    count = len(PdfReader(io.BytesIO(pdf)).pages)
    if count > budget:
        problems.append(
            f"{name}: prints on {count} {paper} pages; its budget is {budget} "
            "(print_pages in its front matter, print_pages_max in content-model.yml). Shorten the page"
        )
    text = pdf_text(pdf)
    reviewed = meta["last_reviewed"].strftime("%-d %B %Y")
    wanted = [title, DISCLAIMER_TEXT, f"Sources checked: {reviewed}", *MODEL.page_types[meta["page_type"]].sections]
    problems += [f"{name}: the printed {paper} page does not show '{words}'" for words in wanted if words not in text]
    problems += [
        f"{name}: the printed {paper} page shows the screen's '{words}'" for words in SCREEN_ONLY_TEXT if words in text
    ]
    return problems


def qr_codes(pdf: bytes) -> list[str]:
    """The QR codes on the last printed page, decoded with zbarimg (pdftoppm makes the picture)."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "page.pdf"
        path.write_bytes(pdf)
        last = str(len(PdfReader(io.BytesIO(pdf)).pages))
        pdftoppm = [system_tool("pdftoppm"), "-r", "200", "-png", "-f", last, "-l", last]
        subprocess.run([*pdftoppm, path, Path(scratch) / "page"], check=True)
        (picture,) = Path(scratch).glob("page*.png")
        result = subprocess.run([system_tool("zbarimg"), "--raw", "-q", picture], capture_output=True, text=True)
    return result.stdout.split()


def title_of(md: Path) -> str:
    return model.title(md.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def printed(browser, site):
    """{(page name, paper): PDF bytes} for every page on both papers."""
    tab = browser.new_page()
    result = {(page.name, paper): render(tab, page, paper) for _, page in pages(DOCS, site) for paper in PAPERS}
    tab.close()
    return result


# --- the real guide -----------------------------------------------------------


@pytest.mark.parametrize("paper", PAPERS)
def test_every_page_prints_within_budget_with_what_it_must_show(printed, site, paper):
    problems = [
        p
        for md, page in pages(DOCS, site)
        for p in print_problems(page.name, paper, printed[page.name, paper], front_matter(md), title_of(md))
    ]
    assert problems == []


def test_the_one_page_handouts_are_one_page(printed):
    for name in ("aftercare.html", "urgent-help.html"):
        for paper in PAPERS:
            assert len(PdfReader(io.BytesIO(printed[name, paper])).pages) == 1, f"{name} on {paper}"


def test_each_printed_page_has_a_qr_code_of_its_online_address(printed, site):
    site_url = load_site_config().site_url
    for _, page in pages(DOCS, site):
        assert qr_codes(printed[page.name, "A4"]) == [site_url + page.name], page.name


def test_make_handouts_wrote_every_page_and_the_booklet(site):
    handouts = HANDOUTS
    made = {p.name for p in handouts.glob("*.pdf")}
    assert made == {f"{page.stem}.pdf" for _, page in pages(DOCS, site)} | {BOOKLET, RECORD_CARD}
    booklet = PdfReader(handouts / BOOKLET)
    parts = sum(len(PdfReader(p).pages) for p in handouts.glob("*.pdf") if p.name not in (BOOKLET, RECORD_CARD))
    assert len(booklet.pages) == 2 + parts  # cover, contents, then every page
    assert "Your clinic" in booklet.pages[0].extract_text()
    assert (
        "Contents" in booklet.pages[1].extract_text() and "When to get urgent help" in booklet.pages[1].extract_text()
    )


def test_the_usb_bundle_carries_the_handouts(bundle):
    assert (bundle / "handouts" / BOOKLET).is_file() and (bundle / "handouts" / "aftercare.pdf").is_file()


def test_a_handout_repeats_byte_for_byte(browser, site):
    tab = browser.new_page()
    first, second = (fixed_dates(render(tab, site / "urgent-help.html", "A4"), "D:20261125000000Z") for _ in range(2))
    assert first == second
    assert PdfReader(io.BytesIO(first)).metadata["/CreationDate"] == "D:20261125000000Z"


def paper_words(html_words: str) -> str:
    """What print shows of HTML from guide.clinic: the paper words of a write-in, else the words."""
    soup = soup_of(f"<p>{html_words}</p>")
    for write_in in soup.select(".write-in"):
        write_in.replace_with(write_in["data-print"])
    return text_of(soup)


def test_every_printed_page_shows_each_protocol_value_or_a_line_to_write_on(printed, site):
    """With the settings under test: a value the clinic set is printed on every page that mentions it;
    one it did not set is the general advice, or on a write-in sheet (aftercare) a line to write on."""
    config = load_site_config()
    wording = load_wording()
    problems, write_in_topics = [], 0
    for md, page in pages(DOCS, site):
        source = md.read_text(encoding="utf-8")
        blank = bool(front_matter(md).get("write_in"))
        used = [topic for name, topic in wording.items() if f"{{{{ protocol.{name} }}}}" in source]
        write_in_topics += len(used) if blank else 0
        for paper in PAPERS:
            text = pdf_text(printed[page.name, paper])
            for topic in used:
                words, _ = protocol_words(topic, config.extra, on_paper_blank=blank)
                if paper_words(words) not in text:
                    problems.append(f"{page.name} on {paper}: {topic.name} does not print as {paper_words(words)!r}")
    assert write_in_topics >= 6, "the printed aftercare sheet should use the protocol topics"
    assert problems == []


def test_the_record_card_is_one_page_with_the_clinics_numbers_or_lines(browser):
    config = load_site_config()
    clinic = config.extra["clinic"]
    card = render_template(config, "handouts/record-card.html")
    tab = browser.new_page()
    for paper in PAPERS:
        pdf = render(tab, card, paper)
        assert len(PdfReader(io.BytesIO(pdf)).pages) == 1, f"the record card prints on more than 1 {paper} page"
        text = pdf_text(pdf)
        for label in (
            "My treatment record",
            "Date of treatment",
            "Leg treated",
            "Liquid / Foam",
            "Next appointment",
            "Nurse's name",
            "My questions",
            DISCLAIMER_TEXT,
        ):
            assert label in text, f"{paper}: the record card does not show {label!r}"
        for key in ("phone", "out_of_hours", "emergency_number"):
            value = str(clinic.get(key) or "")
            shown = value if has_number(value) else WRITE_IN_LINE
            assert shown in text, f"{paper}: the record card does not show {key} as {shown!r}"
    tab.close()


def test_the_record_card_is_in_the_handouts_and_the_bundle(bundle):
    assert (HANDOUTS / RECORD_CARD).is_file() and (bundle / "handouts" / RECORD_CARD).is_file()


# --- the gates can fail -----------------------------------------------------------


def test_a_page_over_its_print_budget_is_caught(browser, build_fixture):
    result, site = build_fixture("long-handout")
    assert result.returncode == 0, result.stderr
    md = site.parent / "docs" / "clinical.md"
    pdf = render(browser.new_page(), site / "clinical.html", "A4")
    problems = print_problems("clinical.html", "A4", pdf, front_matter(md), "A clinical page")
    assert len(problems) == 1 and re.match(r"clinical.html: prints on \d+ A4 pages; its budget is 1 \(", problems[0])


def test_a_print_stylesheet_that_shows_the_menus_is_caught(browser, build_fixture):
    _, site = build_fixture("print-shows-navigation")
    md = site.parent / "docs" / "clinical.md"
    pdf = render(browser.new_page(), site / "clinical.html", "A4")
    problems = print_problems("clinical.html", "A4", pdf, front_matter(md), "A clinical page")
    assert "clinical.html: the printed A4 page shows the screen's 'Table of contents'" in problems


def test_a_page_without_its_qr_code_is_caught(browser, build_fixture):
    _, site = build_fixture("good")
    page = site / "clinical.html"
    soup = html(page)
    soup.select_one(".print-link").decompose()
    page.write_text(str(soup), encoding="utf-8")
    assert qr_codes(render(browser.new_page(), page, "A4")) == []


def test_a_missing_pdftoppm_or_zbarimg_fails_naming_the_package_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no programs at all
    for tool, package in (("pdftoppm", "poppler-utils"), ("zbarimg", "zbar-tools")):
        with pytest.raises(pytest.fail.Exception) as failure:
            system_tool(tool)
        assert str(failure.value) == (
            f"{tool} is not installed, and the tests need it. On Debian or Ubuntu: "
            f"sudo apt-get install {package} (.ci/run installs every tool the tests need)"
        )
        assert failure.value.pytrace is False  # the message alone, no traceback
