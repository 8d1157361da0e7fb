"""Tests of snippets/vectors_and_matrices.py: the page's examples and maths.

The literals below are the numbers of the worked examples as the page
states them for the running example at theta = 0.2 and gamma = 0.9; the
code must reproduce them, and the maths behind them must hold for every
policy and discount, not only for those.
"""

import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from matplotlib.text import Text

from snippets import two_state
from snippets import vectors_and_matrices as vm
from snippets.figures import PALETTES
from snippets.values import texts
from snippets.vectors_and_matrices_figures import FIGURES

probability = st.floats(min_value=0, max_value=1)
discount = st.floats(min_value=0, max_value=0.95)
entries = st.floats(min_value=-10, max_value=10, allow_nan=False)
VALUES = texts(vm.page_values())


def random_stochastic(seed, n):
    """An n-by-n matrix with non-negative rows that sum to one."""
    weights = np.random.default_rng(seed).random((n, n)) + 1e-3
    return weights / weights.sum(axis=1, keepdims=True)


@given(probability)
def test_transition_rows_sum_to_one_for_every_theta(theta):
    """Assert each row of P_pi is [1 - theta, theta] and sums to one."""
    _, P, _ = vm.policy_matrices(theta)
    assert (P >= 0).all()
    np.testing.assert_allclose(P.sum(axis=1), [1.0, 1.0], atol=1e-15)
    np.testing.assert_allclose(P, [[1 - theta, theta]] * 2, atol=1e-15)


@given(probability)
def test_expected_reward_three_ways(theta):
    """Assert the loop, the elementwise one-liner and the hand formula
    r_pi(s) = (1 - theta) r(s, left) + theta r(s, right) agree."""
    pi, _, r = vm.policy_matrices(theta)
    R = two_state.REWARDS
    by_hand = (1 - theta) * R[:, 0] + theta * R[:, 1]
    loop = [vm.expected_reward(pi, s) for s in range(2)]
    np.testing.assert_allclose(loop, by_hand, atol=1e-12)
    np.testing.assert_allclose(vm.expected_rewards_elementwise(pi), by_hand,
                               atol=1e-12)
    np.testing.assert_allclose(r, by_hand, atol=1e-12)


@given(arrays(float, (3, 4), elements=entries),
       arrays(float, 4, elements=entries))
def test_product_by_hand_equals_numpy(P, v):
    """Assert the double loop and P * v summed over rows equal P @ v."""
    np.testing.assert_allclose(vm.product_by_hand(P, v), P @ v, atol=1e-9)
    np.testing.assert_allclose(vm.product_by_broadcasting(P, v), P @ v,
                               atol=1e-9)


@given(st.integers(0, 2**32 - 1), st.integers(1, 6),
       st.lists(entries, min_size=6, max_size=6))
def test_stochastic_product_is_a_weighted_average(seed, n, numbers):
    """Assert each component of P v lies between min(v) and max(v) when
    P's rows are probabilities."""
    P, v = random_stochastic(seed, n), np.array(numbers[:n])
    Pv = P @ v
    assert (Pv >= v.min() - 1e-9).all() and (Pv <= v.max() + 1e-9).all()


@given(probability, discount)
def test_solve_satisfies_bellman_and_the_hand_formula(theta, gamma):
    """Assert V = r + gamma P V, and V = r + gamma m (1, 1) with
    m = p . r / (1 - gamma): both rows of P are p = [1 - theta, theta]."""
    _, P, r = vm.policy_matrices(theta)
    V = vm.bellman_solve(P, r, gamma)
    np.testing.assert_allclose(V, r + gamma * P @ V, atol=1e-10)
    p = np.array([1 - theta, theta])
    m = p @ r / (1 - gamma)
    np.testing.assert_allclose(V, r + gamma * m, atol=1e-10)
    np.testing.assert_allclose(V, two_state.state_values(theta, gamma),
                               atol=1e-12)


@given(st.integers(0, 2**32 - 1), st.integers(1, 6), discount)
def test_solve_agrees_with_the_inverse(seed, n, gamma):
    """Assert solve(I - gamma P, r) equals inv(I - gamma P) @ r."""
    P = random_stochastic(seed, n)
    r = np.random.default_rng(seed + 1).normal(size=n)
    A = np.eye(n) - gamma * P
    np.testing.assert_allclose(vm.bellman_solve(P, r, gamma),
                               np.linalg.inv(A) @ r, atol=1e-9)


@given(probability, discount, arrays(float, 2, elements=entries),
       arrays(float, 2, elements=entries), entries, entries)
def test_values_are_linear_in_the_rewards(theta, gamma, r1, r2, a, b):
    """Assert V(a r1 + b r2) = a V(r1) + b V(r2) for a fixed policy."""
    _, P, _ = vm.policy_matrices(theta)
    combined = vm.bellman_solve(P, a * r1 + b * r2, gamma)
    np.testing.assert_allclose(
        combined, a * vm.bellman_solve(P, r1, gamma)
        + b * vm.bellman_solve(P, r2, gamma), atol=1e-8)


@given(probability, discount)
def test_iteration_agrees_with_the_solve(theta, gamma):
    """Assert iteration stops at the first change below tol, and its
    answer is within gamma / (1 - gamma) times that change of the solve."""
    _, P, r = vm.policy_matrices(theta)
    iterates = vm.bellman_iterates(P, r, gamma)
    changes = [np.abs(b - a).max() for a, b in zip(iterates, iterates[1:])]
    assert changes[-1] < vm.TOLERANCE
    assert all(c >= vm.TOLERANCE for c in changes[:-1])
    gap = np.abs(iterates[-1] - vm.bellman_solve(P, r, gamma)).max()
    assert gap <= gamma / (1 - gamma) * changes[-1] + 1e-12


@given(st.integers(0, 2**32 - 1), st.integers(1, 6), discount)
def test_each_sweep_shrinks_the_error_by_gamma(seed, n, gamma):
    """Assert max |V_k+1 - V| <= gamma max |V_k - V| on random chains."""
    P = random_stochastic(seed, n)
    r = np.random.default_rng(seed + 1).normal(size=n)
    V = vm.bellman_solve(P, r, gamma)
    gaps = [np.abs(Vk - V).max()
            for Vk in vm.bellman_iterates(P, r, gamma)[:30]]
    for before, after in zip(gaps, gaps[1:]):
        assert after <= gamma * before + 1e-12


def test_iteration_count_and_gap_of_the_page():
    """Assert 214 sweeps to a change below 1e-10, a gap of 8.39e-10, and
    a gap that falls by exactly gamma per sweep after the first."""
    report = vm.iteration_report()
    assert report["sweeps"] == 214
    assert report["gaps"][-1] == pytest.approx(8.39e-10, rel=1e-3)
    assert report["gaps"][-1] < 1e-9
    ratios = np.array(report["gaps"][2:60]) / report["gaps"][1:59]
    np.testing.assert_allclose(ratios, two_state.GAMMA, rtol=1e-9)


def test_the_ends_of_the_table_by_hand():
    """Assert theta = 1 earns 1 / (1 - gamma) = 10 in both cells (a
    geometric series), and theta = 0 earns 0 on the left, 2 on the right."""
    np.testing.assert_allclose(vm.value_vector(1.0), [10.0, 10.0])
    np.testing.assert_allclose(vm.value_vector(0.0), [0.0, 2.0],
                               atol=1e-12)


@given(probability)
def test_objective_is_the_start_weighted_value(theta):
    """Assert J = mu . V_pi = V_pi(s1), and agrees with the running example."""
    J = vm.objective(theta)
    assert J == pytest.approx(vm.value_vector(theta)[0], abs=1e-12)
    assert J == pytest.approx(two_state.objective(theta), abs=1e-12)


@given(probability)
def test_three_ways_to_the_next_cell_value(theta):
    """Assert P @ V, (pi * V[NEXT]).sum(axis=1) and (P * V).sum(axis=1)
    agree, and that a column V[:, None] gives V back instead."""
    pi, P, _ = vm.policy_matrices(theta)
    V = vm.value_vector(theta)
    np.testing.assert_allclose((pi * vm.next_values(V)).sum(axis=1), P @ V,
                               atol=1e-12)
    np.testing.assert_allclose(vm.product_by_broadcasting(P, V), P @ V,
                               atol=1e-12)
    np.testing.assert_allclose((P * V[:, None]).sum(axis=1), V, atol=1e-12)


def test_next_values_and_action_values():
    """Assert REWARDS + gamma V[NEXT] is the running example's Q, and
    that the policy's average of Q is V."""
    pi, _, _ = vm.policy_matrices(two_state.THETA)
    V = vm.value_vector(two_state.THETA)
    Q = two_state.REWARDS + two_state.GAMMA * vm.next_values(V)
    np.testing.assert_allclose(Q, two_state.action_values(two_state.THETA))
    np.testing.assert_allclose((pi * Q).sum(axis=1), V)


def test_shapes():
    """Assert the shapes of the page's table."""
    assert vm.shapes() == {"pi": (2, 2), "P_pi": (2, 2), "r_pi": (2,),
                           "V": (2,), "mu": (2,)}


def test_page_values_are_the_worked_examples():
    """Assert the page prints the worked examples, digit for digit."""
    expected = {
        "P_left_left": "0.8", "P_left_right": "0.2", "P_right_left": "0.8",
        "P_right_right": "0.2", "row_sum": "1", "column_sum_left": "1.6",
        "r_pi_left": "0.2", "r_pi_right": "1.8", "V_left": "4.88",
        "V_right": "6.48", "term_left_left": "3.904",
        "term_left_right": "1.296", "PV_left": "5.2", "PV_right": "5.2",
        "discounted_next": "4.68", "M_left_left": "0.28",
        "M_left_right": "-0.18", "M_right_left": "-0.72",
        "M_right_right": "0.82", "tol": "10⁻¹⁰", "sweeps": "214",
        "final_gap": "8.39×10⁻¹⁰", "last_change": "9.33×10⁻¹¹",
        "gamma_bound": "9", "rate": "0.9", "first_gap": "6.48",
        "iter_left_3": "0.6680", "iter_right_3": "2.2680",
        "table_J_3": "9.5", "table_V_right_4": "11.28",
        "table_J_4": "10.88", "geometric": "10",
    }
    assert {name: VALUES[name] for name in expected} == expected


# page values each figure must print in its labels
LABELS = {
    "transition-matrix": ["P_left_left", "P_left_right", "P_right_left",
                          "P_right_right", "row_sum"],
    "weighted-average": ["V_left", "V_right", "PV_left", "P_left_left",
                         "P_left_right"],
    "bellman-convergence": ["tol", "sweeps", "final_gap", "rate"],
}


def test_every_figure_has_a_label_check():
    """Assert the list above covers exactly the page's figures."""
    assert sorted(LABELS) == sorted(spec.name for spec in FIGURES)


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.name)
def test_figure_labels_print_the_pages_values(spec):
    """Assert each label number is the page's text for that value."""
    figure = spec.draw(VALUES, PALETTES[0], spec.words)
    labels = " ".join(t.get_text() for t in figure.findobj(Text))
    for name in LABELS[spec.name]:
        value = re.escape(VALUES[name])
        assert re.search(rf"(?<![\d.]){value}(?![\d.])", labels), name
