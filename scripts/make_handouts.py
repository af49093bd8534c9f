"""Make the PDF handouts: one PDF per page, and a booklet of the whole guide.

    python scripts/make_handouts.py site dist/handouts [A4|Letter]

Pages are printed by headless Chromium from the built site with the print
stylesheet, as a browser's Print would. The booklet has a cover with the
clinic's details, a contents page, then every page in menu order, numbered.
"""

from __future__ import annotations

import html
import io
import sys
from pathlib import Path

from mkdocs.config import load_config
from pypdf import PdfReader, PdfWriter

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "overrides" / "hooks")]

from browser import start_browser  # noqa: E402  (the tests' Chromium, with the same flags)
from checks import text_of  # noqa: E402
from print_qr import print_link  # noqa: E402  (the same QR code as on the pages)

from make_bundle import release_date  # noqa: E402  (scripts/ is on the path: run as a script, or from the tests)

PAPERS = ("A4", "Letter")
BOOKLET = "sclerotherapy-guide-booklet.pdf"
OPEN_FOR_PRINT = """() => {
  // Material opens collapsed boxes on the browser's `beforeprint` event, which a
  // headless PDF render may not send: send it, and open them ourselves too.
  window.dispatchEvent(new Event("beforeprint"));
  document.querySelectorAll("details").forEach(box => { box.open = true; });
}"""


def reading_order(site: Path) -> list[Path]:
    """The site's pages in menu order, read from the home page's menu."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    order = []
    for link in soup.select("nav.md-nav--primary a.md-nav__link[href]"):
        href = link["href"].split("#")[0]
        page = site / ("index.html" if href in ("", ".", "./") else href)
        if page.suffix == ".html" and page.is_file() and page not in order:
            order.append(page)
    return order


def render(browser_page, source: Path | str, paper: str) -> bytes:
    """Print one page (a file, or an HTML string) to PDF as the browser's Print would."""
    if isinstance(source, Path):
        browser_page.goto(source.resolve().as_uri(), wait_until="load")
    else:
        browser_page.set_content(source, wait_until="load")
    browser_page.emulate_media(media="print")
    browser_page.evaluate(OPEN_FOR_PRINT)
    return browser_page.pdf(format=paper, print_background=True, prefer_css_page_size=False)


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


def _document(body: str, style: str = "") -> str:
    base = ("@page { margin: 18mm 16mm; } body { font-family: Helvetica, Arial, sans-serif; color: #000; "
            "font-size: 12pt; line-height: 1.4; }")
    return f'<!doctype html><html lang="en"><head><meta charset="utf-8"><style>{base}{style}</style></head><body>{body}</body></html>'


def cover(config, date: str) -> str:
    clinic = config.extra["clinic"]
    details = [f"<p>Phone {html.escape(clinic['name'])} on {html.escape(clinic['phone'])}.</p>"]
    if clinic.get("address"):
        details.append(f"<p>{html.escape(clinic['address'])}</p>")
    if clinic.get("opening_hours"):
        details.append(f"<p>Open {html.escape(clinic['opening_hours'])}.</p>")
    link = print_link(config.site_url) if config.site_url else None
    online = (f'<div class="qr">{link["qr_svg"]}<p>The latest version is online at<br><strong>{html.escape(link["short"])}'
              "</strong></p></div>") if link else ""
    body = f"""
      <h1>{html.escape(config.site_name)}</h1>
      <p class="lead">Spider veins and varicose veins: how sclerotherapy works, how to get ready,
      what happens on the day, aftercare, results, risks, and when to get urgent help.</p>
      <section class="clinic"><h2>Your clinic</h2>{''.join(details)}
        <p>In an emergency, call {html.escape(clinic['emergency_number'])}.</p></section>
      {online}
      <p class="small">Printed from the version of {date}. This guide gives general information only.
      It does not replace talking to your own doctor or nurse.</p>"""
    style = (".lead { font-size: 15pt; } h1 { font-size: 30pt; margin: 40mm 0 8mm; } .clinic { border: 1.5pt solid #000; "
             "padding: 4mm 6mm; margin: 12mm 0; } .clinic h2 { margin-top: 0; } .qr { display: flex; gap: 6mm; "
             "align-items: center; } .qr svg { width: 30mm; height: 30mm; } .small { font-size: 10pt; margin-top: 20mm; }")
    return _document(body, style)


def contents(entries: list[tuple[str, int]]) -> str:
    rows = "".join(f"<tr><td>{html.escape(title)}</td><td>{start}</td></tr>" for title, start in entries)
    style = ("h1 { font-size: 22pt; } table { width: 100%; border-collapse: collapse; } "
             "td { padding: 2.5mm 0; border-bottom: 0.5pt solid #000; } td:last-child { text-align: right; }")
    return _document(f"<h1>Contents</h1><table><tr><th></th><th>Page</th></tr>{rows}</table>", style)


def page_numbers(count: int, first: int) -> str:
    """One sheet per booklet page, with only its number at the foot (pages before `first` blank)."""
    sheets = "".join(f'<div class="sheet"><span>{n if n >= first else ""}</span></div>' for n in range(1, count + 1))
    style = ("@page { margin: 0; } body { margin: 0; } .sheet { height: 100vh; position: relative; "
             "page-break-after: always; } .sheet span { position: absolute; bottom: 4mm; width: 100%; "
             "text-align: center; font-size: 10pt; }")
    return _document(sheets, style)


def title_of(page: Path) -> str:
    from bs4 import BeautifulSoup

    h1 = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article h1")
    return text_of(h1) if h1 else page.stem


def main(site: Path, out: Path, paper: str = "A4") -> int:
    if paper not in PAPERS:
        print(f"error: paper must be one of {', '.join(PAPERS)}, not '{paper}' (make handouts PAPER=Letter)", file=sys.stderr)
        return 2
    if not (site / "index.html").is_file():
        print(f"error: {site}/index.html not found. Run `make build` first.", file=sys.stderr)
        return 1
    config = load_config(str(ROOT / "mkdocs.yml"))
    date = pdf_date()

    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.pdf"):
        old.unlink()
    playwright, browser = start_browser()
    try:
        tab = browser.new_page()
        sections = []
        for page in reading_order(site):
            pdf = fixed_dates(render(tab, page, paper), date)
            (out / f"{page.stem}.pdf").write_bytes(pdf)
            sections.append((title_of(page), pdf))
        front = [render(tab, cover(config, str(release_date())), paper)]
        start, entries = 3, []  # the cover is page 1, the contents page 2
        for title, pdf in sections:
            entries.append((title, start))
            start += pages_in(pdf)
        front.append(render(tab, contents(entries), paper))
        booklet = PdfWriter()
        for pdf in front + [pdf for _, pdf in sections]:
            booklet.append(PdfReader(io.BytesIO(pdf)))
        numbers = PdfReader(io.BytesIO(render(tab, page_numbers(len(booklet.pages), first=2), paper)))
        for sheet, number in zip(booklet.pages, numbers.pages):
            sheet.merge_page(number)
        booklet.add_metadata({"/Title": config.site_name, "/Author": config.extra["clinic"]["name"],
                              "/CreationDate": date, "/ModDate": date})
        with open(out / BOOKLET, "wb") as handle:
            booklet.write(handle)
    finally:
        browser.close()
        playwright.stop()
    print(f"{out}/: {len(sections)} page handouts and {BOOKLET} ({len(booklet.pages)} pages, {paper})")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), *(sys.argv[3:4] or ["A4"])))
