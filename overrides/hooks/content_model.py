"""Stop the build when a page breaks the content model (content-model.yml).

Every page needs the front-matter fields listed in content-model.yml, one
`# Title`, and the `##` sections its page type requires, in order. Problems are
reported as `docs/FILE.md:LINE: what is wrong. How to fix it.` and the build
stops once every page has been read, so an editor sees them all at once.

The tests read the same content-model.yml through `load_content_model()` and
check the built HTML on their own, so the rule lives in one place.
"""

from __future__ import annotations

import datetime as dt
import difflib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

MODEL_FILE = Path(__file__).resolve().parents[2] / "content-model.yml"
DESCRIPTION_LENGTH = (50, 160)

log = logging.getLogger("mkdocs.hooks.content_model")
_problems: list[str] = []
_model: list = []  # the content model, read once per build


@dataclass(frozen=True)
class ContentModel:
    fields: dict[str, str]  # front-matter field -> what it holds
    sections: dict[str, list[str]]  # page type -> required `##` headings, in order
    reading_grade_max: float
    print_pages_max: int
    plain_language: frozenset[str]  # page types whose text must be plain
    cites_sources: frozenset[str]  # page types that must cite the sources page
    urgent_help: frozenset[str]  # page types that must link to urgent help


def load_content_model(path: Path = MODEL_FILE) -> ContentModel:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    types = data["page_types"]

    def marked(flag: str) -> frozenset[str]:
        return frozenset(name for name, spec in types.items() if spec.get(flag))

    return ContentModel(
        fields=dict(data["front_matter"]),
        sections={name: list(spec["sections"]) for name, spec in types.items()},
        reading_grade_max=float(data["reading_grade_max"]),
        print_pages_max=int(data["print_pages_max"]),
        plain_language=marked("plain_language"),
        cites_sources=marked("cites_sources"),
        urgent_help=marked("urgent_help"),
    )


# --- reading a page -----------------------------------------------------------

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_ATTRIBUTES = re.compile(r"\s*\{[^}]*\}\s*$")  # `## Title {#id}` -> `Title`


def headings(markdown: str) -> list[tuple[int, int, str]]:
    """(line number, level, text) of each ATX heading outside code blocks."""
    found, in_fence = [], False
    for number, line in enumerate(markdown.splitlines(), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (match := _HEADING.match(line)):
            text = _ATTRIBUTES.sub("", match.group(2)).strip()
            found.append((number, len(match.group(1)), text))
    return found


# --- the checks ---------------------------------------------------------------


def check_front_matter(meta: dict, model: ContentModel) -> list[tuple[str, str]]:
    """Problems with the front matter, as (field, message)."""
    problems = []
    for field, meaning in model.fields.items():
        if meta.get(field) in (None, ""):
            problems.append((field, f"front matter has no '{field}' ({meaning}). Add a line `{field}: ...` between the --- lines at the top"))
    page_type = meta.get("page_type")
    if page_type not in (None, "") and page_type not in model.sections:
        choices = ", ".join(model.sections)
        problems.append(("page_type", f"page_type '{page_type}' is not a page type. Use one of: {choices} (see content-model.yml)"))
    for field in ("last_reviewed", "next_review"):
        value = meta.get(field)
        if value not in (None, "") and not isinstance(value, dt.date):
            problems.append((field, f"{field} '{value}' is not a date. Write it as YYYY-MM-DD, e.g. {field}: 2026-11-25"))
    last, following = meta.get("last_reviewed"), meta.get("next_review")
    if isinstance(last, dt.date) and isinstance(following, dt.date) and following <= last:
        problems.append(("next_review", f"next_review ({following}) must be after last_reviewed ({last})"))
    if isinstance(last, dt.date) and last > dt.date.today():
        problems.append(("last_reviewed", f"last_reviewed ({last}) is in the future. Use the date the page was actually checked"))
    description = meta.get("description")
    if description not in (None, ""):
        low, high = DESCRIPTION_LENGTH
        if not isinstance(description, str) or not low <= len(description) <= high:
            problems.append(("description", f"description must be one sentence of {low} to {high} characters (it has {len(str(description))})"))
    return problems


def _field_line(source: str, field: str) -> int:
    """The line of `field:` in the front matter, or 1 (the opening ---) if it is not there."""
    match = re.search(rf"^{re.escape(field)}\s*:", source.split("\n---", 1)[0], re.MULTILINE)
    return source.count("\n", 0, match.start()) + 1 if match else 1


def check_sections(markdown: str, page_type: str, model: ContentModel) -> list[tuple[int, str]]:
    """Problems with the headings, as (line in `markdown` or None, message)."""
    found = headings(markdown)
    titles = [h for h in found if h[1] == 1]
    problems = []
    if len(titles) != 1:
        lines = ", ".join(str(line) for line, _, _ in titles) or "none"
        problems.append((None, f"a page needs exactly one '# Title' heading (found {len(titles)}: lines {lines})"))

    required = model.sections.get(page_type, [])
    sections = [(line, text) for line, level, text in found if level == 2]
    names = [text for _, text in sections]
    previous = None
    for wanted in required:
        if wanted not in names:
            near = difflib.get_close_matches(wanted, [n for n in names if n not in required], n=1, cutoff=0.6)
            if near:
                line = sections[names.index(near[0])][0]
                problems.append((line, f"section '## {near[0]}' should be named '## {wanted}' (a {page_type} page needs: {', '.join(required)})"))
            else:
                problems.append((None, f"missing section '## {wanted}'. A {page_type} page needs these ## sections, in order: {', '.join(required)}"))
            continue
        line = sections[names.index(wanted)][0]
        if previous and line < previous[0]:
            problems.append((line, f"section '## {wanted}' must come after '## {previous[1]}'"))
        previous = (line, wanted)
    return problems


def page_problems(path: str, source: str, markdown: str, meta: dict, model: ContentModel) -> list[str]:
    """Every problem with one page, each as 'path:line: message.'"""
    if source.startswith("---") and not meta:
        return [f"{path}:1: the front matter between the --- lines could not be read: {_yaml_error(source)}"]
    offset = source.count("\n") - markdown.count("\n")  # lines taken by the front matter
    located = [(_field_line(source, field), message) for field, message in check_front_matter(meta, model)]
    located += [(line and line + offset, message) for line, message in check_sections(markdown, meta.get("page_type"), model)]
    return [f"{path}:{line}: {message}." if line else f"{path}: {message}." for line, message in located]


def _yaml_error(source: str) -> str:
    block = source.split("---", 2)[1] if source.count("---") >= 2 else source
    try:
        data = yaml.safe_load(block)
    except (yaml.YAMLError, ValueError) as error:  # ValueError: a date such as 2026-13-01
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        return f"{getattr(error, 'problem', None) or error}{where}. Each line must look like `field: value`"
    return f"it is not a list of `field: value` lines (got {type(data).__name__})"


# --- MkDocs events ------------------------------------------------------------


def on_pre_build(config, **kwargs):
    _problems.clear()
    _model[:] = [load_content_model()]


def on_page_markdown(markdown, page, config, files, **kwargs):
    path = f"{Path(config['docs_dir']).name}/{page.file.src_uri}"
    for problem in page_problems(path, page.file.content_string, markdown, page.meta, _model[0]):
        log.error(problem)
        _problems.append(problem)
    return markdown


def on_env(env, config, files, **kwargs):
    if _problems:
        raise PluginError(
            f"{len(_problems)} content problem(s) above. Fix each one in the file and line named, "
            "then build again. The rules are in content-model.yml."
        )
    return env
