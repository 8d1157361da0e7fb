"""The build's own words: in the original language here, in another in
that language's word table (``build:`` in docs/<code>/words.yml).

Like the theme's strings (``theme.language``), these are the few words the
build itself writes into pages and downloads; everything else a reader
reads comes from the page's own source. ``{name}`` is filled in by the
build.
"""

from mkdocs.exceptions import PluginError

from . import languages

WORDS = {
    "download": "Download this notebook (.ipynb)",
    "carries": "This notebook carries the code of its page. The next "
               "cells write it into a folder `snippets/` beside the "
               "notebook, so that it runs with numpy, matplotlib and a "
               "Jupyter kernel alone: {listed}, the same modules the "
               "page shows and its tests check.",
    "source": "The source of this site",
    "untranslated": "This page is not translated yet; here it is in its "
                    "original language.",
    "outdated": "The original of this page has changed since it was "
                "translated; read {original} for what is new.",
    "original": "the original",
    "not_found": "404 - Not found",
}


def words(table):
    """The build's words, laid over by ``table``'s (a WordTable).

    >>> words(languages.WordTable("w.yml", build={"source": "Quelle"}))[
    ...     "source"]
    'Quelle'
    """
    unknown = set(table.build) - set(WORDS)
    if unknown:
        raise PluginError(
            f"{table.path}: build: {', '.join(sorted(unknown))}: the build "
            f"has no such words (it has {', '.join(WORDS)})")
    for key, text in table.build.items():
        languages.check_placeholders(f"{table.path}: build: {key}", text,
                                     WORDS[key])
    return {**WORDS, **table.build}
