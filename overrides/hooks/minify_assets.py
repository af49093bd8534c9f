"""Smaller files for every page: our own stylesheets and pictures are minified in the built site.

The sources stay readable (comments, indentation) in overrides/ and docs/; only the copies in
site/ are minified: CSS with rcssmin, and the SVG pictures by dropping their comments and
indentation. Material's own files are already minified; minify_html does the HTML.
"""

from __future__ import annotations

import re
from pathlib import Path

import rcssmin

from guide.paths import OVERRIDES

_SVG_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SVG_INDENT = re.compile(r"\n\s*")


def on_post_build(config, **kwargs):
    site = Path(config["site_dir"])
    for ours in (OVERRIDES / "assets" / "stylesheets").glob("*.css"):
        path = site / "assets" / "stylesheets" / ours.name
        if path.is_file():
            path.write_text(rcssmin.cssmin(path.read_text(encoding="utf-8")), encoding="utf-8")
    for path in (site / "images" / "figures").glob("*.svg"):
        text = path.read_text(encoding="utf-8")
        path.write_text(_SVG_INDENT.sub("\n", _SVG_COMMENT.sub("", text)).strip() + "\n", encoding="utf-8")
