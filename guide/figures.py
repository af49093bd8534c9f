"""Pictures in the pages: each one a figure that a patient can read without seeing it.

A page shows a picture as a figure (Markdown, with the md_in_html extension):

    <figure markdown="span">
      ![What the picture shows, in words](images/figures/NAME.svg){ loading=lazy }
      <figcaption>The caption, with any words the picture needs.</figcaption>
    </figure>

The rules, checked by the build (hooks/content_model.py) and the tests:

- every picture in a page's text is inside a `<figure>` with a visible `<figcaption>`;
- every picture has alt text that says what it shows: not empty, not a file name, and
  not "image of ..." (a screen reader already says it is an image);
- every file in docs/images/figures/ is used by some page, and each one is at most
  figure_kb_max (bench/budgets.yml). A missing file is a broken link (guide/safety.py).
"""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

FIGURES_DIR = "images/figures"  # in docs/
_SAYS_IMAGE = re.compile(r"^(an? )?(image|picture|photo|graphic|figure|illustration) of\b", re.IGNORECASE)
_FILE_NAME = re.compile(r"^[\w.-]+\.(svg|png|jpe?g|webp|gif)$", re.IGNORECASE)


class _Pictures(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[dict] = []  # open <figure>s: {"caption": bool, "images": [...]}
        self.found: list[str] = []
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "figure":
            self.stack.append({"caption": False, "images": []})
        elif tag == "figcaption" and self.stack:
            self.stack[-1]["caption"] = True
        elif tag == "img":
            source = attributes.get("src") or ""
            self.sources.append(source)
            alt = (attributes.get("alt") or "").strip()
            name = source.rsplit("/", 1)[-1]
            if not alt:
                self.found.append(f"picture '{name}' has no alt text. Write what it shows: ![A leg with ...]({source})")
            elif _SAYS_IMAGE.match(alt) or _FILE_NAME.match(alt):
                self.found.append(
                    f"picture '{name}': alt text '{alt}' does not say what the picture shows. "
                    "Describe it, without 'image of'"
                )
            if self.stack:
                self.stack[-1]["images"].append(name)
            else:
                self.found.append(
                    f"picture '{name}' is not in a <figure> with a caption. Put it in "
                    '<figure markdown="span"> ... <figcaption>...</figcaption></figure>'
                )

    def handle_endtag(self, tag):
        if tag == "figure" and self.stack:
            figure = self.stack.pop()
            if not figure["caption"]:
                self.found += [
                    f"picture '{name}' has no caption. Add <figcaption>the caption</figcaption> inside its <figure>"
                    for name in figure["images"]
                ]


def picture_problems(page_html: str) -> tuple[list[str], list[str]]:
    """(problems, the src of every picture) for the HTML of a page's text."""
    if "<img" not in page_html:  # most pages have none: no need to parse them
        return [], []
    parser = _Pictures()
    parser.feed(page_html)
    parser.close()
    return parser.found, parser.sources


def file_problems(docs_dir: Path, used: set[str], kb_max: float) -> list[str]:
    """Figure files that no page uses, or that are over the size budget. `used` holds paths in docs/."""
    folder = docs_dir / FIGURES_DIR
    problems = []
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        uri = path.relative_to(docs_dir).as_posix()
        where = f"{docs_dir.name}/{uri}"
        if uri not in used:
            problems.append(f"{where}: no page uses this picture. Show it in a page, or delete the file.")
        if path.stat().st_size > kb_max * 1000:
            problems.append(
                f"{where}: {path.stat().st_size / 1000:.1f} KB, over the {kb_max:g} KB budget for a picture "
                "(figure_kb_max in bench/budgets.yml). Simplify the drawing or remove what it does not need."
            )
    return problems
