"""Typeset every formula at build time with KaTeX; serve its CSS and fonts.

Formulas are TeX in Markdown (pymdownx.arithmatex, generic mode). Once the
search plugin has indexed a page, so that the index holds the TeX and not
KaTeX's markup, each formula is replaced by KaTeX's HTML and MathML: the
reader's browser runs no math script and needs no network.

KaTeX is the version pinned in package-lock.json, run in an embedded V8
engine (mini-racer): it loads once per build, renders a formula in about a
millisecond and reports errors as Python exceptions, with no subprocess to
start or to talk to. Bad TeX stops the build, naming the page and formula.
"""

import html
import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ASSETS = "assets/katex"  # where the site serves KaTeX's CSS and fonts
MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">'
    r"\\[(\[](?P<tex>.*?)\\[)\]]</(?P=tag)>", re.S)
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

    def __init__(self, package):
        from py_mini_racer import MiniRacer

        script = package / "dist" / "katex.min.js"
        if not script.is_file():
            raise PluginError(
                f"KaTeX is missing ({script} not found): run `npm ci`")
        meta = json.loads((package / "package.json").read_text("utf-8"))
        self.version = meta["version"]
        self.dist = package / "dist"
        self._context = MiniRacer()
        self._context.eval(script.read_text(encoding="utf-8"))
        self._context.eval(RENDER_JS)
        self._cache = {}

    def render(self, tex, display):
        """KaTeX's HTML for ``tex``; ValueError with KaTeX's message."""
        key = (tex, display)
        if key not in self._cache:
            options = dict(OPTIONS, displayMode=display)
            result = self._context.call("renderTeX", tex, options)
            if "error" in result:
                raise ValueError(result["error"])
            self._cache[key] = result["html"]
        return self._cache[key]

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


_katex = None


def on_config(config):
    global _katex
    root = Path(config.config_file_path).parent.resolve()
    _katex = KaTeX(root / "node_modules" / "katex")
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
            rendered = _katex.render(tex, display=tag == "div")
        except ValueError as error:
            formula = " ".join(tex.split())
            raise PluginError(
                f"docs/{page.file.src_uri}: KaTeX cannot typeset the formula"
                f" `{formula}`: {error}") from None
        return f'<{tag} class="arithmatex">{rendered}</{tag}>'

    return MATH.sub(typeset, output)
