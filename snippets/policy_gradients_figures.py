"""Figures of the page "E.3.2 Policy Gradients and Advantage Functions"
(docs/policy-gradients.md).

Each function draws one figure from the page's code and values: every
number in a label is the text the page prints (``values[name]``), and
every word is the figure's ``words`` in the page's language. ``FIGURES``
lists them with their words (alt text, caption, labels) for the build.
"""

import numpy as np

from snippets import policy_gradients as pg
# PALETTES is for the doctests
from snippets.figures import PALETTES, FigureSpec, new_figure
# texts is for the doctests: the values as the page prints them
from snippets.values import texts

LABELLED_STEPS = 4  # the first ascent points get their step number


def _math(text):
    return f"${text}$"


def draw_objective(values, palette, words):
    """J over theta in (0, 1), the tangent at theta_0, the ascent, the top.

    >>> words = FIGURES[0].words
    >>> figure = draw_objective(texts(pg.page_values()), PALETTES[0], words)
    >>> len(figure.axes[0].lines)  # curve, optimum, tangent, ascent
    4
    """
    figure = new_figure(5.0, 3.6)
    ax = figure.add_subplot()
    thetas, objective = pg.objective_curve()
    ax.plot(thetas, objective, color=palette.curve, zorder=1)
    theta_star = pg.maximizer(pg.policy_gradient)
    ax.axvline(theta_star, color=palette.muted, linestyle="--",
               linewidth=1, zorder=0)
    ax.annotate(_math(rf"\theta^\ast = {values['theta_star']}"),
                (theta_star, pg.J(theta_star)), xytext=(-6, 8),
                textcoords="offset points", ha="right", va="bottom",
                color=palette.muted)
    # the tangent at theta_0: its positive slope says "raise theta"
    theta0, slope = pg.THETA, pg.policy_gradient(pg.THETA)
    span = np.array([theta0 - 0.08, theta0 + 0.12])
    ax.plot(span, pg.J(theta0) + slope * (span - theta0), color=palette.good,
            linewidth=1.5)
    ax.annotate(f"{words['slope']} {_math(values['dJ_theta'])}",
                (theta0 + 0.12, pg.J(theta0) + slope * 0.12),
                xytext=(-6, 8), textcoords="offset points", ha="right",
                va="bottom", color=palette.good)
    rows = pg.ascent()
    path = np.array([(theta, j) for _, theta, j, _ in rows])
    ax.plot(path[:, 0], path[:, 1], "o", color=palette.accent,
            markersize=5, zorder=2)
    for t, (theta, j) in enumerate(path[:LABELLED_STEPS]):
        ax.annotate(values[f"step_{t}"], (theta, j), xytext=(6, -4),
                    textcoords="offset points", ha="left", va="top",
                    color=palette.accent)
    ax.text(0.98, 0.05, _math(rf"\alpha = {values['alpha']}") + ", "
            + words["steps_on_w"].format(steps=values["steps"]),
            transform=ax.transAxes, ha="right", va="bottom",
            color=palette.accent)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, pg.J(theta_star) * 1.12)
    ax.set_xlabel(r"$\theta = \pi(\mathrm{right} \mid s)$")
    ax.set_ylabel(r"$J(\theta)$")
    return figure


def draw_logistic(values, palette, words):
    """theta = sigmoid(w), its tangent at w_0 and the ascent points.

    >>> words = FIGURES[1].words
    >>> figure = draw_logistic(texts(pg.page_values()), PALETTES[0], words)
    >>> [float(y) for y in figure.axes[0].get_ylim()]
    [-0.08, 1.08]
    """
    figure = new_figure(5.0, 3.2)
    ax = figure.add_subplot()
    w = np.linspace(-6, 6, 241)
    ax.plot(w, [pg.sigmoid(x) for x in w], color=palette.curve, zorder=1)
    for bound in (0, 1):  # what theta approaches but never reaches
        ax.axhline(bound, color=palette.muted, linestyle="--", linewidth=1,
                   zorder=0)
    rows = pg.ascent()
    ax.plot([row[0] for row in rows], [row[1] for row in rows], "o",
            color=palette.accent, markersize=5, zorder=2)
    w0, theta0 = rows[0][0], rows[0][1]
    slope = theta0 * (1 - theta0)
    span = np.array([w0 - 1.2, w0 + 1.2])
    ax.plot(span, theta0 + slope * (span - w0), color=palette.good,
            linewidth=1.5)
    ax.annotate(f"{words['slope']} " + _math(rf"\theta(1-\theta) = "
                                             rf"{values['dtheta_dw']}"),
                (span[1], theta0 + slope * 1.2), xytext=(6, -2),
                textcoords="offset points", ha="left", va="top",
                color=palette.good)
    ax.annotate(_math(rf"w_0 = {values['w_0']}"), (w0, theta0),
                xytext=(-10, 6), textcoords="offset points", ha="right",
                va="bottom", color=palette.accent)
    ax.set_ylim(-0.08, 1.08)
    ax.set_xlabel("$w$")
    ax.set_ylabel(r"$\theta = \sigma(w)$")
    return figure


def draw_reinforce(values, palette, words):
    """Histograms of the per-seed REINFORCE means, without and with b(s).

    >>> words = FIGURES[2].words
    >>> figure = draw_reinforce(texts(pg.page_values()), PALETTES[0], words)
    >>> [t.get_text()[:11] for t in figure.legends[0].texts]
    ['no baseline', 'baseline $b', 'exact $dJ_H']
    """
    figure = new_figure(5.0, 4.0)
    ax = figure.add_subplot()
    estimates = pg.experiment()
    low, high = estimates.min(), estimates.max()
    bins = np.linspace(np.floor(low), np.ceil(high), 32)
    sd = words["sd"]
    labels = [f"{words['no_baseline']}: {sd} {values['sd_plain']}",
              f"{words['baseline']} $b(s) = V_\\pi(s)$: "
              f"{sd} {values['sd_base']}"]
    colours = [palette.series[0], palette.curve]
    for column, label, colour in zip(estimates.T, labels, colours):
        ax.hist(column, bins=bins, color=colour, alpha=0.35,
                edgecolor=colour, linewidth=1.2, label=label)
    ax.axvline(pg.truncated_gradient(pg.THETA, pg.HORIZON),
               color=palette.accent, linewidth=1.8,
               label=words["exact"] + r" $dJ_H/d\theta$ = "
               + values["dJ_truncated"])
    ax.set_xlabel(words["mean_axis"].format(episodes=values["episodes"]))
    ax.set_ylabel(words["seeds"])
    figure.legend(loc="outside lower center", ncols=1, fontsize=10)
    return figure


FIGURES = (
    FigureSpec("objective", draw_objective, words={
        "alt": "Graph of the objective J(θ) for θ between zero and one: "
               "a parabola opening downward with its top at "
               "θ* = %%theta_star%%, where J = %%J_star%%. At "
               "θ = %%two_state.theta%% a tangent of slope %%dJ_theta%% "
               "rises to the right. Gradient ascent on w with learning "
               "rate %%alpha%% takes θ from %%theta_0%% to %%theta_1%%, "
               "%%theta_2%%, %%theta_3%% and on, ending at %%theta_10%% "
               "after %%steps%% steps, closer and closer to the top.",
        "caption": "The exact objective $J(\\theta) = \\mu^\\top V_\\pi$ "
                   "of the running example. The tangent at "
                   "$\\theta = %%two_state.theta%%$ has slope "
                   "$%%dJ_theta%%$, so $J$ rises to the right; the dots "
                   "are the %%steps%% steps of gradient ascent on $w$ "
                   "with $\\alpha = %%alpha%%$, each raising $J$, from "
                   "$J = %%J_0%%$ to $J = %%J_10%%$, below the top "
                   "$J(\\theta^\\ast) = %%J_star%%$.",
        "slope": "slope", "steps_on_w": "{steps} steps on $w$",
    }),
    FigureSpec("logistic", draw_logistic, words={
        "alt": "The logistic curve θ = σ(w), an S shape that climbs "
               "from near zero on the left to near one on the right "
               "without ever touching either dashed line. A tangent at "
               "w₀ = %%w_0%% has slope θ times one minus θ, "
               "%%dtheta_dw%%, and the ascent points move up the curve "
               "to the right, ending at θ = %%theta_10%%.",
        "caption": "Any real $w$ gives a valid probability "
                   "$\\theta = \\sigma(w)$. The slope "
                   "$\\theta(1 - \\theta)$, $%%dtheta_dw%%$ at the "
                   "start and at most $%%slope_max%%$, is the factor "
                   "the chain rule puts between $\\frac{dJ}{d\\theta}$ "
                   "and $\\frac{dJ}{dw}$.",
        "slope": "slope",
    }),
    FigureSpec("reinforce", draw_reinforce, words={
        "alt": "Two histograms of REINFORCE gradient estimates, one per "
               "seed for %%seeds%% seeds, each the mean over "
               "%%episodes%% episodes of %%horizon%% steps. Without a "
               "baseline the estimates spread widely, standard "
               "deviation %%sd_plain%%; with the baseline V_π(s) they "
               "crowd together, standard deviation %%sd_base%%. Both "
               "are centred near the exact truncated gradient "
               "%%dJ_truncated%%, marked by a vertical line.",
        "caption": "The same %%seeds%% runs of %%episodes%% episodes, "
                   "estimated without a baseline (mean "
                   "$%%mean_plain%%$, standard deviation "
                   "$%%sd_plain%%$) and with $b(s) = V_\\pi(s)$ (mean "
                   "$%%mean_base%%$, standard deviation $%%sd_base%%$): "
                   "the baseline divides the variance by "
                   "$%%variance_ratio%%$ and leaves both means within a "
                   "few standard errors of the exact "
                   "$%%dJ_truncated%%$.",
        "no_baseline": "no baseline", "baseline": "baseline",
        "sd": "standard deviation", "exact": "exact",
        "mean_axis": "mean of {episodes} estimates of $dJ_H/d\\theta$, "
                     "per seed",
        "seeds": "seeds",
    }),
)
