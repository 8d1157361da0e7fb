"""KaTeX's MathML, rewritten into what browsers draw (MathML Core).

KaTeX writes MathML for the full MathML 3 of assistive technology;
browsers draw MathML Core, which leaves some of it out. Each repair
below makes a formula look as KaTeX's own HTML output would, in a few
elements instead of about thirty-five:

- the TeX annotation goes (the search index reads the formula's text,
  the page's source holds the TeX) and so does every ``mrow`` that
  groups a single element;
- ``mathvariant`` other than ``normal`` becomes the Unicode mathematical
  letters it stands for (𝔼, 𝟎, 𝛉), or a weight and style for text;
- a table's column alignment and spacing go onto its cells, as Chromium
  reads them (it aligns a cell's content by ``-webkit-`` values only),
  and each cell's ``mstyle`` onto the cell; rows keep the cells' own
  spacing;
- a prime follows its base at the base's size instead of being raised
  a second time as a superscript;
- a function's name (log) is spaced as TeX spaces an operator;
- a minus sign (or another binary operator) first in its row or after
  an operator, an opening bracket or a relation is a sign, with no space
  around it, and a sum is spaced as TeX spaces it.
"""

import html
import re
import unicodedata
import xml.etree.ElementTree as ElementTree

NAMESPACE = "{http://www.w3.org/1998/Math/MathML}"
PRIMES = set("′″‴")
BINARY = set("−+±∓⋅×∗∘÷")
LARGE = set("∑∏∐∫∬∮⋃⋂")
# a large operator's limits or scripts are around it
SCRIPTED = {"munder", "mover", "munderover", "msub", "msup", "msubsup"}
FUNCTION_APPLICATION = "\u2061"
THIN = "0.1667em"  # TeX's thin space
# after these, a sign is binary: they close an operand
CLOSING = set(")]}⟩⌋⌉|‖′″‴!")
# the Unicode names of mathvariant's letters
STYLES = {"bold": "BOLD", "italic": "ITALIC", "bold-italic": "BOLD ITALIC",
          "double-struck": "DOUBLE-STRUCK", "script": "SCRIPT",
          "bold-script": "BOLD SCRIPT", "fraktur": "FRAKTUR",
          "bold-fraktur": "BOLD FRAKTUR", "sans-serif": "SANS-SERIF",
          "bold-sans-serif": "SANS-SERIF BOLD",
          "sans-serif-italic": "SANS-SERIF ITALIC",
          "sans-serif-bold-italic": "SANS-SERIF BOLD ITALIC",
          "monospace": "MONOSPACE"}
# a letter Unicode had before its mathematical block, under another name
EARLIER_LETTERS = {("h", "italic"): "ℎ"}
# what text in a variant looks like, as CSS
TEXT_STYLES = {"bold": "font-weight:bold", "italic": "font-style:italic",
               "bold-italic": "font-weight:bold;font-style:italic",
               "monospace": "font-family:monospace",
               "sans-serif": "font-family:sans-serif"}
TOKEN = re.compile(r"<(mi|mn|mo|mtext)\b([^>]*)>([^<]*)</")
# elements that lay out their children as one row
ROWS = {"math", "mrow", "mtd", "mstyle", "msqrt", "mpadded", "mphantom"}


class Unsupported(ValueError):
    """A formula that the browsers' MathML cannot show as KaTeX means."""


def for_browsers(katex_markup):
    """The ``<math>`` element of KaTeX's MathML output, repaired.

    >>> for_browsers('<span class="katex"><math xmlns="http://www.w3.org'
    ...     '/1998/Math/MathML"><semantics><mrow><mi mathvariant="double-'
    ...     'struck">E</mi><mo>=</mo><mo>−</mo><mn>1</mn></mrow><annotation'
    ...     ' encoding="application/x-tex">\\\\mathbb{E}=-1</annotation>'
    ...     '</semantics></math></span>')
    '<math><mi>𝔼</mi><mo>=</mo><mo lspace="0" rspace="0">−</mo><mn>1</mn>\
</math>'
    """
    source = katex_markup[katex_markup.index("<math"):
                          katex_markup.rindex("</math>") + len("</math>")]
    math = ElementTree.fromstring(source)
    for element in math.iter():
        element.tag = element.tag.removeprefix(NAMESPACE)
    _drop_annotation(math)
    _unwrap_single_rows(math)
    _letters(math)
    _tables(math)
    _primes(math)
    _function_names(math)
    _signs(math)
    return _serialize(math)


def _drop_annotation(math):
    for semantics in math.findall("semantics"):
        index = list(math).index(semantics)
        math[index:index + 1] = [child for child in semantics
                                 if child.tag != "annotation"]


def _unwrap_single_rows(element):
    """Each ``mrow`` that holds one element is that element, and the
    only ``mrow`` in a row gives the row its elements."""
    for index, child in enumerate(element):
        _unwrap_single_rows(child)
        while _is_bare_row(child) and len(child) == 1:
            child = child[0]
            element[index] = child
    if element.tag in ROWS and len(element) == 1 and _is_bare_row(
            element[0]):
        element[:] = list(element[0])


def _is_bare_row(element):
    return element.tag == "mrow" and not element.attrib and not (
        element.text or "").strip()


def _letters(math):
    for element in math.iter():
        variant = element.attrib.get("mathvariant")
        if variant is None or variant == "normal":
            continue
        if element.tag == "mtext":
            if variant not in TEXT_STYLES:
                raise Unsupported(f"text in mathvariant {variant!r}")
            del element.attrib["mathvariant"]
            element.set("style", TEXT_STYLES[variant])
            continue
        if variant not in STYLES:
            raise Unsupported(f"mathvariant {variant!r}")
        element.text = "".join(math_letter(character, variant)
                               for character in element.text or "")
        del element.attrib["mathvariant"]


def math_letter(character, variant):
    """``character`` in a mathvariant, as its Unicode letter.

    >>> math_letter("0", "bold"), math_letter("R", "double-struck")
    ('𝟎', 'ℝ')
    >>> math_letter("θ", "bold-italic"), math_letter("ϵ", "italic")
    ('𝜽', '𝜖')
    """
    if (character, variant) in EARLIER_LETTERS:
        return EARLIER_LETTERS[character, variant]
    name = unicodedata.name(character, "")
    parts = name.split()
    if name.startswith("DIGIT "):
        kind = f"DIGIT {parts[-1]}"
    elif name.startswith(("LATIN CAPITAL LETTER ", "GREEK CAPITAL LETTER ")):
        kind = f"CAPITAL {parts[-1]}"
    elif name.startswith(("LATIN SMALL LETTER ", "GREEK SMALL LETTER ")):
        kind = f"SMALL {parts[-1]}"
    elif name.startswith("GREEK ") and name.endswith(" SYMBOL"):  # ϵ ϑ ϕ
        kind = name.removeprefix("GREEK ").removeprefix("LUNATE ")
    elif name in ("NABLA", "PARTIAL DIFFERENTIAL"):
        kind = name
    else:
        raise Unsupported(f"{character!r} in mathvariant {variant!r}")
    for full in (f"MATHEMATICAL {STYLES[variant]} {kind}",
                 # the letters Unicode had before its mathematical block
                 f"{STYLES[variant]} {kind}", f"{STYLES[variant]} {kind}"
                 .replace("CAPITAL ", "CAPITAL LETTER ", 1)):
        try:
            return unicodedata.lookup(full)
        except KeyError:
            continue
    raise Unsupported(f"{character!r} in mathvariant {variant!r}")


def _tables(math):
    for table in math.iter("mtable"):
        aligns = table.attrib.get("columnalign", "center").split()
        spaces = table.attrib.pop("columnspacing", "0.8em").split()
        table.attrib.pop("rowspacing", None)  # cells keep their own
        for row in table.findall("mtr"):
            for column, cell in enumerate(row):
                last = column == len(row) - 1
                right = "0" if last else _nth(spaces, column)
                style = f"padding-left:0;padding-right:{right}"
                align = _nth(aligns, column)
                if align != "center":  # the default
                    style += f";text-align:-webkit-{align}"
                cell.set("style", style)
                _lift_style(cell)


def _nth(values, index):
    """A table attribute's value for column or row ``index`` (the last
    value repeats)."""
    return values[min(index, len(values) - 1)]


def _lift_style(cell):
    """A cell holding one ``mstyle`` takes its attributes and children."""
    if len(cell) == 1 and cell[0].tag == "mstyle":
        style = cell[0]
        cell.attrib.update(style.attrib)
        cell[:] = list(style)


def _primes(math):
    """``f′``: the prime glyph already sits high; as a superscript it
    would be raised and shrunk a second time."""
    for element in list(math.iter()):
        for index, child in enumerate(element):
            primes = _primes_of(child[-1]) if child.tag in (
                "msup", "msubsup") else None
            if not primes:
                continue
            if child.tag == "msup":
                base = child[0]
            else:
                base = ElementTree.Element("msub")
                base[:] = list(child)[:2]
            for prime in primes:
                prime.attrib.clear()
                prime.attrib.update(lspace="0", rspace="0")
            row = ElementTree.Element("mrow")
            row[:] = [base, *primes]
            element[index] = row


def _primes_of(script):
    """The prime operators a superscript is made of, or None."""
    marks = [script] if script.tag == "mo" else list(script)
    if script.tag in ("mo", "mrow") and marks and all(
            mark.tag == "mo" and mark.text and set(mark.text) <= PRIMES
            for mark in marks):
        return marks
    return None


def _function_names(math):
    """``d log π``: KaTeX writes a function's name as an ``mi`` and an
    invisible function application; TeX sets the name as an operator,
    a thin space on each side that meets an operand."""
    for element in list(math.iter()):
        children = list(element)
        for index in range(len(children) - 1):
            name, applied = children[index:index + 2]
            if not (name.tag == "mi" and len(name.text or "") > 1
                    and applied.tag == "mo"
                    and applied.text == FUNCTION_APPLICATION):
                continue
            before = children[index - 1] if index else None
            after = children[index + 2] if index + 2 < len(children) else None
            name.tag = "mo"
            name.set("lspace", THIN if _is_operand(before) else "0")
            name.set("rspace", THIN if after is not None and (
                after.tag != "mo" or after.text in BINARY) else "0")
            element.remove(applied)


def _is_operand(element):
    """Whether ``element`` ends an operand (TeX's spacing after it is an
    ordinary symbol's)."""
    return element is not None and (element.tag != "mo"
                                    or element.text in CLOSING)


def _signs(math):
    """A binary operator with no operand before it is a sign, which TeX
    sets with no space around it; a large operator gets a thin space on
    each side that meets an operand (wherever it stands in its row)."""
    for element in math.iter():
        children = list(element)
        for index, child in enumerate(children):
            previous = children[index - 1] if index else None
            after = children[index + 1] if index + 1 < len(children) else None
            core = child[0] if child.tag in SCRIPTED and len(child) else child
            if core.tag != "mo":
                continue
            if child is core and core.text in BINARY and not _is_operand(
                    previous):
                core.set("lspace", "0")
                core.set("rspace", "0")
            elif core.text in LARGE:
                core.set("lspace", THIN if _is_operand(previous) else "0")
                core.set("rspace", THIN if after is not None
                         and after.tag != "mo" else "0")


def _serialize(element):
    attributes = "".join(f' {name}="{html.escape(value)}"'
                         for name, value in element.attrib.items()
                         if not name.startswith("xmlns"))
    inner = html.escape(element.text or "", quote=False) + "".join(
        _serialize(child) + html.escape(child.tail or "", quote=False)
        for child in element)
    return f"<{element.tag}{attributes}>{inner}</{element.tag}>"


# a root's sign is drawn from the font's glyph for it, though no token
# holds the character
RADICAL = "\u221a"
ROOT = re.compile(r"<m(?:sqrt|root)\b")


def drawn(mathml):
    """The characters the browser draws for a formula: a letter alone in
    an ``mi`` is drawn as its mathematical italic (CSS's ``math-auto``),
    and a root draws its sign.

    >>> sorted(drawn('<math><mi>x</mi><mi>log</mi><mn>2</mn></math>'))
    ['2', 'g', 'l', 'o', '𝑥']
    >>> sorted(drawn('<math><msqrt><mi>N</mi></msqrt></math>'))
    ['√', '𝑁']
    """
    return {character for tag, attributes, text in TOKEN.findall(mathml)
            for character in _drawn_text(tag, attributes, text)} | _root_sign(
        mathml)


def symbols(mathml):
    """The characters a formula's symbols draw (its text aside).

    >>> sorted(symbols('<math><mi>x</mi><mo>&#x2061;</mo>'
    ...                '<mtext>if</mtext></math>'))
    ['𝑥']
    """
    shown = {character for tag, attributes, text in TOKEN.findall(mathml)
             if tag != "mtext"
             for character in _drawn_text(tag, attributes, text)
             if unicodedata.category(character) not in ("Cf", "Zs")}
    return shown | _root_sign(mathml)


def _root_sign(mathml):
    return {RADICAL} if ROOT.search(mathml) else set()


def _drawn_text(tag, attributes, text):
    text = html.unescape(text)
    if tag == "mi" and len(text) == 1 and "mathvariant" not in attributes:
        try:
            return math_letter(text, "italic")
        except Unsupported:  # not a letter: drawn as it is
            pass
    return text


def text(mathml):
    """The characters a formula shows, one symbol from the next by a
    space.

    >>> text('<math><mi>J</mi><mo>=</mo><mn>0.2</mn></math>')
    'J = 0.2'
    """
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", mathml)).split())
