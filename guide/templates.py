"""The theme's templates (overrides/ over Material), rendered outside a page build, and the filters they use.

The PDF cover, the record card, the booklet's contents and the USB bundle's note use
the same partials as every web page (the clinic's contact box, the disclaimer), so those
words are written once, in overrides/partials/.
"""

from __future__ import annotations

from markupsafe import Markup

from guide import clinic, csp, languages


def add_filters(env, config) -> None:
    """The guide's own Jinja filters and globals, in the language `config` builds: for MkDocs' environment
    (hook) and for render() alike. `say('key', name=...)` is a sentence from languages.yml."""
    language = languages.of_config(config)
    env.filters["write_in_number"] = lambda value: Markup(clinic.number(value))
    env.filters["long_date"] = language.long_date
    env.filters["csp_hashes"] = csp.script_hashes
    env.filters["search_helper_hash"] = csp.search_helper_hash
    env.globals["guide_search_worker"] = csp.search_worker()
    env.globals["say"] = language.say


def render(config, template: str, **context) -> str:
    """Render `template` (a path in overrides/ or Material's templates) with the site's config."""
    env = config.theme.get_env()
    add_filters(env, config)
    return env.get_template(template).render(config=config, **context)


def disclaimer_text(config) -> str:
    """The medical disclaimer's words, as overrides/partials/disclaimer.html says them on screen."""
    from guide.text import soup_of, text_of  # BeautifulSoup: not for the site build, which never needs it

    box = soup_of(render(config, "partials/disclaimer.html")).select_one(".disclaimer")
    return text_of(box)
