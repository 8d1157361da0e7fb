"""Tests of snippets/policy_gradients.py: the maths of E.3.2 on the running
example (snippets/two_state.py), checked against independent computations:
central differences of the exact objective, brute-force sums over steps,
and Monte-Carlo estimates with their standard errors.
"""

import re
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from snippets import calculus_basics as cb
from snippets import policy_gradients as pg
from snippets import two_state
from snippets.figures import PALETTES
from snippets.policy_gradients_figures import FIGURES
from snippets.values import texts

probabilities = st.floats(min_value=0.02, max_value=0.98)
free = st.floats(min_value=-6, max_value=6)


def central(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


def test_objective_is_the_start_value_of_the_linear_solve():
    """Assert J(theta) = mu^T V, and V solves V = r_pi + gamma P_pi V."""
    theta = two_state.THETA
    V = two_state.state_values(theta)
    P = two_state.transition_matrix(theta)
    r = two_state.expected_rewards(theta)
    np.testing.assert_allclose(V, r + two_state.GAMMA * P @ V)
    assert pg.J(theta) == pytest.approx(two_state.START @ V)


def test_objective_equals_a_long_discounted_sum():
    """Assert J equals sum_t gamma^t mu^T P^t r_pi, summed step by step."""
    for theta in (0.1, 0.2, 0.5, 0.9):
        assert pg.truncated_objective(theta, 600) == pytest.approx(
            pg.J(theta), abs=1e-12)


def test_maximizer_finds_the_top_where_the_gradient_vanishes():
    """Assert bisection's theta* has zero gradient and beats its
    neighbours on the grid."""
    theta_star = pg.maximizer(pg.policy_gradient)
    assert pg.policy_gradient(theta_star) == pytest.approx(0, abs=1e-9)
    thetas, values = pg.objective_curve()
    assert pg.J(theta_star) >= values.max()
    assert 0 < theta_star < 1


def test_quadratic_fit_is_exact_and_its_vertex_is_the_maximizer():
    """Assert J is a quadratic: the fit predicts J off the grid, and
    -c1 / (2 c2) is theta*."""
    (c2, c1, c0), gap = pg.quadratic_fit()
    assert gap < 1e-9 and c2 < 0
    for theta in (0.013, 0.37, 0.777, 0.999):
        assert np.polyval([c2, c1, c0], theta) == pytest.approx(
            pg.J(theta), abs=1e-9)
    assert -c1 / (2 * c2) == pytest.approx(pg.maximizer(pg.policy_gradient),
                                           abs=1e-9)


@given(probabilities)
def test_advantages_average_to_zero_under_the_policy(theta):
    """Assert sum_a pi(a|s) A_pi(s, a) = 0 in each cell, for any theta."""
    np.testing.assert_allclose(pg.mean_advantage(theta), 0, atol=1e-9)


def test_right_has_positive_advantage_in_both_cells_at_theta():
    """Assert A_pi(s, right) > 0 > A_pi(s, left) in both cells at THETA."""
    A = pg.advantages(two_state.THETA)
    assert (A[:, pg.RIGHT] > 0).all() and (A[:, 1 - pg.RIGHT] < 0).all()


@given(probabilities)
def test_visitation_counts_discounted_visits(theta):
    """Assert d_gamma equals sum_t gamma^t mu^T P^t and sums to
    1 / (1 - gamma)."""
    P = two_state.transition_matrix(theta)
    d, total = two_state.START.copy(), np.zeros(2)
    for t in range(400):
        total += two_state.GAMMA ** t * d
        d = d @ P
    np.testing.assert_allclose(pg.visitation(theta), total, atol=1e-9)
    assert pg.visitation(theta).sum() == pytest.approx(
        1 / (1 - two_state.GAMMA))


@given(probabilities)
def test_policy_derivative_matches_central_differences(theta):
    """Assert dpi/dtheta is the central difference of the policy."""
    numeric = central(two_state.policy, theta)
    np.testing.assert_allclose(pg.policy_derivative(theta), numeric,
                               atol=1e-6)


@given(probabilities)
def test_policy_gradient_theorem_matches_central_differences(theta):
    """Assert the theorem's dJ/dtheta equals a central difference of the
    exact J, to many digits, for any theta."""
    assert pg.policy_gradient(theta) == pytest.approx(
        central(pg.J, theta), abs=1e-7)


@given(probabilities)
def test_score_forms_equal_the_theorem(theta):
    """Assert the score-function form gives the same gradient with Q and
    with A as weights."""
    Q, A = two_state.action_values(theta), pg.advantages(theta)
    exact = pg.policy_gradient(theta)
    assert pg.score_form(theta, Q) == pytest.approx(exact, abs=1e-9)
    assert pg.score_form(theta, A) == pytest.approx(exact, abs=1e-9)


@given(probabilities)
def test_score_is_the_derivative_of_log_pi(theta):
    """Assert the score is the central difference of log pi, and averages
    to zero under the policy."""
    numeric = central(lambda t: np.log(two_state.policy(t)), theta)
    np.testing.assert_allclose(pg.score(theta), numeric, rtol=1e-6)
    np.testing.assert_allclose(
        (two_state.policy(theta) * pg.score(theta)).sum(axis=1), 0,
        atol=1e-9)


def test_gradient_check_reports_a_tiny_gap():
    """Assert the page's gradient check finds a gap below 1e-8."""
    exact, numeric, gap = pg.gradient_check(two_state.THETA)
    assert gap < 1e-8 and gap == abs(exact - numeric)


@given(free)
def test_sigmoid_and_logit_are_inverse(w):
    """Assert sigmoid lies in (0, 1) and logit undoes it."""
    theta = pg.sigmoid(w)
    assert 0 < theta < 1
    assert pg.logit(theta) == pytest.approx(w, abs=1e-9)


def test_sigmoid_has_no_overflow_far_out():
    """Assert sigmoid is finite and ordered for huge |w|, with no warning."""
    assert pg.sigmoid(-1000.0) == 0.0 and pg.sigmoid(1000.0) == 1.0
    assert pg.sigmoid(-30.0) < pg.sigmoid(-29.0)


@given(free)
def test_logistic_chain_rule(w):
    """Assert dJ/dw = dJ/dtheta * theta (1 - theta) equals a central
    difference of J(sigmoid(w)), and dtheta/dw = theta (1 - theta)."""
    theta = pg.sigmoid(w)
    assert central(pg.sigmoid, w) == pytest.approx(theta * (1 - theta),
                                                   abs=1e-8)
    assert pg.gradient_w(w) == pytest.approx(
        central(lambda x: pg.J(pg.sigmoid(x)), w), abs=1e-7)


def test_ascent_raises_J_at_every_step_without_overshooting():
    """Assert the chosen learning rate raises J monotonically and theta
    approaches theta* from below."""
    rows = pg.ascent()
    assert len(rows) == pg.STEPS + 1
    Js = [j for _, _, j, _ in rows]
    thetas = [theta for _, theta, _, _ in rows]
    theta_star = pg.maximizer(pg.policy_gradient)
    assert all(a < b for a, b in zip(Js, Js[1:]))
    assert all(a < b < theta_star for a, b in zip(thetas, thetas[1:]))
    assert rows[0][1] == pytest.approx(two_state.THETA)


def test_ascent_is_e31s_update_on_w():
    """Assert each step is w + alpha * dJ/dw, E.3.1's ascent step."""
    rows = pg.ascent(steps=3)
    for (w, _, _, grad), (after, _, _, _) in zip(rows, rows[1:]):
        assert after == cb.ascent_step(w, grad, pg.ALPHA)


@given(st.floats(min_value=0.01, max_value=0.5))
def test_ascent_rises_for_small_rates(alpha):
    """Assert ascent on w never lowers J, for any rate up to 0.5."""
    Js = [j for _, _, j, _ in pg.ascent(alpha=alpha, steps=8)]
    assert all(a <= b for a, b in zip(Js, Js[1:]))


@pytest.mark.parametrize("horizon", [1, 2, 5, 30])
def test_truncated_gradient_matches_central_differences(horizon):
    """Assert dJ_H/dtheta equals a central difference of J_H."""
    for theta in (0.1, 0.2, 0.6):
        assert pg.truncated_gradient(theta, horizon) == pytest.approx(
            central(lambda t: pg.truncated_objective(t, horizon), theta),
            abs=1e-7)


def test_truncation_bias_is_of_order_gamma_to_the_h():
    """Assert the gradient's truncation bias, divided by gamma^H, is the
    same for every horizon, and vanishes as H grows."""
    theta = two_state.THETA
    exact = pg.policy_gradient(theta)
    ratios = [(exact - pg.truncated_gradient(theta, h)) / pg.GAMMA ** h
              for h in (5, 10, 30, 60)]
    assert np.ptp(ratios) < 1e-6 * abs(ratios[0])
    assert pg.truncated_gradient(theta, 400) == pytest.approx(exact,
                                                              abs=1e-9)


def test_sampled_episodes_follow_the_example():
    """Assert sampled episodes start from mu, move to the cell each action
    names, and earn the table's rewards."""
    rng = np.random.default_rng(7)
    s, a, r = two_state.sample_episodes(two_state.THETA, 400, 30, rng)
    assert (s[:, 0] == 0).all()  # mu puts every start in the left cell
    np.testing.assert_array_equal(s[:, 1:], two_state.NEXT[s, a][:, :-1])
    np.testing.assert_array_equal(r, two_state.REWARDS[s, a])
    assert a.mean() == pytest.approx(two_state.THETA, abs=0.01)


def test_sampling_is_reproducible_from_the_seed():
    """Assert the same seed gives the same episodes and estimates."""
    first = pg.experiment(seeds=range(3), episodes=4, horizon=10)
    again = pg.experiment(seeds=range(3), episodes=4, horizon=10)
    np.testing.assert_array_equal(first, again)


def test_reinforce_matches_a_hand_computed_episode():
    """Assert one short episode gives the sum of gamma^t score * (G_t - b)
    written out by hand."""
    theta, gamma = 0.3, pg.GAMMA
    s = np.array([[0, 1, 0]])
    a = np.array([[1, 0, 0]])
    r = two_state.REWARDS[s, a].astype(float)
    b = np.array([0.5, 2.0])
    score = {1: 1 / theta, 0: -1 / (1 - theta)}
    G = [r[0, 0] + gamma * r[0, 1] + gamma ** 2 * r[0, 2],
         r[0, 1] + gamma * r[0, 2], r[0, 2]]
    by_hand = sum(gamma ** t * score[a[0, t]] * (G[t] - b[s[0, t]])
                  for t in range(3))
    assert pg.reinforce(theta, s, a, r, baseline=b)[0] == pytest.approx(
        by_hand)


@pytest.fixture(scope="module")
def experiment():
    estimates = pg.experiment()
    return estimates, pg.summary(estimates)


def test_reinforce_is_unbiased_up_to_truncation(experiment):
    """Assert both means lie within three standard errors of the exact
    truncated gradient."""
    _, (mean, _, se) = experiment
    truncated = pg.truncated_gradient(pg.THETA, pg.HORIZON)
    assert (np.abs(mean - truncated) < 3 * se).all()


def test_baseline_reduces_the_variance(experiment):
    """Assert the baseline V_pi(s) lowers the spread of the per-seed means,
    by a large factor."""
    _, (_, sd, _) = experiment
    assert (sd[0] / sd[1]) ** 2 > 4


@settings(max_examples=10, deadline=None)
@given(st.floats(min_value=0.1, max_value=0.9),
       st.integers(min_value=0, max_value=10 ** 6))
def test_reinforce_is_unbiased_for_other_policies(theta, seed):
    """Assert, at other theta and seeds, both estimators' means lie within
    five standard errors of dJ_H/dtheta, and the baseline lowers the
    variance."""
    horizon = 25
    rng = np.random.default_rng(seed)
    sampled = two_state.sample_episodes(theta, 4000, horizon, rng)
    V = two_state.state_values(theta)
    truncated = pg.truncated_gradient(theta, horizon)
    spreads = []
    for baseline in (None, V):
        g = pg.reinforce(theta, *sampled, baseline=baseline)
        se = g.std(ddof=1) / math.sqrt(len(g))
        assert abs(g.mean() - truncated) < 5 * se
        spreads.append(g.std())
    assert spreads[1] < spreads[0]


def test_page_values_print_the_worked_example():
    """Assert the page prints the numbers of the running example worked
    out by hand: advantages, visitation, gradient and the chain rule."""
    values = texts(pg.page_values())
    expected = {
        "A_left_left": "-0.488", "A_left_right": "1.952",
        "A_right_left": "-0.088", "A_right_right": "0.352",
        "d_left": "8.2", "d_right": "1.8", "d_sum": "10",
        "dJ_theta": "20.8", "share_left": "20.008", "share_right": "0.792",
        "score_left": "-1.25", "score_right": "5", "dtheta_dw": "0.16",
        "dJ_dw": "3.328", "naive_theta": "2.28", "J_zero": "0",
        "mean_adv_left": "0", "mean_adv_right": "0", "score_mean": "0",
    }
    assert {name: values[name] for name in expected} == expected


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.name)
def test_figure_labels_print_the_pages_values(spec):
    """Assert each figure draws its label numbers from the page's texts."""
    from matplotlib.text import Text

    values = texts(pg.page_values())
    labels = {
        "objective": ["theta_star", "dJ_theta", "alpha", "steps",
                      "step_1"],
        "logistic": ["dtheta_dw", "w_0"],
        "reinforce": ["sd_plain", "sd_base", "dJ_truncated", "episodes"],
    }[spec.name]
    drawn = " ".join(t.get_text() for t in spec.draw(
        values, PALETTES[0], spec.words).findobj(Text))
    for name in labels:
        number = re.escape(values[name])
        assert re.search(rf"(?<![\d.]){number}(?![\d.])", drawn), name


def test_a_constant_baseline_far_from_the_returns_raises_the_variance():
    """Assert what the page says of baselines: any constant keeps the
    estimate unbiased, but one far from the returns raises its variance
    above no baseline's, on the same episodes; V_pi(s) lowers it."""
    rng = np.random.default_rng(0)
    episodes = two_state.sample_episodes(pg.THETA, 2000, pg.HORIZON, rng)
    far = np.full(len(two_state.STATES), 10 * two_state.state_values(
        pg.THETA).max())
    plain, constant, values = (
        pg.reinforce(pg.THETA, *episodes, baseline=b)
        for b in (None, far, two_state.state_values(pg.THETA)))
    assert constant.var() > plain.var() > values.var()
    # unbiased all the same: its mean agrees with no baseline's
    spread = constant.std() / np.sqrt(len(constant))
    assert abs(constant.mean() - plain.mean()) < 4 * spread


def test_dropping_gamma_t_estimates_something_else():
    """Assert the page's figure for REINFORCE without gamma^t: sampled
    episodes average to it, not to the gradient."""
    rng = np.random.default_rng(1)
    states, actions, rewards = two_state.sample_episodes(pg.THETA, 20000,
                                                  pg.HORIZON, rng)
    discount = pg.GAMMA ** np.arange(pg.HORIZON)
    returns = np.cumsum((discount * rewards)[:, ::-1], axis=1)[:, ::-1]
    estimates = (pg.score(pg.THETA)[states, actions] * returns
                 / discount).sum(axis=1)
    exact = pg.truncated_gradient(pg.THETA, pg.HORIZON, discounted=False)
    error = estimates.std() / np.sqrt(len(estimates))
    assert abs(estimates.mean() - exact) < 4 * error
    assert exact > 5 * pg.truncated_gradient(pg.THETA, pg.HORIZON)
