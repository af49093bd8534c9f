"""Date the build with the guide's release date (guide/paths.py: SOURCE_DATE_EPOCH, else the project's
own last commit, else the commit time `git archive` wrote), or stop it in one line that says how to set it.

MkDocs dates each page, and so the sitemap's lastmod, from SOURCE_DATE_EPOCH, else today. Setting it
here gives every build, by make or not, the date the handouts and the zip get: never silently today's.
"""

from __future__ import annotations

import datetime as dt
import logging
import os

from mkdocs.exceptions import PluginError

from guide.paths import NoReleaseDate, release_epoch

log = logging.getLogger("mkdocs.hooks.release_date")


def on_config(config, **kwargs):
    try:
        epoch, source = release_epoch()
    except NoReleaseDate as error:
        raise PluginError(str(error)) from None
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    log.info(f"Release date {dt.datetime.fromtimestamp(epoch, dt.UTC):%Y-%m-%d}, from {source}")
    return config
