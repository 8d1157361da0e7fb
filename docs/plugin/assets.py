"""Stylesheets and scripts that only some pages need.

A page lists its own in its front matter::

    assets:
      - javascripts/explorer.js
      - stylesheets/explorer.css

Stylesheets go into the page's head (Material's instant navigation adds
and removes head elements as the reader moves between pages); scripts go
at the end of the article, where instant navigation runs them again each
time the page is shown.
"""

from mkdocs.exceptions import PluginError


def check(paths, files, where):
    """Stop if a page asks for an asset the site does not have."""
    for path in paths:
        if files.get_file_from_path(path) is None:
            raise PluginError(f"{where}: asset '{path}' is not a file of "
                              "the site")


def insert(output, stylesheets=(), scripts=()):
    """``output`` (a whole page) with the stylesheets and scripts added.

    >>> insert("<head></head><article>x</article>", ["a.css"], ["a.js"])
    '<head><link rel="stylesheet" href="a.css"></head><article>x\
<script src="a.js"></script></article>'
    """
    if stylesheets:
        links = "".join(f'<link rel="stylesheet" href="{href}">'
                        for href in stylesheets)
        output = output.replace("</head>", links + "</head>", 1)
    if scripts:
        tags = "".join(f'<script src="{src}"></script>' for src in scripts)
        end = "</article>" if "</article>" in output else "</body>"
        head, cut, tail = output.rpartition(end)
        output = head + tags + cut + tail
    return output
