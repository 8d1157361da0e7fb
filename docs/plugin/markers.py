"""Read a page's Markdown as the reader will see it: what is code, what is
math, what is an HTML attribute, what is prose.

``segments`` cuts the text into spans of one kind each. Value markers are
then replaced by the context they stand in (``substitute``), and the lint
looks for typed numbers only where a reader reads them (lint.py). Both
work on the page's own text, so every fault keeps its line number.

The marker grammar::

    %%name%%                a value of the page's own module
    %%name:fmt%%            ... printed with another format (".2f", "sci")
    %%module.name%%         a value of another page module
    %%figure:name%%         a figure, on a line of its own (figures.py)
"""

import functools
import re

from mkdocs.exceptions import PluginError

NAME = r"[A-Za-z_][A-Za-z0-9_]*"
MARKER = re.compile(rf"%%(?:(?P<module>[a-z_][a-z0-9_]*)\.)?(?P<name>{NAME})"
                    r"(?::(?P<fmt>[^%\s]+))?%%")
FIGURE_LINE = re.compile(r"^[ \t]*%%figure:(?P<name>[a-z][-_0-9a-z]*)%%"
                         r"[ \t]*$", re.M)

# One alternative per kind of span, tried at each position in this order.
_KINDS = {
    "fence": r"^(?P<indent>[ \t]*)(?P<ticks>`{3,}|~{3,})[^\n]*\n"
             r"(?:.*?\n)??[ \t]*(?P=ticks)[ \t]*$",
    "comment": r"<!--.*?-->",
    # inline code and math end where their paragraph ends
    "code": r"(?P<run>`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)(?P=run)(?!`)",
    "display_math": r"(?<!\\)\$\$.+?\$\$|\\\[.+?\\\]",
    "inline_math": r"(?<![\\$])\$(?![\s$])(?:\\.|(?!\n[ \t]*\n)[^\\$])+?"
                   r"(?<![\s\\])\$"
                   r"|\\\(.+?\\\)",
    "tag": r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>",
    "attr_list": r"\{:?[ \t]*[.#]?[A-Za-z][^{}\n]*\}",
    "link_target": r"(?<=\])\([^()\s]*(?:\s+\"[^\"\n]*\")?\)",
}
_SCANNER = re.compile("|".join(f"(?P<{kind}>{pattern})"
                               for kind, pattern in _KINDS.items()),
                      re.M | re.S)
MATH = {"display_math", "inline_math"}
VERBATIM = {"fence", "code", "comment", "link_target"}  # never replaced


def modules_named(text):
    """The modules whose values ``text`` prints by name
    (``%%module.name%%``).

    >>> modules_named("%%a%% and %%two_state.gamma:.2f%%")
    ['two_state']
    """
    return sorted({found["module"] for found in MARKER.finditer(text)
                   if found["module"]})


@functools.lru_cache(maxsize=32)  # a page's body is scanned by each part
def segments(text):
    """``(kind, start, end)`` spans covering ``text``, in order; prose is
    ``"text"``.

    >>> s = "Set `%%a%%` to $%%a%%$ <b data-x=\\"%%a%%\\">%%a%%</b>."
    >>> [(kind, s[i:j]) for kind, i, j in segments(s)][:5]
    [('text', 'Set '), ('code', '`%%a%%`'), ('text', ' to '), \
('inline_math', '$%%a%%$'), ('text', ' ')]
    """
    found, position = [], 0
    for match in _SCANNER.finditer(text):
        if match.start() > position:
            found.append(("text", position, match.start()))
        found.append((_kind(match), match.start(), match.end()))
        position = match.end()
    if position < len(text):
        found.append(("text", position, len(text)))
    return tuple(found)


def _kind(match):
    return next(kind for kind in _KINDS if match.group(kind) is not None)


def line_at(text, offset, first_line):
    return first_line + text.count("\n", 0, offset)


ATTRIBUTE = re.compile(
    r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>}]+))""")
READABLE = ("alt", "title", "aria-label", "aria-description")


def readable_values(tag_text):
    """``(start, end)`` of each attribute value in a tag that a person
    reads (alt text, titles, labels).

    >>> tag = '''<img alt="Bob's 0.5" src="a.svg" title=x>'''
    >>> [tag[i:j] for i, j in readable_values(tag)]
    ["Bob's 0.5", 'x']
    """
    spans = []
    for match in ATTRIBUTE.finditer(tag_text):
        if match[1].lower() in READABLE:
            group = next(g for g in (2, 3, 4) if match[g] is not None)
            spans.append(match.span(group))
    return spans


def attribute_context(tag_text, offset):
    """``"text"`` if ``offset`` falls in an attribute a person reads
    (alt, title, aria-label), else ``"attr"``."""
    readable = any(i <= offset < j for i, j in readable_values(tag_text))
    return "text" if readable else "attr"


def substitute(text, render, where, first_line=1, formulas=None):
    """Replace every value marker in ``text``.

    ``render(module, name, fmt, context, place)`` returns a marker's text
    for ``context`` ("math", "text" or "attr"); ``place`` is "file:line"
    for its errors. Markers in code are left alone; a ``%%`` left in any
    other span is an error. Each formula is added to ``formulas`` (a
    list, if given) as ``(line, as written, as printed)``.

    >>> def render(module, name, fmt, context, place):
    ...     return {"math": "3\\\\times10^{-4}", "text": "3×10⁻⁴",
    ...             "attr": "0.0003"}[context]
    >>> print(substitute('$a=%%a%%$, a=%%a%%, `%%a%%`, <i data-a="%%a%%">',
    ...                  render, "p.md"))
    $a=3\\times10^{-4}$, a=3×10⁻⁴, `%%a%%`, <i data-a="0.0003">
    """
    out = []
    for kind, start, end in segments(text):
        span = text[start:end]
        if kind in VERBATIM:
            out.append(span)
            continue

        def replace(match, kind=kind, start=start, span=span):
            line = line_at(text, start + match.start(), first_line)
            place = f"{where}:{line}"
            if kind in MATH:
                context = "math"
            elif kind in ("tag", "attr_list"):
                context = attribute_context(span, match.start())
            else:
                context = "text"
            return render(match["module"], match["name"], match["fmt"],
                          context, place)

        replaced = MARKER.sub(replace, span)
        if kind in MATH and formulas is not None:
            formulas.append((line_at(text, start, first_line), span,
                             replaced))
        if "%%" in replaced:
            # the first %% that belongs to no marker
            stray = start + MARKER.sub(lambda m: " " * len(m[0]),
                                       span).find("%%")
            raise PluginError(
                f"{where}:{line_at(text, stray, first_line)}: stray '%%' "
                "(a value marker is written %%name%%, %%name:fmt%% or "
                "%%module.name%%)")
        out.append(replaced)
    return "".join(out)

