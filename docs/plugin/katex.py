"""Typeset every formula at build time with KaTeX, as MathML that the
browser draws in a math font cut down to the glyphs the page shows.

Formulas arrive as pymdownx.arithmatex's generic markup,
``<span class="arithmatex">\\(...\\)</span>`` (``div`` and ``\\[...\\]`` for
display math); ``span()`` writes the same markup for other sources of
math. A page's formulas are typeset as soon as its HTML exists (a bad
formula stops the build there, naming the page), but put into the page
only after the search plugin has indexed it, so that the index holds
what each formula says rather than TeX.

KaTeX writes MathML (mathml.py repairs it for the browsers' MathML
Core): a formula is a few elements, where KaTeX's HTML takes about
thirty-five, and needs no script and no KaTeX stylesheet. Its stretchy
brackets, its spacing and its scripts come from the math font's OpenType
MATH table, which each page carries cut to its own formulas
(mathfont.py); a symbol the font lacks stops the build.

KaTeX (the version in package-lock.json) runs in an embedded V8 engine
(mini-racer), started only for a formula that is not in the cache, and
closed at the end of every build, failed or not. The cache keeps the
formulas of the edition's last ``cache.RECENT`` builds.
"""

import atexit
import html
import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import cache, mathfont, mathml

MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">'
    r"\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]</(?P=tag)>", re.S)
# marks that close a phrase: one right after an inline formula would
# start a line (Chromium breaks after a formula whatever follows, word
# joiner or not), so the two go into one span that does not wrap
CLOSING_MARKS = ",.;:!?%)]}’”…，。：；、！？）」』》〉】"
# a typeset formula, waiting in the page as plain text, and the closing
# mark right after it
PLACED = re.compile(r'<(?P<tag>span|div) class="arithmatex" '
                    r'data-formula="(?P<number>\d+)">.*?</(?P=tag)>'
                    f"(?P<mark>[{re.escape(CLOSING_MARKS)}]?)", re.S)
OPTIONS = {"throwOnError": True, "strict": "error", "output": "mathml"}
RENDER_JS = """
function renderTeX(tex, options) {
  try {
    return {html: katex.renderToString(tex, options)};
  } catch (error) {
    return {error: String(error.message)};
  }
}
"""


class Sources:
    """Where a page's formulas were written, to name them in errors:
    ``(line, as written, as printed)`` for each (markers.substitute)."""

    def __init__(self, formulas=()):
        self._by_tex = {}
        for line, written, printed in formulas:
            self._by_tex.setdefault(_inner(printed), (line, written))

    def find(self, tex):
        """``(line, the formula as written)``, or None.

        >>> Sources([(7, "$x = %%a%%$", "$x = 2$")]).find(" x =  2")
        (7, '$x = %%a%%$')
        """
        return self._by_tex.get(" ".join(tex.split()))


def _inner(formula):
    """A formula's TeX without its delimiters, its spaces collapsed."""
    for opening, closing in (("$$", "$$"), ("$", "$"), ("\\(", "\\)"),
                             ("\\[", "\\]")):
        if formula.startswith(opening) and formula.endswith(closing):
            formula = formula[len(opening):len(formula) - len(closing)]
            break
    return " ".join(formula.split())


def span(tex, display):
    """The markup this module typesets, for math from other sources.

    >>> span("x^2", display=False)
    '<span class="arithmatex">\\\\(x^2\\\\)</span>'
    """
    tex = html.escape(tex, quote=False)
    if display:
        return f'<div class="arithmatex">\\[{tex}\\]</div>'
    return f'<span class="arithmatex">\\({tex}\\)</span>'


class KaTeX:
    """KaTeX and the math font from ``node_modules``, with a cache of the
    formulas typeset (in ``cache_dir``) and of the font's subsets (a
    cache.Cache)."""

    def __init__(self, node_modules, cache_dir, font_subsets):
        node_modules = Path(node_modules)
        self.script = node_modules / "katex" / "dist" / "katex.min.js"
        for needed in (self.script, node_modules / mathfont.FONT_FILE):
            if not needed.is_file():
                raise PluginError(f"{needed} is missing: run `npm ci`")
        meta = json.loads((node_modules / "katex" / "package.json")
                          .read_text("utf-8"))
        self.version = meta["version"]
        self.font = mathfont.MathFont(node_modules, font_subsets)
        self.cache_dir = Path(cache_dir)
        self._engine = None
        # formulas typeset by this KaTeX with these options, repaired by
        # this code and checked against this font, kept between builds
        self._store = self.cache_dir / (cache.digest(
            self.version, OPTIONS, Path(mathml.__file__).read_bytes(),
            self.font.digest)[:16] + ".json")
        # formula key -> [rendered, the number of the build that used it]
        self._saved = (json.loads(self._store.read_text("utf-8"))
                       if self._store.is_file() else {})
        self._build = 1 + max((entry[1] for entry in self._saved.values()),
                              default=0)
        self._used = {}
        self._pages = {}  # src_uri -> each formula's MathML

    def typeset_page(self, src_uri, content, where, sources=Sources()):
        """Typeset the formulas of one page's HTML and keep them for
        ``insert``; until then each formula reads as what it says, in
        plain text (for the search index). A formula KaTeX refuses is
        named as ``sources`` (a ``Sources``) says it was written, with
        its line."""
        rendered = []

        def readable(match):
            rendered.append(self._typeset_match(match, where, sources))
            tag, text = match["tag"], html.escape(mathml.text(rendered[-1]))
            return (f'<{tag} class="arithmatex" data-formula='
                    f'"{len(rendered) - 1}">{text}</{tag}>')

        content = MATH.sub(readable, content)
        self._pages[src_uri] = rendered
        return content

    def _typeset_match(self, match, where, sources):
        """The MathML of one formula of a page."""
        tex = html.unescape(match["tex"])
        display = match["open"] == "["
        formula = " ".join(tex.split())
        written = sources.find(tex)
        place = f"{where}:{written[0]}" if written else where
        shown = _inner(written[1]) if written else formula
        try:
            return self._render(tex, display)
        except ValueError as error:
            printed = "" if shown == formula else f" (printed `{formula}`)"
            raise PluginError(f"{place}: KaTeX cannot typeset the formula "
                              f"`{shown}`{printed}: {error}") from None
        except Exception as error:  # the engine itself failed
            raise PluginError(f"{place}: typesetting `{shown}`: "
                              f"{type(error).__name__}: {error}"
                              ) from error

    def insert(self, src_uri, output):
        """``output`` (a whole page) with each formula replaced by its
        MathML, a display formula in its ``div``, an inline one bare (a
        wrapper per formula would be hundreds of elements on a page, for
        nothing) unless a closing mark follows it; and the math font,
        cut to the page's formulas, in the stylesheet at the start of its
        head."""
        rendered = self._pages.get(src_uri, [])
        if not rendered:
            return output

        def typeset(match):
            formula, tag = rendered[int(match["number"])], match["tag"]
            mark = match["mark"]
            if tag == "div":
                return f'<div class="arithmatex">{formula}</div>{mark}'
            if mark:
                return (f'<span class="{mathfont.MARKED}">{formula}{mark}'
                        '</span>')
            return formula

        output = PLACED.sub(typeset, output)
        # ahead of the theme's stylesheets: its script then runs as it is
        # read, not once they have arrived, and the font is read while
        # the phone waits for them
        at = output.find('<link rel="stylesheet"')
        at = at if at >= 0 else output.index("</head>")
        return output[:at] + self.font.stylesheet(set().union(
            *map(mathml.drawn, rendered))) + output[at:]

    def _render(self, tex, display):
        key = f"{'display' if display else 'inline'}:{tex}"
        if key not in self._used:
            saved = self._saved.get(key)
            rendered = saved[0] if saved else self._typeset(tex, display)
            self._used[key] = rendered
        return self._used[key]

    def _typeset(self, tex, display):
        if self._engine is None:
            from py_mini_racer import MiniRacer

            self._engine = MiniRacer()
            atexit.register(self.close)  # an interrupted build, too
            self._engine.eval(self.script.read_text(encoding="utf-8"))
            self._engine.eval(RENDER_JS)
        options = dict(OPTIONS, displayMode=display)
        result = self._engine.call("renderTeX", tex, options)
        if "error" in result:
            raise ValueError(result["error"])
        rendered = mathml.for_browsers(result["html"])
        missing = "".join(sorted(mathml.symbols(rendered)
                                 - self.font.characters()))
        if missing:
            raise ValueError(f"{mathfont.FAMILY} has no glyph for "
                             f"{missing!r}")
        return rendered

    def close(self):
        """Stop the engine; safe to call on every path, more than once."""
        engine, self._engine = self._engine, None
        if engine is not None:
            atexit.unregister(self.close)
            engine.close()

    def save(self, prune=True):
        """Keep the formulas of this build and of the edition's recent
        builds for the next (all kept formulas without ``prune``: a dirty
        build typesets only the pages it rewrites)."""
        kept = {key: entry for key, entry in self._saved.items()
                if entry[1] > self._build - cache.RECENT or not prune}
        kept.update({key: [rendered, self._build]
                     for key, rendered in self._used.items()})
        if kept != self._saved:
            cache.write_atomic(self._store, json.dumps(
                kept, sort_keys=True).encode())
