"""The guide's own build steps (guide/), each on a small input: what the hooks and the Markdown extension do."""

from __future__ import annotations

import markdown
import pytest

from guide import model, nav
from guide.markdown_ext import GuideExtension

MODEL = model.load_content_model()


def convert(text: str, glossary: dict | None = None) -> str:
    md = markdown.Markdown(
        extensions=["abbr", "attr_list", "def_list", "pymdownx.tasklist", GuideExtension()],
        extension_configs={"abbr": {"glossary": glossary or {}}, "pymdownx.tasklist": {"custom_checkbox": True}},
    )
    return md.convert(text)


def test_a_tick_box_is_named_by_its_words():
    html = convert("- [ ] I have *written* my questions.\n    - [ ] nested")
    assert '<label class="task-list-control"><input type="checkbox" disabled/>' in html
    assert "</span> I have <em>written</em> my questions.</label><ul" in html.replace("\n", "")


def test_only_the_first_use_of_a_glossary_word_gets_a_tooltip_and_none_inside_a_definition_list():
    html = convert("A DVT. Two DVTs.\n\nDVT\n:   A clot.", glossary={"DVT": "A clot.", "DVTs": "A clot."})
    assert html.count("<abbr") == 1 and '<p>A <abbr title="A clot.">DVT</abbr>. Two DVTs.</p>' in html


def test_links_to_other_websites_are_marked_for_print_unless_the_text_is_the_address():
    html = convert("[NICE](https://www.nice.org.uk/) <https://www.nhs.uk/> [page](other.md)")
    assert '<a class="print-address" href="https://www.nice.org.uk/">NICE</a>' in html
    assert '<a href="https://www.nhs.uk/">' in html and '<a href="other.md">' in html


def test_sections_get_their_class_from_the_content_model():
    sources = MODEL.sources_section
    marked = model.mark_sections(f"# T\n\n## {sources}\n\n```\n## {sources}\n```\n\n## {sources} {{#refs}}\n", MODEL)
    assert marked.splitlines()[2] == f"## {sources} {{: .sources }}"
    assert marked.splitlines()[5] == f"## {sources}"  # inside a code block: untouched
    assert marked.splitlines()[8] == f"## {sources} {{#refs .sources }}"
    assert f'<h2 class="sources" id="refs">{sources}</h2>' in convert(marked)


def test_the_special_pages_and_the_sources_section_come_from_the_model():
    assert MODEL.special_page("urgent_help", ".html").endswith(".html")
    assert MODEL.sources_section in MODEL.page_types["clinical"].sections


def test_the_menu_follows_nav_order_then_file_name(tmp_path):
    for name, head in [("b.md", "nav_order: 2\nnav_title: Bee"), ("a.md", "nav_order: 5"), ("c.md", "")]:
        (tmp_path / name).write_text(f"---\n{head}\n---\n\n# {name}\n", encoding="utf-8")
    assert nav.menu(tmp_path) == [{"Bee": "b.md"}, "a.md", "c.md"]
    assert nav.reading_order(tmp_path) == ["b.md", "a.md", "c.md"]


def test_a_nav_order_that_is_not_a_number_names_the_file(tmp_path):
    (tmp_path / "a.md").write_text("---\nnav_order: first\n---\n# A\n", encoding="utf-8")
    with pytest.raises(nav.NavError, match=r"a.md:1: nav_order 'first' must be a whole number"):
        nav.menu(tmp_path)


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ({"print_pages": 9}, "print_pages must be a whole number from 1 to 3 (it is 9)"),
        ({"nav_order": "x"}, "nav_order 'x' must be a whole number, e.g. nav_order: 40"),
        ({"description": "short"}, "description must be one sentence of 50 to 160 characters (it has 5)"),
    ],
)
def test_front_matter_rules_come_from_the_model(meta, message):
    assert message in [text for _, text in model.front_matter_problems(meta, MODEL)]
