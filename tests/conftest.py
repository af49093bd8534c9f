"""Shared fixtures: the built site, the USB bundle, Chromium, and small fixture sites built for real."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from guide.browser import BrowserMissing, chromium
from guide.paths import BASE_CONFIG, BUNDLE_NAME, DIST, MKDOCS, OVERRIDES, ROOT, SITE, SITE_ROOT, derived_config

FIXTURE_SITES = Path(__file__).parent / "fixtures" / "sites"


def pytest_collection_modifyitems(items):
    """Mark the tests that need Chromium, and those that build fixture sites (`make check` and
    `make test-example` choose by these marks)."""
    for item in items:
        if "browser" in item.fixturenames:
            item.add_marker(pytest.mark.browser)
        if "build_fixture" in item.fixturenames:
            item.add_marker(pytest.mark.fixture_site)


@pytest.fixture(scope="session")
def bundle_zip() -> Path:
    """The zip that `make offline` made in dist/, to copy onto a USB stick."""
    archives = sorted(DIST.glob(f"{BUNDLE_NAME}-*.zip"))
    assert len(archives) == 1, f"expected one bundle zip in {DIST}, found {len(archives)}: run `make offline`"
    return archives[0]


@pytest.fixture(scope="session")
def bundle(bundle_zip, tmp_path_factory) -> Path:
    """The bundle as a clinic gets it: the zip unpacked into an empty folder."""
    stick = tmp_path_factory.mktemp("usb-stick")
    with zipfile.ZipFile(bundle_zip) as archive:
        archive.extractall(stick)
    (folder,) = stick.iterdir()
    return folder


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium. A missing browser fails the tests that need it, with how to install it
    (the message alone, no traceback)."""
    try:
        with chromium() as browser:
            yield browser
            return
    except BrowserMissing as error:
        missing = str(error)
    pytest.fail(missing, pytrace=False)  # outside `except`, so pytest shows the message alone


@pytest.fixture(scope="session")
def site() -> Path:
    """The real site in the language under test (site/ or site/es/), as `make build` made it (built here,
    in every language, if it is missing)."""
    if not (SITE / "index.html").exists():
        command = [sys.executable, "-m", "guide", "--config", str(BASE_CONFIG), "--site", str(SITE_ROOT), "build"]
        subprocess.run(command, cwd=ROOT, check=True)
    return SITE


@pytest.fixture
def build_fixture(tmp_path):
    """Build tests/fixtures/sites/NAME with real MkDocs.

    A fixture site holds only what differs from the `good` one (or, for `spanish-...`, from `good` and
    `spanish`, which adds its pages in Spanish): its files are
    laid over a copy of `good` and of the real overrides/, in tmp_path/NAME or in the folder
    `into`, and its own settings.yml, if it has one, over the fixtures' settings.yml.
    Returns (result, site_dir).
    """

    def build(
        name: str, into: Path | None = None, every_language: bool = False
    ) -> tuple[subprocess.CompletedProcess, Path]:
        work = into or tmp_path / name
        shutil.copytree(FIXTURE_SITES / "good", work)
        shutil.copytree(OVERRIDES, work / "overrides")
        for layer in ["spanish"] if name.startswith("spanish-") else []:
            shutil.copytree(FIXTURE_SITES / layer, work, dirs_exist_ok=True)
        if name != "good":
            shutil.copytree(FIXTURE_SITES / name, work, dirs_exist_ok=True)
        settings = yaml.safe_load((FIXTURE_SITES / "settings.yml").read_text(encoding="utf-8"))
        if (own := FIXTURE_SITES / name / "settings.yml").exists():
            changes = yaml.safe_load(own.read_text(encoding="utf-8"))
            clinic = {**settings["extra"]["clinic"], **changes.get("extra", {}).get("clinic", {})}
            settings = {**settings, **changes, "extra": {**settings["extra"], "clinic": clinic}}
        config = derived_config(custom_dir=work / "overrides", base=ROOT / "mkdocs.yml", settings=settings)
        (work / "mkdocs.yml").write_text(config, encoding="utf-8")
        command = [*MKDOCS, "build", "--strict", "--site-dir", str(work / "site")]
        if every_language:  # as `make build` does: each language whose pages are in docs/ (docs/es/)
            command = [
                sys.executable,
                "-m",
                "guide",
                "--config",
                str(work / "mkdocs.yml"),
                "--site",
                str(work / "site"),
            ]
            command.append("build")
        result = subprocess.run(command, cwd=work, capture_output=True, text=True)
        return result, work / "site"

    return build
