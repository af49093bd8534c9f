"""The guide's languages (languages.yml): each one's words, its settings, and its pages' translation state.

The main language (the first in languages.yml) is built from mkdocs.yml and docs/ into site/. Each other
language is built from a settings file made here, which inherits mkdocs.yml (so the clinic's details and
protocol are set once) and changes only the language, its folders, its address and its names.

A translated page says in its front matter which version of the main language's page it translates:

    translation_of: 3f9c2a1b7d04   # the first 12 hex digits of the sha256 of docs/aftercare.md
    translated_by: the guide's editors
    checked_by: ""                 # a native-speaking clinician, once they have checked it

`translation_problems` names every page whose main-language page has changed since.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape

from guide.paths import (
    BASE_CONFIG,
    DOCS_ROOT,
    LANGUAGES_FILE,
    ROOT,
    config_of,
    docs_of,
    language_path,
    read_yaml,
)

TRANSLATION_FIELDS = ("translation_of", "translated_by", "checked_by")


class LanguageError(Exception):
    """languages.yml, or a language's files, cannot be used; the message names the file and what to change."""


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in its own words: "Español"
    switch: str  # the link to it, in its own words: "Esta página en español"
    main: bool
    words: dict[str, str]
    sections: dict[str, str] = field(default_factory=dict)  # content-model.yml's `##` headings -> this language's
    clinic_defaults: dict[str, str] = field(default_factory=dict)
    months: tuple[str, ...] = ()
    date: str = "{day} {month} {year}"
    reading: dict = field(default_factory=dict)
    checks: dict = field(default_factory=dict)
    print_pages_max: int | None = None  # content-model.yml's, unless this language's text runs longer
    settings: dict = field(default_factory=dict)  # site_name, site_description, copyright

    @property
    def path(self) -> str:
        """Where its pages go in the site: "" or "es/"."""
        return language_path(self.code)

    def docs(self, docs_root: Path = DOCS_ROOT) -> Path:
        return docs_of(self.code, docs_root)

    def suffixed(self, path: Path) -> Path:
        """A shared file in this language: protocol.yml -> protocol.es.yml (the main language's has no suffix)."""
        return path if self.main else path.with_name(f"{path.stem}.{self.code}{path.suffix}")

    def say(self, key: str, **values) -> Markup:
        """One of the language's sentences (languages.yml, `words`) as HTML, with `values` filled in: text values
        are escaped, Markup (a write-in line) is kept."""
        try:
            sentence = self.words[key]
        except KeyError:
            raise LanguageError(f"{LANGUAGES_FILE.name}: {self.code}: words has no '{key}'. Add it.") from None
        return Markup(escape(sentence)).format(**values)

    def long_date(self, value) -> str:
        """2026-11-25 -> '25 November 2026' / '25 de noviembre de 2026' (a date, or YYYY-MM-DD text)."""
        if isinstance(value, str):
            value = dt.date.fromisoformat(value)
        return self.date.format(day=value.day, month=self.months[value.month - 1], year=value.year)


_SETTINGS = ("site_name", "site_description", "copyright")
_REQUIRED = ("name", "switch", "words", "months", "date", "reading")


def languages() -> list[Language]:
    """Every language in languages.yml, the main one first."""
    data = read_yaml(LANGUAGES_FILE)
    found, main_words = [], None
    for position, (code, spec) in enumerate(data.items()):
        where = f"{LANGUAGES_FILE.name}: {code}"
        if missing := [key for key in _REQUIRED if key not in spec]:
            raise LanguageError(f"{where}: has no {', '.join(missing)}. Copy them from the first language")
        if position and (missing := [key for key in _SETTINGS if not spec.get(key)]):
            raise LanguageError(f"{where}: has no {', '.join(missing)} in this language. Add them")
        if len(spec["months"]) != 12:
            raise LanguageError(f"{where}: months must name all 12 months")
        main_words = main_words or spec["words"]
        if missing := [key for key in main_words if key not in spec["words"]]:
            raise LanguageError(f"{where}: words has no {', '.join(missing)}. Translate them from the first language")
        found.append(
            Language(
                code=code,
                name=spec["name"],
                switch=spec["switch"],
                main=position == 0,
                words=dict(spec["words"]),
                sections=dict(spec.get("sections") or {}),
                clinic_defaults=dict(spec.get("clinic_defaults") or {}),
                months=tuple(spec["months"]),
                date=spec["date"],
                reading=dict(spec["reading"]),
                checks=dict(spec.get("checks") or {}),
                print_pages_max=spec.get("print_pages_max"),
                settings={key: spec[key] for key in _SETTINGS if key in spec},
            )
        )
    return found


def language(code: str) -> Language:
    for candidate in languages():
        if candidate.code == code:
            return candidate
    codes = ", ".join(lang.code for lang in languages())
    raise LanguageError(f"'{code}' is not a language of the guide. Use one of: {codes} ({LANGUAGES_FILE.name})")


def of_config(config) -> Language:
    """The language a MkDocs configuration builds (theme.language)."""
    return language(config["theme"]["language"])


def main() -> Language:
    return languages()[0]


def under_test() -> Language:
    """The language the tests check (GUIDE_LANGUAGE, else the main one)."""
    from guide.paths import LANGUAGE

    return language(LANGUAGE)


def docs_root(config) -> Path:
    """The folder of the main language's pages (docs/), from any language's configuration."""
    docs, lang = Path(config["docs_dir"]), of_config(config)
    return docs if lang.main else docs.parents[lang.path.count("/") - 1]


def source_name(config, src_uri: str) -> str:
    """How messages name a page's file: docs/aftercare.md, docs/es/aftercare.md."""
    return f"{docs_root(config).name}/{of_config(config).path}{src_uri}"


# --- each language's settings file --------------------------------------------------


def clinic_in(lang: Language, clinic: dict) -> dict:
    """The clinic's details a page in `lang` shows: what mkdocs.yml sets, with a detail still at the main
    language's default ("your clinic") in this language's words ("su clínica")."""
    defaults = main().clinic_defaults
    return {
        key: lang.clinic_defaults[key]
        for key, value in clinic.items()
        if key in defaults and key in lang.clinic_defaults and str(value).strip() == defaults[key]
    }


def write_config(lang: Language, base: Path = BASE_CONFIG) -> Path:
    """Write the settings file `lang` is built with (build/languages/mkdocs.es.yml) and return its path:
    `base` (mkdocs.yml, with SITE_URL applied) in this language."""
    from guide.paths import derived_config, load_site_config

    if lang.main:
        return base
    config = load_site_config(base)
    own = {
        **lang.settings,
        "site_url": config.site_url + lang.path if config.site_url else None,
        "theme": {"language": lang.code},
        "extra": {"clinic": clinic_in(lang, config.extra.get("clinic") or {})},
    }
    # The theme's toggles are words too: mkdocs.yml's, in the main language, become this language's.
    toggles = {main().words[key]: lang.words[key] for key in ("dark_mode", "light_mode")}
    palettes = [dict(palette) for palette in config.theme.get("palette") or []]
    for palette in palettes:
        if "toggle" in palette:
            name = palette["toggle"].get("name")
            palette["toggle"] = {**palette["toggle"], "name": toggles.get(name, name)}
    if palettes:
        own["theme"]["palette"] = palettes
    docs = Path(config.docs_dir)
    path = config_of(lang.code, base)
    path.parent.mkdir(parents=True, exist_ok=True)
    custom_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else ROOT / "overrides"
    text = derived_config(docs_dir=lang.docs(docs), custom_dir=custom_dir, base=base.resolve(), settings=own)
    path.write_text(text, encoding="utf-8")
    return path


# --- translations: present, and up to date ------------------------------------------


def source_hash(page: Path) -> str:
    """The version of a main-language page that a translation records: 12 hex digits of its sha256."""
    return hashlib.sha256(page.read_bytes()).hexdigest()[:12]


def present(docs_root: Path) -> list[Language]:
    """The languages this site has: the main one, and each other one whose folder exists in docs/."""
    return [lang for lang in languages() if lang.main or lang.docs(docs_root).is_dir()]


def translation_problems(lang: Language, docs_root: Path, meta_of) -> list[str]:
    """What is wrong with `lang`'s pages against the main language's: a page missing on either side, or a
    translation of an older version (`translation_of`). `meta_of(path)` gives a page's front matter."""
    if lang.main:
        return []
    here, there = lang.docs(docs_root), main().docs(docs_root)

    def rel(path: Path) -> str:  # docs/es/aftercare.md
        return os.path.relpath(path, docs_root.parent)

    originals = {p.relative_to(there).as_posix() for p in own(there, "*.md")}
    translated = {p.relative_to(here).as_posix() for p in here.rglob("*.md")}
    problems = [
        f"{rel(here / name)}: has no page {rel(there / name)} to translate. "
        f"Pages have the same file names in every language: rename or remove it"
        for name in sorted(translated - originals)
    ]
    problems += [
        f"{rel(there / name)}: has no translation {rel(here / name)}. Translate it "
        f"(translation_of: {source_hash(there / name)})"
        for name in sorted(originals - translated)
    ]
    for name in sorted(originals & translated):
        page, original = here / name, there / name
        meta = meta_of(page)
        now = source_hash(original)
        if missing := [key for key in TRANSLATION_FIELDS if key not in meta]:
            problems.append(
                f"{rel(page)}:1: front matter has no {', '.join(missing)}. A translation says which version "
                f"it translates, who translated it and who checked it: translation_of: {now}, translated_by: "
                f'..., checked_by: "" (until a native-speaking clinician has)'
            )
        elif str(meta["translation_of"]) != now:
            problems.append(
                f"{rel(page)}: translates an older {rel(original)} (translation_of: "
                f"{meta['translation_of']}, now {now}). Update the changed parts (git log -p {rel(original)}), "
                f"then set translation_of: {now}"
            )
    return problems


def own(folder: Path, pattern: str) -> list[Path]:
    """The files matching `pattern` in one language's folder (docs/, site/, docs/es/...), at any depth, less the
    other languages' folders inside it (docs/es/ is not the main language's)."""
    others = {lang.code for lang in languages() if not lang.main}
    return sorted(p for p in Path(folder).rglob(pattern) if p.relative_to(folder).parts[0] not in others)
