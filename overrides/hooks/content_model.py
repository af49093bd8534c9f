"""Hold every page to the content model (content-model.yml, read by guide/model.py).

- Stops the build when a page breaks a rule, as `docs/FILE.md:LINE: what is wrong. How to fix it.`,
  once every page has been read, so an editor sees every problem at once. The rules: the content
  model, and nothing that runs code, no NUL bytes, no links to missing files (guide/safety.py).
- Gives the sections named in the model their class (`## Sources` -> class `sources`).
- Tells the templates what the page's type asks of them (`page_rules`, e.g. an urgent-help link).
"""

from __future__ import annotations

import logging

from markupsafe import escape
from mkdocs.exceptions import PluginError

from guide import languages, safety
from guide.model import load_content_model, mark_sections, page_problems

log = logging.getLogger("mkdocs.hooks.content_model")
_problems: list[str] = []
_model: list = []  # the content model, read once per build


def on_pre_build(config, **kwargs):
    _problems.clear()
    try:
        _model[:] = [load_content_model(language=languages.of_config(config))]
    except ValueError as error:
        raise PluginError(str(error)) from None


def on_page_markdown(markdown, page, config, files, **kwargs):
    model = _model[0]
    path = languages.source_name(config, page.file.src_uri)
    source = page.file.content_string
    problems = page_problems(path, source, markdown, page.meta, model)
    located = safety.source_problems(source) + safety.link_problems(
        source, page.file.src_uri, lambda uri: files.get_file_from_path(uri) is not None
    )
    problems += [f"{path}:{line}: {message}." for line, message in sorted(located)]
    _report(problems)
    return mark_sections(markdown, model)


def on_page_content(html, page, config, **kwargs):
    path = languages.source_name(config, page.file.src_uri)
    _report(
        f"{path}: the page's HTML {problem} (written in the Markdown in another form). Remove it."
        for problem in safety.html_problems(html)
    )
    return html


def _report(problems) -> None:
    for problem in problems:
        log.error(problem)
        _problems.append(problem)


def on_page_context(context, page, config, nav, **kwargs):
    model = _model[0]
    # Front matter is text: made HTML-safe once, here, for every template (Material writes
    # page.meta.description into an attribute as it is).
    for name, field in model.fields.items():
        if field.type == "text" and isinstance(page.meta.get(name), str):
            page.meta[name] = escape(page.meta[name])
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
