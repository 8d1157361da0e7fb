"""A translated page says what its original says, in other words.

Values, code, formulas and figures come from one place, so a translation
can only drift in structure: a value marker, include, figure, formula,
code span, link or HTML element that one file has and the other lacks, or
headings of other levels. ``check`` lists every such difference with the
lines it is on in both files, and stops the build. Words are free: prose,
headings' words, link texts, admonition titles, alt texts.

A translated notebook holds only Markdown cells (translations.py); each
is compared with the original's Markdown cell in the same place.
"""

import re
from collections import defaultdict

from mkdocs.exceptions import PluginError

from . import includes, markers, translations

# an ATX heading, also in an admonition (indented)
HEADING = re.compile(r"^[ \t]*(#{1,6})[ \t]+\S", re.M)
EXTERNAL = re.compile(r"^[a-z]+:")
READABLE = re.compile(
    r"""\s(?:%s)\s*=\s*(?:"[^"]*"|'[^']*')""" % "|".join(markers.READABLE))
SHOWN = 12  # differences listed in one message


def page_items(markdown, first_line=1):
    """What a page's Markdown holds besides words: item -> the lines it
    is on.

    >>> items = page_items("A $x$ and %%a%% ([b](b.md)).\\n\\n## T\\n")
    >>> sorted(items.items())
    [(('formula', '$x$'), [1]), (('link', 'b.md'), [1]), \
(('value marker', '%%a%%'), [1])]
    """
    items = defaultdict(list)

    def add(kind, text, offset):
        items[(kind, text)].append(markers.line_at(markdown, offset,
                                                   first_line))

    masked = []  # the text with code and comments blanked out
    for kind, start, end in markers.segments(markdown):
        span = markdown[start:end]
        if kind == "fence":
            add("include" if includes.INCLUDE.search(span) else "code",
                span.strip(), start)
        elif kind == "code":
            add("code", span, start)
        elif kind in markers.MATH:
            add("formula", " ".join(span.split()), start)
        elif kind == "tag":
            add("HTML", " ".join(READABLE.sub("", span).split()), start)
        elif kind == "link_target" and not EXTERNAL.match(span[1:]):
            add("link", span[1:-1].split(" ")[0], start)
        verbatim = kind in markers.VERBATIM
        masked.append(re.sub(r"[^\n]", " ", span) if verbatim else span)
    text = "".join(masked)
    for match in markers.FIGURE_LINE.finditer(text):
        add("figure", match["name"], match.start())
    # figure lines blanked, not cut, so that offsets keep their lines
    for match in markers.MARKER.finditer(markers.FIGURE_LINE.sub(
            lambda m: " " * len(m[0]), text)):
        add("value marker", match[0], match.start())
    return dict(items)


def headings(markdown, first_line=1):
    """``[(level, line)]`` of the ATX headings outside code.

    >>> headings("# T\\n\\n```\\n# not\\n```\\n\\n!!! note\\n\\n    ## A\\n")
    [(1, 1), (2, 9)]
    """
    masked = "".join(
        re.sub(r"[^\n]", " ", markdown[i:j]) if kind in markers.VERBATIM
        else markdown[i:j] for kind, i, j in markers.segments(markdown))
    return [(len(m[1]), markers.line_at(markdown, m.start(), first_line))
            for m in HEADING.finditer(masked)]


def markdown_cells(body, first_line=1):
    """``[(text, first line)]`` of a percent-format notebook's Markdown
    cells, without their ``# `` prefixes."""
    cells = []
    for kind, line, block in translations.notebook_cells(body, first_line):
        if kind == "markdown":
            text = block.split("\n", 1)[1] if "\n" in block else ""
            cells.append((re.sub(r"(?m)^# ?", "", text), line + 1))
    return cells


def notebook_items(body, first_line=1):
    """The items of each Markdown cell of a notebook, by the cell's place
    among the Markdown cells."""
    items = defaultdict(list)
    for number, cell in enumerate(markdown_cells(body, first_line), 1):
        for (kind, what), lines in page_items(*cell).items():
            items[(kind, f"{what} (Markdown cell {number})")] += lines
    return dict(items)


def notebook_headings(body, first_line=1):
    return [heading for cell in markdown_cells(body, first_line)
            for heading in headings(*cell)]


def cell_difference(original, translation):
    """A line naming where two notebooks' Markdown cells part in number,
    or None (then each cell is compared with its counterpart)."""
    ours = markdown_cells(*translation[1:])
    theirs = markdown_cells(*original[1:])
    if len(ours) == len(theirs):
        return None
    number = min(len(ours), len(theirs))
    longer, name = ((theirs, original[0]) if len(theirs) > len(ours)
                    else (ours, translation[0]))
    return (f"Markdown cells: {len(theirs)} in the original, {len(ours)} "
            f"in the translation; cell {number + 1} is "
            f"{name}:{longer[number][1] - 1}")


def heading_difference(original, translation, where):
    """A line naming the first heading where two files' heading levels
    part, or None."""
    for number, pair in enumerate(zip(original, translation), start=1):
        (level, line), (ours, our_line) = pair
        if level != ours:
            return (f"heading {number}: level {level} in the original "
                    f"({where[0]}:{line}), level {ours} in the translation "
                    f"({where[1]}:{our_line})")
    if len(original) != len(translation):
        number = min(len(original), len(translation)) + 1
        longer, name = ((original, where[0]) if len(original) >
                        len(translation) else (translation, where[1]))
        return (f"headings: {len(original)} in the original, "
                f"{len(translation)} in the translation; heading {number} "
                f"is {name}:{longer[number - 1][1]}")
    return None


def differences(original, translation, where):
    """Lines naming what one of two item maps has and the other lacks,
    with the lines of each (``where``: the two files' names)."""
    found = []
    for item in sorted(set(original) | set(translation)):
        theirs, ours = original.get(item, []), translation.get(item, [])
        if len(theirs) != len(ours):
            kind, text = item
            shown = text if len(text) <= 60 else text[:57] + "..."
            found.append(
                f"{kind} {shown!r}: {_count(where[0], theirs)} in the "
                f"original, {_count(where[1], ours)} in the translation")
    return found


def _count(where, lines):
    if not lines:
        return "none"
    return f"{len(lines)} ({', '.join(f'{where}:{n}' for n in lines[:4])}"\
        + (", ..." if len(lines) > 4 else "") + ")"


def check(original, translation, notebook=False):
    """Stop unless the translation has the original's structure.

    ``original`` and ``translation`` are ``(path, body, body line)``.
    """
    items = notebook_items if notebook else page_items
    levels = notebook_headings if notebook else headings
    where = (original[0], translation[0])
    cells = notebook and cell_difference(original, translation)
    found = [cells] if cells else differences(
        items(*original[1:]), items(*translation[1:]), where)
    heading = not cells and heading_difference(
        levels(*original[1:]), levels(*translation[1:]), where)
    found += [heading] if heading else []
    if found:
        listed = "\n  - ".join(found[:SHOWN])
        more = (f"\n  (and {len(found) - SHOWN} more)"
                if len(found) > SHOWN else "")
        raise PluginError(
            f"{translation[0]} is out of step with its original "
            f"{original[0]}:\n  - {listed}{more}")
