"""The QR code and short address of a page's online version, for print.

Made at build time with segno (no network) and drawn as inline SVG, so it prints sharp.
"""

from __future__ import annotations

import segno

# Choosing the best of QR's 8 masks takes segno most of its time (about 80 ms a
# build, a sixth of the build). Any mask makes a valid code; the print tests read
# every page's code back with zbarimg, so one that did not scan would fail them.
MASK = 0


def print_link(url: str) -> dict:
    short = url.split("://", 1)[-1]
    svg = segno.make(url, error="m", mask=MASK).svg_inline(border=2, omitsize=True, dark="#000", light="#fff")
    return {"url": url, "short": short, "qr_svg": svg}
