"""Figures of the page "E.1.1 Vectors and Matrices"
(docs/vectors-and-matrices.md).

Each function draws one figure from the page's code and values: every
number in a label is the text the page prints (``values[name]``), and
every word is the figure's ``words`` in the page's language. ``FIGURES``
lists them with their words (alt text, caption, labels) for the build.
"""

from snippets import two_state
from snippets import vectors_and_matrices as vm
# PALETTES is for the doctests
from snippets.figures import PALETTES, FigureSpec, new_figure
# texts is for the doctests: the values as the page prints them
from snippets.values import texts

CELLS = two_state.STATES


def _math(text):
    return f"${text}$"


def draw_transition_matrix(values, palette, words):
    """P_pi as a grid: rows are where we leave, columns where we arrive.

    >>> words = FIGURES[0].words
    >>> figure = draw_transition_matrix(texts(vm.page_values()),
    ...                                 PALETTES[0], words)
    >>> sorted(t.get_text() for t in figure.axes[0].texts)[:2]
    ['$P_\\\\pi$', '0.2']
    """
    from matplotlib.patches import Rectangle

    figure = new_figure(5.0, 3.0)
    ax = figure.add_subplot()
    ax.set_axis_off()
    ax.set_xlim(-1.75, 3.05)
    ax.set_ylim(-0.12, 2.75)
    _, P, _ = vm.policy_matrices(two_state.THETA)
    for s, here in enumerate(CELLS):
        y = 1 - s  # the first row on top, as the matrix is written
        for s_next, there in enumerate(CELLS):
            ax.add_patch(Rectangle(
                (s_next, y), 1, 1, facecolor=palette.curve,
                alpha=0.08 + 0.3 * P[s, s_next], edgecolor="none"))
            ax.add_patch(Rectangle((s_next, y), 1, 1, fill=False,
                                   edgecolor=palette.muted, linewidth=1))
            ax.text(s_next + 0.5, y + 0.5, values[f"P_{here}_{there}"],
                    ha="center", va="center", color=palette.text,
                    fontsize=15)
        ax.text(-0.1, y + 0.5, f"{words['from']} $s_{s + 1}$\n"
                f"({words[here]})", ha="right", va="center",
                color=palette.text)
        ax.text(2.12, y + 0.5, f"{words['row_sum']}\n{values['row_sum']}",
                ha="left", va="center", color=palette.good)
    for s_next, there in enumerate(CELLS):
        ax.text(s_next + 0.5, 2.08,
                f"{words['to']} $s_{s_next + 1}$\n({words[there]})",
                ha="center", va="bottom", color=palette.text)
    ax.text(-1.7, 2.35, _math(r"P_\pi"), ha="left", va="center",
            color=palette.curve, fontsize=16)
    return figure


def draw_weighted_average(values, palette, words):
    """(P_pi V_pi)(s): the balance point of V_pi(s1), V_pi(s2) on a beam.

    >>> words = FIGURES[1].words
    >>> figure = draw_weighted_average(texts(vm.page_values()),
    ...                                PALETTES[0], words)
    >>> figure.axes[0].texts[-1].get_text()
    '$(P_\\\\pi V_\\\\pi)(s) = 5.2$'
    """
    from matplotlib.patches import Polygon

    figure = new_figure(5.0, 2.5)
    ax = figure.add_subplot()
    ax.set_axis_off()
    V = vm.value_vector(two_state.THETA)
    _, P, _ = vm.policy_matrices(two_state.THETA)
    average = float(P[0] @ V)
    low, high = V.min() - 0.45, V.max() + 0.45
    ax.set_xlim(low, high)
    ax.set_ylim(-1.25, 1.45)
    ax.plot([V[0], V[1]], [0, 0], color=palette.muted, linewidth=3,
            solid_capstyle="round", zorder=1)
    for s, here in enumerate(CELLS):
        ax.plot(V[s], 0, "o", color=palette.series[1],
                markersize=8 + 22 * P[0, s], zorder=2)
        weight = values[f"P_left_{here}"]
        label = rf"$V_\pi(s_{s + 1}) = {values[f'V_{here}']}$"
        ax.text(V[s], 0.45, f"{label}\n{words['weight']} {weight}",
                ha="center", va="bottom",
                color=palette.text, fontsize=14)
    width = 0.11 * (high - low)
    ax.add_patch(Polygon([(average, -0.06), (average - width / 2, -0.62),
                          (average + width / 2, -0.62)], closed=True,
                         facecolor=palette.accent, edgecolor="none"))
    balance = rf"(P_\pi V_\pi)(s) = {values['PV_left']}"
    ax.text(average, -0.75, _math(balance),
            ha="center", va="top", color=palette.accent, fontsize=14)
    return figure


def draw_bellman_convergence(values, palette, words):
    """Distance to the solve and change per sweep, on a log scale.

    >>> words = FIGURES[2].words
    >>> figure = draw_bellman_convergence(texts(vm.page_values()),
    ...                                   PALETTES[0], words)
    >>> len(figure.axes[0].lines[0].get_xdata())  # sweeps 0 to 214
    215
    """
    figure = new_figure(5.0, 4.2)
    ax = figure.add_subplot()
    report = vm.iteration_report(two_state.THETA)
    gaps, changes = report["gaps"], report["changes"]
    sweeps = report["sweeps"]
    ax.semilogy(range(sweeps + 1), gaps, color=palette.curve,
                label=words["gap"] + r", $\max_s |V_k(s) - V_\pi(s)|$")
    ax.semilogy(range(sweeps), changes, color=palette.accent,
                linestyle="--",
                label=words["change"] + r", $\max_s |V_{k+1}(s) - V_k(s)|$")
    ax.axhline(vm.TOLERANCE, color=palette.muted, linewidth=1,
               linestyle=":")
    ax.text(2, vm.TOLERANCE * 0.35, f"{words['tolerance']} {values['tol']}",
            ha="left", va="top", color=palette.muted)
    ax.plot(sweeps, gaps[-1], "o", color=palette.curve)
    ax.annotate(words["stop"].format(sweeps=values["sweeps"],
                                     gap=values["final_gap"]),
                (sweeps, gaps[-1]), xytext=(sweeps, 3e-5),
                ha="right", va="bottom", color=palette.curve,
                arrowprops=dict(arrowstyle="-|>", color=palette.curve,
                                linewidth=1, shrinkB=6))
    k = 60  # where the slope is labelled
    ax.annotate(words["per_sweep"].format(rate=values["rate"]), (k, gaps[k]),
                xytext=(8, 10), textcoords="offset points", ha="left",
                va="bottom", color=palette.curve)
    ax.set_xlabel(words["sweep_axis"])
    ax.set_ylabel(words["difference"])
    ax.set_ylim(vm.TOLERANCE / 30, gaps[0] * 5)
    figure.legend(loc="outside lower center", ncols=1, fontsize=10)
    return figure


FIGURES = (
    FigureSpec("transition-matrix", draw_transition_matrix, words={
        "alt": "The matrix P_π drawn as a two-by-two grid. The row for "
               "leaving the left cell s₁ reads %%P_left_left%% to s₁ "
               "and %%P_left_right%% to s₂; the row for leaving the "
               "right cell s₂ reads %%P_right_left%% to s₁ and "
               "%%P_right_right%% to s₂. Each row sums to %%row_sum%%, "
               "and darker cells are more likely moves.",
        "caption": "The transition matrix $P_\\pi$ at "
                   "$\\theta = %%two_state.theta%%$. Row $s$ lists "
                   "where the agent goes next from $s$, so each row "
                   "sums to $%%row_sum%%$; both rows are the same "
                   "because the action alone decides the next cell.",
        "from": "from", "to": "to", "row_sum": "row sum",
        "left": "left", "right": "right",
    }),
    FigureSpec("weighted-average", draw_weighted_average, words={
        "alt": "A beam from V_π(s₁) = %%V_left%% to "
               "V_π(s₂) = %%V_right%% with weights %%P_left_left%% and "
               "%%P_left_right%% at its ends. It balances on a wedge at "
               "%%PV_left%%, the weighted average that is each component "
               "of P_π V_π, much closer to the heavier end.",
        "caption": "Each component of $P_\\pi V_\\pi$ is a weighted average "
                   "of the next cell's values: "
                   "$%%P_left_left%% \\times %%V_left%% + "
                   "%%P_left_right%% \\times %%V_right%% = "
                   "%%PV_left%%$, the balance point of a beam loaded "
                   "with the probabilities.",
        "weight": "weight",
    }),
    FigureSpec("bellman-convergence", draw_bellman_convergence, words={
        "alt": "A log-scale plot over %%sweeps%% sweeps of Bellman "
               "iteration from zero. The distance to the solved V "
               "starts at %%first_gap%% and falls along a straight "
               "line, by a factor %%rate%% per sweep; the change per "
               "sweep falls in parallel, below it. Iteration stops "
               "when the change drops below %%tol%%, with the distance "
               "then %%final_gap%%.",
        "caption": "Bellman iteration from $V_0 = \\mathbf{0}$. Each "
                   "sweep multiplies the distance to the solution by "
                   "$%%rate%% = \\gamma$, a straight line on a log "
                   "scale. The run stops after $%%sweeps%%$ sweeps, "
                   "when the change falls below $%%tol%%$; the "
                   "distance left, $%%final_gap%%$, is at most "
                   "$\\gamma / (1 - \\gamma) = %%gamma_bound%%$ times "
                   "that last change.",
        "gap": "distance to the solve", "change": "change in sweep $k$",
        "tolerance": "tolerance",
        "stop": "stop after sweep {sweeps}:\ndistance {gap}",
        "per_sweep": "× {rate} per sweep", "sweep_axis": "sweep $k$",
        "difference": "largest difference",
    }),
)
