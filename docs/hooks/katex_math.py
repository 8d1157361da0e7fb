"""Typeset every formula at build time with KaTeX; serve its CSS and fonts.

Formulas are TeX in Markdown (pymdownx.arithmatex, generic mode). Once the
search plugin has indexed a page, so that the index holds the TeX and not
KaTeX's markup, each formula is replaced by KaTeX's HTML and MathML: the
reader's browser runs no math script and needs no network.

KaTeX is the version pinned in package-lock.json, run in an embedded V8
engine (mini-racer): it loads once per build, renders a formula in about a
millisecond and reports errors as Python exceptions, with no subprocess to
start or to talk to. Bad TeX stops the build, naming the page and formula.

Rendered formulas are kept in ``.cache/katex/`` (keyed on KaTeX's version
and options) so that a rebuild starts no engine for formulas it has seen.
The fonts are cut down to the glyphs the site's formulas use (fontTools),
after every page is built; subsets are cached in ``.cache/katex-fonts/``,
keyed on the font and the glyphs.
"""

import hashlib
import html
import io
import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ASSETS = "assets/katex"  # where the site serves KaTeX's CSS and fonts
MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">'
    r"\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]</(?P=tag)>", re.S)
OPTIONS = {"throwOnError": True, "strict": "error", "output": "htmlAndMathml"}
RENDER_JS = """
function renderTeX(tex, options) {
  try {
    return {html: katex.renderToString(tex, options)};
  } catch (error) {
    return {error: String(error.message)};
  }
}
"""


class KaTeX:
    """KaTeX from ``node_modules/katex``, loaded into one V8 context."""

    def __init__(self, package, cache):
        self.script = package / "dist" / "katex.min.js"
        if not self.script.is_file():
            raise PluginError(
                f"KaTeX is missing ({self.script} not found): run `npm ci`")
        meta = json.loads((package / "package.json").read_text("utf-8"))
        self.version = meta["version"]
        self.dist = package / "dist"
        self._context = None  # started on the first formula not cached
        # rendered formulas, kept between builds for this KaTeX and options
        key = hashlib.sha256(json.dumps([self.version, OPTIONS]).encode())
        self._store = cache / f"{key.hexdigest()[:16]}.json"
        self._saved = (json.loads(self._store.read_text("utf-8"))
                       if self._store.is_file() else {})
        self._used = {}
        self.glyphs = set()  # characters the rendered formulas show

    def render(self, tex, display):
        """KaTeX's HTML for ``tex``; ValueError with KaTeX's message."""
        key = f"{'display' if display else 'inline'}:{tex}"
        if key not in self._used:
            rendered = self._saved.get(key) or self._typeset(tex, display)
            self._used[key] = rendered
            # the visible part comes last; the MathML before it is not drawn
            shown = rendered.split('<span class="katex-html"', 1)[1]
            self.glyphs |= set(html.unescape(re.sub(r"<[^>]*>", "", shown)))
        return self._used[key]

    def _typeset(self, tex, display):
        if self._context is None:
            from py_mini_racer import MiniRacer

            self._context = MiniRacer()
            self._context.eval(self.script.read_text(encoding="utf-8"))
            self._context.eval(RENDER_JS)
        options = dict(OPTIONS, displayMode=display)
        result = self._context.call("renderTeX", tex, options)
        if "error" in result:
            raise ValueError(result["error"])
        return result["html"]

    def save(self):
        """Keep this build's formulas (only these) for the next build."""
        if self._used != self._saved:
            self._store.parent.mkdir(parents=True, exist_ok=True)
            self._store.write_text(json.dumps(self._used), "utf-8")

    def stylesheet(self):
        """katex.min.css with only the woff2 fonts every current browser
        takes, so that the site ships no woff or ttf files."""
        css = (self.dist / "katex.min.css").read_text(encoding="utf-8")
        css = re.sub(
            r',url\(fonts/[\w-]+\.(woff|ttf)\) format\("(woff|truetype)"\)',
            "", css)
        if re.search(r"\.(woff|ttf)\)", css):
            raise PluginError(
                f"KaTeX {self.version}: katex.min.css names fonts in a form "
                "this hook does not know; update katex_math.stylesheet()")
        return css

    def fonts(self):
        return sorted((self.dist / "fonts").glob("*.woff2"))

    def subset(self, font, cache):
        """``font`` (woff2 bytes) with only the glyphs in ``self.glyphs``."""
        text = "".join(sorted(self.glyphs))
        key = hashlib.sha256(font + text.encode()).hexdigest()
        cached = cache / f"{key}.woff2"
        if cached.is_file():
            return cached.read_bytes()
        from fontTools import subset
        from fontTools.ttLib import TTFont

        options = subset.Options(flavor="woff2")
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        face = TTFont(io.BytesIO(font))
        subsetter.subset(face)
        buffer = io.BytesIO()
        face.save(buffer)
        cache.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(buffer.getvalue())
        return buffer.getvalue()


_katex = None


def on_config(config):
    global _katex
    root = Path(config.config_file_path).parent.resolve()
    _katex = KaTeX(root / "node_modules" / "katex", root / ".cache" / "katex")
    config.extra_css.insert(0, f"{ASSETS}/katex.min.css")


def on_files(files, config):
    files.append(File.generated(
        config, f"{ASSETS}/katex.min.css", content=_katex.stylesheet()))
    for font in _katex.fonts():
        files.append(File.generated(
            config, f"{ASSETS}/fonts/{font.name}", abs_src_path=str(font)))
    return files


def on_post_page(output, page, config):
    def typeset(match):
        tag, tex = match.group("tag"), html.unescape(match.group("tex"))
        try:
            rendered = _katex.render(tex, display=match.group("open") == "[")
        except ValueError as error:
            formula = " ".join(tex.split())
            raise PluginError(
                f"docs/{page.file.src_uri}: KaTeX cannot typeset the formula"
                f" `{formula}`: {error}") from None
        return f'<{tag} class="arithmatex">{rendered}</{tag}>'

    return MATH.sub(typeset, output)


def on_post_build(config):
    """Replace each served KaTeX font by its subset for this site."""
    _katex.save()
    cache = Path(config.config_file_path).parent.resolve() / ".cache"
    fonts = Path(config.site_dir) / ASSETS / "fonts"
    for font in _katex.fonts():
        (fonts / font.name).write_bytes(
            _katex.subset(font.read_bytes(), cache / "katex-fonts"))
