"""The language switcher keeps the reader on the page.

Material's switcher (``extra.alternate``) links to each edition's home.
Every edition has every page at the same path below its folder (parity
and the nav check see to it), so the build points each link at this
page's counterpart and records the edition's folder in ``data-root``:
site.js keeps the links pointing at the page shown, and its section, when
instant navigation changes the page but not the header.
"""

import html
import posixpath
import re
from urllib.parse import urlsplit

# the switcher's links; the <link rel="alternate"> in the head keep naming
# each edition's root, where the theme's script finds its sitemap.xml
LINK = re.compile(r'<a\b[^>]*?\bhreflang="[^"]*"[^>]*>')
HREF = re.compile(r'\bhref="([^"]*)"')


def resolve(alternates, site_url):
    """Make each edition's link (a folder relative to the original's
    address, ``site_url``) an absolute path, so that it means the same
    from every page of every edition.

    >>> links = [{"link": "./"}, {"link": "de/"}]
    >>> [link["link"] for link in resolve(links,
    ...                                   "https://example.org/appendix/")]
    ['/appendix/', '/appendix/de/']
    """
    base = urlsplit(site_url or "/").path or "/"
    resolved = []
    for alternate in alternates or []:
        link = str(alternate.get("link", ""))
        if not re.match(r"^(/|[a-z]+:)", link):
            joined = posixpath.normpath(posixpath.join(base, link))
            link = joined.rstrip("/") + "/"
        resolved.append({**alternate, "link": link})
    return resolved


def point(output, alternates, page_url):
    """``output`` with each link to an edition's root (from
    ``alternates``, Material's ``extra.alternate``) pointing at
    ``page_url`` in that edition.

    >>> page = '<a href="/de/" hreflang="de" class="md-select__link">'
    >>> point(page, [{"link": "/de/", "lang": "de"}], "calculus-basics/")
    '<a href="/de/calculus-basics/" data-root="/de/" hreflang="de" \
class="md-select__link">'
    """
    roots = {alternate["link"] for alternate in alternates or []
             if str(alternate.get("link", "")).startswith("/")}

    def repoint(match):
        tag = match[0]
        href = HREF.search(tag)
        root = html.unescape(href[1]) if href else None
        if root not in roots:
            return tag
        return (tag[:href.start()] + f'href="{html.escape(root + page_url)}"'
                f' data-root="{html.escape(root)}"' + tag[href.end():])

    return LINK.sub(repoint, output) if roots else output
