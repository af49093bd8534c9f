"""The QR code and short address of a page's online version, for print.

Made at build time with segno (no network) and drawn as inline SVG, so it prints sharp.
"""

from __future__ import annotations

import segno

# Choosing the best of QR's 8 masks takes segno most of its time (about 80 ms a
# build, a sixth of the build). Any mask makes a valid code; the print tests read
# every page's code back with zbarimg, so one that did not scan would fail them.
MASK = 0


class AddressTooLong(ValueError):
    """A page's address does not fit in a QR code; the message says what to change."""


def print_link(url: str) -> dict:
    short = url.split("://", 1)[-1]
    try:
        code = segno.make(url, error="m", mask=MASK)
    except segno.DataOverflowError:
        raise AddressTooLong(
            f"site_url: the page address {url[:60]}... ({len(url)} characters) is too long for the QR code "
            "printed on each page. Use a shorter site_url (or SITE_URL), such as https://NAME.github.io/REPO/."
        ) from None
    svg = code.svg_inline(border=2, omitsize=True, dark="#000", light="#fff")
    return {"url": url, "short": short, "qr_svg": svg}
