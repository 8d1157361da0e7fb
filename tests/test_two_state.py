"""Tests of snippets/two_state.py: the running example of the appendix.

The literals below are the example's numbers worked out by hand.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from snippets import two_state as ts

probability = st.floats(min_value=0.0, max_value=1.0)


@given(probability)
def test_policy_and_transitions_are_distributions(theta):
    """Assert pi and P_pi have non-negative rows that sum to one."""
    for matrix in (ts.policy(theta), ts.transition_matrix(theta)):
        assert (matrix >= 0).all()
        np.testing.assert_allclose(matrix.sum(axis=1), 1.0)


def test_values_at_the_pages_theta():
    """Assert V = (4.88, 6.48) and J = 4.88 at theta = 0.2, by hand:
    r_pi = (0.2, 1.8), and both rows of P_pi are (0.8, 0.2)."""
    np.testing.assert_allclose(ts.expected_rewards(0.2), [0.2, 1.8])
    np.testing.assert_allclose(ts.state_values(0.2), [4.88, 6.48])
    assert ts.objective(0.2) == pytest.approx(4.88)


@given(probability)
def test_values_solve_the_bellman_equation(theta):
    """Assert V = r_pi + gamma P_pi V, and Q averages to V under pi."""
    V = ts.state_values(theta)
    np.testing.assert_allclose(
        V, ts.expected_rewards(theta)
        + ts.GAMMA * ts.transition_matrix(theta) @ V, atol=1e-12)
    np.testing.assert_allclose(
        (ts.policy(theta) * ts.action_values(theta)).sum(axis=1), V,
        atol=1e-12)


@given(probability)
def test_objective_is_the_parabola_found_by_hand(theta):
    """Assert J(theta) = 28 theta - 18 theta^2: both rows of P_pi are
    (1 - theta, theta), so V = r_pi + gamma/(1 - gamma) (p . r_pi)."""
    assert ts.objective(theta) == pytest.approx(28 * theta - 18 * theta ** 2)
