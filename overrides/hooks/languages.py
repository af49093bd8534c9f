"""One build per language (guide/languages.py): each page links to itself in the other languages.

- The main language's build leaves out the other languages' folders (docs/es/); another language's
  build takes the pictures and other files from docs/ unless its folder has its own.
- Every page gets `other_languages`: for each other language, the same page as a link relative to the
  page (so it works from a USB stick) and as its published address (for paper and the sitemap).
  A page with no counterpart stops the build, naming both files.
- A translated page gets `translation`: who translated it, who checked it, and whether the main
  language's page has changed since (the tests fail on that; the page says so meanwhile).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from guide import languages

log = logging.getLogger("mkdocs.hooks.languages")
_state: dict = {}


def on_config(config, **kwargs):
    try:
        lang, root = languages.of_config(config), languages.docs_root(config)
        present = languages.present(root)
    except languages.LanguageError as error:
        raise PluginError(str(error)) from None
    site_url = config.get("site_url") or ""
    root_url = site_url[: len(site_url) - len(lang.path)] if lang.path and site_url.endswith(lang.path) else site_url
    _state.update(lang=lang, docs_root=root, present=present, root_url=root_url)
    return config


def on_files(files, config, **kwargs):
    lang, root = _state["lang"], _state["docs_root"]
    if lang.main:  # the other languages' folders are their own builds
        others = [other.docs(root) for other in languages.languages() if not other.main]
        for file in list(files):
            if file.abs_src_path and any(Path(file.abs_src_path).is_relative_to(o) for o in others):
                files.remove(file)
        return files
    main_docs = languages.main().docs(root)
    for path in languages.own(main_docs, "*"):
        uri = path.relative_to(main_docs).as_posix()
        if path.is_file() and path.suffix != ".md" and files.get_file_from_path(uri) is None:
            files.append(
                File(
                    uri,
                    str(main_docs),
                    config["site_dir"],
                    config["use_directory_urls"],
                    inclusion=InclusionLevel.INCLUDED,
                )
            )
    return files


SWITCH_HERE = "<!-- guide:language-switch -->"  # main.html puts partials/language-switch.html here


def on_page_content(html, page, config, **kwargs):
    """Mark the place for the language links: just after the page's title, so "Skip to content" (which
    goes to the title) leads to them first, and Tab reaches them without going round the whole page."""
    end = html.find("</h1>")
    return html if end < 0 else html[: end + 5] + SWITCH_HERE + html[end + 5 :]


def on_page_context(context, page, config, **kwargs):
    lang, root = _state["lang"], _state["docs_root"]
    up = "../" * lang.path.count("/")  # from this language's folder to the site's root
    base = context["base_url"].rstrip("/")
    base = "" if base in ("", ".") else base + "/"
    links, missing = [], []
    for other in _state["present"]:
        if other.code == lang.code:
            continue
        if not (other.docs(root) / page.file.src_uri).is_file():
            missing.append(other)
            continue
        links.append(
            {
                "code": other.code,
                "name": other.name,
                "switch": other.switch,
                "href": f"{base}{up}{other.path}{page.url}",
                "url": f"{_state['root_url']}{other.path}{page.url}" if _state["root_url"] else None,
            }
        )
    if missing:
        raise PluginError(
            "; ".join(
                f"{Path(config['docs_dir']).name}/{page.file.src_uri}: has no page in {o.name} "
                f"({o.docs(root).relative_to(root.parent)}/{page.file.src_uri}). Every language has the same pages"
                for o in missing
            )
        )
    context["other_languages"] = links
    context["language_switch_here"] = SWITCH_HERE
    if not lang.main:
        original = languages.main().docs(root) / page.file.src_uri
        meta = page.meta
        context["translation"] = {
            "by": meta.get("translated_by") or "",
            "checked": meta.get("checked_by") or "",
            "stale": original.is_file() and str(meta.get("translation_of")) != languages.source_hash(original),
        }
    return context


def on_env(env, config, files, **kwargs):
    """The sitemap's alternates: each language's published root, for every page."""
    root_url = _state["root_url"]
    env.globals["site_languages"] = (
        [(other.code, root_url + other.path) for other in _state["present"]] if root_url else []
    )
    return env
