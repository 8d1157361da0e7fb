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
closed at the end of every build, failed or not.
"""

import atexit
import html
import io
import json
import re
from importlib.metadata import version
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import cache

ASSETS = "assets/katex"  # where the site serves KaTeX's CSS and fonts
MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">'
    r"\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]</(?P=tag)>", re.S)
OPTIONS = {"throwOnError": True, "strict": "error", "output": "htmlAndMathml"}
# font subsets: woff2, without hinting (screens smooth glyphs themselves)
SUBSET = {"flavor": "woff2", "hinting": False}
RENDER_JS = """
function renderTeX(tex, options) {
  try {
    return {html: katex.renderToString(tex, options)};
  } catch (error) {
    return {error: String(error.message)};
  }
}
"""


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
        self._saved = (json.loads(self._store.read_text("utf-8"))
                       if self._store.is_file() else {})
        self._used = {}
        self._pages = {}  # src_uri -> {formula key: rendered}
        self.glyphs = set()  # characters the rendered formulas show

    def typeset_page(self, src_uri, content, where):
        """Typeset the formulas of one page's HTML; keep them for later."""
        rendered = {}
        for match in MATH.finditer(content):
            tex = html.unescape(match["tex"])
            display = match["open"] == "["
            formula = " ".join(tex.split())
            try:
                rendered[match.group(0)] = self._render(tex, display)
            except ValueError as error:
                raise PluginError(f"{where}: KaTeX cannot typeset the "
                                  f"formula `{formula}`: {error}") from None
            except Exception as error:  # the engine itself failed
                raise PluginError(f"{where}: typesetting `{formula}`: "
                                  f"{type(error).__name__}: {error}"
                                  ) from error
        self._pages[src_uri] = rendered
        return len(rendered)

    def insert(self, src_uri, output):
        """``output`` with each formula replaced by KaTeX's HTML."""
        rendered = self._pages.get(src_uri, {})

        def typeset(match):
            tag = match["tag"]
            return (f'<{tag} class="arithmatex">{rendered[match.group(0)]}'
                    f"</{tag}>")

        return MATH.sub(typeset, output) if rendered else output

    def has_math(self, src_uri):
        return bool(self._pages.get(src_uri))

    def _render(self, tex, display):
        key = f"{'display' if display else 'inline'}:{tex}"
        if key not in self._used:
            rendered = self._saved.get(key) or self._typeset(tex, display)
            self._used[key] = rendered
            # the visible part comes last; the MathML before it is not drawn
            shown = rendered.split('<span class="katex-html"', 1)[1]
            self.glyphs |= set(html.unescape(re.sub(r"<[^>]*>", "", shown)))
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
            engine.close()

    def save(self):
        """Keep this build's formulas (only these) for the next build."""
        if self._used and self._used != self._saved:
            cache.write_atomic(self._store, json.dumps(self._used).encode())

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
        key = cache.digest(font, text, SUBSET, version("fonttools"))
        cached = font_cache.get(key)
        if cached is not None:
            return cached
        from fontTools import subset
        from fontTools.ttLib import TTFont

        subsetter = subset.Subsetter(subset.Options(**SUBSET))
        subsetter.populate(text=text)
        face = TTFont(io.BytesIO(font))
        subsetter.subset(face)
        buffer = io.BytesIO()
        face.save(buffer)
        return font_cache.put(key, buffer.getvalue())
