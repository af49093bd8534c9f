"""Printing: every page prints as a clean leaflet within its page budget, and the handouts exist.

Each page is printed to PDF by headless Chromium (the same Printer `make
handouts` uses: at the page's published address, without its scripts) on A4
and on US Letter, and the PDF's text is read back.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import pytest
from checks import DISCLAIMER_TEXT, LANGUAGE, front_matter, html, pages, say, system_tool
from pypdf import PdfReader, PdfWriter

from guide import languages, model
from guide.browser import PublishedSite
from guide.clinic import WRITE_IN_LINE, has_number, load_wording, protocol_words
from guide.handouts import BOOKLET, PAPERS, RECORD_CARD, HandoutError, Printer, fixed_dates, link_problems, pdf_links
from guide.paths import DOCS, DOCS_ROOT, HANDOUTS, ROOT, load_site_config
from guide.templates import render as render_template
from guide.text import soup_of, text_of

MODEL = model.load_content_model(language=LANGUAGE)
FIXTURE_CLINICAL = ROOT / "tests" / "fixtures" / "sites" / "good" / "docs" / "clinical.md"


def screen_only_text(config) -> list[str]:
    """Text that only the screen's menus, search and footer show, in the language under test (Material's own
    words, and the palette's toggles from the settings); none of it belongs on paper."""
    keys = ["toc", "search.result.placeholder", "search.result.initializer", "action.skip", "top"]
    source = '{% import "partials/language.html" as lang with context %}' + "|".join(
        f'{{{{ lang.t("{key}") }}}}' for key in keys
    )
    words = config.theme.get_env().from_string(source).render(config=config).split("|")
    toggles = [palette["toggle"]["name"] for palette in config.theme["palette"] if "toggle" in palette]
    return [*words, "Made with", *toggles]


SCREEN_ONLY_TEXT = screen_only_text(load_site_config())


def pdf_text(pdf: bytes) -> str:
    """The PDF's words, white space folded and ligatures (a font's "ﬀ" glyph) spelled out."""
    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def filled_fraction(pdf: bytes) -> float:
    """How much of the first sheet's printable height the text takes, from the top of the first word to the
    bottom of the last (pdftotext -bbox; the top margin is taken as the bottom margin too)."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "sheet.pdf"
        path.write_bytes(pdf)
        layout = subprocess.run(
            [system_tool("pdftotext"), "-bbox", "-f", "1", "-l", "1", path, "-"], capture_output=True, text=True
        ).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', layout).group(1))
    tops = [float(y) for y in re.findall(r'yMin="([\d.]+)"', layout)]
    bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', layout)]
    top = min(tops)
    return (max(bottoms) - top) / (height - 2 * top)


def print_problems(name: str, paper: str, pdf: bytes, meta: dict, title: str) -> list[str]:
    """What is wrong with one printed page: too long, or missing or showing the wrong things."""
    problems = []
    budget = min(int(meta.get("print_pages", MODEL.print_pages_max)), MODEL.print_pages_max)
    count = len(PdfReader(io.BytesIO(pdf)).pages)
    if count > budget:
        problems.append(
            f"{name}: prints on {count} {paper} pages; its budget is {budget} "
            "(print_pages in its front matter, print_pages_max in content-model.yml or languages.yml). Shorten the page"
        )
    elif budget == 1 and (filled := filled_fraction(pdf)) > MODEL.one_page_fill_max:
        problems.append(
            f"{name}: fills {filled:.0%} of its one {paper} sheet; a one-page sheet may fill "
            f"{MODEL.one_page_fill_max:.0%} (one_page_fill_max in content-model.yml), so that it still fits "
            "in browsers that print larger. Shorten it, or give part of it a page of its own"
        )
    text = pdf_text(pdf)
    reviewed = LANGUAGE.long_date(meta["last_reviewed"])
    checked = say("review_checked", date=reviewed, who="").rstrip(", ")
    wanted = [title, DISCLAIMER_TEXT, checked, *MODEL.page_types[meta["page_type"]].sections]
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


def booklet_page(booklet: PdfReader, number: int) -> bytes:
    """One page of the booklet as a PDF of its own (for pdf_text)."""
    one = PdfWriter()
    one.add_page(booklet.pages[number])
    out = io.BytesIO()
    one.write(out)
    return out.getvalue()


def title_of(md: Path) -> str:
    return model.title(md.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def printer(browser, site):
    """Prints the site under test at its published address (site_url from the settings under test)."""
    with Printer(browser, site, load_site_config().site_url) as printer:
        yield printer


@pytest.fixture(scope="module")
def printed(printer, site):
    """{(page name, paper): PDF bytes} for every page on both papers."""
    return {
        (page.name, paper): printer.pdf(page.relative_to(site).as_posix(), paper)
        for _, page in pages(DOCS, site)
        for paper in PAPERS
    }


def metadata_values(pdf: Path) -> list[str]:
    return [str(value) for value in (PdfReader(pdf).metadata or {}).values()]


def fixture_printer(browser, site: Path) -> Printer:
    """A Printer for a built fixture site, at the site_url of the fixture's own settings."""
    return Printer(browser, site, load_site_config(site.parent / "mkdocs.yml").site_url)


# --- the real guide -----------------------------------------------------------


@pytest.mark.parametrize("paper", PAPERS)
def test_every_page_prints_within_budget_with_what_it_must_show(printed, site, paper):
    problems = [
        p
        for md, page in pages(DOCS, site)
        for p in print_problems(page.name, paper, printed[page.name, paper], front_matter(md), title_of(md))
    ]
    assert problems == []


def test_the_one_page_handouts_are_one_page_with_room_to_spare(printed, site):
    one_page = [page.name for md, page in pages(DOCS, site) if front_matter(md).get("print_pages") == 1]
    assert {"aftercare.html", "urgent-help.html"} <= set(one_page)
    for name in one_page:
        for paper in PAPERS:
            assert len(PdfReader(io.BytesIO(printed[name, paper])).pages) == 1, f"{name} on {paper}"
            assert filled_fraction(printed[name, paper]) <= MODEL.one_page_fill_max, f"{name} on {paper}"


def test_a_one_page_sheet_without_room_to_spare_is_caught(browser, build_fixture):
    _, site = build_fixture("good")
    page = site / "clinical.html"
    more = "<p>" + "A sentence that takes up room on the printed sheet. " * 60 + "</p>"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", f"{more}</article>"), "utf-8")
    with fixture_printer(browser, site) as printer:
        pdf = printer.pdf("clinical.html", "A4")
    meta = {**front_matter(FIXTURE_CLINICAL), "print_pages": 1}
    problems = print_problems("clinical.html", "A4", pdf, meta, "A clinical page")
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1 and any("of its one A4 sheet" in p for p in problems), problems


def test_each_printed_page_has_a_qr_code_of_its_online_address(printed, site):
    site_url = load_site_config().site_url
    for _, page in pages(DOCS, site):
        assert qr_codes(printed[page.name, "A4"]) == [site_url + page.name], page.name


def test_each_printed_page_gives_its_address_in_the_other_languages(printed, site):
    """On paper, beside its own QR code: where to read the same page in each other language (published address)."""
    root_url = load_site_config().site_url.removesuffix(LANGUAGE.path)
    others = [lang for lang in languages.present(DOCS_ROOT) if lang.code != LANGUAGE.code]
    assert others, "the guide has one language: nothing to print"
    missing = []
    for _, page in pages(DOCS, site):
        text = "".join(pdf_text(printed[page.name, "Letter"]).split())  # a long address breaks across lines
        for other in others:
            address = (root_url + other.path + page.name).split("://", 1)[1]
            if f"{other.name}:{address}" not in text:
                missing.append(f"{page.name}: no '{other.name}: {address}'")
    assert missing == []


def test_make_handouts_wrote_every_page_and_the_booklet(site):
    handouts = HANDOUTS
    made = {p.name for p in handouts.glob("*.pdf")}
    assert made == {f"{page.stem}.pdf" for _, page in pages(DOCS, site)} | {BOOKLET, RECORD_CARD}
    booklet = PdfReader(handouts / BOOKLET)
    parts = sum(len(PdfReader(p).pages) for p in handouts.glob("*.pdf") if p.name not in (BOOKLET, RECORD_CARD))
    assert len(booklet.pages) == 2 + parts  # cover, contents, then every page
    urgent_title = title_of(DOCS / MODEL.special_pages["urgent_help"])
    assert say("cover_clinic") in pdf_text(booklet_page(booklet, 0))
    contents = pdf_text(booklet_page(booklet, 1))
    assert say("contents") in contents and " ".join(urgent_title.split()) in contents


def test_the_usb_bundle_carries_the_handouts(bundle):
    assert (bundle / "handouts" / BOOKLET).is_file() and (bundle / "handouts" / "aftercare.pdf").is_file()


def test_a_handout_repeats_byte_for_byte(printer):
    first, second = (fixed_dates(printer.pdf("urgent-help.html", "A4"), "D:20261125000000Z") for _ in range(2))
    assert first == second
    assert PdfReader(io.BytesIO(first)).metadata["/CreationDate"] == "D:20261125000000Z"


def test_every_link_in_the_handouts_leads_to_the_published_guide_or_another_website():
    """No link in dist/handouts points at a file on the builder's disk, and no PDF names the builder's folder."""
    site_url = load_site_config().site_url
    handouts = sorted(HANDOUTS.glob("*.pdf"))
    assert [problem for pdf in handouts for problem in link_problems(pdf, site_url)] == []
    said = [(pdf.name, words) for pdf in handouts for words in pdf_links(pdf) + metadata_values(pdf)]
    assert [(name, words) for name, words in said if "file://" in words or str(ROOT) in words] == []


def test_the_handouts_links_to_the_guide_reach_its_published_pages_and_anchors(site):
    """Each link to the guide is site_url + a page of the built site (+ an anchor on that page), and every page
    whose type asks for the urgent-help link prints it, leading to the published urgent-help page."""
    site_url = load_site_config().site_url
    ids: dict[Path, set[str]] = {}
    problems, anchors = [], 0
    for pdf in sorted(HANDOUTS.glob("*.pdf")):
        for link in pdf_links(pdf):
            if not link.startswith(site_url):
                continue
            address, _, anchor = link.removeprefix(site_url).partition("#")
            page = site / (address or "index.html")
            if not page.is_file():
                problems.append(f"{pdf.name}: {link} is not a page of the built site")
            elif anchor:
                anchors += 1
                if page not in ids:
                    ids[page] = {tag["id"] for tag in html(page).select("[id]")}
                if anchor not in ids[page]:
                    problems.append(f"{pdf.name}: {link}: {page.name} has no #{anchor}")
    assert problems == []
    assert anchors > 0, "no link with an #anchor in the handouts: the check above checked none"
    urgent = site_url + MODEL.special_page("urgent_help", ".html")
    asking = MODEL.types_marked("urgent_help")
    missing = [
        page.name
        for md, page in pages(DOCS, site)
        if front_matter(md)["page_type"] in asking and urgent not in pdf_links(HANDOUTS / f"{page.stem}.pdf")
    ]
    assert missing == [], f"these handouts do not link to {urgent}"


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
    wording = load_wording(language=LANGUAGE)
    problems, write_in_topics = [], 0
    for md, page in pages(DOCS, site):
        source = md.read_text(encoding="utf-8")
        blank = bool(front_matter(md).get("write_in"))
        used = [topic for name, topic in wording.items() if f"{{{{ protocol.{name} }}}}" in source]
        write_in_topics += len(used) if blank else 0
        for paper in PAPERS:
            text = pdf_text(printed[page.name, paper])
            for topic in used:
                words, _ = protocol_words(topic, config.extra, on_paper_blank=blank, escape=str)
                if paper_words(words) not in text:
                    problems.append(f"{page.name} on {paper}: {topic.name} does not print as {paper_words(words)!r}")
    assert write_in_topics >= 6, "the printed aftercare sheet should use the protocol topics"
    assert problems == []


def test_the_record_card_is_one_page_with_the_clinics_numbers_or_lines(printer):
    config = load_site_config()
    clinic = config.extra["clinic"]
    card = render_template(config, "handouts/record-card.html")
    for paper in PAPERS:
        pdf = printer.pdf("record-card.html", paper, card)
        assert len(PdfReader(io.BytesIO(pdf)).pages) == 1, f"the record card prints on more than 1 {paper} page"
        text = pdf_text(pdf)
        for label in (
            say("record_title"),
            say("record_date"),
            say("record_leg"),
            say("record_medicine_choices").split(" (")[0],
            say("record_next"),
            say("record_nurse"),
            say("record_questions"),
            DISCLAIMER_TEXT,
        ):
            assert label in text, f"{paper}: the record card does not show {label!r}"
        for key in ("phone", "out_of_hours", "emergency_number"):
            value = str(clinic.get(key) or "")
            shown = value if has_number(value) else WRITE_IN_LINE
            assert shown in text, f"{paper}: the record card does not show {key} as {shown!r}"


def test_the_record_card_is_in_the_handouts_and_the_bundle(bundle):
    assert (HANDOUTS / RECORD_CARD).is_file() and (bundle / "handouts" / RECORD_CARD).is_file()


# --- the gates can fail -----------------------------------------------------------


def test_a_page_over_its_print_budget_is_caught(browser, build_fixture):
    result, site = build_fixture("long-handout")
    assert result.returncode == 0, result.stderr
    md = site.parent / "docs" / "clinical.md"
    with fixture_printer(browser, site) as printer:
        pdf = printer.pdf("clinical.html", "A4")
    problems = print_problems("clinical.html", "A4", pdf, front_matter(md), "A clinical page")
    assert len(problems) == 1 and re.match(r"clinical.html: prints on \d+ A4 pages; its budget is 1 \(", problems[0])


def test_a_print_stylesheet_that_shows_the_menus_is_caught(browser, build_fixture):
    _, site = build_fixture("print-shows-navigation")
    md = site.parent / "docs" / "clinical.md"
    with fixture_printer(browser, site) as printer:
        pdf = printer.pdf("clinical.html", "A4")
    problems = print_problems("clinical.html", "A4", pdf, front_matter(md), "A clinical page")
    assert "clinical.html: the printed A4 page shows the screen's 'Table of contents'" in problems


def test_a_page_without_its_qr_code_is_caught(browser, build_fixture):
    _, site = build_fixture("good")
    page = site / "clinical.html"
    soup = html(page)
    soup.select_one(".print-link").decompose()
    page.write_text(str(soup), encoding="utf-8")
    with fixture_printer(browser, site) as printer:
        assert qr_codes(printer.pdf("clinical.html", "A4")) == []


def test_a_handout_printed_from_the_builders_disk_is_caught(browser, site, tmp_path):
    """Printed as the handouts once were, from file://, a page's links lead to the builder's disk: the check
    names the PDF and the dead link, the urgent-help link among them."""
    site_url = load_site_config().site_url
    tab = browser.new_page()
    tab.goto((site / "aftercare.html").resolve().as_uri())
    pdf = tmp_path / "aftercare.pdf"
    pdf.write_bytes(tab.pdf(format="A4"))
    tab.close()
    dead = (site / MODEL.special_page("urgent_help", ".html")).resolve().as_uri()
    assert (
        f"{pdf}: a link points at the builder's disk, dead for every reader: {dead} "
        f"(links must lead to the published pages, {site_url}...)"
    ) in link_problems(pdf, site_url)


# A script file of the site's own (the CSP lets those run, where it stops inline ones), as if one had been changed.
REWRITE_EVERY_PARAGRAPH = """
document.querySelectorAll("article p, article li").forEach(node => { node.textContent = "Rewritten by a script."; });
"""


def test_a_script_on_the_page_cannot_change_what_prints(browser, build_fixture):
    _, site = build_fixture("good")
    page = site / "clinical.html"
    (site / "rewrite.js").write_text(REWRITE_EVERY_PARAGRAPH, encoding="utf-8")
    page.write_text(
        page.read_text(encoding="utf-8").replace("</body>", '<script src="rewrite.js"></script></body>'), "utf-8"
    )
    original = "Walk every day to help stop one."
    site_url = load_site_config(site.parent / "mkdocs.yml").site_url
    # Where scripts run, as in a reader's browser, the script does rewrite the page: the test is not empty.
    context = browser.new_context()
    shown = PublishedSite(context, site, site_url).open("clinical.html").inner_text("article")
    context.close()
    assert "Rewritten by a script." in shown and original not in shown
    with fixture_printer(browser, site) as printer:
        printed = pdf_text(printer.pdf("clinical.html", "A4"))
    assert original in printed and "Rewritten by a script." not in printed


def test_a_collapsed_box_prints_open_without_scripts(browser, build_fixture):
    _, site = build_fixture("good")
    page = site / "clinical.html"
    box = '<details class="note"><summary>More about walking</summary><p>Words inside a closed box.</p></details>'
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", f"{box}</article>"), "utf-8")
    with fixture_printer(browser, site) as printer:
        printed = pdf_text(printer.pdf("clinical.html", "A4"))
    assert "More about walking" in printed and "Words inside a closed box." in printed


def test_a_printer_with_no_site_url_or_no_page_says_so(browser, site, printer):
    with pytest.raises(HandoutError, match="the settings have no site_url"):
        Printer(browser, site, "")
    with pytest.raises(HandoutError, match=re.escape(f"{site / 'no-such-page.html'}: not in the built site")):
        printer.pdf("no-such-page.html", "A4")


def test_a_handout_link_to_neither_the_guide_nor_a_website_is_caught(browser, tmp_path):
    site_url = load_site_config().site_url
    tab = browser.new_page()
    tab.set_content('<a href="javascript:void(0)">When to get urgent help</a>')
    pdf = tmp_path / "card.pdf"
    pdf.write_bytes(tab.pdf(format="A4"))
    tab.close()
    assert link_problems(pdf, site_url) == [
        f"{pdf}: a link leads neither to the published guide ({site_url}...) nor to a website: javascript:void(0)"
    ]


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
