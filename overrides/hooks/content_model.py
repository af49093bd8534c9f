"""Hold every page to the content model (content-model.yml, read by guide/model.py).

- Stops the build when a page breaks a rule, as `docs/FILE.md:LINE: what is wrong. How to fix it.`,
  once every page has been read, so an editor sees every problem at once.
- Gives the sections named in the model their class (`## Sources` -> class `sources`).
- Tells the templates what the page's type asks of them (`page_rules`, e.g. an urgent-help link).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from guide.model import load_content_model, mark_sections, page_problems

log = logging.getLogger("mkdocs.hooks.content_model")
_problems: list[str] = []
_model: list = []  # the content model, read once per build


def on_pre_build(config, **kwargs):
    _problems.clear()
    _model[:] = [load_content_model()]


def on_page_markdown(markdown, page, config, files, **kwargs):
    model = _model[0]
    path = f"{Path(config['docs_dir']).name}/{page.file.src_uri}"
    for problem in page_problems(path, page.file.content_string, markdown, page.meta, model):
        log.error(problem)
        _problems.append(problem)
    return mark_sections(markdown, model)


def on_page_context(context, page, config, nav, **kwargs):
    model = _model[0]
    kind = model.page_types.get(page.meta.get("page_type"))
    urgent = nav.pages and next((p for p in nav.pages if p.file.src_uri == model.special_pages["urgent_help"]), None)
    context["page_rules"] = {
        "page_type": kind.name if kind else None,
        "urgent_help_url": urgent.url if urgent and kind and kind.urgent_help else None,
    }
    return context


def on_env(env, config, files, **kwargs):
    if _problems:
        raise PluginError(
            f"{len(_problems)} content problem(s) above. Fix each one in the file and line named, "
            "then build again. The rules are in content-model.yml."
        )
    return env
