"""Shared paths and fixtures: the built site, and small fixture sites built for real."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
DOCS = ROOT / "docs"
FIXTURE_SITES = Path(__file__).parent / "fixtures" / "sites"
MKDOCS = [sys.executable, "-m", "mkdocs"]

sys.path.insert(0, str(ROOT / "overrides" / "hooks"))  # the content model's loader


@pytest.fixture(scope="session")
def site() -> Path:
    """The real site, as `make build` made it (built here if it is missing)."""
    if not (SITE / "index.html").exists():
        subprocess.run([*MKDOCS, "build", "--strict", "--quiet", "--site-dir", str(SITE)], cwd=ROOT, check=True)
    return SITE


def _fixture_config(site_dir: Path) -> str:
    """A mkdocs.yml for a fixture site: the real settings, the real hooks and templates."""
    with open(ROOT / "mkdocs.yml", "rb") as real:
        hooks = [str(ROOT / hook) for hook in yaml_load(real)["hooks"]]
    lines = [f"INHERIT: {ROOT / 'mkdocs.yml'}", "theme:", f"  custom_dir: {site_dir / 'overrides'}", "hooks:"]
    return "\n".join(lines + [f"  - {hook}" for hook in hooks]) + "\n"


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
        (work / "mkdocs.yml").write_text(_fixture_config(work), encoding="utf-8")
        result = subprocess.run(
            [*MKDOCS, "build", "--strict", "--site-dir", str(work / "site")],
            cwd=work, capture_output=True, text=True,
        )
        return result, work / "site"

    return build
