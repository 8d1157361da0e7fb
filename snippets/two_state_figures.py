"""Figures of the running example (docs/index.md): its state diagram.

Every number in a label is the text the page prints (``values[name]``);
every word is the figure's ``words`` in the page's language.
"""


from snippets import two_state as ts
# PALETTES and texts are for the doctests
from snippets.figures import PALETTES, FigureSpec, new_figure
from snippets.values import texts

CELLS = {0: (2.0, 2.0), 1: (8.0, 2.0)}  # where each cell is drawn
RADIUS = 1.1


def _arrow(ax, start, end, rad, colour):
    from matplotlib.patches import FancyArrowPatch

    ax.add_patch(FancyArrowPatch(
        start, end, connectionstyle=f"arc3,rad={rad}", arrowstyle="-|>",
        mutation_scale=16, linewidth=1.6, color=colour))


def draw_states(values, palette, words):
    """The two cells, the four moves, their rewards and probabilities.

    >>> words = FIGURES[0].words
    >>> figure = draw_states(texts(ts.page_values()), PALETTES[0], words)
    >>> sorted(t.get_text() for t in figure.axes[0].texts)[:2]
    ['$s_1$: left', '$s_2$: right']
    """
    from matplotlib.patches import Circle

    figure = new_figure(5.0, 2.9)
    ax = figure.add_subplot()
    ax.set_axis_off()
    ax.set_xlim(-0.6, 10.6)
    ax.set_ylim(-0.9, 5.2)
    ax.set_aspect("equal")
    for s, (x, y) in CELLS.items():
        ax.add_patch(Circle((x, y), RADIUS, fill=False, linewidth=1.8,
                            edgecolor=palette.curve))
        ax.text(x, y, f"$s_{s + 1}$: {words[ts.STATES[s]]}", ha="center",
                va="center", color=palette.text)
    right = rf"{words['right']}, $\theta = {values['theta']}$"
    left = rf"{words['left']}, $1-\theta = {values['not_theta']}$"
    reward = words["reward"]
    (x1, y1), (x2, y2) = CELLS[0], CELLS[1]
    # between the cells: right from s1 (above), left from s2 (below)
    _arrow(ax, (x1 + 0.9, y1 + 0.7), (x2 - 0.9, y2 + 0.7), -0.3,
           palette.good)
    ax.text(5, 3.75, f"{right}\n{reward} {values['r_left_right']}",
            ha="center", va="bottom", color=palette.good)
    _arrow(ax, (x2 - 0.9, y2 - 0.7), (x1 + 0.9, y1 - 0.7), -0.3,
           palette.accent)
    ax.text(5, 0.25, f"{left}\n{reward} {values['r_right_left']}",
            ha="center", va="top", color=palette.accent)
    # loops: left in s1 bumps the wall, right in s2 stays
    _arrow(ax, (x1 - 0.5, y1 + 1.0), (x1 - 1.0, y1 - 0.5), 1.6,
           palette.accent)
    ax.text(x1 - 1.3, y1 + 1.5,
            f"{words['left']}\n{reward} {values['r_left_left']}",
            ha="center", va="bottom", color=palette.accent)
    _arrow(ax, (x2 + 0.5, y2 + 1.0), (x2 + 1.0, y2 - 0.5), -1.6,
           palette.good)
    ax.text(x2 + 1.3, y2 + 1.5,
            f"{words['right']}\n{reward} {values['r_right_right']}",
            ha="center", va="bottom", color=palette.good)
    return figure


FIGURES = (
    FigureSpec("states", draw_states, words={
        "alt": "State diagram of the running example: two cells, left "
               "and right. From the left cell, action right "
               "(probability %%theta%%) moves to the right cell with "
               "reward %%r_left_right%%, and action left (probability "
               "%%not_theta%%) bumps the wall and stays, reward "
               "%%r_left_left%%. From the right cell, action left moves "
               "back with reward %%r_right_left%% and action right "
               "stays with reward %%r_right_right%%.",
        "caption": "The running example. Each action moves to the cell "
                   "it names; the policy chooses *right* with "
                   "probability $\\theta = %%theta%%$ in both cells. "
                   "Rewards are on the arrows, and a reward one step "
                   "later counts $\\gamma = %%gamma%%$ times as much.",
        "left": "left", "right": "right", "reward": "reward",
    }),
)
