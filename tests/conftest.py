"""Shared paths and fixtures: the built site, and small fixture sites built for real."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
DOCS = ROOT / "docs"
FIXTURE_SITES = Path(__file__).parent / "fixtures" / "sites"
MKDOCS = [sys.executable, "-m", "mkdocs"]

sys.path[:0] = [str(ROOT / "overrides" / "hooks"), str(ROOT / "scripts")]  # the content model; shared build steps

from site_config import derived_config  # noqa: E402


DIST = ROOT / "dist"


@pytest.fixture(scope="session")
def bundle_zip() -> Path:
    """The zip that `make offline` made in dist/, to copy onto a USB stick."""
    archives = sorted(DIST.glob("sclerotherapy-guide-*.zip"))
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
    """Headless Chromium. A missing browser fails the tests that need it, with how to install it."""
    from browser import start_browser

    playwright, chromium = start_browser()
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(scope="session")
def site() -> Path:
    """The real site, as `make build` made it (built here if it is missing)."""
    if not (SITE / "index.html").exists():
        subprocess.run([*MKDOCS, "build", "--strict", "--quiet", "--site-dir", str(SITE)], cwd=ROOT, check=True)
    return SITE


@pytest.fixture
def build_fixture(tmp_path):
    """Build tests/fixtures/sites/NAME with real MkDocs.

    A fixture site holds only what differs from the `good` one: its files are
    laid over a copy of `good` and of the real overrides/. Returns (result, site_dir).
    """

    def build(name: str) -> tuple[subprocess.CompletedProcess, Path]:
        work = tmp_path / name
        shutil.copytree(FIXTURE_SITES / "good", work)
        shutil.copytree(ROOT / "overrides", work / "overrides")
        if name != "good":
            shutil.copytree(FIXTURE_SITES / name, work, dirs_exist_ok=True)
        (work / "mkdocs.yml").write_text(derived_config(custom_dir=work / "overrides"), encoding="utf-8")
        result = subprocess.run(
            [*MKDOCS, "build", "--strict", "--site-dir", str(work / "site")],
            cwd=work, capture_output=True, text=True,
        )
        return result, work / "site"

    return build
