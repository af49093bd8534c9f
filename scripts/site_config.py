"""A mkdocs.yml for building the guide's settings from somewhere else.

The tests build small fixture sites, and `make bench` builds copied pages, with
the real settings, hooks and templates. MkDocs resolves `custom_dir` and hooks
relative to the config file, so this writes them as absolute paths.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[1]


def derived_config(docs_dir: Path | None = None, custom_dir: Path = ROOT / "overrides") -> str:
    """The text of a mkdocs.yml that inherits the real one; `docs_dir` defaults to docs/ beside it."""
    with open(ROOT / "mkdocs.yml", "rb") as real:
        hooks = [str(ROOT / hook) for hook in yaml_load(real)["hooks"]]
    lines = [f"INHERIT: {ROOT / 'mkdocs.yml'}"]
    if docs_dir is not None:
        lines.append(f"docs_dir: {docs_dir}")
    lines += ["theme:", f"  custom_dir: {custom_dir}", "hooks:"] + [f"  - {hook}" for hook in hooks]
    return "\n".join(lines) + "\n"
