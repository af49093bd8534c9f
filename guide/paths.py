"""Where things are, and the settings every step reads: one module, so no path is written twice."""

from __future__ import annotations

import datetime as dt
import functools
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
OVERRIDES = ROOT / "overrides"
# The settings, the built site and the outputs under test: mkdocs.yml, site/ and dist/, unless the
# Makefile says otherwise (`make test-example` checks the example clinic's settings the same way).
CONFIG_FILE = ROOT / os.environ.get("GUIDE_CONFIG", "mkdocs.yml")
SITE = ROOT / os.environ.get("GUIDE_SITE", "site")
DIST = ROOT / os.environ.get("GUIDE_DIST", "dist")
MODEL_FILE = ROOT / "content-model.yml"
BENCH = ROOT / "bench"
BUNDLE_NAME = "sclerotherapy-guide"


def handouts_in(dist: Path) -> Path:
    """Where the PDF handouts go in an output folder (dist/handouts/); the bundle copies them from there."""
    return dist / "handouts"


HANDOUTS = handouts_in(DIST)
MKDOCS = [sys.executable, "-m", "mkdocs"]  # the MkDocs of this environment


def read_yaml(path: Path):
    """A YAML file of ours (content-model.yml, protocol.yml), parsed once per change: with libyaml when
    PyYAML has it, as the build reads these files from more than one hook. Treat the result as read-only."""
    return _read_yaml(Path(path), Path(path).stat().st_mtime_ns)


@functools.lru_cache(maxsize=16)
def _read_yaml(path: Path, mtime_ns: int):
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def load_site_config(config_file: Path = CONFIG_FILE, **overrides):
    """The MkDocs configuration (mkdocs.yml with SITE_URL and the rest applied), validated as MkDocs does."""
    from mkdocs.config import load_config

    return load_config(str(config_file), **overrides)


def release_date() -> dt.date:
    """SOURCE_DATE_EPOCH if set, else the date of the last commit, else today."""
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    try:
        stamp = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
        return dt.datetime.fromtimestamp(int(stamp), dt.UTC).date()
    except (subprocess.CalledProcessError, FileNotFoundError, ValueError):
        return dt.date.today()


def derived_config(
    docs_dir: Path | None = None, custom_dir: Path = OVERRIDES, base: Path = CONFIG_FILE, settings: dict | None = None
) -> str:
    """The text of a mkdocs.yml that inherits `base` and can live anywhere (fixture sites, the benchmark),
    with `settings` laid over it.

    MkDocs resolves `custom_dir` and hooks relative to the config file, so they are written as absolute paths.
    """
    import yaml
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", "rb") as real:
        hooks = [str(ROOT / hook) for hook in yaml_load(real)["hooks"]]
    own = {**(settings or {}), "hooks": hooks}
    own["theme"] = {**own.get("theme", {}), "custom_dir": str(custom_dir)}
    if docs_dir is not None:
        own["docs_dir"] = str(docs_dir)
    return f"INHERIT: {base}\n" + yaml.safe_dump(own, sort_keys=False, allow_unicode=True)
