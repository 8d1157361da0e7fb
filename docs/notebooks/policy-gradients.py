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
# # Companion notebook: E.3.2 Policy Gradients and Advantage Functions
#
# This notebook runs the examples of the page
# [E.3.2 Policy Gradients and Advantage Functions](../policy-gradients.md)
# in the page's order, on the two-state running example. Every function
# comes from the tested `snippets` package that the page shows, so the
# numbers below are the numbers on the page. Change an input (the policy's
# parameter, the learning rate, the horizon, the seeds) and run the cells
# again to see how the results move.

# %%
import numpy as np

from snippets import policy_gradients as pg
from snippets import two_state
from snippets.figures import show
from snippets.policy_gradients_figures import FIGURES
from snippets.values import format_number as fmt
from snippets.values import texts
from snippets.words import labels

values = texts(pg.page_values())  # what the page prints, by name
figures = {spec.name: spec for spec in FIGURES}
LANGUAGE = "en"  # of the words the figures draw and the cells print
say = labels(LANGUAGE)
theta = two_state.THETA

# %% [markdown]
# ## The objective
#
# $J(\theta) = \mu^\top V_\pi$, with $V_\pi$ from the linear solve of the
# Bellman equation. Its value at the page's policy, its maximizer found by
# bisection on the derivative's sign, and a quadratic fit:

# %%
print(f"J({fmt(theta)}) = {fmt(pg.J(theta))}")
theta_star = pg.maximizer(pg.policy_gradient)
print(f"theta* = {fmt(theta_star, '.4f')}, "
      f"J(theta*) = {fmt(pg.J(theta_star), '.4f')}")
(c2, c1, c0), gap = pg.quadratic_fit()
print(f"{say('fit')}: c2 = {fmt(round(c2, 9))}, c1 = {fmt(round(c1, 9))}, "
      f"c0 = {fmt(round(c0, 9) + 0.0)}")
print(f"{say('largest gap of the fit')}: {fmt(pg.rounded(gap), 'sci')}")

# %%
show(figures["objective"], values, LANGUAGE)

# %% [markdown]
# ## Action values, state values and advantages
#
# $A_\pi(s, a) = Q_\pi(s, a) - V_\pi(s)$ in each cell, and the policy's
# average of the advantages, which is zero up to rounding.

# %%
Q = two_state.action_values(theta)
V = two_state.state_values(theta)
A = pg.advantages(theta)
for s, state in enumerate(two_state.STATES):
    print(f"{say('{state} cell').format(state=state)}: "
          f"Q = ({fmt(Q[s, 0])}, {fmt(Q[s, 1])}), "
          f"V = {fmt(V[s])}")
    print(f"  A = ({fmt(A[s, 0])}, {fmt(A[s, 1])}), sum_a pi A = "
          f"{fmt(round(float(pg.mean_advantage(theta)[s]), 12) + 0.0)}")

# %% [markdown]
# ## The policy-gradient theorem
#
# The discounted visitation $d_\gamma$ (unnormalized), each cell's share of
# the gradient, the total, and the score-function form with $Q_\pi$ and with
# $A_\pi$.

# %%
d = pg.visitation(theta)
print(f"d_gamma = ({fmt(d[0])}, {fmt(d[1])}), {say('sum')} {fmt(d.sum())}")
shares = pg.gradient_by_cell(theta)
print(f"{say('shares')} = ({fmt(shares[0])}, {fmt(shares[1])})")
print(f"dJ/dtheta = {fmt(pg.policy_gradient(theta))}")
print(f"{say('score form with Q')}: {fmt(pg.score_form(theta, Q))}")
print(f"{say('score form with A')}: {fmt(pg.score_form(theta, A))}")

# %% [markdown]
# The central difference of the exact objective agrees with the theorem to
# rounding error:

# %%
exact, numeric, gap = pg.gradient_check(theta)
print(f"{say('theorem')}: {fmt(exact)}")
print(f"{say('central difference')}: {fmt(numeric)}")
print(f"{say('gap')}: {fmt(pg.rounded(gap), 'sci')}")

# %% [markdown]
# ## Gradient ascent through the logistic function
#
# $\theta = \sigma(w)$ keeps $\theta$ a probability; the chain rule gives
# $\frac{dJ}{dw} = \frac{dJ}{d\theta} \cdot \frac{d\theta}{dw}$.

# %%
print(f"w_0 = {fmt(pg.W_START, '.4f')}, "
      f"dtheta/dw = {fmt(theta * (1 - theta))}, "
      f"dJ/dw = {fmt(pg.gradient_w(pg.W_START))}")
print(" t       w   theta        J   dJ/dw")
for t, (w, th, j, grad) in enumerate(pg.ascent()):
    print(f"{t:2d} {fmt(w, '.4f'):>7} {fmt(th, '.4f'):>7} "
          f"{fmt(j, '.4f'):>8} {fmt(grad, '.4f'):>7}")

# %%
show(figures["logistic"], values, LANGUAGE)

# %% [markdown]
# ## REINFORCE and the truncation bias
#
# Episodes are cut off after a fixed horizon, so REINFORCE estimates the
# gradient of the truncated objective $J_H$. The exact gradients, and a few
# single-episode estimates from one seeded generator:

# %%
truncated = pg.truncated_gradient(theta, pg.HORIZON)
print(f"dJ_H/dtheta = {fmt(truncated, '.4f')}")
print(f"{say('bias')} = {fmt(pg.policy_gradient(theta) - truncated, '.4f')}, "
      f"gamma^H = {fmt(pg.rounded(pg.GAMMA ** pg.HORIZON), 'sci')}")
rng = np.random.default_rng(0)
episodes = two_state.sample_episodes(theta, 5, pg.HORIZON, rng)
print(f"{say('without baseline')}:", ", ".join(
    fmt(x, '.2f') for x in pg.reinforce(theta, *episodes)))
print(f"{say('with b(s) = V_π(s)')}:", ", ".join(
    fmt(x, '.2f') for x in pg.reinforce(theta, *episodes, baseline=V)))

# %% [markdown]
# ## Baselines: less variance, no bias
#
# The experiment of the page: many seeds, the same episodes for both
# estimators, the mean of each seed's estimates.

# %%
estimates = pg.experiment()
mean, sd, se = pg.summary(estimates)
names = say("no baseline"), say("baseline V_π(s)")
for name, m, s, e in zip(names, mean, sd, se):
    print(f"{name}: {say('mean')} {fmt(m, '.2f')}, sd {fmt(s, '.2f')}, "
          f"se {fmt(e, '.2f')}")
    print(f"  (mean - exact) / se = {fmt((m - truncated) / e, '.1f')}")
print(f"{say('variance ratio')}: {fmt((sd[0] / sd[1]) ** 2, '.1f')}")

# %%
show(figures["reinforce"], values, LANGUAGE)
