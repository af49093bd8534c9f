"""Where things are, and the settings every step reads: one module, so no path is written twice."""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import subprocess
import sys
from pathlib import Path


def read_yaml(path: Path):
    """A YAML file of ours (content-model.yml, protocol.yml), parsed once per change: with libyaml when
    PyYAML has it, as the build reads these files from more than one hook. Treat the result as read-only."""
    return _read_yaml(Path(path), Path(path).stat().st_mtime_ns)


@functools.lru_cache(maxsize=16)
def _read_yaml(path: Path, mtime_ns: int):
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


ROOT = Path(__file__).resolve().parents[1]
DOCS_ROOT = ROOT / "docs"  # the main language's pages; each other language's are in docs/CODE/
OVERRIDES = ROOT / "overrides"
LANGUAGES_FILE = ROOT / "languages.yml"  # the languages, in order: the first is the main one
# The settings, the built site and the outputs: mkdocs.yml, site/ and dist/, unless the Makefile says
# otherwise (`make test-example` checks the example clinic's settings the same way).
BASE_CONFIG = ROOT / os.environ.get("GUIDE_CONFIG", "mkdocs.yml")
SITE_ROOT = ROOT / os.environ.get("GUIDE_SITE", "site")
DIST = ROOT / os.environ.get("GUIDE_DIST", "dist")
MODEL_FILE = ROOT / "content-model.yml"


def main_language() -> str:
    """The main language's code: the first in languages.yml."""
    return next(iter(read_yaml(LANGUAGES_FILE)))


def language_path(code: str) -> str:
    """Where a language's pages go in the site: "" for the main language, "es/" for Spanish."""
    return "" if code == main_language() else f"{code}/"


def docs_of(code: str, docs_root: Path = DOCS_ROOT) -> Path:
    return docs_root / language_path(code)


def config_of(code: str, base: Path = BASE_CONFIG) -> Path:
    """The settings a language is built with: mkdocs.yml itself for the main language, else the file
    `make build` writes from it, beside it (build/languages/mkdocs.es.yml)."""
    return base if code == main_language() else base.parent / "build" / "languages" / f"{base.stem}.{code}.yml"


# The language under test: the main one, unless GUIDE_LANGUAGE says otherwise (`make test` runs the
# language tests once per language). DOCS, SITE, CONFIG_FILE and HANDOUTS are that language's.
LANGUAGE = os.environ.get("GUIDE_LANGUAGE") or main_language()
DOCS = docs_of(LANGUAGE)
SITE = SITE_ROOT / language_path(LANGUAGE)
CONFIG_FILE = config_of(LANGUAGE)
BENCH = ROOT / "bench"
BUDGETS_FILE = BENCH / "budgets.yml"  # speed and size budgets: make bench, the figures hook, the tests
BUNDLE_NAME = "sclerotherapy-guide"


def handouts_in(dist: Path) -> Path:
    """Where the PDF handouts go in an output folder (dist/handouts/); the bundle copies them from there."""
    return dist / "handouts"


HANDOUTS = handouts_in(DIST) / language_path(LANGUAGE)
MKDOCS = [sys.executable, "-m", "mkdocs"]  # the MkDocs of this environment


def load_site_config(config_file: Path = CONFIG_FILE, **overrides):
    """The MkDocs configuration (mkdocs.yml with SITE_URL and the rest applied), validated as MkDocs does."""
    from mkdocs.config import load_config

    return load_config(str(config_file), **overrides)


# `git archive` (and so a GitHub zip) writes the commit's time into this file (.gitattributes:
# export-subst), so an unpacked archive still knows its release date. In a checkout it is not filled in.
ARCHIVE_STAMP = ROOT / "guide" / "commit-time.txt"
SET_THE_DATE = "SOURCE_DATE_EPOCH=$(date -d 2026-11-25 +%s) make build"


class NoReleaseDate(RuntimeError):
    """The build cannot tell which version it is building; the message says how to set the date."""


def release_epoch(root: Path = ROOT, environ=os.environ) -> tuple[int, str]:
    """The release time in seconds since 1970, and where it came from. The one place that decides it:
    the hook hands it to MkDocs (the sitemap's dates), and the handouts and the zip ask here too.

    SOURCE_DATE_EPOCH if set; else the last commit of this project's own git checkout (not of a git
    repository it was unpacked into); else the commit time `git archive` wrote into ARCHIVE_STAMP; else
    NoReleaseDate. Never today's date: a build must say which version it is.
    """
    if epoch := environ.get("SOURCE_DATE_EPOCH", "").strip():
        if not epoch.isdigit():
            raise NoReleaseDate(
                f"SOURCE_DATE_EPOCH is '{epoch}': it must be seconds since 1970, for example {SET_THE_DATE}"
            )
        return int(epoch), "SOURCE_DATE_EPOCH"
    if (commit_time := own_commit_time(root)) is not None:
        return commit_time, "the last commit"
    stamp = root / ARCHIVE_STAMP.relative_to(ROOT)
    if stamp.is_file() and (found := re.search(r"^\s*(\d+)\s*$", stamp.read_text(encoding="utf-8"), re.M)):
        return int(found.group(1)), f"the commit `git archive` wrote into {stamp.relative_to(root)}"
    raise NoReleaseDate(
        f"{root} has no release date: it is not a git clone of the guide, nor a `git archive` of one "
        f"({stamp.relative_to(root)} holds no commit time). Build from a git clone, or set the date of the "
        f"version you have, for example {SET_THE_DATE}"
    )


def own_commit_time(root: Path) -> int | None:
    """The time of the last commit of the git checkout at `root` itself, or None: no git, no commit, or
    `root` has no .git of its own (a folder unpacked inside another repository must not take that
    repository's date). A checkout owned by another user is read all the same (safe.directory for this
    folder only): building it runs its code anyway. One git call: it runs on every build."""
    if not (Path(root) / ".git").exists():
        return None
    git = ["git", "-c", f"safe.directory={root}", "-C", str(root), "log", "-1", "--format=%ct"]
    # Git's own variables (set inside a git hook, say) would point it at another repository.
    env = {name: value for name, value in os.environ.items() if name not in ("GIT_DIR", "GIT_WORK_TREE")}
    try:
        return int(subprocess.run(git, capture_output=True, text=True, check=True, env=env).stdout)
    except (subprocess.CalledProcessError, FileNotFoundError, ValueError):
        return None


def release_date() -> dt.date:
    """The release date (release_epoch): the PDFs' dates, the booklet's "Printed from the version of", the zip's name."""
    return dt.datetime.fromtimestamp(release_epoch()[0], dt.UTC).date()


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


def budgets() -> dict:
    """bench/budgets.yml: the one place for speed and size budgets."""
    return read_yaml(BUDGETS_FILE)
