"""Mark links to other websites so that print shows their address.

On paper a link cannot be clicked, so print.css writes the address after the
link text: but only where the text is not already the address (as it is in
<https://...> links), hence the mark, `class="print-address"`.
"""

from __future__ import annotations

import html
import re

_EXTERNAL_LINK = re.compile(r'<a href="(https?://[^"]+)"([^>]*)>(.*?)</a>', re.DOTALL)


def _mark(match: re.Match) -> str:
    href, attributes, text = match.groups()
    if html.unescape(re.sub(r"<[^>]+>", "", text)).strip() == html.unescape(href):
        return match.group(0)
    return f'<a href="{href}" class="print-address"{attributes}>{text}</a>'


def on_page_content(content, page, config, files, **kwargs):
    return _EXTERNAL_LINK.sub(_mark, content)
