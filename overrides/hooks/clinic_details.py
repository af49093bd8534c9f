"""Put the clinic's details (mkdocs.yml, `extra.clinic`) into the pages' text (guide/clinic.py).

A placeholder that mkdocs.yml does not define stops the build with the file and line.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from guide.clinic import fill_in, unknown_placeholders

log = logging.getLogger("mkdocs.hooks.clinic_details")


def on_page_markdown(markdown, page, config, **kwargs):
    clinic = config["extra"].get("clinic", {})
    path = f"{Path(config['docs_dir']).name}/{page.file.src_uri}"
    first_line = 1 + page.file.content_string.count("\n") - markdown.count("\n")  # after the front matter
    unknown = unknown_placeholders(markdown, clinic, path, first_line)
    for problem in unknown:
        log.error(problem)
    if unknown:
        raise PluginError(f"{len(unknown)} unknown clinic placeholder(s) above.")
    return fill_in(markdown, clinic)
