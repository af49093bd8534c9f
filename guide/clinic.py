"""The clinic's details and aftercare protocol (mkdocs.yml, `extra.clinic` and `extra.protocol`) in the pages,
and the blocks of Markdown the pages share (`{{ include.warning_signs }}`).

A page writes `{{ clinic.phone }}` or `{{ protocol.stockings }}`. The build puts in the
clinic's value, or, for the protocol, the words protocol.yml gives for a value that is set
or not set. An unknown name or a value that protocol.yml does not allow is reported with
the file and line.

On paper, a detail that is still a placeholder becomes a line to write on: a phone or
emergency number with no digits, and, on pages with `write_in: true`, each protocol value
the clinic has not set (protocol.yml's `blank` words).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from guide.paths import OVERRIDES, ROOT, read_yaml

PROTOCOL_FILE = ROOT / "protocol.yml"
# Blocks of Markdown that several pages share word for word (the warning-signs box): a page writes
# `{{ include.warning_signs }}` on a line of its own and gets overrides/partials/warning-signs.md,
# with the clinic's details filled in.
SHARED = OVERRIDES / "partials"
INCLUDE = re.compile(r"^\{\{\s*include\.(\w+)\s*\}\}[ \t]*$", re.MULTILINE)
PLACEHOLDER = re.compile(r"\{\{\s*(clinic|protocol)\.(\w+)\s*\}\}")
NUMBER_FIELDS = ("phone", "emergency_number")
WRITE_IN_LINE = "__________"


@dataclass(frozen=True)
class Topic:
    name: str
    setting: str  # "protocol.stockings_days" or "clinic.out_of_hours"
    set: str | dict[str, str]
    unset: str
    blank: str


def load_wording(path: Path = PROTOCOL_FILE, language=None) -> dict[str, Topic]:
    """protocol.yml's words, or, for `language` es, protocol.es.yml's (the same topics, each in that language)."""
    if language is not None:
        path = language.suffixed(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path.relative_to(ROOT)}: not found. Translate {PROTOCOL_FILE.name} into it")
    data = read_yaml(path)
    return {name: Topic(name=name, **spec) for name, spec in data.items()}


def setting_value(extra: dict, setting: str) -> str:
    """The clinic's value for a setting such as 'protocol.stockings_days' ('' when not set)."""
    section, key = setting.split(".", 1)
    value = (extra.get(section) or {}).get(key)
    if isinstance(value, bool):  # YAML reads an unquoted yes / no as true / false
        return "yes" if value else "no"
    return "" if value is None else str(value).strip()


def has_number(value: str) -> bool:
    return any(character.isdigit() for character in str(value))


# The characters Python-Markdown lets a backslash escape (its ESCAPED_CHARS, with the tables extension's |).
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")


def as_text(value: str) -> str:
    """A setting's value as HTML text (for the templates)."""
    return html.escape(str(value))


def as_markdown_text(value: str) -> str:
    """A setting's value as Markdown that reads as exactly those words: `*496*` stays `*496*` and
    `[x](javascript:...)` stays text, never emphasis or a link."""
    text = html.escape(" ".join(str(value).split()), quote=False)
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def write_in(screen: str, paper: str, escape=as_text) -> str:
    """HTML that shows `screen` on screen and `paper` in print (print.css: .write-in)."""
    return f'<span class="write-in" data-print="{html.escape(paper)}"><span>{escape(screen)}</span></span>'


def number(value: str, escape=as_text) -> str:
    """A phone or emergency number: as text, or, while it is still words, a line to write on in print."""
    return escape(value) if has_number(value) else write_in(str(value), WRITE_IN_LINE, escape)


def protocol_words(topic: Topic, extra: dict, on_paper_blank: bool, escape=as_markdown_text) -> tuple[str, str | None]:
    """(Markdown, problem or None) for one protocol topic with the clinic's settings; `escape=str` gives
    the words as a reader sees them."""
    value = setting_value(extra, topic.setting)
    if not value:
        return (write_in(topic.unset, topic.blank) if on_paper_blank else topic.unset), None
    if isinstance(topic.set, dict):
        if value not in topic.set:
            allowed = ", ".join(f'"{v}"' for v in topic.set)
            return (
                topic.unset,
                f"mkdocs.yml: extra.{topic.setting} is '{value}'. Use one of: {allowed}, or \"\" for not set.",
            )
        return topic.set[value], None
    return topic.set.replace("{value}", escape(value)), None


def fill_in(
    markdown: str,
    extra: dict,
    wording: dict[str, Topic],
    path: str,
    first_line: int = 1,
    write_in_page: bool = False,
    language=None,
) -> tuple[str, list[str]]:
    """The page with every placeholder filled in, and the problems found (each naming the file and line).
    A shared block is the page's language's (warning-signs.es.md for `language` es)."""
    clinic = extra.get("clinic") or {}
    problems: list[str] = []

    def replace(match: re.Match) -> str:
        kind, name = match.groups()
        where = f"{path}:{first_line + markdown.count(chr(10), 0, match.start())}"
        if kind == "clinic":
            if name not in clinic:
                names = ", ".join(f"{{{{ clinic.{key} }}}}" for key in clinic)
                problems.append(
                    f"{where}: '{match.group(0)}' is not one of the clinic's details. Use one of: {names} "
                    "(set in mkdocs.yml under extra: clinic:)."
                )
                return match.group(0)
            value = clinic[name]
            return number(value, as_markdown_text) if name in NUMBER_FIELDS else as_markdown_text(value)
        topic = wording.get(name)
        if topic is None:
            names = ", ".join(f"{{{{ protocol.{key} }}}}" for key in wording)
            problems.append(f"{where}: '{match.group(0)}' is not a protocol topic. Use one of: {names} (protocol.yml).")
            return match.group(0)
        words, problem = protocol_words(topic, extra, on_paper_blank=write_in_page)
        if problem and problem not in problems:
            problems.append(problem)
        return words

    text = PLACEHOLDER.sub(replace, markdown)

    def include(match: re.Match) -> str:
        name = match.group(1)
        block = SHARED / f"{name.replace('_', '-')}.md"
        block = language.suffixed(block) if language is not None else block
        if not block.is_file():
            where = f"{path}:{first_line + markdown.count(chr(10), 0, markdown.find(match.group(0)))}"
            shared = sorted(p for p in SHARED.glob("*.md") if "." not in p.stem)  # warning-signs.md, not .es.md
            names = ", ".join(f"{{{{ include.{p.stem.replace('-', '_')} }}}}" for p in shared)
            problems.append(
                f"{where}: '{match.group(0)}' is not a shared block. Use one of: {names} "
                f"(the Markdown files in {SHARED.relative_to(ROOT)}/)."
            )
            return match.group(0)
        source = f"{SHARED.relative_to(ROOT)}/{block.name}"
        filled, more = fill_in(block.read_text(encoding="utf-8"), extra, wording, source, 1, write_in_page, language)
        problems.extend(more)
        return filled.rstrip("\n")

    return INCLUDE.sub(include, text), problems


def unfinished_details(extra: dict) -> list[str]:
    """The clinic's details that are still placeholders, for the release check of `make handouts` / `make offline`."""
    clinic = extra.get("clinic") or {}
    found = []
    if not clinic.get("name") or str(clinic["name"]).lower().startswith("your "):
        found.append(f"name ('{clinic.get('name', '')}')")
    found += [
        f"{key} ('{clinic.get(key, '')}' has no number)" for key in NUMBER_FIELDS if not has_number(clinic.get(key, ""))
    ]
    if not has_number(clinic.get("out_of_hours", "")):
        found.append("out_of_hours (no out-of-hours service and number)")
    if not all(clinic.get(key) for key in APPROVAL_FIELDS):
        found.append(f"{', '.join(APPROVAL_FIELDS)} (no clinician has approved the guide for this clinic yet)")
    return found


APPROVAL_FIELDS = ("approved_by", "approved_role", "approved_on")
