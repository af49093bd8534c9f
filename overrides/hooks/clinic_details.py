"""Put the clinic's details (mkdocs.yml, `extra.clinic`) into the pages.

A page writes `{{ clinic.phone }}`; the build puts in the phone number from
mkdocs.yml. A placeholder that mkdocs.yml does not define stops the build with
the file, the line and the names that do exist.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

PLACEHOLDER = re.compile(r"\{\{\s*clinic\.(\w+)\s*\}\}")

log = logging.getLogger("mkdocs.hooks.clinic_details")


def fill_in(markdown: str, clinic: dict, path: str, first_line: int = 1) -> str:
    unknown = [
        f"{path}:{first_line + markdown.count(chr(10), 0, match.start())}: "
        f"'{match.group(0)}' is not one of the clinic's details. Use one of: "
        + ", ".join(f"{{{{ clinic.{key} }}}}" for key in clinic)
        + " (set in mkdocs.yml under extra: clinic:)."
        for match in PLACEHOLDER.finditer(markdown)
        if match.group(1) not in clinic
    ]
    if unknown:
        for problem in unknown:
            log.error(problem)
        raise PluginError(f"{len(unknown)} unknown clinic placeholder(s) above.")
    return PLACEHOLDER.sub(lambda match: str(clinic[match.group(1)]), markdown)


def on_page_markdown(markdown, page, config, **kwargs):
    clinic = config["extra"].get("clinic", {})
    path = f"{Path(config['docs_dir']).name}/{page.file.src_uri}"
    first_line = 1 + page.file.content_string.count("\n") - markdown.count("\n")  # after the front matter
    return fill_in(markdown, clinic, path, first_line)
