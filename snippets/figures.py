"""Figures drawn at build time: one style, light and dark, stable bytes.

A page module's figures are ``FigureSpec`` entries: a name, a function that
draws with the page's values and a palette and returns a matplotlib Figure,
and an alt text and a caption that may hold ``%%name%%`` value markers. The
build plugin (docs/plugin/figures.py) renders each spec once per palette with
``render_svg`` and hands the SVG to the site; nothing is written to docs/.

Matplotlib is imported only when a figure is really drawn, so a build whose
figures all come from the cache never loads it.
"""

import io
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
    """One figure of a page: how to draw it and how to describe it."""

    name: str  # file name stem and the page's %%figure:name%% marker
    draw: Callable  # draw(values, palette) -> matplotlib Figure
    alt: str  # plain-text description; may hold %%name%% markers
    caption: str  # Markdown with math; may hold %%name%% markers


def new_figure(width=5.0, height=3.4):
    """A matplotlib Figure not tied to pyplot's global state.

    >>> new_figure(4, 3).get_size_inches().tolist()
    [4.0, 3.0]
    """
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def render_svg(spec, values, palette):
    """The SVG bytes of ``spec`` drawn in ``palette``.

    The same code, matplotlib version and style give the same bytes: ids
    use a fixed salt and the file carries no date.

    >>> def dot(values, palette):
    ...     figure = new_figure(1, 1)
    ...     figure.add_subplot().plot([0], [0], "o", color=palette.curve)
    ...     return figure
    >>> spec = FigureSpec("dot", dot, alt="", caption="")
    >>> svg = render_svg(spec, None, PALETTES[0])
    >>> svg == render_svg(spec, None, PALETTES[0]), b"<dc:date>" in svg
    (True, False)
    """
    return _render(spec, values, palette, "svg")


def show(spec, values, palette=PALETTES[0]):
    """Display a figure in a notebook, as PNG on a white background.

    The output names the figure (its module and name), so that the site's
    notebook page can show the page's own SVGs in the reader's palette.

    >>> def dot(values, palette):
    ...     return new_figure(1, 1)
    >>> image = show(FigureSpec("dot", dot, alt="", caption=""), None)
    >>> image.format, image.metadata["figure"]["name"]
    ('png', 'dot')
    """
    from IPython.display import Image
    from PIL import Image as Picture

    png = _render(spec, values, palette, "png", {"savefig.transparent": False,
                                                 "figure.facecolor": "white"})
    # a palette of 64 colours keeps the notebook light; the plots are flat
    picture = Picture.open(io.BytesIO(png)).convert("RGB").quantize(64)
    buffer = io.BytesIO()
    picture.save(buffer, format="png", optimize=True)
    module = spec.draw.__module__.rpartition(".")[2]
    return Image(data=buffer.getvalue(), format="png", metadata={
        "figure": {"module": module, "name": spec.name}})


def _render(spec, values, palette, file_format, rc=None):
    import matplotlib

    with matplotlib.rc_context({**STYLE, **palette.rc(), **(rc or {})}):
        figure = spec.draw(values, palette)
        buffer = io.BytesIO()
        figure.savefig(buffer, format=file_format,
                       metadata={"Date": None, "Creator": None}
                       if file_format == "svg" else None)
    return buffer.getvalue()
