"""Build the menu from the pages' front matter (guide/nav.py), so adding a page is one file."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from guide.nav import NavError, menu


def on_config(config, **kwargs):
    if config["nav"] is None:
        try:
            config["nav"] = menu(Path(config["docs_dir"]))
        except NavError as error:
            raise PluginError(str(error)) from None
    return config
