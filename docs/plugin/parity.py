"""A translated page says what its original says, in other words.

Values, code, formulas and figures come from one place, so a translation
can only drift in structure: a value marker, include, figure, formula,
code span, link or HTML element that one edition has and the other lacks,
or a different number of sections. ``check`` lists every such difference,
naming both files, and stops the build. Words are free: prose, headings,
link texts, admonition titles, alt texts.

A notebook's code cells must be identical, except the line that sets the
language of the words drawn in its figures (``LANGUAGE = "zh"``); its
Markdown cells are compared like a page.
"""

import re
from collections import Counter

from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

from . import includes, markers

# what a page's front matter says that both editions must share
SHARED_META = ("values", "figures", "assets")
LANGUAGE = re.compile(r'^LANGUAGE = "([a-z-]*)"', re.M)
SECTION = re.compile(r"^## ", re.M)
CELL = re.compile(r"^# %%(.*)$", re.M)
EXTERNAL = re.compile(r"^[a-z]+:")
READABLE = re.compile(
    r"""\s(?:%s)\s*=\s*(?:"[^"]*"|'[^']*')""" % "|".join(markers.READABLE))


def page_items(markdown):
    """What a page's Markdown holds besides words, with counts.

    >>> items = page_items("A $x$ and %%a%% ([b](b.md)).\\n\\n## T\\n")
    >>> sorted(items.items())
    [(('formula', '$x$'), 1), (('link', 'b.md'), 1), \
(('section', '##'), 1), (('value marker', '%%a%%'), 1)]
    """
    body, meta = get_data(markdown)
    items = Counter((("front matter", f"{key}: {meta[key]!r}")
                     for key in SHARED_META if key in meta))
    masked = []  # the body with code and comments blanked out
    for kind, start, end in markers.segments(body):
        span = body[start:end]
        if kind == "fence":
            kind = "include" if includes.INCLUDE.search(span) else "code"
            items[(kind, span.strip())] += 1
        elif kind == "code":
            items[("code", span)] += 1
        elif kind in markers.MATH:
            items[("formula", " ".join(span.split()))] += 1
        elif kind == "tag":
            items[("HTML", " ".join(READABLE.sub("", span).split()))] += 1
        elif kind == "link_target" and not EXTERNAL.match(span[1:]):
            items[("link", span[1:-1].split(" ")[0])] += 1
        verbatim = kind in markers.VERBATIM or kind in ("include", "code")
        masked.append(re.sub(r"[^\n]", " ", span) if verbatim else span)
    text = "".join(masked)
    items.update(("figure", m["name"])
                 for m in markers.FIGURE_LINE.finditer(text))
    items.update(("value marker", m[0]) for m in markers.MARKER.finditer(
        markers.FIGURE_LINE.sub("", text)))
    items.update(("section", "##") for _ in SECTION.finditer(text))
    return items


def notebook_cells(source):
    """``(header, [(kind, text)])`` of a jupytext percent-format file;
    Markdown cells without their ``# `` prefixes."""
    header, _, body = source.partition("\n# ---\n")
    cells = []
    parts = CELL.split(body)
    for marker, text in zip(parts[1::2], parts[2::2]):
        if "[markdown]" in marker:
            text = re.sub(r"(?m)^# ?", "", text)
            cells.append(("markdown", text.strip()))
        else:
            cells.append(("code", text.strip()))
    return header, cells


def notebook_items(source, language):
    """What a notebook holds besides words: its header, its code cells in
    order (the language line aside) and its Markdown cells' items."""
    header, cells = notebook_cells(source)
    items = Counter({("notebook header", header): 1})
    for number, (kind, text) in enumerate(cells, start=1):
        if kind == "markdown":
            items.update(page_items(text))
            continue
        set_language = LANGUAGE.search(text)
        if set_language and set_language[1] != language:
            items[("language", f"cell {number} sets LANGUAGE = "
                               f'"{set_language[1]}"')] += 1
        items[("code cell", f"{number}: " + LANGUAGE.sub(
            "LANGUAGE = ...", text))] += 1
    return items


def differences(original, translation):
    """Lines naming what one of two item counts has and the other lacks."""
    lines = []
    for item in sorted(set(original) | set(translation)):
        ours, theirs = translation[item], original[item]
        if ours != theirs:
            kind, text = item
            shown = text if len(text) <= 72 else text[:69] + "..."
            lines.append(f"{kind} {shown!r}: {theirs} in the original, "
                         f"{ours} in the translation")
    return lines


def check(original_path, original_source, translation_path,
          translation_source, languages, notebook=False):
    """Stop unless the translation has the original's structure.

    ``languages`` is ``(original language, translation language)``.
    """
    if notebook:
        found = differences(notebook_items(original_source, languages[0]),
                            notebook_items(translation_source, languages[1]))
    else:
        found = differences(page_items(original_source),
                            page_items(translation_source))
    if found:
        listed = "\n  - ".join(found[:12])
        more = f"\n  (and {len(found) - 12} more)" if len(found) > 12 else ""
        raise PluginError(
            f"{translation_path} is out of step with its original "
            f"{original_path}:\n  - {listed}{more}")
