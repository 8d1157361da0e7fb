# ---
# jupyter:
#   allowed_numbers:
#     2(: the factor 2 that differentiating a square brings, 2(x)
#     (1 + \alpha J''): the factor of a step on a quadratic, a formula
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
# # Companion notebook: E.3.1 Calculus Basics
#
# This notebook runs the examples of the page
# [E.3.1 Calculus Basics](../calculus-basics.md) in the page's order. Every
# function comes from the tested `snippets` package that the page shows, so
# the numbers below are the numbers on the page. Change an input and run the
# cells again to see how the results move.

# %%
from snippets import calculus_basics as cb
from snippets.calculus_basics_figures import FIGURES
from snippets.figures import show
from snippets.values import format_number as fmt
from snippets.values import texts
from snippets.words import labels

values = texts(cb.page_values())  # what the page prints, by name
figures = {spec.name: spec for spec in FIGURES}
LANGUAGE = "en"  # of the words the figures draw and the cells print
say = labels(LANGUAGE)

# %% [markdown]
# ## The objective and its derivative
#
# The objective of one parameter is
# $J(\theta) = -(\theta - \theta^\ast)^2 + J_{\mathrm{max}}$ and its
# derivative is
# $J'(\theta) = -2(\theta - \theta^\ast)$. First the table of values, then
# the derivative at the start and right of the optimum.

# %%
print(f"theta* = {fmt(cb.THETA_STAR)}, {say('J max')} = {fmt(cb.J_MAX)}")
for theta, j in cb.value_table():
    print(f"J({theta:.1f}) = {j:.2f}")
right = cb.TABLE_THETAS[-1]
print(f"J'({fmt(cb.START)}) = {fmt(cb.dJ(cb.START))}")
print(f"J'({right:.1f}) = {fmt(cb.dJ(right))}")

# %%
show(figures["objective"], values, LANGUAGE)

# %% [markdown]
# ## Gradient ascent
#
# Each step moves $\theta$ by $\alpha J'(\theta)$. From the start with the
# page's learning rate:

# %%
path = cb.ascent_path(cb.dJ, cb.START, cb.ALPHA, steps=2)
print("theta:", ", ".join(fmt(theta) for theta in path))
print(f"J'({fmt(path[1])}) = {fmt(cb.dJ(path[1]))}")

# %%
show(figures["ascent"], values, LANGUAGE)

# %% [markdown]
# ## Two parameters: the gradient
#
# For $J(\theta_1, \theta_2)$ the gradient collects both partial
# derivatives. At the origin, and after one ascent step:

# %%
grad = cb.grad_J2(cb.ORIGIN)
step = cb.ascent_step_2d(cb.ORIGIN, cb.ALPHA)
print(f"{say('grad J(origin)')} = ({fmt(grad[0])}, {fmt(grad[1])})")
print(f"{say('after one step')}: ({fmt(step[0])}, {fmt(step[1])})")

# %%
show(figures["gradient-2d"], values, LANGUAGE)

# %% [markdown]
# ## The chain rule, by hand and by automatic differentiation
#
# For $y = a\theta$ and $L = (y - b)^2$, the forward pass gives $y$ and $L$,
# the backward pass multiplies $\frac{dL}{dy}$ by $\frac{dy}{d\theta}$.

# %%
y, L = cb.chain_forward()
dL_dy, dy_dtheta, dL_dtheta = cb.chain_backward()
print(f"y = {fmt(y)}, L = {fmt(L)}")
print(f"dL/dy = {fmt(dL_dy)}, dy/dtheta = {fmt(dy_dtheta)}, "
      f"dL/dtheta = {fmt(dL_dtheta)}")

# %% [markdown]
# The small reverse-mode `Scalar` finds the same derivative from the graph
# alone:

# %%
theta = cb.Scalar(cb.THETA_CHAIN)
loss = (cb.SLOPE * theta - cb.TARGET) ** 2
loss.backward()
print(f"{say('autodiff')} dL/dtheta = {fmt(theta.grad)}")

# %%
show(figures["chain-graph"], values, LANGUAGE)

# %% [markdown]
# ## Partial derivatives and a numerical check
#
# Each partial derivative holds the other parameter fixed. A central
# difference approximates the gradient without any calculus; it agrees with
# the analytic gradient to many digits.

# %%
print(f"dJ/dtheta_1 = {fmt(cb.dJ2_dtheta1(*cb.ORIGIN))}, "
      f"dJ/dtheta_2 = {fmt(cb.dJ2_dtheta2(*cb.ORIGIN))}")
numeric = cb.central_difference(cb.J2, cb.ORIGIN)
gap = abs(numeric - grad).max()
print(f"{say('largest gap to the analytic gradient')}: {gap:.1e}")

# %% [markdown]
# ## Learning rate
#
# On this objective one step multiplies the distance to the optimum by
# $(1 + \alpha J'')$. The factor decides whether ascent converges, lands in
# one step, oscillates or diverges:

# %%
# what ascent does at these rates, in the notebook's words
regimes = {"converges": say("converges"), "one step": say("one step"),
           "oscillates": say("oscillates"), "diverges": say("diverges")}
for alpha in cb.DEMO_ALPHAS:
    factor = fmt(cb.error_factor(alpha))
    print(f"alpha = {fmt(alpha)}: {say('factor')} {factor}, "
          f"{regimes[cb.step_regime(alpha)]}")

# %%
show(figures["learning-rates"], values, LANGUAGE)
