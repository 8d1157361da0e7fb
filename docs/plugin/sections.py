"""Cut a page into sections that a browser may skip until they scroll in.

Each second-level heading starts a ``<section class="page-section">``
that runs to the next one. The site's stylesheet gives these sections
``content-visibility: auto``: the browser lays out only what is on
screen, so a long page of typeset formulas paints sooner and blocks the
main thread less. Headings, anchors and find-in-page work as before.
"""

import re

HEADING = re.compile(r"(?=<h2[\s>])")


def wrap(content):
    """``content`` with each ``<h2>`` and what follows it in a section.

    >>> wrap("<p>a</p><h2>B</h2><p>b</p><h2 id=c>C</h2>")
    '<p>a</p><section class="page-section"><h2>B</h2><p>b</p></section>\
<section class="page-section"><h2 id=c>C</h2></section>'
    """
    first, *parts = HEADING.split(content)
    return first + "".join(f'<section class="page-section">{part}</section>'
                           for part in parts)
