"""The appendix in several languages: one build per language.

Each edition is a plain MkDocs site made from the same config,
``mkdocs.yml``, with its own ``theme.language`` (Material's documented way
for a site in several languages: the theme's strings, ``<html lang>``,
the search language and segmentation follow it). The appendix plugin
finds the edition among its ``languages`` (languages.py) and derives the
rest: the nav titles and site name from the edition's word table, each
page's words from its folder, the language switcher from the list. The
original's build builds every other edition after itself, into a folder
named for its language (``site/<code>/``) at its address plus that folder, so
one ``mkdocs build`` or ``mkdocs serve`` gives the whole site.
"""

import logging
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.appendix.editions")


def nav_sources(nav):
    """Every file a nav names, in order.

    >>> list(nav_sources(["a.md", {"B": [{"C": "c.md"}]}]))
    ['a.md', 'c.md']
    """
    for entry in nav or []:
        value = entry if isinstance(entry, str) else next(iter(
            entry.values()))
        if isinstance(value, list):
            yield from nav_sources(value)
        else:
            yield value


def theme_of(config_file):
    """The ``theme`` mapping that ``config_file`` sets (INHERIT and !ENV
    resolved as MkDocs resolves them)."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, "rb") as file:
        theme = yaml_load(file).get("theme") or {}
    return {"name": theme} if isinstance(theme, str) else dict(theme)


def config(config_file, language, **options):
    """The MkDocs config of the edition in ``language`` (a code), loaded
    from the original's ``config_file`` with ``options`` (site_dir,
    site_url...)."""
    from mkdocs.config import load_config

    theme = {**theme_of(config_file), "language": language}
    return load_config(str(config_file), theme=theme, **options)


def build(config_file, language, site_dir, site_url):
    """Build the edition in ``language`` into ``site_dir``, at
    ``site_url``."""
    from mkdocs.commands.build import build as build_site

    log.info("Building the '%s' edition", language)
    build_site(config(Path(config_file), language, site_dir=str(site_dir),
                      site_url=site_url))
