"""The math font, as each page carries it.

Formulas are drawn in STIX Two Math (from npm), whose OpenType MATH table
stretches brackets and places scripts and fractions. Each page carries
the font in its own head, cut to the glyphs its formulas show (fontTools
keeps the MATH table and the glyphs it reaches), as a data URL in the
stylesheet that draws its formulas: the first paint shows every formula
in its font, with no request made for it. A preloaded font would cost
the first paint instead (Chromium holds it until a preloaded font
arrives), and one found by layout would leave formulas blank after it.

A page's font follows from its own formulas alone, so a page kept by a
dirty build keeps a font that draws it; subsets are cached by the
characters they hold, and the two editions share them.
"""

import base64
import io
from pathlib import Path

from . import cache

# the math font, in node_modules
FONT_FILE = ("@fontsource/stix-two-math/files/"
             "stix-two-math-latin-400-normal.woff2")
FAMILY = "STIX Two Math"
MARKED = "formula-marked"  # an inline formula with the closing mark after it
# subsets: woff2, without hinting (screens smooth glyphs themselves)
SUBSET = {"flavor": "woff2", "hinting": False}
# a math font's own features, beyond the subsetter's defaults: letters
# in scripts, dotless i and j under accents, accents on capitals
MATH_FEATURES = ["ssty", "dtls", "flac"]
# a subset keeps the font's date, so that its bytes repeat
FONT = {"recalcTimestamp": False}
# the font's face (never drawn in a fallback first), and what formulas
# look like on a page: as large as the text's lower case (STIX's
# x-height is 0.47 em), upright whatever the text around them (a
# letter's style is the formula's), set off from the paragraphs around
# them when displayed, and kept on one line with a closing mark after
# them (katex.py). The browser reads a font only once layout needs
# it, and the first frame would show the formulas blank: the script asks
# for it as the head is read (without scripts, layout still does), which
# a page does before its other stylesheets arrive.
STYLESHEET = """\
<style>@font-face{{font-family:"{family}";font-display:block;\
src:url(data:font/woff2;base64,{font}) format("woff2")}}\
math{{font-family:"{family}",math;font-size:1.1em;font-style:normal;\
font-weight:normal}}div.arithmatex>math{{margin-block:1em}}\
.{marked}{{white-space:nowrap}}</style>\
<script>document.fonts.load('1em "{family}"')</script>"""


class MathFont:
    """The math font in ``node_modules``, cut for pages; subsets kept in
    ``subsets`` (a cache.Cache)."""

    def __init__(self, node_modules, subsets):
        self.path = Path(node_modules) / FONT_FILE
        self.data = self.path.read_bytes()
        # what keys every output of the font: its bytes, digested once
        # rather than for each page
        self.digest = cache.digest(self.data)
        self._subsets = subsets
        self._face = None  # the font decoded once (woff2 is slow to read)
        self._characters = None

    def characters(self):
        """Every character the font draws."""
        if self._characters is None:
            from fontTools.ttLib import TTFont

            cmap = TTFont(io.BytesIO(self.data)).getBestCmap()
            self._characters = set(map(chr, cmap))
        return self._characters

    def stylesheet(self, characters):
        """The ``<style>`` for a page whose formulas show ``characters``
        (the font cut to them, inline, and how formulas are set), and the
        script that reads the font at once."""
        font = base64.b64encode(self.subset(characters)).decode("ascii")
        return STYLESHEET.format(family=FAMILY, font=font, marked=MARKED)

    def subset(self, characters):
        """The font as woff2, cut to ``characters``."""
        text = "".join(sorted(characters))
        key = cache.digest(self.digest, text, SUBSET, MATH_FEATURES, FONT,
                           cache.version("fonttools"))
        cached = self._subsets.get(key)
        if cached is not None:
            return cached
        from fontTools import subset

        options = subset.Options(**SUBSET)
        options.layout_features += MATH_FEATURES
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        face = self._decoded()
        subsetter.subset(face)
        face.flavor = options.flavor
        buffer = io.BytesIO()
        face.save(buffer)
        return self._subsets.put(key, buffer.getvalue())

    def _decoded(self):
        """The whole font, a TTFont of its own: read from woff2 once (its
        outlines are slow to decode), kept as plain sfnt bytes that each
        subset reads again quickly."""
        from fontTools.ttLib import TTFont

        if self._face is None:
            face = TTFont(io.BytesIO(self.data), **FONT)
            face.flavor = None
            buffer = io.BytesIO()
            face.save(buffer)
            self._face = buffer.getvalue()
        return TTFont(io.BytesIO(self._face), **FONT)
