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
# # Companion notebook: E.1.1 Vectors and Matrices
#
# This notebook runs the examples of the page
# [E.1.1 Vectors and Matrices](../vectors-and-matrices.md) in the page's
# order, on the two-cell running example. Every function comes from the
# tested `snippets` package that the page shows, so the numbers below are
# the numbers on the page. Change `theta` and run the cells again to
# evaluate another policy.

# %%
import numpy as np

from snippets import two_state
from snippets import vectors_and_matrices as vm
from snippets.figures import show
from snippets.values import format_number as fmt
from snippets.values import texts
from snippets.words import labels
from snippets.vectors_and_matrices_figures import FIGURES

values = texts(vm.page_values())  # what the page prints, by name
figures = {spec.name: spec for spec in FIGURES}
LANGUAGE = "en"  # of the words the figures draw and the cells print
say = labels(LANGUAGE)
theta = two_state.THETA  # the policy the page evaluates


def vector(v):
    """A vector as the page prints it: (a, b)."""
    return "(" + ", ".join(fmt(float(x)) for x in v) + ")"


# %% [markdown]
# ## Vectors
#
# The policy's action probabilities in a cell, $\pi(\cdot \mid s)$, and the
# value vector $V_\pi = (V_\pi(s_1), V_\pi(s_2))$. Positions count from
# zero in numpy.

# %%
print("pi(.|s1) =", vector(vm.action_probabilities(0, theta)))
V = vm.value_vector(theta)
print("V =", vector(V), "  V[0] = V(s1) =", fmt(float(V[0])))
print("mu =", vector(two_state.START))

# %% [markdown]
# ## Matrices: the policy, the transition matrix and the expected rewards
#
# Rows of $P_\pi$ are the cell the agent leaves, columns the cell it
# reaches; every row sums to one. The expected reward $r_\pi(s)$ averages
# the rewards of the actions with the policy's probabilities.

# %%
pi, P, r = vm.policy_matrices(theta)
for s, cell in enumerate(two_state.STATES):
    print(f"{say('row {cell}').format(cell=cell)}: P = {vector(P[s])}, "
          f"{say('sum')} {fmt(float(P[s].sum()))}")
print("r_pi =", vector(r))
print(f"r_pi, {say('one term at a time')}:",
      vector([vm.expected_reward(pi, s) for s in range(len(r))]))

# %%
show(figures["transition-matrix"], values, LANGUAGE)

# %% [markdown]
# ## A matrix times a vector
#
# Each component of $P_\pi V_\pi$ is a row of $P_\pi$ times $V_\pi$, added
# up: the value expected one step later, a weighted average of the next
# cell's values. By hand and with numpy's `@`:

# %%
for s in range(len(V)):
    terms = " + ".join(f"{fmt(float(P[s, t]))} x {fmt(float(V[t]))}"
                       for t in range(len(V)))
    print(f"(P V)(s{s + 1}) = {terms} = {fmt(float(P[s] @ V))}")
print(f"{say('by hand')}:", vector(vm.product_by_hand(P, V)))
print("P @ V:  ", vector(P @ V))

# %%
show(figures["weighted-average"], values, LANGUAGE)

# %% [markdown]
# ## The Bellman equation, solved
#
# $V_\pi = r_\pi + \gamma P_\pi V_\pi$ is the linear system
# $(I - \gamma P_\pi) V_\pi = r_\pi$. `np.linalg.solve` factorizes the matrix
# once; there is no need to form its inverse.

# %%
M = np.eye(len(r)) - two_state.GAMMA * P
for s, cell in enumerate(two_state.STATES):
    print(f"{say('row {cell} of I - gamma P').format(cell=cell)}: "
          f"{vector(M[s])}")
V_solved = vm.bellman_solve(P, r)
print("V =", vector(V_solved))
check = r + two_state.GAMMA * P @ V_solved
print("r_pi + gamma P V =", vector(check))

# %% [markdown]
# ## The same V by iteration
#
# Start from zero and repeat $V_{k+1} = r_\pi + \gamma P_\pi V_k$ until no
# component changes by the tolerance or more. The gap to the solve falls
# by a factor $\gamma$ per sweep.

# %%
report = vm.iteration_report(theta)
sweeps = fmt(report["sweeps"])
print(say("tolerance {tolerance}: {sweeps} sweeps").format(
    tolerance=fmt(vm.TOLERANCE, "sci"), sweeps=sweeps))
last_change = vm.three_digits(report["changes"][-1])
gap = vm.three_digits(report["gaps"][-1])
print(f"{say('last change')}:", fmt(last_change, "sci"))
print(f"{say('largest gap to the solve')}:", fmt(gap, "sci"))
for k in (0, 1, 2, 3):  # the first sweeps
    print(f"V_{k} = {vector(report['iterates'][k])}")

# %%
show(figures["bellman-convergence"], values, LANGUAGE)

# %% [markdown]
# ## How good is the policy?
#
# $J = \mu^\top V_\pi$ weights each cell's value by the probability of
# starting there. The value changes with the policy:

# %%
print(f"J({fmt(theta)}) = {fmt(vm.objective(theta))}")
for other in vm.TABLE_THETAS:
    V_other = vm.value_vector(other)
    print(f"theta = {other:.1f}: V = {vector(V_other)}, "
          f"J = {fmt(vm.objective(other))}")

# %% [markdown]
# ## Shapes, broadcasting and indexing
#
# `*` multiplies entry by entry (and broadcasts a vector along the rows),
# `@` is the matrix-vector product, `.sum(axis=1)` adds over the actions,
# and `V[NEXT]` picks the value of each action's next cell.

# %%
print(vm.shapes(theta))
print("(pi * REWARDS).sum(axis=1) =",
      vector(vm.expected_rewards_elementwise(pi)))
print("(P * V).sum(axis=1) =", vector(vm.product_by_broadcasting(P, V)))
print("(pi * V[NEXT]).sum(axis=1) =",
      vector((pi * vm.next_values(V)).sum(axis=1)))
print(f"{say('a column by mistake')}, (P * V[:, None]).sum(axis=1) =",
      vector((P * V[:, None]).sum(axis=1)))
