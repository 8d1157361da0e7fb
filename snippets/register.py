"""Named values that pages print, and the checks that keep pages honest.

A page never types a computed number. Its Markdown writes a marker such as
``%%dJ_start%%`` and the build replaces it with the value that the page's
snippets module computes, formatted the way the page shows it. The marker
is built from ``%``, which is a comment in TeX and means nothing in
Markdown, so it cannot be mistaken for a brace group or for markup.

>>> values = Register()
>>> values.add("slope", -2 * (0.2 - 0.8))
>>> substitute("$J'(0.2) = %%slope%%$", values, "page.md")
"$J'(0.2) = 1.2$"
"""

import math
import re
from dataclasses import dataclass
from numbers import Real

NAME = r"[A-Za-z_][A-Za-z0-9_]*"
MARKER = re.compile(rf"%%({NAME})%%")
# a figure, on a line of its own (docs/hooks/figures.py)
FIGURE_MARKER = re.compile(r"^%%figure:([a-z][-_0-9a-z]*)%%[ \t]*$", re.M)


class RegisterError(Exception):
    """A page refers to a value wrongly, or a value cannot be registered."""


def format_number(number, fmt="auto"):
    """Format ``number`` for a page (TeX-ready: ASCII minus sign).

    ``"auto"`` drops floating-point noise by rounding to 10 significant
    digits, ``"sci"`` writes TeX scientific notation, ``"exact"`` writes
    the shortest text that reads back as the same float (for scripts), and
    anything else is a Python format spec such as ``".2f"``.

    >>> format_number(-2 * (0.2 - 0.8))
    '1.2'
    >>> format_number(18.000000000000004), format_number(2.0)
    ('18', '2')
    >>> format_number(1.0, ".2f"), format_number(-0.0)
    ('1.00', '0')
    >>> format_number(3e-4, "sci"), format_number(0.001, "sci")
    ('3\\\\times10^{-4}', '10^{-3}')
    >>> format_number(1 / 3, "exact"), format_number(6, "exact")
    ('0.3333333333333333', '6')
    """
    if not isinstance(number, Real) or not math.isfinite(number):
        raise RegisterError(f"not a finite real number: {number!r}")
    if fmt == "auto":
        text = format(round(float(number), 10), ".10g")
    elif fmt == "exact":
        text = str(number) if isinstance(number, int) else repr(float(number))
    elif fmt == "sci":
        mantissa, exponent = f"{float(number):.10e}".split("e")
        mantissa = format_number(float(mantissa))
        power = f"10^{{{int(exponent)}}}"
        text = power if mantissa == "1" else f"{mantissa}\\times{power}"
    else:
        text = format(number, fmt)
    # "-0" and "-0.00" are a sign on nothing: print them without it
    if text.startswith("-") and float(text.split("\\")[0]) == 0:
        text = text[1:]
    return text


@dataclass(frozen=True)
class Value:
    """A computed number and how the page prints it."""

    name: str
    number: float
    fmt: str = "auto"

    @property
    def text(self):
        """The number as the page shows it.

        >>> Value("J_opt", 1.0, ".2f").text
        '1.00'
        """
        return format_number(self.number, self.fmt)


class Register:
    """The values one page may insert, by name.

    >>> values = Register()
    >>> values.add("alpha", 0.1)
    >>> values["alpha"].text, "alpha" in values, len(values)
    ('0.1', True, 1)
    >>> values.add("alpha", 0.2)
    Traceback (most recent call last):
    ...
    snippets.register.RegisterError: value 'alpha' is registered twice
    """

    def __init__(self):
        self._values = {}

    def add(self, name, number, fmt="auto"):
        """Register ``number`` under ``name``, printed with ``fmt``."""
        if not re.fullmatch(NAME, name):
            raise RegisterError(f"not a valid value name: {name!r}")
        if name in self._values:
            raise RegisterError(f"value {name!r} is registered twice")
        value = Value(name, number, fmt)
        value.text  # fail now, not when a page first uses it
        self._values[name] = value

    def claim(self, holds, statement):
        """Check a statement the page's prose makes about its numbers.

        >>> Register().claim(2 > 4, "the second component is the larger")
        Traceback (most recent call last):
        ...
        snippets.register.RegisterError: the page says "the second \
component is the larger", which the computed values no longer support
        """
        if not holds:
            raise RegisterError(
                f"the page says \"{statement}\", which the computed values"
                " no longer support")

    def __getitem__(self, name):
        return self._values[name]

    def __contains__(self, name):
        return name in self._values

    def __iter__(self):
        return iter(self._values.values())

    def __len__(self):
        return len(self._values)


def substitute(markdown, register, where, first_line=1):
    """Replace every ``%%name%%`` in ``markdown`` with its value's text.

    ``where`` names the page in error messages and ``first_line`` is the
    line of the page that ``markdown`` starts at. An unknown name, or a
    ``%%`` left over from a marker typed wrongly, stops with the page, the
    line and the name.

    >>> values = Register()
    >>> values.add("y", 3.0)
    >>> substitute("$y = %%y%%$ and $L = %%L%%$", values, "chain.md")
    Traceback (most recent call last):
    ...
    snippets.register.RegisterError: chain.md:1: unknown value name 'L'
    >>> substitute("y is %%y %%", values, "chain.md")
    Traceback (most recent call last):
    ...
    snippets.register.RegisterError: chain.md:1: stray '%%' (a value \
marker is written %%name%%)
    """
    lines = markdown.split("\n")
    for number, line in enumerate(lines, start=first_line):
        if FIGURE_MARKER.fullmatch(line):
            continue  # docs/hooks/figures.py replaces it, after this
        for name in MARKER.findall(line):
            if name not in register:
                raise RegisterError(
                    f"{where}:{number}: unknown value name {name!r}")
        line = MARKER.sub(lambda m: register[m.group(1)].text, line)
        if "%%" in line:
            raise RegisterError(
                f"{where}:{number}: stray '%%' (a value marker is written "
                "%%name%%)")
        lines[number - first_line] = line
    return "\n".join(lines)


# Digits a page may type, each with the reason it is not a computed result.
ALLOWED_LITERALS = {
    r"\^2\b": "the square in an objective or a loss, (x)^2",
    r"(?<![\w.])2\(": "the factor 2 that differentiating a square brings",
    r"(?<![\w.])2h\b": "the width 2h of a central difference",
    r"\(1 \+ \\alpha J''\)":
        "the factor (1 + alpha J'') of a step on a quadratic, a formula",
}

# Text that holds digits which are not numbers on the page.
_NOT_PROSE = [
    re.compile(r"^(`{3,}|~{3,}).*?^\1", re.M | re.S),  # fenced code
    re.compile(r"`[^`\n]+`"),  # inline code
    re.compile(r'^\s*--8<--.*$', re.M),  # snippet includes
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"</?(figure|figcaption|img|div|span|a|p|br|details|summary)"
               r"\b[^>]*>"),  # HTML tags and their attributes
    re.compile(r'\{:?[ \t]*(([.#][\w-]+|[\w-]+="[^"\n]*")[ \t]*)+\}'),
    # attribute lists: { width="480" .class }
    re.compile(r"\bE(\.\d+)+\b"),  # page numbers: E.3.1
    re.compile(r"_\{?\d+\}?"),  # subscripts: \theta_1
    MARKER,
    FIGURE_MARKER,
]
_NUMBER = re.compile(r"(?<![\w.])\d+(\.\d+)?")


def typed_numbers(markdown):
    """List ``(line, number)`` for each number typed into ``markdown``.

    Markers, code, includes, links, subscripts, page numbers such as E.3.1
    and the literals in ``ALLOWED_LITERALS`` are not typed numbers.

    >>> typed_numbers("$J'(%%start%%) = 1.2$ and $\\\\theta_1^2$")
    [(1, '1.2')]
    >>> typed_numbers("See E.3.2.\\n\\n$-2(\\\\theta - %%theta_star%%)$")
    []
    >>> typed_numbers('![plot](a.svg){ width="480" } <img height="3">')
    []
    >>> typed_numbers('<div data-box-1="%%box%%"\\n     data-opt-2="x">')
    []
    """
    def blank(match):
        # keep newlines so that line numbers stay right
        return re.sub(r"[^\n]", " ", match.group(0))

    for pattern in _NOT_PROSE + [re.compile(p) for p in ALLOWED_LITERALS]:
        markdown = pattern.sub(blank, markdown)
    found = []
    for number, line in enumerate(markdown.split("\n"), start=1):
        found += [(number, m.group(0)) for m in _NUMBER.finditer(line)]
    return found
