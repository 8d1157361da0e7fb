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


# Material's search worker cuts a Chinese (or Japanese) query into the
# index's words, trying every slice of the query but the one that ends at
# its last character (``j < query.length`` where ``j <= query.length`` is
# meant). So a query that is one word of the index, 链式法则, is never
# found whole: its characters are searched alone and marked missing.
WORKERS = "assets/javascripts/workers/search.*.min.js"
SLICES = re.compile(r"for\(let (\w)=(\w)\+1;\1<(=?)(\w)\.length;\1\+\+\)"
                    r"\4\.slice\(\2,\1\)in \w&&")


def fix_query_segments(site_dir):
    """Let the theme's search worker in ``site_dir`` try the slices of a
    query that end at its last character; a worker whose code is not the
    one this fixes stops the build (the fix must then be looked at).

    >>> SLICES.sub(_through_the_end,
    ...     "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)")
    'for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)'
    """
    workers = sorted(Path(site_dir).glob(WORKERS))
    if len(workers) != 1:
        raise ValueError(f"{site_dir}: expected one search worker "
                         f"({WORKERS}), found {len(workers)}")
    code = workers[0].read_text("utf-8")
    found = SLICES.findall(code)
    if len(found) == 1 and found[0][2]:
        return  # fixed by an earlier build (a dirty one keeps the file)
    fixed, count = SLICES.subn(_through_the_end, code)
    if count != 1:
        raise ValueError(f"{workers[0]}: the theme's query segmenter is not "
                         "the one search.py fixes; see whether the fix is "
                         "still needed")
    workers[0].write_text(fixed, "utf-8")


def _through_the_end(found):
    return found[0].replace(f"{found[1]}<{found[4]}.length",
                            f"{found[1]}<={found[4]}.length", 1)
