"""Pictures: every figure has alt text and a caption, every file is used and small, and the
pictures show on screen, offline and on paper (guide/figures.py, hooks/figures.py)."""

from __future__ import annotations

import pytest
from checks import html, pages, text_of

from guide.figures import FIGURES_DIR, file_problems, picture_problems
from guide.paths import DOCS, DOCS_ROOT, budgets

BUDGETS = budgets()
FIGURES = sorted((DOCS_ROOT / FIGURES_DIR).glob("*.svg"))  # one set, for every language (they hold no words)


def test_the_guide_has_its_six_figures_each_within_its_size_budget():
    assert len(FIGURES) >= 6
    every_file = {f"{FIGURES_DIR}/{f.name}" for f in FIGURES}  # that each is used, the build checks
    assert file_problems(DOCS_ROOT, every_file, BUDGETS["figure_kb_max"]) == []


def test_every_figure_in_the_built_site_has_alt_text_and_a_visible_caption(site):
    problems, shown = [], set()
    for _, page in pages(DOCS, site):
        article = html(page).select_one("article")
        found, sources = picture_problems(str(article))
        problems += [f"{page.name}: {p}" for p in found]
        shown |= {src.rsplit("/", 1)[-1] for src in sources}
        for figure in article.select("figure"):
            caption = figure.select_one("figcaption")
            assert caption is not None and len(text_of(caption)) > 20, f"{page.name}: a figure with a short caption"
    assert problems == []
    assert {f.name for f in FIGURES} <= shown


def test_bad_pictures_stop_the_build_naming_the_file_and_the_problem(build_fixture):
    result, _ = build_fixture("bad-figures")
    assert result.returncode != 0
    for message in (
        "docs/clinical.md: picture 'no-alt.svg' has no alt text",
        "docs/clinical.md: picture 'no-caption.svg' has no caption",
        "docs/clinical.md: picture 'loose.svg': alt text 'Image of a square' does not say what the picture shows",
        "docs/clinical.md: picture 'loose.svg' is not in a <figure> with a caption",
        "docs/images/figures/spare.svg: no page uses this picture",
        "docs/images/figures/big.svg: 30.5 KB, over the 20 KB budget for a picture",
    ):
        assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("alt", ["", "figure.svg", "A picture of a leg"])
def test_alt_text_that_says_nothing_is_caught(alt):
    found, _ = picture_problems(
        f'<figure><img src="images/figures/x.svg" alt="{alt}"><figcaption>c</figcaption></figure>'
    )
    assert len(found) == 1 and "'x.svg'" in found[0]
