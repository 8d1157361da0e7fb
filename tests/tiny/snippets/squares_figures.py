"""Figures of the page "Squares"."""

from snippets import squares
from snippets.figures import FigureSpec, new_figure


def draw_square(values, palette, words):
    """A square of the page's side."""
    figure = new_figure(2, 2)
    ax = figure.add_subplot()
    side = squares.SIDE
    ax.plot([0, side, side, 0, 0], [0, 0, side, side, 0],
            color=palette.curve)
    ax.set_title(f"{words['side']} {values['side']}")
    return figure


FIGURES = (FigureSpec("square", draw_square, words={
    "alt": "A square drawn with sides of length %%side%%, one at each edge "
           "of the frame, nothing else in the picture at all.",
    "caption": "A square of side $s = %%side%%$.", "side": "side"}),)
