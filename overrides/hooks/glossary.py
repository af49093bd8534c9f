"""Explain medical words wherever they appear, from the one glossary page (guide/glossary.py).

The glossary's words become abbreviations for Python-Markdown's `abbr`
extension; guide/markdown_ext.py keeps the tooltip on a word's first use only.
"""

from __future__ import annotations

from pathlib import Path

from guide.glossary import defined_words
from guide.model import load_content_model


def on_config(config, **kwargs):
    page = Path(config["docs_dir"]) / load_content_model().special_pages["glossary"]
    abbr = config["mdx_configs"].setdefault("abbr", {})
    abbr["glossary"] = {**defined_words(page), **abbr.get("glossary", {})}
    return config
