"""Typeset every formula at build time with KaTeX, and serve its CSS and
the fonts cut down to the glyphs the site's formulas show.

Formulas arrive as pymdownx.arithmatex's generic markup,
``<span class="arithmatex">\\(...\\)</span>`` (``div`` and ``\\[...\\]`` for
display math); ``span()`` writes the same markup for other sources of
math. A page's formulas are typeset as soon as its HTML exists (a bad
formula stops the build there, naming the page), but put into the page
only after the search plugin has indexed it, so that the index holds TeX.
Once every page is typeset the glyphs are known: the fonts are subset and
served under names that carry a digest of their bytes, with the CSS that
names them, so a browser holding an older subset never uses it.

KaTeX (the version in package-lock.json) runs in an embedded V8 engine
(mini-racer), started only for a formula that is not in the cache, and
closed at the end of every build, failed or not. The cache keeps the
formulas of the edition's last ``cache.RECENT`` builds.
"""

import atexit
import html
import io
import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import cache

ASSETS = "assets/katex"  # where the site serves KaTeX's CSS and fonts
MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">'
    r"\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]</(?P=tag)>", re.S)
# a typeset formula, waiting in the page as plain text
PLACED = re.compile(r'<(?P<tag>span|div) class="arithmatex" '
                    r'data-formula="(?P<number>\d+)">.*?</(?P=tag)>', re.S)
OPTIONS = {"throwOnError": True, "strict": "error", "output": "htmlAndMathml"}
# font subsets: woff2, without hinting (screens smooth glyphs themselves)
SUBSET = {"flavor": "woff2", "hinting": False}
# a subset keeps the font's date, so that its bytes repeat
FONT = {"recalcTimestamp": False}
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


def plain_text(rendered):
    """What a typeset formula says, as text: the characters of its
    MathML, one symbol from the next by a space, without its TeX.

    >>> plain_text('<span class="katex"><span class="katex-mathml"><math>'
    ...            '<mi>J</mi><mo>=</mo><mn>0.2</mn><annotation>J=0.2'
    ...            '</annotation></math></span><span class="katex-html">')
    'J = 0.2'
    """
    mathml = rendered.split('<span class="katex-html"', 1)[0]
    mathml = re.sub(r"<annotation\b.*?</annotation>", "", mathml, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", mathml)).split())


def shown_glyphs(rendered):
    """The characters a typeset formula draws.

    >>> sorted(shown_glyphs('<math><mi>J</mi></math><span class="katex-html"'
    ...                     '><span>x</span>&lt;</span>'))
    ['<', 'x']
    """
    # the visible part comes last; the MathML before it is not drawn
    shown = rendered.split('<span class="katex-html"', 1)[1]
    shown = shown.split(">", 1)[1]  # past the opening tag's end
    return set(html.unescape(re.sub(r"<[^>]*>", "", shown)))


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
    """KaTeX from ``node_modules/katex``, with a cache of its output."""

    def __init__(self, package, cache_dir):
        self.dist = Path(package) / "dist"
        self.script = self.dist / "katex.min.js"
        if not self.script.is_file():
            raise PluginError(
                f"KaTeX is missing ({self.script} not found): run `npm ci`")
        meta = json.loads((Path(package) / "package.json").read_text("utf-8"))
        self.version = meta["version"]
        self.cache_dir = Path(cache_dir)
        self._engine = None
        # rendered formulas, kept between builds for this KaTeX and options
        self._store = self.cache_dir / (
            cache.digest(self.version, OPTIONS)[:16] + ".json")
        # formula key -> [rendered, the number of the build that used it]
        self._saved = (json.loads(self._store.read_text("utf-8"))
                       if self._store.is_file() else {})
        self._build = 1 + max((entry[1] for entry in self._saved.values()),
                              default=0)
        self._used = {}
        self._pages = {}  # src_uri -> each formula's KaTeX HTML
        self.glyphs = set()  # characters the rendered formulas show

    def typeset_page(self, src_uri, content, where, sources=Sources()):
        """Typeset the formulas of one page's HTML and keep them for
        ``insert``; until then each formula reads as what it says, in
        plain text (for the search index). A formula KaTeX refuses is
        named as ``sources`` (a ``Sources``) says it was written, with
        its line."""
        rendered = []

        def readable(match):
            rendered.append(self._typeset_match(match, where, sources))
            tag, text = match["tag"], html.escape(plain_text(rendered[-1]))
            return (f'<{tag} class="arithmatex" data-formula='
                    f'"{len(rendered) - 1}">{text}</{tag}>')

        content = MATH.sub(readable, content)
        self._pages[src_uri] = rendered
        return content

    def _typeset_match(self, match, where, sources):
        """KaTeX's HTML for one formula of a page."""
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
        """``output`` with each formula replaced by KaTeX's HTML."""
        rendered = self._pages.get(src_uri, [])

        def typeset(match):
            tag = match["tag"]
            return (f'<{tag} class="arithmatex">'
                    f'{rendered[int(match["number"])]}</{tag}>')

        return PLACED.sub(typeset, output) if rendered else output

    def has_math(self, src_uri):
        return bool(self._pages.get(src_uri))

    def add_glyphs(self, characters):
        """Subset the fonts for ``characters`` too (pages not typeset in
        this build show them)."""
        self.glyphs |= set(characters)

    def page_glyphs(self, src_uri):
        """The characters a page's typeset formulas show."""
        return set().union(*map(shown_glyphs, self._pages.get(src_uri, [])))

    def _render(self, tex, display):
        key = f"{'display' if display else 'inline'}:{tex}"
        if key not in self._used:
            saved = self._saved.get(key)
            rendered = saved[0] if saved else self._typeset(tex, display)
            self._used[key] = rendered
            self.glyphs |= shown_glyphs(rendered)
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
        return result["html"]

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

    def assets(self, font_cache):
        """``(stylesheet path, {site path: bytes})``: the CSS and the font
        subsets for the glyphs typeset so far, each file named by a digest
        of its bytes."""
        css = (self.dist / "katex.min.css").read_text(encoding="utf-8")
        # only woff2, which every current browser takes
        css = re.sub(r',url\(fonts/[\w-]+\.(woff|ttf)\) format\("(woff|'
                     r'truetype)"\)', "", css)
        if re.search(r"\.(woff|ttf)\)", css):
            raise PluginError(
                f"KaTeX {self.version}: katex.min.css names fonts in a form "
                "this build does not know; update katex.KaTeX.assets()")
        served = {}
        for font in sorted((self.dist / "fonts").glob("*.woff2")):
            subset = self._subset(font.read_bytes(), font_cache)
            name = f"{font.stem}.{cache.digest(subset)[:10]}.woff2"
            served[f"{ASSETS}/fonts/{name}"] = subset
            css = css.replace(f"url(fonts/{font.name})",
                              f"url(fonts/{name})")
        css = css.encode("utf-8")
        stylesheet = f"{ASSETS}/katex.{cache.digest(css)[:10]}.min.css"
        served[stylesheet] = css
        return stylesheet, served

    def _subset(self, font, font_cache):
        text = "".join(sorted(self.glyphs))
        key = cache.digest(font, text, SUBSET, FONT,
                           cache.version("fonttools"))
        cached = font_cache.get(key)
        if cached is not None:
            return cached
        from fontTools import subset
        from fontTools.ttLib import TTFont

        subsetter = subset.Subsetter(subset.Options(**SUBSET))
        subsetter.populate(text=text)
        face = TTFont(io.BytesIO(font), **FONT)
        subsetter.subset(face)
        buffer = io.BytesIO()
        face.save(buffer)
        return font_cache.put(key, buffer.getvalue())
