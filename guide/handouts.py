"""The PDF handouts: one PDF per page, and a booklet of the whole guide.

    python -m guide handouts [--paper A4|Letter]

Pages are printed by headless Chromium from the built site with the print
stylesheet, as a browser's Print would, each at its published address (so
their links lead to the published pages) and with the pages' scripts off (so
what prints is the HTML). The booklet has a cover with the clinic's details,
a contents page, then every page in menu order, numbered. The cover, contents
and numbers are templates in overrides/handouts/.
"""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from guide import model, nav
from guide.browser import PublishedSite, chromium
from guide.paths import release_date
from guide.qr import print_link
from guide.templates import render as render_template

PAPERS = ("A4", "Letter")
BOOKLET = "sclerotherapy-guide-booklet.pdf"
RECORD_CARD = "my-treatment-record.pdf"  # overrides/handouts/record-card.html, filled in by pen
# Where a link in a PDF may lead besides the published guide: another website, an email, a phone.
WEB_SCHEMES = ("https://", "http://", "mailto:", "tel:")


class HandoutError(Exception):
    """A handout cannot be printed as readers should get it; the message names the file and the problem."""


class Printer:
    """Prints pages as they are published, as the browser's Print would, without the pages' scripts.

    Each page is loaded at its published address (site_url + name), answered from the built site
    (guide.browser.PublishedSite), so its links lead to the published pages, anchors included, never
    to the builder's disk. The pages' own JavaScript does not run: what prints is the HTML and the
    print stylesheet (which opens collapsed boxes itself), nothing a script could rewrite. A handout
    made from a template (the record card, the booklet's cover) is answered at site_url + a name of
    its own, so the same holds for it.
    """

    def __init__(self, browser, site: Path, site_url: str):
        if not site_url:
            raise HandoutError(
                "the settings have no site_url. The handouts' links and QR codes lead to the published pages: "
                "set site_url in mkdocs.yml (or SITE_URL=https://...)"
            )
        self.site, self.site_url = Path(site), site_url
        self.context = browser.new_context(java_script_enabled=False)
        PublishedSite(self.context, self.site, site_url)
        self._made: dict[str, str] = {}  # address -> the HTML of a handout made from a template
        self.context.route(lambda url: url in self._made, self._answer_made)  # asked before PublishedSite
        self.tab = self.context.new_page()

    def _answer_made(self, route):
        route.fulfill(body=self._made[route.request.url], content_type="text/html; charset=utf-8")

    def pdf(self, name: str, paper: str, html: str | None = None) -> bytes:
        """Page `name` of the site (its address below site_url, e.g. "aftercare.html") printed to PDF;
        with `html`, that HTML printed as if it were published at that address."""
        url = self.site_url + name
        self._made = {url: html} if html is not None else {}
        response = self.tab.goto(url, wait_until="load")
        if response is None or not response.ok:
            raise HandoutError(f"{self.site / name}: not in the built site, so it cannot be printed. Run `make build`")
        return self.tab.pdf(format=paper, print_background=True, prefer_css_page_size=False)

    def close(self) -> None:
        self.context.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def pdf_date() -> str:
    """The PDF date of the release (SOURCE_DATE_EPOCH or the last commit), so a commit's PDFs repeat byte for byte."""
    return f"D:{release_date():%Y%m%d}000000Z"


def fixed_dates(pdf: bytes, date: str) -> bytes:
    """The same PDF with Chromium's creation time replaced by the release date."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/CreationDate": date, "/ModDate": date})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pages_in(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def pdf_links(pdf: Path) -> list[str]:
    """The address of every link in a PDF (its link annotations' /URI), page by page."""
    return [
        str(action["/URI"])
        for page in PdfReader(pdf).pages
        for annotation in page.get("/Annots") or []
        if "/URI" in (action := annotation.get_object().get("/A") or {})
    ]


def link_problems(pdf: Path, site_url: str) -> list[str]:
    """What is wrong with a PDF's links: each must lead to the published guide (site_url...) or to another
    website, never to a file on the machine that printed it; nor may its metadata name such a file."""
    problems = []
    for link in pdf_links(pdf):
        if link.startswith("file:"):
            problems.append(
                f"{pdf}: a link points at the builder's disk, dead for every reader: {link} "
                f"(links must lead to the published pages, {site_url}...)"
            )
        elif not link.startswith((site_url, *WEB_SCHEMES)):
            problems.append(
                f"{pdf}: a link leads neither to the published guide ({site_url}...) nor to a website: {link}"
            )
    problems += [
        f"{pdf}: its {key} names a file on the builder's disk: {value}"
        for key, value in (PdfReader(pdf).metadata or {}).items()
        if "file:" in str(value)
    ]
    return problems


def printed_pages(config) -> list[tuple[str, str]]:
    """(title, address below site_url) of every page, in menu order: the order of the handouts and the booklet."""
    docs = Path(config.docs_dir)
    return [
        (
            model.title(nav.read_page(docs / src, src)) or Path(src).stem,
            Path(src).with_suffix(".html").as_posix(),
        )
        for src in nav.reading_order(docs)
    ]


def make(config, out: Path, paper: str = "A4") -> str:
    """Write every page's PDF and the booklet into `out`; returns a one-line summary."""
    date = pdf_date()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.pdf"):
        old.unlink()
    with chromium() as browser, Printer(browser, Path(config.site_dir), config.site_url) as printer:
        sections = []
        for title, name in printed_pages(config):
            pdf = fixed_dates(printer.pdf(name, paper), date)
            (out / f"{Path(name).stem}.pdf").write_bytes(pdf)
            sections.append((title, pdf))

        def made(template: str, **context) -> bytes:  # a handout from a template, printed at its own address
            return printer.pdf(Path(template).stem + ".html", paper, render_template(config, template, **context))

        (out / RECORD_CARD).write_bytes(fixed_dates(made("handouts/record-card.html"), date))
        front = [made("handouts/cover.html", print_link=print_link(config.site_url), release_date=release_date())]
        start, entries = 3, []  # the cover is page 1, the contents page 2
        for title, pdf in sections:
            entries.append((title, start))
            start += pages_in(pdf)
        front.append(made("handouts/contents.html", entries=entries))
        booklet = PdfWriter()
        for pdf in front + [pdf for _, pdf in sections]:
            booklet.append(PdfReader(io.BytesIO(pdf)))
        numbers = made("handouts/page-numbers.html", count=len(booklet.pages), first=2)
        for sheet, number in zip(booklet.pages, PdfReader(io.BytesIO(numbers)).pages, strict=True):
            sheet.merge_page(number)
        booklet.add_metadata(
            {
                "/Title": config.site_name,
                "/Author": config.extra["clinic"]["name"],
                "/CreationDate": date,
                "/ModDate": date,
            }
        )
        with open(out / BOOKLET, "wb") as handle:
            booklet.write(handle)
    if problems := [p for pdf in sorted(out.glob("*.pdf")) for p in link_problems(pdf, config.site_url)]:
        raise HandoutError("\n".join(problems))
    return f"{out}/: {len(sections)} page handouts, {RECORD_CARD} and {BOOKLET} ({len(booklet.pages)} pages, {paper})"
