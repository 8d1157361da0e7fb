"""Figures drawn at build time: one style, light and dark, stable bytes.

A page module's figures are ``FigureSpec`` entries: a name, a function that
draws with the page's values, a palette and some words and returns a
matplotlib Figure, and its words in the original language: the alt text
and caption (which may hold ``%%name%%`` value markers) and the labels
drawn in the figure. The data a figure draws is the same in every
language; only its words change. The build plugin (docs/plugin/figures.py)
renders each spec once per palette and language with ``render_svg`` and
hands the SVG to the site; nothing is written to docs/.

Matplotlib is imported only when a figure is really drawn, so a build whose
figures all come from the cache never loads it.
"""

import io
import re
from dataclasses import dataclass
from typing import Callable

# Everything that shapes the SVG bytes besides the drawing code itself.
STYLE = {
    "svg.hashsalt": "appendix-e",  # stable ids for clip paths and glyphs
    "svg.fonttype": "path",  # glyphs as paths: no font needed to view
    "font.family": "DejaVu Sans",  # ships with matplotlib
    "font.size": 12,
    "mathtext.fontset": "cm",  # close to the TeX of the page's formulas
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.linewidth": 0.6,
    "lines.linewidth": 2,
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.transparent": True,
    "legend.frameon": False,
}


# Text is set in DejaVu Sans, with a language's own fonts (``fonts``,
# from the site's list of languages) for the glyphs DejaVu lacks, so
# digits and Latin letters look alike in every language; a label that
# mixes $math$ with such glyphs is set in the language's font (matplotlib's
# math text takes its words from one font). The first installed font is
# used; the build needs the first one. Glyphs are stored as paths, so
# readers need none.


class MissingFont(LookupError):
    """A language's text cannot be drawn: its font is not installed."""


def fonts(extra=(), installed_only=False):
    """The font families that draw text: Latin first, then ``extra``.

    >>> fonts()
    ['DejaVu Sans']
    >>> fonts(["Noto Sans CJK SC"])
    ['DejaVu Sans', 'Noto Sans CJK SC']
    """
    families = [STYLE["font.family"], *extra]
    if installed_only:
        families = [family for family in families if _installed(family)]
    return families


def check_fonts(extra):
    """Raise ``MissingFont`` unless the first of ``extra`` is installed."""
    if extra and not _installed(extra[0]):
        raise MissingFont(f"drawing its words needs the font '{extra[0]}'")


def _installed(family):
    from matplotlib import font_manager

    try:
        font_manager.findfont(font_manager.FontProperties(family=family),
                              fallback_to_default=False)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Palette:
    """Colours of one reading mode; the page background shows through."""

    name: str
    text: str
    muted: str
    grid: str
    curve: str
    accent: str
    good: str
    bad: str
    series: tuple

    def rc(self):
        """Matplotlib settings for this palette.

        >>> PALETTES[1].rc()["text.color"]
        '#e6edf3'
        """
        return {
            "text.color": self.text, "axes.labelcolor": self.text,
            "axes.edgecolor": self.muted, "xtick.color": self.text,
            "ytick.color": self.text, "grid.color": self.grid,
        }


PALETTES = (
    Palette("light", text="#1f2328", muted="#59636e", grid="#d8dee4",
            curve="#3949ab", accent="#d84315", good="#2e7d32",
            bad="#c62828",
            series=("#6d4c41", "#3949ab", "#2e7d32", "#ef6c00", "#c62828")),
    Palette("dark", text="#e6edf3", muted="#9198a1", grid="#3d444d",
            curve="#8c9eff", accent="#ffab91", good="#81c784",
            bad="#ef9a9a",
            series=("#bcaaa4", "#8c9eff", "#81c784", "#ffb74d", "#ef9a9a")),
)


@dataclass(frozen=True)
class FigureSpec:
    """One figure of a page: how to draw it and what it says.

    ``words`` are the figure's words in the original language: ``alt`` (a
    plain-text description) and ``caption`` (Markdown with math), both of
    which may hold %%name%% markers, and the labels that ``draw`` writes
    into the figure, by key. Another language's words are laid over them,
    key by key (by the build, from that language's word table; in a
    downloaded notebook, from ``words.<language>.json`` beside this file).
    """

    name: str  # file name stem and the page's %%figure:name%% marker
    draw: Callable  # draw(values, palette, words) -> matplotlib Figure
    words: dict  # {"alt": ..., "caption": ..., label: text}


def translation(spec, language):
    """``(words, fonts)`` of ``spec`` in ``language``: the words a
    notebook carries beside this module for it (``words.<language>.json``,
    written there by the build) laid over the spec's own; the spec's own
    words, and no fonts, when it carries none.

    >>> spec = FigureSpec("dot", None, {"alt": "A dot"})
    >>> translation(spec, "en")
    ({'alt': 'A dot'}, [])
    """
    from snippets.words import carried

    data = carried(language)
    if not data:
        return spec.words, []
    module = spec.draw.__module__.rpartition(".")[2]
    own = data.get("figures", {}).get(module, {}).get(spec.name, {})
    return {**spec.words, **own}, data.get("fonts", [])


def new_figure(width=5.0, height=3.4):
    """A matplotlib Figure not tied to pyplot's global state.

    >>> new_figure(4, 3).get_size_inches().tolist()
    [4.0, 3.0]
    """
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def render_svg(spec, values, palette, words=None, extra_fonts=()):
    """The SVG bytes of ``spec`` drawn in ``palette`` with ``words`` (its
    own by default), in DejaVu Sans and ``extra_fonts``.

    The same code, matplotlib version and style give the same bytes: ids
    use a fixed salt and the file carries no date.

    >>> def dot(values, palette, words):
    ...     figure = new_figure(1, 1)
    ...     figure.add_subplot().plot([0], [0], "o", color=palette.curve)
    ...     return figure
    >>> spec = FigureSpec("dot", dot, {})
    >>> svg = render_svg(spec, None, PALETTES[0])
    >>> svg == render_svg(spec, None, PALETTES[0]), b"<dc:date>" in svg
    (True, False)
    """
    check_fonts(extra_fonts)
    return _render(spec, values, palette, spec.words if words is None
                   else words, extra_fonts, "svg")


def show(spec, values, language="en", palette=PALETTES[0]):
    """Display a figure in a notebook, as PNG on a white background, its
    words in ``language`` (see ``translation``).

    The output names the figure (its module and name), so that the site's
    notebook page can show the page's own SVGs in the reader's palette.
    Without the language's font its own words are drawn instead.

    >>> def dot(values, palette, words):
    ...     return new_figure(1, 1)
    >>> image = show(FigureSpec("dot", dot, {}), None)
    >>> image.format, image.metadata["figure"]["name"]
    ('png', 'dot')
    """
    from IPython.display import Image
    from PIL import Image as Picture

    words, extra_fonts = translation(spec, language)
    try:
        check_fonts(extra_fonts)
    except MissingFont as missing:
        print(f"{missing}; its labels are drawn in the original language")
        words, extra_fonts = spec.words, []
    png = _render(spec, values, palette, words, extra_fonts, "png",
                  {"savefig.transparent": False, "figure.facecolor": "white"})
    # a palette of 64 colours keeps the notebook light; the plots are flat
    picture = Picture.open(io.BytesIO(png)).convert("RGB").quantize(64)
    buffer = io.BytesIO()
    picture.save(buffer, format="png", optimize=True)
    module = spec.draw.__module__.rpartition(".")[2]
    return Image(data=buffer.getvalue(), format="png", metadata={
        "figure": {"module": module, "name": spec.name}})


def style(palette, extra_fonts=()):
    """The matplotlib settings a figure is drawn with.

    >>> style(PALETTES[0], ["Noto Sans CJK SC"])["font.family"][0]
    'DejaVu Sans'
    """
    return {**STYLE, "font.family": fonts(extra_fonts, installed_only=True),
            **palette.rc()}


def _render(spec, values, palette, words, extra_fonts, file_format,
            rc=None):
    import matplotlib

    with matplotlib.rc_context({**style(palette, extra_fonts),
                                **(rc or {})}):
        figure = spec.draw(values, palette, words)
        _set_mixed_labels(figure, extra_fonts)
        buffer = io.BytesIO()
        figure.savefig(buffer, format=file_format,
                       metadata={"Date": None, "Creator": None}
                       if file_format == "svg" else None)
    return buffer.getvalue()


def _set_mixed_labels(figure, extra_fonts):
    """Set each label that mixes $math$ with glyphs DejaVu lacks in the
    language's own font, which math text needs for its words."""
    from matplotlib.text import Text

    own = fonts(extra_fonts, installed_only=True)[1:]
    for text in figure.findobj(Text) if own else ():
        label = text.get_text()
        if "$" in label and re.search(r"[\u2e80-\u9fff\uff00-\uffef]",
                                      label):
            text.set_fontfamily([*own, STYLE["font.family"]])
