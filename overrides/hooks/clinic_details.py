"""Put the clinic's details and protocol (mkdocs.yml `extra`) into the pages' text (guide/clinic.py).

First, every setting must be plain text a patient can read (guide/settings.py): anything
else stops the build, naming the key. `{{ clinic.phone }}` and `{{ protocol.stockings }}`
are filled in as text; an unknown name stops the build with the file and line. Templates
get the `write_in_number` filter.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from guide import languages
from guide.clinic import fill_in, load_wording
from guide.settings import settings_problems
from guide.templates import add_filters

log = logging.getLogger("mkdocs.hooks.clinic_details")
_wording: dict = {}  # protocol.yml, read once per build


def on_config(config, **kwargs):
    problems = settings_problems(config, Path(config.config_file_path or "mkdocs.yml").name)
    for problem in problems:
        log.error(problem)
    if problems:
        raise PluginError(f"{len(problems)} problem(s) with the settings above. Fix each one, then build again.")
    return config


def on_pre_build(config, **kwargs):
    _wording.clear()
    try:
        _wording.update(load_wording(language=languages.of_config(config)))
    except FileNotFoundError as error:
        raise PluginError(str(error)) from None


def on_page_markdown(markdown, page, config, **kwargs):
    path = languages.source_name(config, page.file.src_uri)
    first_line = 1 + page.file.content_string.count("\n") - markdown.count("\n")  # after the front matter
    write_in_page, language = bool(page.meta.get("write_in")), languages.of_config(config)
    text, problems = fill_in(markdown, config["extra"], _wording, path, first_line, write_in_page, language)
    for problem in problems:
        log.error(problem)
    if problems:
        raise PluginError(f"{len(problems)} problem(s) with the clinic's details or protocol above.")
    return text


def on_env(env, config, files, **kwargs):
    add_filters(env, config)
    return env
