"""The PDF handouts: one PDF per page, and a booklet of the whole guide.

    python -m guide handouts [--paper A4|Letter]

Pages are printed by headless Chromium from the built site with the print
stylesheet, as a browser's Print would. The booklet has a cover with the
clinic's details, a contents page, then every page in menu order, numbered.
The cover, contents and numbers are templates in overrides/handouts/.
"""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from guide import model, nav
from guide.browser import chromium
from guide.paths import release_date
from guide.qr import print_link
from guide.templates import render as render_template

PAPERS = ("A4", "Letter")
BOOKLET = "sclerotherapy-guide-booklet.pdf"
RECORD_CARD = "my-treatment-record.pdf"  # overrides/handouts/record-card.html, filled in by pen
OPEN_FOR_PRINT = """() => {
  // Material opens collapsed boxes on the browser's `beforeprint` event, which a
  // headless PDF render may not send: send it, and open them ourselves too.
  window.dispatchEvent(new Event("beforeprint"));
  document.querySelectorAll("details").forEach(box => { box.open = true; });
}"""


def render(tab, source: Path | str, paper: str) -> bytes:
    """Print one page (a file, or an HTML string) to PDF as the browser's Print would."""
    if isinstance(source, Path):
        tab.goto(source.resolve().as_uri(), wait_until="load")
    else:
        tab.set_content(source, wait_until="load")
    tab.emulate_media(media="print")
    tab.evaluate(OPEN_FOR_PRINT)
    return tab.pdf(format=paper, print_background=True, prefer_css_page_size=False)


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


def printed_pages(config) -> list[tuple[str, Path]]:
    """(title, built page) for every page, in menu order: the order of the handouts and the booklet."""
    docs, site = Path(config.docs_dir), Path(config.site_dir)
    return [
        (model.title(nav.read_page(docs / src, src)) or Path(src).stem, site / Path(src).with_suffix(".html"))
        for src in nav.reading_order(docs)
    ]


def make(config, out: Path, paper: str = "A4") -> str:
    """Write every page's PDF and the booklet into `out`; returns a one-line summary."""
    date = pdf_date()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.pdf"):
        old.unlink()
    with chromium() as browser:
        tab = browser.new_page()
        sections = []
        for title, page in printed_pages(config):
            pdf = fixed_dates(render(tab, page, paper), date)
            (out / f"{page.stem}.pdf").write_bytes(pdf)
            sections.append((title, pdf))
        record = render(tab, render_template(config, "handouts/record-card.html"), paper)
        (out / RECORD_CARD).write_bytes(fixed_dates(record, date))
        link = print_link(config.site_url) if config.site_url else None
        cover = render_template(config, "handouts/cover.html", print_link=link, release_date=release_date())
        front = [render(tab, cover, paper)]
        start, entries = 3, []  # the cover is page 1, the contents page 2
        for title, pdf in sections:
            entries.append((title, start))
            start += pages_in(pdf)
        front.append(render(tab, render_template(config, "handouts/contents.html", entries=entries), paper))
        booklet = PdfWriter()
        for pdf in front + [pdf for _, pdf in sections]:
            booklet.append(PdfReader(io.BytesIO(pdf)))
        numbers_html = render_template(config, "handouts/page-numbers.html", count=len(booklet.pages), first=2)
        numbers = PdfReader(io.BytesIO(render(tab, numbers_html, paper))).pages
        for sheet, number in zip(booklet.pages, numbers, strict=True):
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
    return f"{out}/: {len(sections)} page handouts, {RECORD_CARD} and {BOOKLET} ({len(booklet.pages)} pages, {paper})"
