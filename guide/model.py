"""The content model (content-model.yml) and the checks of a page against it.

The build hook (overrides/hooks/content_model.py) runs these checks on every
page's Markdown; the tests run the same section check on the built HTML. Each
problem is reported as `docs/FILE.md:LINE: what is wrong. How to fix it.`
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from guide.paths import MODEL_FILE, read_yaml
from guide.settings import text_problem

FIELD_TYPES = ("text", "date", "integer", "boolean")


@dataclass(frozen=True)
class Field:
    name: str
    about: str
    required: bool = True
    type: str = "text"
    length: tuple[int, int] | None = None
    after: str | None = None
    not_in_future: bool = False
    range: tuple[int, int] | None = None


@dataclass(frozen=True)
class PageType:
    name: str
    about: str
    sections: tuple[str, ...]  # required `##` headings, in order
    plain_language: bool = False
    cites_sources: bool = False
    urgent_help: bool = False


@dataclass(frozen=True)
class ContentModel:
    fields: dict[str, Field]
    page_types: dict[str, PageType]
    section_classes: dict[str, str]  # section name -> class its heading gets
    special_pages: dict[str, str]  # role (urgent_help, sources, glossary) -> file name in docs/
    print_pages_max: int
    one_page_fill_max: float

    def types_marked(self, flag: str) -> frozenset[str]:
        """The names of the page types whose `flag` (plain_language, cites_sources, urgent_help) is true."""
        return frozenset(name for name, kind in self.page_types.items() if getattr(kind, flag))

    @property
    def sources_section(self) -> str:
        """The `##` section that lists a page's sources (the one with class `sources`)."""
        return next(name for name, css in self.section_classes.items() if css == "sources")

    def special_page(self, role: str, suffix: str = ".md") -> str:
        """The file name of a special page, e.g. special_page('urgent_help', '.html') -> 'urgent-help.html'."""
        return str(Path(self.special_pages[role]).with_suffix(suffix))


def load_content_model(path: Path = MODEL_FILE, language=None) -> ContentModel:
    """The content model; with `language` (guide.languages), its `##` headings in that language
    (languages.yml, `sections`), which must name every one."""
    data = read_yaml(path)

    def translated(section: str) -> str:
        if language is None or language.main:
            return section
        if section not in language.sections:
            raise ValueError(
                f"languages.yml: {language.code}: sections has no translation of '{section}' "
                f"({path.name} requires it). Add `{section}: ...` under sections"
            )
        return language.sections[section]

    settings = {key: value for key, value in data.items() if not isinstance(value, dict)}

    def resolved(pair):  # `range: [1, print_pages_max]`: a name stands for that setting
        return None if pair is None else tuple(settings.get(v, v) if isinstance(v, str) else v for v in pair)

    fields = {}
    for name, spec in data["front_matter"].items():
        spec = dict(spec)
        for key in ("length", "range"):
            spec[key] = resolved(spec.get(key))
        fields[name] = Field(name=name, **spec)
    types, classes = {}, {}
    for name, spec in data["page_types"].items():
        sections = []
        for entry in spec.get("sections") or []:
            if isinstance(entry, dict):  # `Sources: sources`: the section, and the class its heading gets
                ((entry, css),) = entry.items()
                classes[translated(entry)] = css
            sections.append(translated(entry))
        types[name] = PageType(name=name, **{**spec, "sections": tuple(sections)})
    return ContentModel(
        fields=fields,
        page_types=types,
        section_classes=classes,
        special_pages=dict(data["special_pages"]),
        print_pages_max=int(getattr(language, "print_pages_max", None) or data["print_pages_max"]),
        one_page_fill_max=float(data["one_page_fill_max"]),
    )


# --- reading a page -----------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    line: int | None  # in the Markdown; None for a heading read from HTML
    level: int
    text: str


_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_ATTRIBUTES = re.compile(r"\s*\{[^}]*\}\s*$")  # `## Title {#id}` -> `Title`


def headings(markdown: str) -> list[Heading]:
    """Each ATX heading outside code blocks."""
    found, in_fence = [], False
    for number, line in enumerate(markdown.splitlines(), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (match := _HEADING.match(line)):
            found.append(Heading(number, len(match.group(1)), _ATTRIBUTES.sub("", match.group(2)).strip()))
    return found


def title(markdown: str) -> str | None:
    """The text of the page's `# Title`."""
    return next((h.text for h in headings(markdown) if h.level == 1), None)


# --- the checks ---------------------------------------------------------------


def front_matter_problems(meta: dict, model: ContentModel) -> list[tuple[str, str]]:
    """Problems with the front matter, as (field, message)."""
    problems = []
    for field in model.fields.values():
        value = meta.get(field.name)
        if value in (None, ""):
            if field.required:
                problems.append(
                    (
                        field.name,
                        f"front matter has no '{field.name}' ({field.about}). "
                        f"Add a line `{field.name}: ...` between the --- lines at the top",
                    )
                )
            continue
        problems += [(field.name, message) for message in _value_problems(field, value, meta)]
    page_type = meta.get("page_type")
    if page_type not in (None, "") and page_type not in model.page_types:
        choices = ", ".join(model.page_types)
        problems.append(
            ("page_type", f"page_type '{page_type}' is not a page type. Use one of: {choices} (see content-model.yml)")
        )
    return problems


def _value_problems(field: Field, value, meta: dict) -> list[str]:
    name = field.name
    if field.type == "date":
        if not isinstance(value, dt.date):
            return [f"{name} '{value}' is not a date. Write it as YYYY-MM-DD, e.g. {name}: 2026-11-25"]
        earlier = meta.get(field.after) if field.after else None
        if isinstance(earlier, dt.date) and value <= earlier:
            return [f"{name} ({value}) must be after {field.after} ({earlier})"]
        if field.not_in_future and value > dt.date.today():
            return [f"{name} ({value}) is in the future. Use the date the page was actually checked"]
        return []
    if field.type == "boolean":
        return [] if isinstance(value, bool) else [f"{name} '{value}' must be true or false, e.g. {name}: true"]
    if field.type == "integer":
        low, high = field.range or (None, None)
        if not isinstance(value, int) or isinstance(value, bool):
            return [f"{name} '{value}' must be a whole number, e.g. {name}: {low or 40}"]
        if field.range and not low <= value <= high:
            return [f"{name} must be a whole number from {low} to {high} (it is {value})"]
        return []
    if not isinstance(value, str):
        return [f"{name} must be text, e.g. {name}: words on one line"]
    if problem := text_problem(value):
        return [f"{name} {problem}"]
    if field.length:
        low, high = field.length
        if not isinstance(value, str) or not low <= len(value) <= high:
            return [f"{name} must be one sentence of {low} to {high} characters (it has {len(str(value))})"]
    return []


def section_problems(found: list[Heading], page_type: str, model: ContentModel) -> list[tuple[int | None, str]]:
    """Problems with a page's headings, as (line or None, message): one `# Title`, the required `##` sections
    of its type, in order. `found` comes from the Markdown (headings()) or from the built HTML."""
    titles = [h for h in found if h.level == 1]
    problems = []
    if len(titles) != 1:
        lines = ", ".join(str(h.line) for h in titles if h.line) or "none"
        problems.append((None, f"a page needs exactly one '# Title' heading (found {len(titles)}: lines {lines})"))
    kind = model.page_types.get(page_type)
    required = list(kind.sections) if kind else []
    sections = [h for h in found if h.level == 2]
    names = [h.text for h in sections]
    previous = None
    for wanted in required:
        if wanted not in names:
            near = difflib.get_close_matches(wanted, [n for n in names if n not in required], n=1, cutoff=0.6)
            if near:
                line = sections[names.index(near[0])].line
                problems.append(
                    (
                        line,
                        f"section '## {near[0]}' should be named '## {wanted}' "
                        f"(a {page_type} page needs: {', '.join(required)})",
                    )
                )
            else:
                problems.append(
                    (
                        None,
                        f"missing section '## {wanted}'. A {page_type} page needs these ## sections, "
                        f"in order: {', '.join(required)}",
                    )
                )
            continue
        position = names.index(wanted)
        if previous and position < previous[0]:
            problems.append((sections[position].line, f"section '## {wanted}' must come after '## {previous[1]}'"))
        previous = (position, wanted)
    return problems


def field_line(source: str, field: str) -> int:
    """The line of `field:` in the front matter, or 1 (the opening ---) if it is not there."""
    match = re.search(rf"^{re.escape(field)}\s*:", source.split("\n---", 1)[0], re.MULTILINE)
    return source.count("\n", 0, match.start()) + 1 if match else 1


def page_problems(path: str, source: str, markdown: str, meta: dict, model: ContentModel) -> list[str]:
    """Every problem with one page, each as 'path:line: message.'"""
    if source.startswith("---") and not meta:
        return [
            f"{path}:{line}: the front matter between the --- lines could not be read: {message}."
            for line, message in [_yaml_error(source)]
        ]
    offset = source.count("\n") - markdown.count("\n")  # lines taken by the front matter
    located = duplicate_keys(source)
    located += [(field_line(source, field), message) for field, message in front_matter_problems(meta, model)]
    located += [
        (line and line + offset, message)
        for line, message in section_problems(headings(markdown), meta.get("page_type"), model)
    ]
    return [f"{path}:{line}: {message}." if line else f"{path}: {message}." for line, message in located]


def _front_matter(source: str) -> str:
    """The text between the --- lines, starting with the rest of the first --- line (so its line 0 is line 1)."""
    return source.split("---", 2)[1] if source.count("---") >= 2 else source


def _yaml_error(source: str) -> tuple[int, str]:
    try:
        data = yaml.safe_load(_front_matter(source))
    except ValueError as error:  # not a YAMLError: a date that does not exist, such as 2026-13-01
        return _impossible_date_line(source), f"{error}. Write a real date as YYYY-MM-DD"
    except yaml.YAMLError as error:
        # Where reading stopped; for an unclosed quote (read to the end), where the quote opened.
        mark = getattr(error, "problem_mark", None)
        if "end of stream" in str(getattr(error, "problem", "")) and getattr(error, "context_mark", None):
            mark = error.context_mark
        line = mark.line + 1 if mark else 1
        return line, f"{getattr(error, 'problem', None) or error}. Each line must look like `field: value`"
    return 1, f"it is not a list of `field: value` lines (got {type(data).__name__})"


def _impossible_date_line(source: str) -> int:
    """The line of the first front-matter value that looks like YYYY-MM-DD but is no date (1 if none)."""
    for number, line in enumerate(_front_matter(source).split("\n"), start=1):
        if match := re.match(r"^\w+:\s*[\"']?(\d{4}-\d{1,2}-\d{1,2})\b", line):
            try:
                dt.date.fromisoformat(match.group(1))
            except ValueError:
                return number
    return 1


class _DuplicateKey(Exception):
    pass


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when PyYAML has it
    """A YAML loader that stops at a key given twice, where PyYAML would keep the last one silently."""

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise _DuplicateKey(key, seen[key] + 1, key_node.start_mark.line + 1)
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def duplicate_keys(source: str) -> list[tuple[int, str]]:
    """(line, message) for a front-matter field given twice."""
    if not source.startswith("---"):
        return []
    try:
        yaml.load(_front_matter(source), Loader=_UniqueKeyLoader)
    except _DuplicateKey as duplicate:
        key, first, again = duplicate.args
        return [(again, f"'{key}' is given twice in the front matter (also on line {first}). Keep one of the two")]
    except (yaml.YAMLError, ValueError):
        return []  # reported by _yaml_error
    return []


# --- what the templates and CSS get from the model ------------------------------


def mark_sections(markdown: str, model: ContentModel) -> str:
    """Give each `##` section named in the model's section classes its class (`## Sources {: .sources }`),
    so templates and CSS style a section by its role, not by the words of its heading."""
    lines = markdown.split("\n")
    for heading in headings(markdown):
        css = model.section_classes.get(heading.text)
        if heading.level == 2 and css:
            line = lines[heading.line - 1]
            attributes = _ATTRIBUTES.search(line)
            if attributes:  # `## Sources {#refs}` -> `## Sources {#refs .sources}`
                lines[heading.line - 1] = f"{line[: attributes.start()]} {attributes.group(0).strip()[:-1]} .{css} }}"
            else:
                lines[heading.line - 1] = f"{line.rstrip().rstrip('#').rstrip()} {{: .{css} }}"
    return "\n".join(lines)
