"""Code for the page "E.1.1 Vectors and Matrices"
(docs/vectors-and-matrices.md).

Every example of the page is a function or a constant here, built on the
running example (snippets/two_state.py), which it imports and never
redefines. The page shows the named sections between ``--8<--`` markers,
and ``page_values`` names each number the page prints, so the page and
this code cannot disagree.
"""

import numpy as np

from snippets import two_state
from snippets.values import claim


# --8<-- [start:vectors]
def action_probabilities(s, theta=two_state.THETA):
    """pi(.|s): the probabilities of left and right in cell s, a vector.

    >>> action_probabilities(0)
    array([0.8, 0.2])
    >>> float(action_probabilities(0).sum())  # one action is always taken
    1.0
    """
    return two_state.policy(theta)[s]


def value_vector(theta=two_state.THETA):
    """V_pi = [V_pi(s1), V_pi(s2)]: one expected return per cell.

    >>> V = value_vector()
    >>> V.round(12)  # computed further down the page
    array([4.88, 6.48])
    >>> float(V[0].round(12))  # index 0 is the left cell, s1
    4.88
    """
    return two_state.state_values(theta)
# --8<-- [end:vectors]


# --8<-- [start:policy_matrices]
def policy_matrices(theta=two_state.THETA):
    """pi, P_pi and r_pi of the running example at theta.

    >>> pi, P, r = policy_matrices()
    >>> P  # row: the cell we leave; column: the cell we reach
    array([[0.8, 0.2],
           [0.8, 0.2]])
    >>> P.sum(axis=1)  # every row sums to one
    array([1., 1.])
    >>> r
    array([0.2, 1.8])
    """
    return (two_state.policy(theta), two_state.transition_matrix(theta),
            two_state.expected_rewards(theta))
# --8<-- [end:policy_matrices]


# --8<-- [start:reward_by_hand]
def expected_reward(pi, s, rewards=two_state.REWARDS):
    """r_pi(s) = sum over actions a of pi(a|s) r(s, a), one term at a time.

    >>> pi = two_state.policy(two_state.THETA)
    >>> expected_reward(pi, 0), expected_reward(pi, 1)
    (0.2, 1.8)
    """
    total = 0.0
    for a in range(len(two_state.ACTIONS)):
        total += pi[s, a] * rewards[s, a]
    return float(total)
# --8<-- [end:reward_by_hand]


# --8<-- [start:product]
def product_by_hand(P, v):
    """(P v)(s) = sum over s' of P[s, s'] v[s']: each row times v.

    >>> _, P, _ = policy_matrices()
    >>> V = value_vector()
    >>> product_by_hand(P, V).round(12)
    array([5.2, 5.2])
    >>> (P @ V).round(12)  # numpy's matrix-vector product
    array([5.2, 5.2])
    """
    result = np.zeros(P.shape[0])
    for s in range(P.shape[0]):
        for s_next in range(P.shape[1]):
            result[s] += P[s, s_next] * v[s_next]
    return result
# --8<-- [end:product]


# --8<-- [start:solve]
def bellman_solve(P, r, gamma=two_state.GAMMA):
    """V_pi from M V_pi = r_pi, M = I - gamma P_pi: one linear solve.

    >>> _, P, r = policy_matrices()
    >>> V = bellman_solve(P, r)
    >>> V.round(12)
    array([4.88, 6.48])
    >>> bool(np.allclose(V, r + two_state.GAMMA * P @ V))  # V is a fixed
    True
    """
    M = np.eye(len(r)) - gamma * P
    # solve factorizes M once; never np.linalg.inv(M) @ r
    return np.linalg.solve(M, r)
# --8<-- [end:solve]


# --8<-- [start:iterate]
TOLERANCE = 1e-10  # stop when no component changes by this much or more


def bellman_iterates(P, r, gamma=two_state.GAMMA, tol=TOLERANCE,
                     max_sweeps=10_000):
    """V_0 = 0, then V_k+1 = r_pi + gamma P_pi V_k until a change < tol.

    Returns every iterate, V_0 first; the last one is the answer.

    >>> _, P, r = policy_matrices()
    >>> iterates = bellman_iterates(P, r)
    >>> iterates[1], iterates[2].round(12)  # V_1 = r, then V_2
    (array([0.2, 1.8]), array([0.668, 2.268]))
    >>> len(iterates) - 1  # sweeps
    214
    """
    iterates = [np.zeros(len(r))]
    for _ in range(max_sweeps):
        V = r + gamma * P @ iterates[-1]
        iterates.append(V)
        if np.max(np.abs(V - iterates[-2])) < tol:
            return iterates
    raise RuntimeError(f"no convergence in {max_sweeps} sweeps")
# --8<-- [end:iterate]


# --8<-- [start:objective]
def objective(theta, start=two_state.START):
    """J = mu . V: the values weighted by where episodes start.

    >>> round(objective(two_state.THETA), 12)
    4.88
    >>> round(objective(0.8), 12)  # a policy that goes right more often
    10.88
    """
    return float(start @ value_vector(theta))
# --8<-- [end:objective]


# --8<-- [start:shapes]
def shapes(theta=two_state.THETA):
    """The shape of every array on this page: (rows, columns) or (length,).

    >>> shapes()
    {'pi': (2, 2), 'P_pi': (2, 2), 'r_pi': (2,), 'V': (2,), 'mu': (2,)}
    """
    pi, P, r = policy_matrices(theta)
    V = value_vector(theta)
    return {"pi": pi.shape, "P_pi": P.shape, "r_pi": r.shape,
            "V": V.shape, "mu": two_state.START.shape}
# --8<-- [end:shapes]


# --8<-- [start:elementwise]
def expected_rewards_elementwise(pi, rewards=two_state.REWARDS):
    """r_pi in one line: multiply entry by entry, then add along each row.

    >>> pi = two_state.policy(two_state.THETA)
    >>> pi * two_state.REWARDS  # same shape (2, 2): entry by entry
    array([[0. , 0.2],
           [1.6, 0.2]])
    >>> expected_rewards_elementwise(pi)  # axis=1: over the actions
    array([0.2, 1.8])
    """
    return (pi * rewards).sum(axis=1)
# --8<-- [end:elementwise]


# --8<-- [start:matmul_vs_times]
def product_by_broadcasting(P, v):
    """P @ v again: P * v stretches v along every row, then rows are added.

    >>> _, P, _ = policy_matrices()
    >>> V = value_vector()
    >>> (P * V).round(12)  # shape (2, 2): column j times V[j]
    array([[3.904, 1.296],
           [3.904, 1.296]])
    >>> product_by_broadcasting(P, V).round(12)  # the same as P @ V
    array([5.2, 5.2])
    >>> V[:, None].shape  # a column: its second axis has length one
    (2, 1)
    >>> (P * V[:, None]).sum(axis=1).round(12)  # rows times V_pi(s): wrong
    array([4.88, 6.48])
    """
    return (P * v).sum(axis=1)
# --8<-- [end:matmul_vs_times]


# --8<-- [start:indexing]
def next_values(V, next_cell=two_state.NEXT):
    """V[NEXT]: the value of the cell that action a leads to from cell s.

    >>> float(two_state.REWARDS[1, 0])  # r(s2, left): row 1, column 0
    2.0
    >>> V = value_vector()
    >>> next_values(V).round(12)  # NEXT holds indices: fancy indexing
    array([[4.88, 6.48],
           [4.88, 6.48]])
    >>> pi = two_state.policy(two_state.THETA)
    >>> (pi * next_values(V)).sum(axis=1).round(12)  # P @ V once more
    array([5.2, 5.2])
    """
    return V[next_cell]
# --8<-- [end:indexing]


# how closely the page says iteration and the solve agree
AGREE_TO = 1e-9
# the policies whose values the page's table compares (THETA among them)
TABLE_THETAS = (0.0, two_state.THETA, 0.5, 0.8, 1.0)
# sweeps of Bellman iteration that the page's table lists (the last too)
TABLE_SWEEPS = (0, 1, 2, 3, 10, 50)


def iteration_report(theta=two_state.THETA, gamma=two_state.GAMMA,
                     tol=TOLERANCE):
    """Iterates, distances to the solve, and changes per sweep.

    ``gaps[k]`` is max |V_k - V_pi| for the V_pi of the solve;
    ``changes[k]`` is max |V_k+1 - V_k|, what the stopping rule watches.

    >>> report = iteration_report()
    >>> report["sweeps"], bool(report["gaps"][-1] < AGREE_TO)
    (214, True)
    """
    _, P, r = policy_matrices(theta)
    exact = bellman_solve(P, r, gamma)
    iterates = bellman_iterates(P, r, gamma, tol)
    gaps = [float(np.max(np.abs(V - exact))) for V in iterates]
    changes = [float(np.max(np.abs(b - a)))
               for a, b in zip(iterates, iterates[1:])]
    return {"iterates": iterates, "exact": exact, "gaps": gaps,
            "changes": changes, "sweeps": len(iterates) - 1}


def three_digits(number):
    """The number rounded to three significant digits, for printing.

    >>> three_digits(8.392708750193378e-10)
    8.39e-10
    """
    return float(f"{number:.3g}")


def page_values():
    """Every number the page prints, by the name its Markdown uses.

    A name maps to a number, printed as "auto", or to (number, format).

    >>> values = page_values()
    >>> values["sweeps"], values["tol"]
    (214, (1e-10, 'sci'))
    """
    theta, gamma = two_state.THETA, two_state.GAMMA
    values = {}
    cells = two_state.STATES
    # vectors: an action distribution per cell
    probabilities = action_probabilities(0, theta)
    claim(abs(probabilities.sum() - 1) < 1e-12, "pi(.|s) sums to one")
    claim(0 < theta < 1, "theta is a probability strictly between 0 and 1")
    values.update(n_states=len(cells), n_actions=len(two_state.ACTIONS))
    # matrices: P_pi and r_pi
    pi, P, r = policy_matrices(theta)
    for s, here in enumerate(cells):
        for s_next, there in enumerate(cells):
            values[f"P_{here}_{there}"] = float(P[s, s_next])
        values[f"r_pi_{here}"] = float(r[s])
        claim(abs(expected_reward(pi, s) - r[s]) < 1e-12,
              "the loop over actions gives r_pi")
    claim(np.allclose(P.sum(axis=1), 1, rtol=0, atol=1e-12),
          "each row of P_pi sums to one")
    values["row_sum"] = float(P.sum(axis=1).round(12)[0])
    values["column_sum_left"] = float(P[:, 0].sum())
    claim(abs(P[:, 0].sum() - 1) > 1e-6, "a column need not sum to one")
    claim(np.array_equal(P[0], P[1]),
          "both rows of P_pi are the same: the action decides the cell")
    claim(r[1] > r[0], "the right cell pays more per step")
    claim(probabilities[0] > probabilities[1]
          and two_state.REWARDS[0, 0] == 0,
          "in the left cell the likely action, left, earns nothing")
    claim(np.array_equal(P[0], probabilities),
          "each row of P_pi is the action distribution [1 - theta, theta]")
    # the product P_pi V, by hand and in numpy
    V = value_vector(theta)
    values.update(V_left=float(V[0]), V_right=float(V[1]))
    PV = product_by_hand(P, V)
    for s, here in enumerate(cells):
        for s_next, there in enumerate(cells):
            values[f"term_{here}_{there}"] = float(P[s, s_next] * V[s_next])
        values[f"PV_{here}"] = float(PV[s])
    claim(np.allclose(PV, P @ V, rtol=0, atol=1e-12),
          "the product by hand equals numpy's P @ V")
    claim(np.allclose(PV, product_by_broadcasting(P, V), rtol=0, atol=1e-12)
          and np.allclose(PV, (pi * next_values(V)).sum(axis=1), rtol=0,
                          atol=1e-12),
          "(P * V).sum(axis=1) and (pi * V[NEXT]).sum(axis=1) equal P @ V")
    claim(PV[0] == PV[1], "both components of P_pi V are equal")
    claim(V.min() <= PV.min() and PV.max() <= V.max(),
          "a weighted average lies between V_pi(s1) and V_pi(s2)")
    claim(P[0, 0] > P[0, 1] and abs(PV[0] - V[0]) < abs(PV[0] - V[1]),
          "P_pi V_pi lies close to V_pi(s1), which carries the larger weight")
    wrong = (P * V[:, None]).sum(axis=1)
    claim(not np.allclose(wrong, PV), "a column vector gives a wrong answer")
    claim(np.allclose(wrong, V, rtol=0, atol=1e-12),
          "the wrong answer is V itself, since the rows sum to one")
    # the Bellman equation, checked cell by cell with the numbers above
    values["discounted_next"] = float(gamma * PV[0])
    claim(np.allclose(r + gamma * PV, V, rtol=0, atol=1e-12),
          "r_pi + gamma P_pi V gives V back in both cells")
    M = np.eye(len(cells)) - gamma * P
    for s, here in enumerate(cells):
        for s_next, there in enumerate(cells):
            values[f"M_{here}_{there}"] = float(M[s, s_next])
        off_diagonal = np.abs(M[s]).sum() - abs(M[s, s])
        claim(abs(M[s, s]) > off_diagonal,
              "each diagonal entry of I - gamma P outweighs its row")
    exact = bellman_solve(P, r, gamma)
    claim(np.allclose(exact, V, rtol=0, atol=1e-12),
          "np.linalg.solve gives the running example's V")
    # Bellman iteration from zeros
    report = iteration_report(theta, gamma)
    gaps, changes = report["gaps"], report["changes"]
    values.update(tol=(TOLERANCE, "sci"), sweeps=report["sweeps"],
                  last_change=(three_digits(changes[-1]), "sci"),
                  final_gap=(three_digits(gaps[-1]), "sci"),
                  first_gap=gaps[0], gamma_bound=gamma / (1 - gamma))
    claim(changes[-1] < TOLERANCE <= changes[-2],
          "the last sweep is the first to change V by less than tol")
    # the solve itself is exact to about 1e-14: allow for that rounding
    claim(gaps[-1] <= gamma / (1 - gamma) * changes[-1] + 1e-12,
          "the gap is at most gamma / (1 - gamma) times the last change")
    claim(gaps[-1] > changes[-1], "the gap is larger than the last change")
    claim(gaps[-1] >= 0.999 * gamma / (1 - gamma) * changes[-1],
          "the gap reaches the bound gamma / (1 - gamma) times the change")
    claim(np.array_equal(report["iterates"][1], r), "the first sweep is r_pi")
    error_1 = report["iterates"][1] - exact
    claim(abs(error_1[0] - error_1[1]) < 1e-12,
          "after one sweep the error is the same in both cells")
    values["agree_to"] = (AGREE_TO, "sci")
    claim(gaps[-1] < AGREE_TO, "iteration agrees with the solve to 1e-9")
    # near the solve, rounding (about 1e-15 of the values) moves the ratio
    ratios = [b / a for a, b in zip(gaps, gaps[1:]) if a > 1e-6]
    claim(max(ratios) <= gamma * (1 + 1e-6),
          "every sweep shrinks the gap by a factor gamma or more")
    claim(all(abs(q - gamma) < 1e-6 for q in ratios[1:40]),
          "after the first sweep the gap shrinks by exactly gamma")
    values["rate"] = three_digits(ratios[10])
    claim(gaps[0] == float(np.max(np.abs(V))), "the first gap is max |V|")
    rows = [k for k in TABLE_SWEEPS if k < report["sweeps"]]
    rows.append(report["sweeps"])
    claim(rows == sorted(set(rows)), "the sweeps of the table increase")
    for i, k in enumerate(rows, start=1):
        iterate = report["iterates"][k]
        values[f"iter_k_{i}"] = k
        values[f"iter_left_{i}"] = (float(iterate[0]), ".4f")
        values[f"iter_right_{i}"] = (float(iterate[1]), ".4f")
        values[f"iter_gap_{i}"] = (three_digits(gaps[k]), "sci"
                                   if gaps[k] < 1e-3 else "auto")
    claim(len(rows) == 7, "the iteration table has seven rows")
    # how good the policy is: V and J = mu . V
    J = objective(theta)
    claim(np.array_equal(two_state.START, [1, 0]),
          "every episode starts in the left cell: J is V_pi(s1)")
    claim(abs(J - two_state.objective(theta)) < 1e-12
          and J == float(two_state.START @ V), "J is mu . V")
    claim(V[1] > V[0], "starting in the right cell is worth more")
    for i, t in enumerate(TABLE_THETAS, start=1):
        V_t = value_vector(t)
        values[f"table_theta_{i}"] = (t, ".1f")
        values[f"table_V_left_{i}"] = float(V_t[0])
        values[f"table_V_right_{i}"] = float(V_t[1])
        values[f"table_J_{i}"] = objective(t)
    claim(TABLE_THETAS[1] == theta, "row two of the table is the policy")
    table_J = [objective(t) for t in TABLE_THETAS]
    claim(max(table_J) == table_J[3] and table_J[3] > 2 * table_J[1],
          "of the table's policies theta = 0.8 is the best, far ahead")
    claim(min(table_J) == table_J[0] and abs(table_J[0]) < 1e-12,
          "the policy that never goes right earns nothing from the start")
    always_right = value_vector(1.0)
    values["geometric"] = two_state.REWARDS[0, 1] / (1 - gamma)
    claim(np.allclose(always_right, values["geometric"], rtol=0,
                      atol=1e-9)
          and two_state.REWARDS[0, 1] == two_state.REWARDS[1, 1],
          "always right earns r(s, right) every step: r / (1 - gamma)")
    never_right = value_vector(0.0)
    claim(np.allclose(never_right, [0, two_state.REWARDS[1, 0]], rtol=0,
                      atol=1e-12),
          "never right: nothing on the left, one step left from the right")
    claim(two_state.REWARDS[0, 0] == 0, "bumping the wall pays nothing")
    return values
