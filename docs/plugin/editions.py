"""The appendix in several languages: one build per language.

Each edition has a MkDocs config of its own (Material's documented way):
``docs/zh.yml`` INHERITs ``mkdocs.yml`` and sets the language, the nav
titles and the search language, so each edition has its own theme strings,
search index and sitemap. The original lists its translations
(``translations: {zh: docs/zh.yml}``); a translation names its original
(``original: ../mkdocs.yml``). Building the original builds every
translation after it into a folder named for its language (``site/zh/``),
so one ``mkdocs build`` or ``mkdocs serve`` gives the whole site. A
translation keeps the original's paths below that folder, its address is
the original's plus that folder, and parity.py checks that its pages say
the same things as the original's in all but words.
"""

import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError

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


@dataclass(frozen=True)
class Original:
    """What a translation needs to know of the edition it translates."""

    config_file: Path
    docs_dir: Path
    site_url: str
    language: str
    nav: tuple  # the source paths its nav names, in order

    @property
    def root(self):
        return self.config_file.parent

    def path(self, src_uri):
        """A page of the original, as messages name it."""
        return (self.docs_dir / src_uri).relative_to(self.root).as_posix()

    def site_url_of(self, language):
        """A translation's address: the original's, plus its language."""
        return urljoin(self.site_url, f"{language}/")


def read_original(config_file):
    from mkdocs.config import load_config

    config_file = Path(config_file).resolve()
    if not config_file.is_file():
        raise PluginError(f"'original: {config_file}': no such config")
    config = load_config(str(config_file))
    return Original(config_file, Path(config.docs_dir).resolve(),
                    config.site_url or "/", config.theme["language"],
                    tuple(nav_sources(config.nav)))


def check_nav(original, nav, where):
    """Stop unless the translation's nav names the original's pages, in
    the original's order."""
    ours = tuple(nav_sources(nav))
    if ours != original.nav:
        missing = [uri for uri in original.nav if uri not in ours]
        extra = [uri for uri in ours if uri not in original.nav]
        detail = (f"missing {', '.join(missing)}" if missing else
                  f"not in the original: {', '.join(extra)}" if extra else
                  "the same pages in another order")
        raise PluginError(
            f"{where}: its nav must name the pages of "
            f"{original.config_file.name}'s nav in the same order "
            f"({detail})")


def build(config_file, language, site_dir, site_url):
    """Build the translation configured in ``config_file`` into
    ``site_dir``, at ``site_url``."""
    from mkdocs.commands.build import build as build_site
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir),
                         site_url=site_url)
    if config.theme["language"] != language:
        raise PluginError(
            f"{config_file}: theme.language is "
            f"'{config.theme['language']}', but the original lists it as "
            f"its '{language}' translation")
    log.info("Building the '%s' edition (%s)", language, config_file.name)
    build_site(config)
