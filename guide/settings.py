"""What a clinic may write in its settings (mkdocs.yml): plain text, real phone numbers, a plain web address.

Every value a clinic sets ends up in front of patients: in the pages, the PDFs and the
record card. So a value must be text a person can read, and nothing else:

- no control characters and no invisible Unicode format characters (a right-to-left
  override at the end of the clinic's name turns "Phone X on 0113 496 0123" around);
- no `<` or `>` (a clinic's name is never HTML);
- a phone or emergency number with digits holds only digits, spaces and `+()-`;
- `site_url` is a plain http(s) address ending in `/`.

The same text rule holds for the pages' front matter (guide/model.py). Values that pass
are still escaped wherever they are written: as HTML by the templates, as Markdown by
guide/clinic.py.
"""

from __future__ import annotations

import re
import unicodedata

# Unicode categories no setting may contain: control (Cc), format (Cf: bidi overrides,
# zero-width characters), line and paragraph separators (Zl, Zp), unassigned and private use.
FORBIDDEN_CATEGORIES = {
    "Cc": "control",
    "Cf": "invisible format",
    "Zl": "line separator",
    "Zp": "paragraph separator",
    "Cn": "unassigned",
    "Co": "private-use",
    "Cs": "surrogate",
}
NOT_TEXT = "<>"
PHONE_CHARACTERS = set("0123456789 +()-")
NUMBER_SETTINGS = ("clinic.phone", "clinic.emergency_number")
SITE_TEXT = ("site_name", "site_description", "copyright")
MULTI_LINE = ("site_description", "extra.clinic.address")
# A web address as GitHub Pages or a clinic's server gives it: letters, digits and - . _ ~ / : % only.
SITE_URL = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%/-]*)?/")


def text_problem(value: str, lines: bool = False) -> str | None:
    """Why `value` is not plain text a patient can be shown, or None. `lines`: it may have line breaks."""
    for position, character in enumerate(value, start=1):
        kind = FORBIDDEN_CATEGORIES.get(unicodedata.category(character))
        if kind and not (lines and character == "\n"):
            name = unicodedata.name(character, "unnamed")
            return (
                f"has an {kind} character at position {position} (U+{ord(character):04X} {name}), "
                "which is invisible or changes how the text around it reads. Retype the value"
            )
        if character in NOT_TEXT:
            return f"has '{character}' at position {position}. Write plain text: no HTML tags and no < or >"
    return None


def phone_problem(value: str) -> str | None:
    """Why a phone or emergency number is not one, or None. Words with no digit ("the number on your
    appointment letter") are allowed: on paper they become a line to write the number on."""
    if not any(character.isdigit() for character in value):
        return None
    bad = next((c for c in value if c not in PHONE_CHARACTERS), None)
    if bad is None:
        return None
    return (
        f"'{value}' has '{bad}' in it. A number may hold only digits, spaces and + ( ) -, e.g. 0113 496 0123; "
        "or write words with no digits for a line to write on"
    )


def settings_problems(config, config_name: str = "mkdocs.yml") -> list[str]:
    """Every problem with the clinic's settings, each as 'FILE: key: what is wrong. How to fix it.'"""
    problems = []

    def check(key: str, value) -> None:
        if value is None or isinstance(value, (bool, int, float)) or hasattr(value, "isoformat"):
            return
        if not isinstance(value, str):
            problems.append(f"{config_name}: {key}: must be one line of text, not a list or a group of settings.")
            return
        problem = text_problem(value, lines=key in MULTI_LINE)
        if problem is None and key in (f"extra.{k}" for k in NUMBER_SETTINGS):
            problem = phone_problem(value)
        if problem:
            problems.append(f"{config_name}: {key}: {problem}.")

    for name in SITE_TEXT:
        check(name, config.get(name))
    for section in ("clinic", "protocol"):
        for key, value in (config["extra"].get(section) or {}).items():
            check(f"extra.{section}.{key}", value)
    url = config.get("site_url") or ""
    if url and not SITE_URL.fullmatch(url):
        problems.append(
            f"{config_name}: site_url '{url}' is not a plain web address. Write it as https://NAME.github.io/REPO/ "
            "(letters, digits and - . _ ~ / only, ending in /), or set SITE_URL to such an address."
        )
    return problems
