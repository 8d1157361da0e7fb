"""Stylesheets and scripts that only some pages need.

A page lists its own in its front matter::

    assets:
      - javascripts/explorer.js
      - stylesheets/explorer.css

Stylesheets go into the page's head (Material's instant navigation adds
and removes head elements as the reader moves between pages); scripts go
at the end of the article, where instant navigation runs them again each
time the page is shown. The site's scripts and the theme's are deferred
(not those an author writes into a page).
"""

import html
import json
from pathlib import Path

from mkdocs.exceptions import PluginError

WORDS_ID = "appendix-words"


def check(paths, files, where):
    """Stop if a page asks for an asset the site does not have."""
    for path in paths:
        if files.get_file_from_path(path) is None:
            raise PluginError(f"{where}: asset '{path}' is not a file of "
                              "the site")


def by_kind(urls):
    """``(stylesheets, scripts)`` among ``urls``.

    >>> by_kind(["a.css", "c.js"])
    (['a.css'], ['c.js'])
    """
    kinds = {".css": [], ".js": []}
    for url in urls:
        kinds[Path(url).suffix].append(url)
    return kinds[".css"], kinds[".js"]


def insert(output, stylesheets=(), scripts=()):
    """``output`` (a whole page) with the stylesheets and scripts added.

    >>> insert("<head></head><article>x</article>", ["a.css"], ["a.js"])
    '<head><link rel="stylesheet" href="a.css"></head><article>x\
<script defer src="a.js"></script></article>'
    """
    if stylesheets:
        links = "".join(f'<link rel="stylesheet" href="{href}">'
                        for href in stylesheets)
        output = output.replace("</head>", links + "</head>", 1)
    if scripts:
        tags = "".join(f'<script defer src="{src}"></script>'
                       for src in scripts)
        end = "</article>" if "</article>" in output else "</body>"
        head, cut, tail = output.rpartition(end)
        output = head + tags + cut + tail
    return output


def deferred(output):
    """``output`` (a whole page) with the scripts after its article (the
    theme's and the site's) run once the page is parsed, in their order:
    a script that holds up the parser holds up the first paint on a slow
    phone, and a deferred one is fetched at a lower priority than the
    stylesheets that paint waits for. What an author wrote into the
    article stays as written.

    >>> deferred('<article><script src="x.js"></script></article>'
    ...          '<script src="a.js"></script><script>b()</script>')
    '<article><script src="x.js"></script></article><script defer \
src="a.js"></script><script>b()</script>'
    """
    head, cut, tail = output.rpartition("</article>")
    return head + cut + tail.replace("<script src=", "<script defer src=")


def insert_words(output, words):
    """``output`` with ``words`` (script name -> its words in the page's
    language) as JSON at the start of the article, where every script of
    the page finds them, also after instant navigation (in an attribute:
    instant navigation runs every script element it brings, whatever its
    type).

    >>> insert_words("<article>x</article>", {"site": {"search": "Suche"}})
    '<article><div id="appendix-words" data-words="{&quot;site&quot;: \
{&quot;search&quot;: &quot;Suche&quot;}}" hidden></div>x</article>'
    """
    if not words:
        return output
    data = html.escape(json.dumps(words, ensure_ascii=False,
                                  sort_keys=True))
    tag = f'<div id="{WORDS_ID}" data-words="{data}" hidden></div>'
    head, cut, tail = output.partition("<article")
    if not cut:
        return output.replace("</body>", tag + "</body>", 1)
    opening, close, rest = tail.partition(">")
    return head + cut + opening + close + tag + rest
