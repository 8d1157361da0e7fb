"""Refuse numbers typed into a page where a reader would read them.

A computed number comes from the page's module through a marker; a digit
typed into prose, math, a table, a caption or the text of an HTML element
is either a result copied by hand (a defect) or a literal that is not a
result, such as the 2 of a square, listed with its reason: site-wide in
mkdocs.yml, or for one page in its front matter::

    allowed_numbers:
      "2h": the width 2h of a central difference

Code, comments, HTML attributes, attribute lists, link targets, markers,
subscripts in math and page numbers such as E.3.1 hold no typed numbers.
Numbers next to Chinese text and full-width punctuation are found too.
"""

import re

from mkdocs.exceptions import PluginError

from . import markers

DIGIT = "0-9０-９"
# a reason's words: runs of letters, or single CJK characters (Chinese
# writes no spaces; two characters make a word, on average)
WORD = re.compile(r"[\u3400-\u9fff]|[^\W\u3400-\u9fff]+")
NUMBER = re.compile(rf"(?<![A-Za-z{DIGIT}_.．])"
                    rf"(?:[{DIGIT}]+(?:[.．][{DIGIT}]+)?|[.．][{DIGIT}]+)")
NOT_NUMBERS = [
    markers.MARKER,
    re.compile(r"\bE(?:\.\d+)+"),  # page numbers: E.3.1
]
MATH_NOT_NUMBERS = [
    re.compile(r"_(\{[^{}]*\}|\d)"),  # subscripts: \theta_1, s_{t+1}
    re.compile(r"\\[A-Za-z]+"),  # commands, so that \frac12 shows its 12
]
# in math a letter before a digit is a command's end, not a name's
MATH_NUMBER = re.compile(rf"(?<![{DIGIT}_.．])"
                         rf"(?:[{DIGIT}]+(?:[.．][{DIGIT}]+)?|[.．][{DIGIT}]+)")
READ = {"text", "inline_math", "display_math"}


def typed_numbers(text, allowed=(), first_line=1):
    """``(line, number)`` for each number typed where a reader reads it.

    ``allowed`` are literal strings that hold digits for a stated reason.

    >>> typed_numbers("$J'(%%start%%) = 1.2$, `x = 0.5`, <td colspan=\\"2\\">"
    ...               "学习率为0.1。")
    [(1, '1.2'), (1, '0.1')]
    >>> typed_numbers("about .5 of E.3.1 and $\\\\theta_1^2$", ["^2"])
    [(1, '.5')]
    >>> typed_numbers("<!-- 3 --><input value=\\"3\\"> <p>3 steps</p>")
    [(1, '3')]
    >>> typed_numbers('<img alt="a 0.5 step"> $\\\\frac12$ $s_{t+1}$')
    [(1, '0.5'), (1, '12')]
    """
    allowed = [re.compile(re.escape(a)) for a in allowed]
    found = []
    for kind, start, end in markers.segments(text):
        if kind in ("tag", "attr_list"):  # what alt text and titles say
            pieces = [(start + i, text[start + i:start + j], NUMBER)
                      for i, j in markers.readable_values(text[start:end])]
        elif kind in READ:
            pieces = [(start, text[start:end],
                       NUMBER if kind == "text" else MATH_NUMBER)]
        else:
            continue
        for offset, span, number in pieces:
            patterns = allowed + NOT_NUMBERS
            if number is MATH_NUMBER:
                patterns = allowed + NOT_NUMBERS + MATH_NOT_NUMBERS
            for pattern in patterns:
                span = pattern.sub(lambda m: " " * len(m.group(0)), span)
            for match in number.finditer(span):
                line = markers.line_at(text, offset + match.start(),
                                       first_line)
                found.append((line, match.group(0)))
    return found


def check_math(text, where, first_line=1):
    """Stop at a formula whose braces do not pair up, as TeX: the lint
    would otherwise take what follows an unclosed ``^{2`` for prose.

    >>> check_math("$x^{2}$ and $\\\\{a\\\\}$", "p.md")
    >>> check_math("Then\\n$x^{2 + y$.", "p.md")
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: p.md:2: the formula $x^{2 + y$ opens \
a brace '{' that it does not close
    """
    for kind, start, end in markers.segments(text):
        if kind not in markers.MATH:
            continue
        formula = text[start:end]
        depth = 0
        for brace in re.findall(r"\\.|[{}]", formula):
            depth += {"{": 1, "}": -1}.get(brace, 0)
            if depth < 0:
                break
        if depth:
            line = markers.line_at(text, start, first_line)
            problem = ("opens a brace '{' that it does not close" if depth
                       > 0 else "closes a brace '}' that it did not open")
            raise PluginError(f"{where}:{line}: the formula "
                              f"{' '.join(formula.split())} {problem}")


def check_allowed(allowed, where):
    """``allowed`` must map literals with digits to reasons of some words.

    >>> check_allowed({"2h": "the width of a central difference"}, "p.md")
    >>> check_allowed({"^2": "目标函数中的平方"}, "p.md")
    >>> check_allowed({"0.1": "why not"}, "p.md")
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: p.md: allowed number '0.1' needs a \
reason of four words or more
    """
    for literal, reason in dict(allowed or {}).items():
        if not re.search(f"[{DIGIT}]", str(literal)):
            raise PluginError(f"{where}: allowed number {literal!r} holds "
                              "no digit")
        if word_count(str(reason or "")) < 4:
            raise PluginError(f"{where}: allowed number {literal!r} needs "
                              "a reason of four words or more")


def word_count(text):
    """How many words ``text`` holds, counting Chinese by characters.

    >>> [word_count(text) for text in ("the square of x", "x 的平方")]
    [4.0, 2.5]
    """
    cjk = len(re.findall(r"[\u3400-\u9fff]", text))
    return len(WORD.findall(text)) - cjk + cjk / 2
