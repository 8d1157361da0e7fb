# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Companion notebook: E.2.1 Random Variables, Expectation and Variance
#
# This notebook runs the examples of the page
# [E.2.1 Random Variables, Expectation and Variance](../random-variables.md)
# in the page's order, on the two-cell running example. Every function
# comes from the tested `snippets` package that the page shows, so the
# numbers below are the numbers on the page. Change the number of episodes
# or the seed and run the cells again to watch the estimates move.

# %%
import math

import numpy as np

from snippets import random_variables as rv
from snippets.figures import show
from snippets.random_variables_figures import FIGURES
from snippets.values import format_number as fmt
from snippets.values import texts
from snippets.words import labels

values = texts(rv.page_values())  # what the page prints, by name
figures = {spec.name: spec for spec in FIGURES}
LANGUAGE = "en"  # of the words the figures draw and the cells print
say = labels(LANGUAGE)

# %% [markdown]
# ## The return of three steps, path by path
#
# Each sequence of actions from the left cell, its probability and its
# return $G_{0:3}$; then the expectation and the variance of $G_{0:3}$.

# %%
for actions, p, g in rv.paths(rv.PATH_HORIZON):
    names = ", ".join(("left", "right")[a] for a in actions)
    print(f"{names:<20} p = {fmt(p):<6} G = {fmt(g)}")
distribution = rv.return_distribution(rv.PATH_HORIZON)
print(f"E[G_0:3] = {fmt(rv.mean(distribution))}, "
      f"Var(G_0:3) = {fmt(rv.variance(distribution), '.4f')}")

# %%
show(figures["return-distribution"], values, LANGUAGE)

# %% [markdown]
# ## The variance of a sum
#
# The first two rewards from the left cell rise and fall together, so the
# variance of $r_0 + \gamma r_1$ needs their covariance.

# %%
m0, m1, var0, var1, cov = rv.reward_moments()
print(f"E[r_0] = {fmt(m0)}, E[r_1] = {fmt(m1)}")
print(f"Var(r_0) = {fmt(var0)}, Var(r_1) = {fmt(var1)}, "
      f"Cov(r_0, r_1) = {fmt(cov)}")
print(f"Var(G_0:2) = {fmt(var0 + rv.GAMMA ** 2 * var1 + 2 * rv.GAMMA * cov)}")

# %% [markdown]
# ## The variance of the whole return
#
# The second moment $W_\pi$ solves a Bellman equation with $\gamma^2$; the
# variance is $W_\pi - V_\pi^2$.

# %%
V, W, var = rv.return_moments()
for s, cell in enumerate(("s1", "s2")):
    print(f"{cell}: V = {fmt(V[s])}, W = {fmt(W[s], '.4f')}, "
          f"Var = {fmt(var[s], '.4f')}, sd = {fmt(math.sqrt(var[s]), '.4f')}")

# %% [markdown]
# ## Monte Carlo estimation
#
# Sampled episodes from the left cell: their mean, its standard error, and
# how far the mean lies from the exact value, in standard errors.

# %%
rng = np.random.default_rng(rv.MC_SEED)
returns = rv.sampled_returns(rv.MC_EPISODES, rng)
mean, se = rv.estimate(returns)
print(f"N = {len(returns)}: {fmt(mean, '.4f')} ± {fmt(se, '.4f')}")
print(f"{say('exact')} V(s1) = {fmt(V[0])}, "
      f"{say('off by')} {fmt((mean - V[0]) / se, '.2f')} SE")

# %%
show(figures["running-estimate"], values, LANGUAGE)

# %% [markdown]
# ## Many runs: the central limit theorem
#
# Each run estimates $V_\pi(s_1)$ from its own episodes. The estimates
# spread as $\sigma_\pi(s_1) / \sqrt{N}$ predicts, and the intervals of
# two standard errors hold the exact value about as often as a normal
# distribution says.

# %%
runs = rv.repeated_estimates()
covered = np.mean(np.abs(runs[:, 0] - V[0]) <= 2 * runs[:, 1])
print(f"{say('runs')}: {len(runs)}, "
      f"sd {fmt(runs[:, 0].std(ddof=1), '.4f')}, "
      f"{say('predicted')} {fmt(math.sqrt(var[0] / rv.RUN_EPISODES), '.4f')}")
print(f"{say('intervals holding V(s1)')}: {fmt(100 * covered, '.1f')} %")

# %%
show(figures["estimates"], values, LANGUAGE)

# %% [markdown]
# ## A baseline and the variance of a product
#
# The score $X$ of the first action times the return $G$, with baselines
# $b$: the exact variance of $X (G - b)$ and the one sampled.

# %%
baselines = list(rv.baselines().values())
sampled = rv.sampled_products(rv.BASELINE_EPISODES,
                              np.random.default_rng(rv.BASELINE_SEED),
                              baselines)
for b, seen in zip(baselines, sampled):
    print(f"b = {fmt(b, '.4f'):>8}: {say('exact')} "
          f"{fmt(rv.baseline_variance(b), '.2f'):>8}, "
          f"{say('sampled')} {fmt(seen, '.2f'):>8}")
