"""Every picture is a figure a patient can read without seeing it (guide/figures.py).

Stops the build, naming the page or the file, when a picture has no alt text or no
caption, or when a file in docs/images/figures/ is unused or over its size budget.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError

from guide import languages
from guide.figures import file_problems, picture_problems
from guide.paths import budgets

log = logging.getLogger("mkdocs.hooks.figures")
_problems: list[str] = []
_used: set[str] = set()  # the pictures' paths in docs/


def on_pre_build(config, **kwargs):
    _problems.clear()
    _used.clear()


def on_page_content(html, page, config, **kwargs):
    path = languages.source_name(config, page.file.src_uri)
    problems, sources = picture_problems(html)
    _problems.extend(f"{path}: {problem}." for problem in problems)
    folder = posixpath.dirname(page.file.src_uri)
    _used.update(posixpath.normpath(posixpath.join(folder, src)) for src in sources if "://" not in src)
    return html


def on_env(env, config, files, **kwargs):
    kb_max = budgets()["figure_kb_max"]
    _problems.extend(file_problems(Path(config["docs_dir"]), _used, kb_max))
    for problem in _problems:
        log.error(problem)
    if _problems:
        raise PluginError(f"{len(_problems)} problem(s) with the pictures above.")
    return env
