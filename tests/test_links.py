"""Every link and #anchor in the built site resolves; external links are well formed.

MkDocs' own validation (mkdocs.yml `validation:`, fatal under --strict) checks
links in the Markdown; linkchecker checks the HTML that was actually built.
"""

from __future__ import annotations

import sys

import pytest
from bs4 import BeautifulSoup
from checks import assert_anchor_check_is_active, assert_readable_by_everyone, external_link_problems, linkchecker

from guide.languages import own


def content_pages(site):
    # 404.html is left out: it is served at any address, so its links are absolute by design.
    return [page for page in own(site, "*.html") if page.name != "404.html"]


def test_linkchecker_finds_no_broken_link_or_anchor_in_any_built_page(site):
    result = linkchecker(site, *content_pages(site))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 warnings found. 0 errors found." in result.stdout


def test_external_links_are_https_and_well_formed(site):
    assert [p for page in content_pages(site) for p in external_link_problems(page)] == []


# --- the gates can fail ---------------------------------------------------------


def _add_link(page, href):
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    link = soup.new_tag("a", href=href)
    link.string = "a bad link"
    soup.select_one("article").append(link)
    page.write_text(str(soup), encoding="utf-8")


def test_linkchecker_reports_a_broken_link_with_the_page_it_is_on(build_fixture):
    _, site = build_fixture("good")
    _add_link(site / "clinical.html", "no-such-page.html")
    result = linkchecker(site, *content_pages(site))
    assert result.returncode == 1
    assert "no-such-page.html" in result.stdout and "clinical.html" in result.stdout
    assert "1 error found" in result.stdout


def test_linkchecker_reports_a_broken_anchor(build_fixture):
    _, site = build_fixture("good")
    _add_link(site / "clinical.html", "index.html#no-such-section")
    result = linkchecker(site, *content_pages(site))
    assert result.returncode == 1
    assert "Anchor `no-such-section' (decoded:" in result.stdout, result.stdout
    assert "not found" in result.stdout and "clinical.html" in result.stdout
    assert "1 warning found" in result.stdout


def test_bad_external_links_are_reported(build_fixture):
    _, site = build_fixture("good")
    page = site / "clinical.html"
    _add_link(page, "http://www.nice.org.uk/guidance/cg168")
    _add_link(page, "https://nice org/uk")
    assert external_link_problems(page) == [
        "clinical.html: link 'http://www.nice.org.uk/guidance/cg168' should start with https://",
        "clinical.html: link 'https://nice org/uk' is not a well-formed web address",
    ]


def test_linkchecker_refuses_settings_it_could_not_read(tmp_path):
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    settings = private / "linkcheckerrc"
    settings.write_text("[AnchorCheck]\n", encoding="utf-8")
    with pytest.raises(AssertionError, match=r"user nobody cannot reach .*linkcheckerrc .*anchor check would be off"):
        assert_readable_by_everyone(settings)


def test_an_inactive_anchor_check_fails_loudly(tmp_path):
    tmp_path.chmod(0o755)
    (tmp_path / "linkcheckerrc").write_text("[filtering]\ncheckextern=0\n", encoding="utf-8")  # no [AnchorCheck]
    command = [sys.executable, "-m", "linkcheck", "--config", str(tmp_path / "linkcheckerrc"), "--no-status"]
    with pytest.raises(AssertionError, match="linkchecker's anchor check is not active"):
        assert_anchor_check_is_active(command, tmp_path)
