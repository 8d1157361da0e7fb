"""Figures of the page "E.2.1 Random Variables, Expectation and Variance"
(docs/random-variables.md).

Each function draws one figure from the page's code and values: every
number in a label is the text the page prints (``values[name]``), and
every word is the figure's ``words`` in the page's language. ``FIGURES``
lists them with their words (alt text, caption, labels) for the build.
"""

import math

import numpy as np

from snippets import random_variables as rv
# PALETTES is for the doctests
from snippets.figures import PALETTES, FigureSpec, new_figure
# texts is for the doctests: the values as the page prints them
from snippets.values import texts


def draw_return_distribution(values, palette, words):
    """The eight returns of three steps from s1, at their probabilities.

    >>> words = FIGURES[0].words
    >>> figure = draw_return_distribution(texts(rv.page_values()),
    ...                                   PALETTES[0], words)
    >>> len(figure.axes[0].lines)  # eight stems, the mean, the spread
    10
    """
    figure = new_figure(5.0, 3.4)
    ax = figure.add_subplot()
    distribution = rv.return_distribution(rv.PATH_HORIZON)
    for g, p in distribution:
        ax.plot([g, g], [0, p], color=palette.curve, linewidth=3,
                solid_capstyle="butt")
    m = rv.mean(distribution)
    sd = math.sqrt(rv.variance(distribution))
    top = max(p for _, p in distribution)
    ax.axvline(m, color=palette.accent, linewidth=1.8)
    ax.annotate(f"{words['mean']} {values['EG3']}", (m, top * 0.92),
                xytext=(6, 0), textcoords="offset points", ha="left",
                va="center", color=palette.accent)
    ax.plot([m - sd, m + sd], [top * 0.7] * 2, color=palette.good,
            linewidth=1.8)
    ax.annotate(f"± {words['sd']} {values['sd_G3']}", (m, top * 0.7),
                xytext=(6, 4), textcoords="offset points", ha="left",
                va="bottom", color=palette.good)
    ax.set_ylim(0, top * 1.08)
    ax.set_xlabel(words["return_axis"])
    ax.set_ylabel(words["probability"])
    return figure


def draw_running_estimate(values, palette, words):
    """The sample mean as episodes accumulate, with its 2 SE band.

    >>> words = FIGURES[1].words
    >>> figure = draw_running_estimate(texts(rv.page_values()),
    ...                                PALETTES[0], words)
    >>> figure.axes[0].get_xscale()
    'log'
    """
    figure = new_figure(5.0, 3.6)
    ax = figure.add_subplot()
    returns = rv.sampled_returns(rv.MC_EPISODES,
                                 np.random.default_rng(rv.MC_SEED))
    m, se = rv.running_estimates(returns)
    # every episode count at first, thinner later: the axis is logarithmic
    n = np.unique(np.geomspace(2, len(returns), 240).round().astype(int))
    m, se = m[n - 2], se[n - 2]
    ax.fill_between(n, m - 2 * se, m + 2 * se, color=palette.curve,
                    alpha=0.18, linewidth=0, label=words["band"])
    ax.plot(n, m, color=palette.curve, linewidth=1.6,
            label=words["estimate"])
    exact = rv.return_moments()[0][rv.LEFT]
    ax.axhline(exact, color=palette.accent, linewidth=1.4,
               label=f"{words['exact']} {values['V_left']}")
    ax.set_xscale("log")
    ax.set_xlim(2, len(returns))
    ax.set_ylim(exact - 3, exact + 3)
    ax.set_xlabel(words["episodes_axis"])
    ax.set_ylabel(words["estimate_axis"])
    ax.legend(loc="upper right", fontsize=10)
    return figure


def draw_estimates(values, palette, words):
    """A histogram of many runs' estimates against the normal curve.

    >>> words = FIGURES[2].words
    >>> figure = draw_estimates(texts(rv.page_values()), PALETTES[0], words)
    >>> len(figure.axes[0].patches) > 10
    True
    """
    figure = new_figure(5.0, 3.6)
    ax = figure.add_subplot()
    estimates = rv.repeated_estimates()[:, 0]
    V, _, var = rv.return_moments()
    centre, sd = V[rv.LEFT], math.sqrt(var[rv.LEFT] / rv.RUN_EPISODES)
    ax.hist(estimates, bins=24, density=True, color=palette.series[0],
            alpha=0.35, edgecolor=palette.series[0], linewidth=1.0,
            label=words["runs"].format(runs=values["runs"]))
    x = np.linspace(centre - 4 * sd, centre + 4 * sd, 200)
    curve = np.exp(-0.5 * ((x - centre) / sd) ** 2) / (sd * math.sqrt(
        2 * math.pi))
    ax.plot(x, curve, color=palette.curve,
            label=words["normal"].format(sd=values["clt_sd"]))
    ax.axvline(centre, color=palette.accent, linewidth=1.4)
    ax.set_xlabel(words["estimate_axis"].format(
        episodes=values["run_episodes"]))
    ax.set_ylabel(words["density"])
    ax.legend(loc="upper left", fontsize=10)
    return figure


FIGURES = (
    FigureSpec("return-distribution", draw_return_distribution, words={
        "alt": "Eight vertical bars, one per sequence of three actions "
               "from the left cell, at the returns they give, from nothing "
               "to %%G_RLR%%. The bar at nothing, three bumps into the wall, "
               "is by far the tallest, with probability %%p_LLL%%. A "
               "vertical line marks the mean %%EG3%%; a horizontal "
               "segment one standard deviation, %%sd_G3%%, to each "
               "side.",
        "caption": "The return of three steps from the left cell is a "
                   "random variable with %%n_paths%% values. Its mean, "
                   "$%%EG3%%$, is sweep $%%path_horizon%%$ of E.1.1's "
                   "iteration; its standard deviation is "
                   "$%%sd_G3%%$.",
        "mean": "mean", "sd": "standard deviation",
        "return_axis": "return $G_{0:3}$ from $s_1$",
        "probability": "probability",
    }),
    FigureSpec("running-estimate", draw_running_estimate, words={
        "alt": "A line plot, on a logarithmic axis of episodes up "
               "to %%mc_episodes%%, of the sample mean of the returns "
               "from the left cell. It swings widely at first, then "
               "settles near the exact value %%V_left%%, "
               "drawn as a horizontal line, inside a shaded band of "
               "two standard errors that narrows as episodes "
               "accumulate, to %%mc_se%% standard error at the end.",
        "caption": "The law of large numbers on one seeded run: the "
                   "sample mean of $N$ returns settles on "
                   "$V_\\pi(s_1) = %%V_left%%$, and the band "
                   "of two standard errors narrows like "
                   "$1 / \\sqrt{N}$: after $%%mc_episodes%%$ episodes "
                   "the estimate is $%%mc_mean%%$, with standard error "
                   "$%%mc_se%%$.",
        "band": "± 2 standard errors", "estimate": "sample mean",
        "exact": "exact", "episodes_axis": "episodes $N$",
        "estimate_axis": "estimate of $V_\\pi(s_1)$",
    }),
    FigureSpec("estimates", draw_estimates, words={
        "alt": "A histogram of %%runs%% estimates of the value of the "
               "left cell, each the mean of %%run_episodes%% returns. "
               "The bars form a bell centred on the exact value "
               "%%V_left%%, and a normal curve with standard "
               "deviation %%clt_sd%% follows their outline closely.",
        "caption": "The central limit theorem: $%%runs%%$ runs of "
                   "$%%run_episodes%%$ episodes each. Their estimates "
                   "spread with standard deviation $%%runs_sd%%$ "
                   "around a mean of $%%runs_mean%%$, close to the "
                   "normal curve that "
                   "$\\sigma_\\pi(s_1) / \\sqrt{N} = %%clt_sd%%$ "
                   "predicts.",
        "runs": "{runs} runs", "normal": "normal, sd {sd}",
        "estimate_axis": "estimate from {episodes} episodes",
        "density": "density",
    }),
)
