"""The guide's own build steps (guide/), each on a small input: what the hooks and the Markdown extension do."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import markdown
import pytest

from guide import clinic, csp, model, nav, safety
from guide.markdown_ext import GuideExtension
from guide.paths import ARCHIVE_STAMP, ROOT, NoReleaseDate, load_site_config, release_date, release_epoch

MODEL = model.load_content_model()


def convert(text: str, glossary: dict | None = None) -> str:
    md = markdown.Markdown(
        extensions=["abbr", "attr_list", "def_list", "tables", "pymdownx.tasklist", GuideExtension()],
        extension_configs={
            "abbr": {"glossary": glossary or {}},
            "pymdownx.tasklist": {"clickable_checkbox": True},
        },
    )
    return md.convert(text)


def test_a_tick_box_is_named_by_its_words_and_can_be_ticked():
    html = convert("- [ ] I have *written* my questions.\n    - [ ] nested")
    assert (
        '<label class="task-list-label"><input type="checkbox"/> I have <em>written</em> my questions.</label>' in html
    )
    assert "disabled" not in html


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


# --- the clinic's details and protocol ------------------------------------------------------------

WORDING = clinic.load_wording()
DEFAULTS = load_site_config(ROOT / "mkdocs.yml").extra
EXAMPLE = load_site_config(ROOT / "example-clinic.yml").extra


def test_a_protocol_value_that_is_set_is_said_and_one_that_is_not_gets_general_words_or_a_write_in_line():
    page = "Wear them. {{ protocol.stockings }}"
    assert clinic.fill_in(page, EXAMPLE, WORDING, "docs/a.md")[0] == "Wear them. Wear them for 7 days."
    unset = WORDING["stockings"].unset
    assert clinic.fill_in(page, DEFAULTS, WORDING, "docs/a.md")[0] == f"Wear them. {unset}"
    on_paper = clinic.fill_in(page, DEFAULTS, WORDING, "docs/a.md", write_in_page=True)[0]
    assert 'data-print="Wear them for ______ days."' in on_paper
    assert f"<span>{unset.replace(chr(39), '&#x27;')}</span>" in on_paper


def test_a_number_that_is_still_words_prints_as_a_line_to_write_on():
    assert clinic.number("999") == "999"
    assert clinic.number("your local emergency number") == (
        '<span class="write-in" data-print="__________"><span>your local emergency number</span></span>'
    )


def test_an_unknown_topic_or_a_value_protocol_yml_does_not_allow_is_reported_with_file_and_line():
    _, problems = clinic.fill_in("Intro.\n\n{{ protocol.stocking }}", DEFAULTS, WORDING, "docs/a.md", first_line=8)
    assert problems and problems[0].startswith("docs/a.md:10: '{{ protocol.stocking }}' is not a protocol topic.")
    bad = {**EXAMPLE, "protocol": {**EXAMPLE["protocol"], "uses_foam": "sometimes"}}
    _, problems = clinic.fill_in("{{ protocol.foam }}", bad, WORDING, "docs/a.md")
    assert problems == [
        'mkdocs.yml: extra.protocol.uses_foam is \'sometimes\'. Use one of: "yes", "no", or "" for not set.'
    ]


def test_the_release_check_lists_every_detail_still_at_its_default():
    unfinished = clinic.unfinished_details(DEFAULTS)
    assert [item.split(" ")[0] for item in unfinished] == [
        "name",
        "phone",
        "emergency_number",
        "out_of_hours",
        "approved_by,",
    ]
    assert clinic.unfinished_details(EXAMPLE) == []


def test_make_offline_warns_about_placeholder_details_in_one_clear_message(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "guide", "--config", str(ROOT / "mkdocs.yml"), "--site", str(tmp_path), "bundle"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(
        "WARNING: before giving this guide to patients, set these clinic details in mkdocs.yml"
    )
    assert "phone ('the number on your appointment letter' has no number)" in result.stderr
    assert f"error: {tmp_path}/index.html not found. Run `make build` first." in result.stderr


def test_a_setting_reaches_the_markdown_as_the_same_words():
    value = "*496* [x](javascript:alert(1)) <b>bold</b> & #1 - 2. `code` _under_ | pipe"
    html = convert(f"Phone {clinic.as_markdown_text(value)} today.")
    assert html == f"<p>Phone {value.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')} today.</p>"


def test_the_html_check_sees_what_the_source_check_cannot():
    line = '<a href="java\tscript:alert(1)">x</a>'  # browsers drop the tab and run it
    assert safety.source_problems(line) == []
    assert safety.html_problems(line) == ["has a 'javascript:' address in <a href>"]
    assert safety.html_problems('<p><a href="aftercare.html">ok</a> <img src="images/a.svg" alt=""></p>') == []


def test_a_changed_search_helper_stops_the_build_with_what_to_update(tmp_path):
    shim = tmp_path / "iframe-worker-shim.js"
    shim.write_text("window.IFrameWorker = class {};", encoding="utf-8")
    with pytest.raises(ValueError, match="not the iframe-worker shim this CSP knows"):
        csp._shim_parts(shim)


# --- the release date: one source, never silently today -------------------------------------


def git(folder, *args):
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(folder), *args]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def test_the_release_date_is_the_projects_own_last_commit():
    last = int(git(ROOT, "log", "-1", "--format=%ct"))
    assert release_epoch(ROOT, environ={}) == (last, "the last commit")
    assert release_epoch(ROOT, environ={"SOURCE_DATE_EPOCH": "1764000000"}) == (1764000000, "SOURCE_DATE_EPOCH")


def test_a_checkout_owned_by_another_user_still_gives_its_own_date(monkeypatch):
    # git's own test switch makes it see every repository as another user's ("dubious ownership").
    monkeypatch.setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")
    assert subprocess.run(["git", "-C", str(ROOT), "log", "-1"], capture_output=True).returncode != 0
    assert release_epoch(ROOT, environ={})[1] == "the last commit"


def test_git_variables_from_outside_do_not_point_it_at_another_repository(tmp_path, monkeypatch):
    git(tmp_path, "init", "-q")
    git(tmp_path, "commit", "-q", "--allow-empty", "-m", "another project")
    ours = int(git(ROOT, "log", "-1", "--format=%ct"))
    monkeypatch.setenv("GIT_DIR", str(tmp_path / ".git"))  # as inside another repository's git hook
    assert release_epoch(ROOT, environ={}) == (ours, "the last commit")


def copy_of_the_stamp(folder):
    """A folder holding what the release date is read from outside git: the stamp and .gitattributes."""
    for name in (ARCHIVE_STAMP.relative_to(ROOT), ".gitattributes"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes((ROOT / name).read_bytes())
    return folder


def test_a_copy_inside_another_git_repository_does_not_take_its_date(tmp_path):
    git(tmp_path, "init", "-q")
    git(tmp_path, "commit", "-q", "--allow-empty", "-m", "another project")
    guide = copy_of_the_stamp(tmp_path / "unpacked-guide")
    with pytest.raises(NoReleaseDate) as error:
        release_epoch(guide, environ={})
    message = str(error.value)
    assert message.startswith(f"{guide} has no release date: it is not a git clone of the guide")
    assert message.endswith("for example SOURCE_DATE_EPOCH=$(date -d 2026-11-25 +%s) make build")
    assert "\n" not in message


def test_a_git_archive_carries_its_commit_time(tmp_path):
    repo = copy_of_the_stamp(tmp_path / "repo")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "release")
    archive = tmp_path / "guide.tar"
    git(repo, "archive", "-o", str(archive), "HEAD")
    unpacked = tmp_path / "unpacked"
    unpacked.mkdir()
    subprocess.run(["tar", "xf", str(archive), "-C", str(unpacked)], check=True)
    epoch, source = release_epoch(unpacked, environ={})
    assert epoch == int(git(repo, "log", "-1", "--format=%ct"))
    assert source == "the commit `git archive` wrote into guide/commit-time.txt"


def test_the_build_is_dated_by_the_hook_and_says_from_what(build_fixture, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result, site = build_fixture("good")
    date = f"{release_date():%Y-%m-%d}"
    assert f"INFO    -  Release date {date}, from the last commit\n" in result.stderr
    assert set(re.findall(r"<lastmod>([^<]*)<", (site / "sitemap.xml").read_text())) == {date}


def test_a_source_date_epoch_that_is_not_seconds_stops_the_build_in_one_line(build_fixture, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2026-11-25")
    result, _ = build_fixture("good")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert (
        "ERROR   -  SOURCE_DATE_EPOCH is '2026-11-25': it must be seconds since 1970, for example "
        "SOURCE_DATE_EPOCH=$(date -d 2026-11-25 +%s) make build\n"
    ) in result.stderr


def test_the_steps_after_the_build_stop_in_one_line_without_a_release_date(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<p>x</p>")
    command = [sys.executable, "-m", "guide", "--site", str(tmp_path / "site"), "--dist", str(tmp_path), "bundle"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "yesterday"}
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "error: SOURCE_DATE_EPOCH is 'yesterday': it must be seconds since 1970, for example "
        "SOURCE_DATE_EPOCH=$(date -d 2026-11-25 +%s) make build"
    )
    assert not list(tmp_path.glob("sclerotherapy-guide-*"))


def test_a_missing_chromium_is_one_line_saying_what_to_install_not_a_traceback():
    env = {**os.environ, "CHROMIUM_PATH": "/nonexistent/chromium"}
    result = subprocess.run([sys.executable, "-m", "guide", "browser"], capture_output=True, text=True, env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: Cannot start Chromium. Install Debian's package (apt-get install chromium)")


def test_a_heading_is_kept_with_the_block_after_it():
    html = convert("## Steps\n\n1. one\n\n## Next\n\n### Sub\n\nText.\n").replace("\n", "")
    assert '<div class="keep-with-next"><h2>Steps</h2><ol><li>one</li></ol></div><h2>Next</h2>' in html
    assert '<div class="keep-with-next"><h3>Sub</h3><p>Text.</p></div>' in html
