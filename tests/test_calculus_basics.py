"""Tests of snippets/calculus_basics.py: the page's examples and their maths.

The literals below are the numbers of the worked examples as the course
states them; the code must reproduce them.
"""


import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from snippets import calculus_basics as cb
from snippets.values import texts

finite = st.floats(min_value=-10, max_value=10, allow_nan=False)


def test_value_table_matches_the_course():
    """Assert J at 0.2, 0.5, 0.8 and 1.0 is 0.64, 0.91, 1.00 and 0.96."""
    table = cb.value_table()
    assert [theta for theta, _ in table] == [0.2, 0.5, 0.8, 1.0]
    assert [j for _, j in table] == pytest.approx([0.64, 0.91, 1.0, 0.96])


def test_derivative_signs_and_values():
    """Assert J'(0.2) = 1.2 and J'(1.0) = -0.4, with J' zero at 0.8."""
    assert cb.dJ(0.2) == pytest.approx(1.2)
    assert cb.dJ(1.0) == pytest.approx(-0.4)
    assert cb.dJ(cb.THETA_STAR) == 0


def test_two_ascent_steps():
    """Assert ascent from 0.2 with alpha 0.1 goes to 0.32 then 0.416."""
    path = cb.ascent_path(cb.dJ, 0.2, alpha=0.1, steps=2)
    assert path == pytest.approx([0.2, 0.32, 0.416])
    assert cb.dJ(path[1]) == pytest.approx(0.96)


def test_descent_is_ascent_on_the_negated_gradient():
    """Assert a descent step equals an ascent step along -grad."""
    assert cb.descent_step(0.7, 1.5, 0.1) == cb.ascent_step(0.7, -1.5, 0.1)


def test_two_parameter_gradient_and_update():
    """Assert grad J(0, 0) = (2, 4) and one step reaches (0.2, 0.4)."""
    np.testing.assert_allclose(cb.grad_J2([0.0, 0.0]), [2.0, 4.0])
    np.testing.assert_allclose(cb.ascent_step_2d([0.0, 0.0], 0.1),
                               [0.2, 0.4])
    assert cb.J2(cb.OPTIMUM_2D) == cb.J_MAX_2D


def test_chain_rule_values():
    """Assert y = 3, L = 9, dL/dy = -6, dy/dtheta = 3, dL/dtheta = -18."""
    assert cb.chain_forward(1.0) == (3.0, 9.0)
    assert cb.chain_backward(1.0) == (-6.0, 3.0, -18.0)
    assert cb.chain_autodiff(1.0) == -18.0


@given(finite)
def test_derivative_agrees_with_central_difference(theta):
    """Assert the analytic J' matches a central difference of J."""
    numeric = cb.central_difference(lambda t: cb.J(t.item()), [theta])
    assert numeric[0] == pytest.approx(cb.dJ(theta), abs=1e-5)


@given(finite, finite)
def test_gradient_agrees_with_central_difference(theta1, theta2):
    """Assert grad J2 and both partials match central differences."""
    theta = np.array([theta1, theta2])
    numeric = cb.central_difference(cb.J2, theta)
    np.testing.assert_allclose(cb.grad_J2(theta), numeric, atol=1e-5)
    assert cb.dJ2_dtheta1(theta1, theta2) == pytest.approx(numeric[0],
                                                           abs=1e-5)
    assert cb.dJ2_dtheta2(theta1, theta2) == pytest.approx(numeric[1],
                                                           abs=1e-5)


@given(finite)
def test_autodiff_agrees_with_the_chain_rule(theta):
    """Assert the Scalar graph gives the hand-derived dL/dtheta."""
    assert cb.chain_autodiff(theta) == pytest.approx(
        cb.chain_backward(theta)[2])


small = st.floats(min_value=-3, max_value=3, allow_nan=False)


@given(small, small, st.integers(min_value=1, max_value=4))
def test_autodiff_agrees_with_central_difference(a, x, n):
    """Assert reverse mode matches central differences on a polynomial."""
    def f(x):
        return (a * x - 2) ** n * x + 1 - x

    node = cb.Scalar(x)
    f(node).backward()
    numeric = cb.central_difference(lambda t: f(t.item()), [x], h=1e-5)
    assert node.grad == pytest.approx(numeric[0], rel=1e-4, abs=1e-3)


def test_autodiff_sums_over_every_path():
    """Assert a node reused twice gets both contributions (d(x*x)/dx=2x)."""
    x = cb.Scalar(3.0)
    y = x * x
    z = y + y  # y feeds z twice: dz/dx = 2 * 2x
    z.backward()
    assert (y.grad, x.grad) == (2.0, 12.0)


@given(st.floats(min_value=0.01, max_value=1.5), finite)
def test_ascent_error_shrinks_by_one_minus_two_alpha(alpha, theta):
    """Assert theta - 0.8 is multiplied by (1 - 2 alpha) at every step."""
    after = cb.ascent_step(theta, cb.dJ(theta), alpha)
    assert after - cb.THETA_STAR == pytest.approx(
        (1 - 2 * alpha) * (theta - cb.THETA_STAR), abs=1e-9)


def test_page_values_are_formatted_like_the_course():
    """Assert the page prints the course's numbers, digit for digit."""
    values = texts(cb.page_values())
    expected = {
        "table_J_1": "0.64", "table_J_2": "0.91", "table_J_3": "1.00",
        "table_J_4": "0.96", "table_theta_4": "1.0", "dJ_start": "1.2",
        "dJ_right": "-0.4", "step_1": "0.32", "dJ_step_1": "0.96",
        "step_2": "0.416", "grad_origin_1": "2", "grad_origin_2": "4",
        "update_1": "0.2", "update_2": "0.4", "chain_y": "3",
        "chain_L": "9", "dL_dy": "-6", "dL_dtheta": "-18",
        "typical_lr_1": "10⁻³", "typical_lr_2": "3×10⁻⁴",
    }
    assert {name: values[name] for name in expected} == expected


def test_toy_objective_is_not_the_running_examples():
    """Assert what the page says of its J: a stand-in, with another value
    at the example's policy and another top than the example's J."""
    from snippets import policy_gradients as pg
    from snippets import two_state

    theta = two_state.THETA
    assert cb.J(theta) != pytest.approx(two_state.objective(theta))
    assert pg.J(theta) == pytest.approx(two_state.objective(theta))
    top = pg.maximizer(pg.policy_gradient)
    assert top == pytest.approx(7 / 9, abs=1e-9)
    assert cb.THETA_STAR != pytest.approx(top, abs=1e-3)
