"""Give every page a QR code and short address of its online version, for print (guide/qr.py).

partials/print-link.html shows it.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from guide.qr import AddressTooLong, print_link


def on_page_context(context, page, config, **kwargs):
    if page.canonical_url:
        try:
            context["print_link"] = print_link(page.canonical_url)
        except AddressTooLong as error:
            raise PluginError(str(error)) from None
    return context
