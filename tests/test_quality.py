"""Quality gates in a real browser: accessibility, keyboard, privacy, weight, valid page data.

Pages are opened at their published address (site_url): Chromium's requests for
that address are answered from site/, as GitHub Pages would, and every other
request is blocked and recorded.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest
from checks import LANGUAGE, html, text_of
from quality_checks import axe_problems, keyboard_problems, page_data_problems, vnu_messages

from guide.browser import PublishedSite
from guide.paths import BASE_CONFIG, DOCS, MKDOCS, ROOT, budgets, load_site_config

SITE_URL = load_site_config().site_url
BUDGETS = budgets()
PAGE_NAMES = [*sorted(md.with_suffix(".html").name for md in DOCS.glob("*.md")), "404.html"]
SCREENS = {"desktop": (1280, 800), "phone": (390, 844)}
KNOWN_MATERIAL_ERRORS = [
    line
    for line in (ROOT / "tests" / "vnu-material-errors.txt").read_text().splitlines()
    if line and not line.startswith("#")
]


@pytest.fixture(scope="module")
def online(browser, site):
    """Makes browser contexts that see a built site at its published address, and nothing else."""
    contexts = []

    def published(scheme="light", screen="desktop", root=site) -> PublishedSite:
        width, height = SCREENS[screen]
        ctx = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
        contexts.append(ctx)
        return PublishedSite(ctx, root, SITE_URL)

    yield published
    for ctx in contexts:
        ctx.close()


def open_page(online, name, scheme="light", screen="desktop", root=None):
    """A browser tab showing `name` at its published address, in a fresh context."""
    return (online(scheme, screen) if root is None else online(scheme, screen, root)).open(name)


def broken_fixture_page(build_fixture, old, new):
    """The `good` fixture site with one edit made to its built clinical.html."""
    _, site = build_fixture("good")
    page_file = site / "clinical.html"
    text = page_file.read_text(encoding="utf-8")
    assert old in text
    page_file.write_text(text.replace(old, new), encoding="utf-8")
    return site


# --- accessibility ------------------------------------------------------------


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_no_axe_violations_in_light_and_dark_on_desktop_and_phone(online, name):
    problems = []
    for scheme in ("light", "dark"):
        for screen in SCREENS:
            page = open_page(online, name, scheme, screen)
            problems += axe_problems(page, f"{name} ({scheme}, {screen})")
            page.context.close()
    assert problems == []


@pytest.mark.parametrize("name", [n for n in PAGE_NAMES if n != "404.html"])
def test_every_page_works_from_the_keyboard(online, name):
    page = open_page(online, name)
    assert keyboard_problems(page, name) == []
    page.context.close()


def test_a_tick_box_ticks_when_its_words_are_tapped(online, site):
    name = next(p.name for p in sorted(site.glob("*.html")) if html(p).select_one("article .task-list-item"))
    page = open_page(online, name, screen="phone")
    box = page.locator("article .task-list-item input[type=checkbox]").first
    assert box.is_enabled() and not box.is_checked()
    page.locator("article .task-list-item label").first.click()
    assert box.is_checked(), f"{name}: tapping a tick box's words does not tick it"
    page.context.close()


# --- privacy and weight ---------------------------------------------------------


@pytest.fixture(scope="module")
def visits(online):
    """Every page loaded once at its published address, as a first-time reader would."""
    published = online()
    return [published.measure(name) for name in PAGE_NAMES]


def test_no_page_contacts_another_site_or_breaks_its_security_policy(visits):
    assert [f"{v.url}: {u}" for v in visits for u in v.outside_requests] == []
    assert [f"{v.url}: {e}" for v in visits for e in v.console_errors] == []


def test_scripts_run_only_by_hash_never_unsafe_inline(site):
    problems = []
    for page in sorted(site.glob("*.html")):
        policy = html(page).select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
        script_src = next(d.split()[1:] for d in policy.split(";") if d.split()[:1] == ["script-src"])
        if [s for s in script_src if s != "'self'" and not s.startswith("'sha256-")]:
            problems.append(f"{page.name}: script-src {' '.join(script_src)}")
    assert problems == []


INJECTED = (
    "<script>document.body.dataset.pwned = 'script'</script>"
    '<img src="x" alt="" onerror="document.body.dataset.pwned = \'onerror\'">'
    '<a id="injected" href="javascript:document.body.dataset.pwned = \'link\'">more</a></article>'
)


def test_an_injected_script_does_not_run_on_the_published_site_or_from_file(online, build_fixture, browser):
    """As if a template had let a clinic's value through unescaped: the CSP still stops it."""
    site = broken_fixture_page(build_fixture, "</article>", INJECTED)
    published = online(root=site)
    blocked = []
    tab = published.context.new_page()
    tab.on("console", lambda msg: "Content Security Policy" in msg.text and blocked.append(msg.text))
    tab.goto(published.site_url + "clinical.html", wait_until="networkidle")
    tab.click("#injected")
    assert tab.evaluate("document.body.dataset.pwned") is None
    assert len(blocked) >= 3, blocked  # the script, the onerror and the javascript: link, each refused
    offline = browser.new_page()
    offline.goto((site / "clinical.html").as_uri(), wait_until="load")
    offline.click("#injected")
    assert offline.evaluate("document.body.dataset.pwned") is None
    offline.close()


def first_view_problems(visit, limit_kb) -> list[str]:
    if visit.first_view_bytes <= limit_kb * 1000:
        return []
    parts = ", ".join(f"{kind} {size / 1000:.0f} KB" for kind, size in sorted(visit.by_type.items()))
    return [f"{visit.url}: first view {visit.first_view_bytes / 1000:.0f} KB, over the {limit_kb} KB budget ({parts})"]


def test_the_first_view_of_every_page_is_within_budget(visits):
    assert [p for v in visits for p in first_view_problems(v, BUDGETS["first_view_kb_max"])] == []


def test_every_image_is_svg_or_webp(site):
    images = [p for p in site.rglob("*") if p.suffix.lower() in {".png", ".jpg", ".jpeg", ".gif", ".bmp"}]
    assert [p.relative_to(site).as_posix() for p in images if p.name != "favicon.png"] == []


# --- valid, machine-readable pages ------------------------------------------------


def test_titles_and_descriptions_are_unique(site):
    pages = [site / n for n in PAGE_NAMES if n != "404.html"]
    titles = [text_of(html(p).title) for p in pages]
    descriptions = [html(p).select_one('meta[name="description"]')["content"] for p in pages]
    assert len(set(titles)) == len(titles), titles
    assert len(set(descriptions)) == len(descriptions)


def test_every_page_has_lang_description_policy_and_medical_page_data(site):
    language = LANGUAGE.code
    assert [p for n in PAGE_NAMES if n != "404.html" for p in page_data_problems(site / n, language)] == []


def test_the_html_of_our_templates_passes_the_nu_checker(site):
    errors = vnu_messages(sorted(site.glob("*.html")))
    ours = [e for e in errors if not any(known in e for known in KNOWN_MATERIAL_ERRORS)]
    assert ours == []


@pytest.mark.every_language
def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path):
    """Every language, as `make build` builds them. No SOURCE_DATE_EPOCH: the release-date hook must date both
    builds by the last commit."""
    env = {name: value for name, value in os.environ.items() if name != "SOURCE_DATE_EPOCH"}
    for out in ("one", "two"):
        command = [sys.executable, "-m", "guide", "--config", str(BASE_CONFIG), "--site", str(tmp_path / out), "build"]
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    assert (tmp_path / "one" / "es" / "index.html").is_file()
    assert differences(tmp_path / "one", tmp_path / "two") == []


def differences(left: Path, right: Path) -> list[str]:
    """Files that differ or exist on one side only, by path."""
    found = []
    compare = filecmp.dircmp(left, right)
    stack = [("", compare)]
    while stack:
        prefix, node = stack.pop()
        found += [f"{prefix}{name}" for name in node.left_only + node.right_only + node.funny_files]
        found += [
            f"{prefix}{name}"
            for name in node.common_files
            if not filecmp.cmp(Path(node.left) / name, Path(node.right) / name, shallow=False)
        ]
        stack += [(f"{prefix}{name}/", sub) for name, sub in node.subdirs.items()]
    return sorted(found)


# --- the gates can fail -----------------------------------------------------------


def test_axe_catches_an_image_without_alt_text(online, build_fixture):
    site = broken_fixture_page(
        build_fixture,
        "</article>",
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40"></article>',
    )
    page = open_page(online, "clinical.html", root=site)
    problems = axe_problems(page, "clinical.html")
    assert any(p.startswith("clinical.html: image-alt (critical)") for p in problems), problems


def test_a_page_that_hides_keyboard_focus_is_caught(online, build_fixture):
    site = broken_fixture_page(
        build_fixture,
        "</head>",
        "<style>*:focus, *:focus-visible { outline: none !important; box-shadow: none !important; }</style></head>",
    )
    page = open_page(online, "clinical.html", root=site)
    problems = keyboard_problems(page, "clinical.html")
    assert any("show no focus outline" in p for p in problems), problems


def test_a_tracking_pixel_is_caught(online, build_fixture):
    site = broken_fixture_page(
        build_fixture, "</article>", '<img src="https://tracker.example/pixel.gif" alt=""></article>'
    )
    visit = online(root=site).measure("clinical.html")
    assert any("tracker.example/pixel.gif" in e for e in visit.console_errors + visit.outside_requests)


def test_a_page_over_the_weight_budget_is_caught(online):
    visit = online().measure("index.html")
    problems = first_view_problems(visit, limit_kb=100)
    assert len(problems) == 1 and "over the 100 KB budget (document" in problems[0], problems


def test_missing_page_data_is_caught(build_fixture):
    _, site = build_fixture("good")
    page = site / "clinical.html"
    soup = html(page)
    soup.select_one('script[type="application/ld+json"]').decompose()
    page.write_text(str(soup), encoding="utf-8")
    assert page_data_problems(page) == ["clinical.html: no schema.org MedicalWebPage data"]


def test_the_nu_checker_catches_bad_html(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head><body><p id="a">1</p><p id="a">2</p></body></html>'
    )
    errors = vnu_messages([bad])
    assert any("Duplicate ID" in e for e in errors), errors


def test_a_build_that_differs_is_caught(tmp_path):
    for out, epoch in (("one", "1764000000"), ("two", "1700000000")):
        env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
        subprocess.run([*MKDOCS, "build", "--quiet", "--site-dir", str(tmp_path / out)], cwd=ROOT, env=env, check=True)
    assert "sitemap.xml" in differences(tmp_path / "one", tmp_path / "two")
