"""The clinic's details (mkdocs.yml, `extra.clinic`) in the pages' text.

A page writes `{{ clinic.phone }}`; the build puts in the phone number. A
placeholder that mkdocs.yml does not define is reported with the file, the line
and the names that do exist.
"""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"\{\{\s*clinic\.(\w+)\s*\}\}")


def unknown_placeholders(markdown: str, clinic: dict, path: str, first_line: int = 1) -> list[str]:
    return [
        f"{path}:{first_line + markdown.count(chr(10), 0, match.start())}: "
        f"'{match.group(0)}' is not one of the clinic's details. Use one of: "
        + ", ".join(f"{{{{ clinic.{key} }}}}" for key in clinic)
        + " (set in mkdocs.yml under extra: clinic:)."
        for match in PLACEHOLDER.finditer(markdown)
        if match.group(1) not in clinic
    ]


def fill_in(markdown: str, clinic: dict) -> str:
    return PLACEHOLDER.sub(lambda match: str(clinic.get(match.group(1), match.group(0))), markdown)
