"""Figures of the page "E.3.1 Calculus Basics" (docs/calculus-basics.md).

Each function draws one figure from the page's code and values: every
number in a label is the text the page prints (``values[name]``), and
every word is the figure's ``words`` in the page's language. ``FIGURES``
lists them with their words (alt text, caption, labels) for the build.
"""

import numpy as np

from snippets import calculus_basics as cb
# PALETTES is for the doctests
from snippets.figures import PALETTES, FigureSpec, new_figure
# texts is for the doctests: the values as the page prints them
from snippets.values import texts

THETA_RANGE = (-0.05, 1.25)  # the part of the theta axis the 1-D plots show


def _math(text):
    return f"${text}$"


def _curve(ax, palette):
    theta = np.linspace(*THETA_RANGE, 241)
    ax.plot(theta, cb.J(theta), color=palette.curve, zorder=1)
    ax.set_xlabel(r"$\theta$")
    ax.set_ylabel(r"$J(\theta)$")
    ax.set_xlim(*THETA_RANGE)


def _optimum(ax, values, palette):
    ax.axvline(cb.THETA_STAR, color=palette.muted, linestyle="--",
               linewidth=1, zorder=0)
    # beside the dashed line, not across it
    ax.annotate(_math(rf"\theta^\ast = {values['theta_star']}"),
                (cb.THETA_STAR, cb.J_MAX), xytext=(5, 10),
                textcoords="offset points", ha="left", va="bottom",
                color=palette.muted)


def draw_objective(values, palette, words):
    """J with the table's points, two tangents and the maximum.

    >>> words = FIGURES[0].words
    >>> figure = draw_objective(texts(cb.page_values()), PALETTES[0], words)
    >>> len(figure.axes[0].lines)  # curve, optimum, points, 2 tangents
    5
    """
    figure = new_figure()
    ax = figure.add_subplot()
    _curve(ax, palette)
    _optimum(ax, values, palette)
    thetas = [theta for theta, _ in cb.value_table()]
    ax.plot(thetas, cb.J(np.array(thetas)), "o", color=palette.curve)
    tangents = [(cb.START, "dJ_start", "move_right", palette.good, 1),
                (cb.TABLE_THETAS[-1], "dJ_right", "move_left", palette.bad,
                 -1)]
    for theta, name, advice, colour, side in tangents:
        span = np.array([theta - 0.16, theta + 0.16])
        ax.plot(span, cb.J(theta) + cb.dJ(theta) * (span - theta),
                color=colour, linewidth=1.5)
        ax.annotate(f"{words['slope']} {_math(values[name])}\n"
                    f"{words[advice]}",
                    (theta, cb.J(theta)), xytext=(12 * side, -34),
                    textcoords="offset points", color=colour,
                    ha="left" if side > 0 else "right", va="top")
    ax.set_ylim(top=cb.J_MAX + 0.12)
    return figure


def draw_ascent(values, palette, words, steps=8):
    """Gradient-ascent steps from the start, numbered, on the curve.

    >>> words = FIGURES[1].words
    >>> figure = draw_ascent(texts(cb.page_values()), PALETTES[0], words,
    ...                      steps=3)
    >>> figure.axes[0].lines[-1].get_xdata().round(3).tolist()
    [0.2, 0.32, 0.416, 0.493]
    """
    figure = new_figure()
    ax = figure.add_subplot()
    _curve(ax, palette)
    _optimum(ax, values, palette)
    path = np.array(cb.ascent_path(cb.dJ, cb.START, cb.ALPHA, steps))
    ax.plot(path, cb.J(path), "o", color=palette.accent, zorder=2)
    for t, theta in enumerate(path[:4]):
        ax.annotate(str(t), (theta, cb.J(theta)), xytext=(-7, 5),
                    textcoords="offset points", ha="right",
                    color=palette.accent)
    names = ("start", "step_1", "step_2")
    listing = "\n".join(_math(rf"\theta_{t} = {values[n]}")
                        for t, n in enumerate(names))
    ax.text(0.98, 0.05, listing, transform=ax.transAxes, ha="right",
            va="bottom", color=palette.accent)
    return figure


def draw_gradient_2d(values, palette, words, steps=12):
    """Contours of J2, the gradient at the origin, and the ascent path.

    >>> values, words = texts(cb.page_values()), FIGURES[2].words
    >>> figure = draw_gradient_2d(values, PALETTES[0], words, steps=1)
    >>> figure.axes[0].lines[0].get_xydata().round(3).tolist()
    [[0.0, 0.0], [0.2, 0.4]]
    """
    figure = new_figure(4.6, 4.6)
    ax = figure.add_subplot()
    t1, t2 = np.meshgrid(np.linspace(-0.6, 2.6, 161),
                         np.linspace(-0.6, 4.4, 201))
    heights = -(t1 - cb.OPTIMUM_2D[0]) ** 2 - (t2 - cb.OPTIMUM_2D[1]) ** 2
    ax.contour(t1, t2, heights + cb.J_MAX_2D, levels=8,
               colors=palette.grid, linewidths=0.9,
               negative_linestyles="solid")
    origin, grad = cb.ORIGIN, cb.grad_J2(cb.ORIGIN)
    ax.annotate("", origin + grad, origin, arrowprops=dict(
        arrowstyle="-|>", color=palette.accent, linewidth=5, alpha=0.45))
    ax.annotate(_math(rf"\nabla J = ({values['grad_origin_1']},"
                      rf" {values['grad_origin_2']})"),
                origin + grad, xytext=(-6, 0), textcoords="offset points",
                ha="right", va="center", color=palette.accent)
    path = np.array(cb.ascent_path(cb.grad_J2, origin, cb.ALPHA, steps))
    ax.plot(path[:, 0], path[:, 1], "o-", color=palette.good,
            markersize=4.5, linewidth=1.2, zorder=3)
    ax.annotate(_math(rf"({values['update_1']},"
                      rf" {values['update_2']})"),
                path[1], xytext=(8, -4), textcoords="offset points",
                va="top", color=palette.good)
    ax.plot(*cb.OPTIMUM_2D, "*", markersize=14, color=palette.curve)
    ax.annotate(
        _math(f"({values['opt_1']}, {values['opt_2']})"),
        cb.OPTIMUM_2D, xytext=(10, 0), textcoords="offset points",
        va="center", color=palette.curve)
    ax.set_aspect("equal")
    ax.set_xlabel(r"$\theta_1$")
    ax.set_ylabel(r"$\theta_2$")
    return figure


def draw_chain_graph(values, palette, words):
    """The graph theta -> y -> L with forward values and local derivatives.

    >>> words = FIGURES[3].words
    >>> figure = draw_chain_graph(texts(cb.page_values()), PALETTES[0],
    ...                           words)
    >>> figure.axes[0].texts[-1].get_text()
    '$\\\\dfrac{dL}{d\\\\theta} = -6 \\\\times 3 = -18$'
    """
    figure = new_figure(5.0, 2.8)
    ax = figure.add_subplot()
    ax.set_axis_off()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 4)
    v = {name: values[name] for name in (
        "theta_chain", "slope", "chain_y", "target", "chain_L", "dL_dy",
        "dy_dtheta", "dL_dtheta")}
    nodes = [(1.4, rf"\theta = {v['theta_chain']}"),
             (4.9, rf"y = {v['slope']}\theta = {v['chain_y']}"),
             (8.5, rf"L = (y - {v['target']})^2 = {v['chain_L']}")]
    box = dict(boxstyle="round,pad=0.5", facecolor="none",
               edgecolor=palette.curve, linewidth=1.5)
    for x, label in nodes:
        ax.text(x, 2.9, _math(label), ha="center", va="center", bbox=box)
    forward = dict(arrowstyle="-|>", color=palette.muted, linewidth=1.2)
    backward = dict(arrowstyle="-|>", color=palette.accent, linewidth=1.5,
                    connectionstyle="arc3,rad=-0.35")
    # \dfrac: fractions at full size, legible on a phone
    local = [rf"\dfrac{{dy}}{{d\theta}} = {v['dy_dtheta']}",
             rf"\dfrac{{dL}}{{dy}} = {v['dL_dy']}"]
    for (x0, _), (x1, _), label in zip(nodes, nodes[1:], local):
        ax.annotate("", (x1 - 1.25, 2.9), (x0 + 1.0, 2.9),
                    arrowprops=forward)
        ax.annotate("", (x0 + 0.6, 2.3), (x1 - 0.6, 2.3),
                    arrowprops=backward)
        ax.text((x0 + x1) / 2, 1.45, _math(label), ha="center",
                va="center", color=palette.accent)
    product = (rf"\dfrac{{dL}}{{d\theta}} = {v['dL_dy']} \times "
               rf"{v['dy_dtheta']} = {v['dL_dtheta']}")
    ax.text(5, 0.35, _math(product), ha="center", va="center",
            color=palette.text, fontsize=13)
    return figure


def draw_learning_rates(values, palette, words, steps=12):
    """theta over the steps of ascent for learning rates slow to diverging.

    >>> words = FIGURES[4].words
    >>> figure = draw_learning_rates(texts(cb.page_values()), PALETTES[0],
    ...                              words)
    >>> [t.get_text().split(", ")[-1] for t in figure.legends[0].texts]
    ['converges', 'converges', 'one step', 'oscillates', 'diverges']
    """
    figure = new_figure(5.0, 4.4)
    ax = figure.add_subplot()
    ax.axhline(cb.THETA_STAR, color=palette.muted, linestyle="--",
               linewidth=1)
    for i, (alpha, colour) in enumerate(zip(cb.DEMO_ALPHAS, palette.series),
                                        start=1):
        path = cb.ascent_path(cb.dJ, cb.START, alpha, steps)
        label = (_math(rf"\alpha = {values[f'demo_alpha_{i}']}")
                 + f": {words['factor']} "
                 + f"{_math(values[f'demo_factor_{i}'])}, "
                 + words[cb.step_regime(alpha)])
        ax.plot(range(steps + 1), path, "o-", color=colour, markersize=3.5,
                linewidth=1.4, label=label)
    ax.set_ylim(-0.9, 2.5)  # the diverging run leaves the frame
    ax.set_xlabel(words["step_axis"])
    ax.set_ylabel(r"$\theta_t$")
    figure.legend(loc="outside lower center", ncols=1, fontsize=9.5)
    return figure


FIGURES = (
    FigureSpec("objective", draw_objective, words={
        "alt": "Graph of the objective J(θ), a parabola opening "
               "downward with its top at θ = %%theta_star%%, where "
               "J = %%J_max%%, and the four points of the table. At "
               "θ = %%start%% a tangent of slope %%dJ_start%% rises to "
               "the right; at θ = %%right%% a tangent of slope "
               "%%dJ_right%% rises to the left.",
        "caption": "The objective $J(\\theta)$ and the points of the "
                   "table. The tangent at $\\theta = %%start%%$ has "
                   "slope $J'(%%start%%) = %%dJ_start%%$: $J$ rises to "
                   "the right. The tangent at $\\theta = %%right%%$ "
                   "has slope $%%dJ_right%%$: $J$ rises to the left.",
        "slope": "slope", "move_right": "move right",
        "move_left": "move left",
    }),
    FigureSpec("ascent", draw_ascent, words={
        "alt": "The objective curve with the points of gradient ascent "
               "from θ = %%start%% with learning rate %%alpha%%, "
               "numbered in order: %%start%%, %%step_1%%, %%step_2%% "
               "and on, each step shorter, closing in on the top of the "
               "curve at θ = %%theta_star%%.",
        "caption": "Gradient ascent from $\\theta_0 = %%start%%$ with "
                   "$\\alpha = %%alpha%%$: $\\theta_1 = %%step_1%%$, "
                   "$\\theta_2 = %%step_2%%$, and every later step "
                   "shorter, because the slope flattens toward the "
                   "maximum at $\\theta = %%theta_star%%$.",
    }),
    FigureSpec("gradient-2d", draw_gradient_2d, words={
        "alt": "Contour lines of J(θ₁, θ₂) around its maximum at "
               "(%%opt_1%%, %%opt_2%%). An arrow from the origin shows "
               "the gradient (%%grad_origin_1%%, %%grad_origin_2%%). "
               "The first ascent step lands at (%%update_1%%, "
               "%%update_2%%) and the following steps approach the "
               "maximum.",
        "caption": "Contours of $J(\\theta_1, \\theta_2)$. The gradient "
                   "at the origin, $(%%grad_origin_1%%, "
                   "%%grad_origin_2%%)$, points uphill; a step of "
                   "$\\alpha = %%alpha%%$ along it lands at "
                   "$(%%update_1%%, %%update_2%%)$, and repeated steps "
                   "reach the maximum at $(%%opt_1%%, %%opt_2%%)$.",
    }),
    FigureSpec("chain-graph", draw_chain_graph, words={
        "alt": "Computation graph from θ to y to L. Forward values: "
               "θ = %%theta_chain%%, y = %%chain_y%%, L = %%chain_L%%. "
               "Backward, the local derivatives dL/dy = %%dL_dy%% and "
               "dy/dθ = %%dy_dtheta%% multiply to dL/dθ = "
               "%%dL_dtheta%%.",
        "caption": "The forward pass computes the values on the nodes; "
                   "the backward pass multiplies the local derivatives: "
                   "$\\frac{dL}{d\\theta} = \\frac{dL}{dy} \\cdot "
                   "\\frac{dy}{d\\theta} = %%dL_dtheta%%$.",
    }),
    FigureSpec("learning-rates", draw_learning_rates, words={
        "alt": "θ over the steps of gradient ascent from θ = %%start%% "
               "for five learning rates, each with the factor that one "
               "step multiplies the distance to the optimum by. "
               "α = %%demo_alpha_1%% (factor %%demo_factor_1%%) creeps "
               "toward %%theta_star%%; α = %%demo_alpha_2%% (factor "
               "%%demo_factor_2%%) converges; α = %%demo_alpha_3%% "
               "(factor %%demo_factor_3%%) lands on the optimum in one "
               "step; α = %%demo_alpha_4%% (factor %%demo_factor_4%%) "
               "swings around it while converging; "
               "α = %%demo_alpha_5%% (factor %%demo_factor_5%%) swings "
               "ever wider and diverges.",
        "caption": "Each step multiplies the distance to the optimum by "
                   "$(1 + \\alpha J'')$, with $J'' = %%curvature%%$ "
                   "here. $\\alpha = %%alpha_one_step%%$ reaches the "
                   "optimum in one step, a negative factor makes "
                   "$\\theta$ swing from side to side, and every "
                   "$\\alpha > %%alpha_diverges%%$ makes the swings "
                   "grow: the ascent diverges.",
        "factor": "factor", "step_axis": "step $t$",
        # by cb.step_regime(alpha)
        "converges": "converges", "one step": "one step",
        "oscillates": "oscillates", "cycles": "cycles",
        "diverges": "diverges", "stays": "stays",
    }),
)
