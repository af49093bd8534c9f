"""The theme's templates (overrides/ over Material), rendered outside a page build.

The PDF cover, the booklet's contents and the USB bundle's note use the same
partials as every web page (the clinic's contact box, the disclaimer), so those
words are written once, in overrides/partials/.
"""

from __future__ import annotations

from guide.text import soup_of, text_of


def render(config, template: str, **context) -> str:
    """Render `template` (a path in overrides/ or Material's templates) with the site's config."""
    return config.theme.get_env().get_template(template).render(config=config, **context)


def disclaimer_text(config) -> str:
    """The medical disclaimer's words, as overrides/partials/disclaimer.html says them."""
    return text_of(soup_of(render(config, "partials/disclaimer.html")).select_one(".disclaimer"))
