"""Give every page a QR code and short address of its online version, for print (guide/qr.py).

partials/print-link.html shows it.
"""

from __future__ import annotations

from guide.qr import print_link


def on_page_context(context, page, config, **kwargs):
    if page.canonical_url:
        context["print_link"] = print_link(page.canonical_url)
    return context
