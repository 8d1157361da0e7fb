"""The search index is loaded when a reader searches, not on every view.

Material's search asks for ``search/search_index.json`` as soon as a page
opens, and that index holds the whole book: the first view of any page
would grow with the book. ``search.js`` (put into each page's head, before
the theme's script, so that it is there first) holds that one request
back until the reader reaches for the search; everything else the theme
does is unchanged.
"""

import re
from pathlib import Path

SCRIPT = Path(__file__).with_name("search.js")
CHARSET = re.compile(r"<meta charset=[^>]*>")


def script():
    """The script as a page carries it: without its opening comment."""
    return re.sub(r"\A/\*.*?\*/\s*", "", SCRIPT.read_text("utf-8"), flags=re.S)


def insert(output, code):
    """``output`` (a whole page) with ``code`` first in its head, after
    the character set (which must stay in its first kilobyte).

    >>> insert('<head><meta charset="utf-8"><title>', "x()")
    '<head><meta charset="utf-8"><script>x()</script><title>'
    """
    tag = f"<script>{code}</script>"
    found = CHARSET.search(output)
    if found:
        return output[:found.end()] + tag + output[found.end():]
    return output.replace("<head>", "<head>" + tag, 1)
