"""Tests of snippets/random_variables.py: the maths of E.2.1 on the running
example, checked against independent computations: paths walked by
brute force, moments summed reward by reward over a long horizon, and
sampling with fresh seeds and its standard errors.
"""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from snippets import policy_gradients as pg
from snippets import random_variables as rv
from snippets import two_state

probabilities = st.floats(min_value=0.02, max_value=0.98)
GAMMA, R, NEXT = two_state.GAMMA, two_state.REWARDS, two_state.NEXT


def walk(actions, cell, theta):
    """A path's probability and discounted return, step by step."""
    probability, ret = 1.0, 0.0
    for t, a in enumerate(actions):
        probability *= theta if a else 1 - theta
        ret += GAMMA ** t * R[cell, a]
        cell = NEXT[cell, a]
    return probability, ret


@given(probabilities, st.integers(1, 6), st.sampled_from([0, 1]))
@settings(deadline=None, max_examples=40)
def test_paths_are_every_action_sequence_with_its_chance(theta, horizon,
                                                          cell):
    """Assert the enumeration lists all 2^H paths, with the probability and
    return a walk gives, probabilities summing to one."""
    rows = rv.paths(horizon, theta, cell)
    assert len(rows) == 2 ** horizon
    for actions, p, g in rows:
        assert (p, g) == pytest.approx(walk(actions, cell, theta))
    assert sum(p for _, p, _ in rows) == pytest.approx(1)


@given(probabilities, st.integers(1, 8))
@settings(deadline=None, max_examples=40)
def test_mean_of_h_steps_is_the_truncated_objective(theta, horizon):
    """Assert E[G_0:H] from the left cell is E.3.2's J_H, computed by
    pushing the start distribution forward step by step."""
    distribution = rv.return_distribution(horizon, theta)
    assert rv.mean(distribution) == pytest.approx(
        pg.truncated_objective(theta, horizon))


def test_variance_is_the_mean_square_minus_the_square_mean():
    distribution = rv.return_distribution(5)
    second = sum(p * g * g for g, p in distribution)
    assert rv.variance(distribution) == pytest.approx(
        second - rv.mean(distribution) ** 2)


def test_reward_moments_by_brute_force():
    """Assert the two rewards' means, variances and covariance from a
    table of the four two-step paths."""
    table = []
    for actions in itertools.product(range(2), repeat=2):
        p, _ = walk(actions, 0, rv.THETA)
        r0 = R[0, actions[0]]
        r1 = R[NEXT[0, actions[0]], actions[1]]
        table.append((p, r0, r1))
    p, r0, r1 = map(np.array, zip(*table))
    m0, m1 = p @ r0, p @ r1
    expected = [m0, m1, p @ (r0 - m0) ** 2, p @ (r1 - m1) ** 2,
                p @ ((r0 - m0) * (r1 - m1))]
    assert rv.reward_moments() == pytest.approx(expected)


def moments_by_sums(theta, steps=600):
    """E[G] and E[G^2] from each cell as sums over pairs of steps:
    E[G^2] = sum_t gamma^2t E[r_t^2] + 2 sum_{t<u} gamma^(t+u) E[r_t r_u],
    with E[r_t r_u] from the chain's step-by-step distributions."""
    pi = two_state.policy(theta)
    P = two_state.transition_matrix(theta)
    r = two_state.expected_rewards(theta)
    r2 = (pi * R ** 2).sum(axis=1)
    # future[s] = sum_{k>=0} gamma^k E[r_k | s_0 = s] = V
    future = np.zeros(2)
    power = np.eye(2)
    for k in range(steps):
        future += GAMMA ** k * power @ r
        power = power @ P
    # cross[s] = E[r_0 * sum_{u>=1} gamma^u r_u | s_0 = s]
    cross = (pi * R * GAMMA * future[NEXT]).sum(axis=1)
    moments = np.zeros(2)
    power = np.eye(2)
    for t in range(steps):
        moments += GAMMA ** (2 * t) * power @ (r2 + 2 * cross)
        power = power @ P
    return future, moments


@given(probabilities)
@settings(deadline=None, max_examples=25)
def test_second_moment_equals_the_sums_over_steps(theta):
    """Assert the Bellman equation for the second moment gives what the
    sums over pairs of steps give, and the law of total variance agrees."""
    V, W, var = rv.return_moments(theta)
    mean, second = moments_by_sums(theta)
    np.testing.assert_allclose(V, mean, rtol=1e-9)
    np.testing.assert_allclose(W, second, rtol=1e-9)
    np.testing.assert_allclose(var, rv.variance_by_advantages(theta),
                               rtol=1e-9)


@pytest.mark.parametrize("gamma", [0.5, 0.9, 0.99])
def test_variance_stays_within_the_discounts_bound(gamma):
    _, _, var = rv.return_moments(rv.THETA, gamma)
    width = R.max() / (1 - gamma)
    assert (var >= 0).all() and (np.sqrt(var) <= width / 2).all()


@pytest.mark.parametrize("cell", [0, 1])
def test_sampled_returns_estimate_the_value_and_its_variance(cell):
    """Assert 20000 fresh episodes from each cell give a mean within four
    standard errors of V_pi and a variance within 5% of the exact one."""
    V, _, var = rv.return_moments()
    returns = rv.sampled_returns(20_000, np.random.default_rng(101 + cell),
                                 cell)
    mean, se = rv.estimate(returns)
    assert abs(mean - V[cell]) < 4 * se
    assert returns.var(ddof=1) == pytest.approx(var[cell], rel=0.05)


def test_running_estimates_end_at_the_plain_estimate():
    returns = rv.sampled_returns(500, np.random.default_rng(7))
    means, ses = rv.running_estimates(returns)
    assert (means[-1], ses[-1]) == pytest.approx(rv.estimate(returns))
    assert len(means) == len(returns) - 1


def test_standard_error_shrinks_with_the_root_of_n():
    """Assert the spread of many runs' estimates follows sigma / sqrt(N),
    for two run lengths, within sampling error."""
    _, _, var = rv.return_moments()
    for episodes in (25, 100):
        runs = rv.repeated_estimates(range(500, 800), episodes)[:, 0]
        predicted = math.sqrt(var[0] / episodes)
        # the sample sd of 300 runs is within about 4% of the truth
        assert runs.std(ddof=1) == pytest.approx(predicted, rel=0.15)


def test_baseline_variance_is_the_parabola_of_the_covariance_argument():
    """Assert Var(X(G - b)) by direct expectation over the first action
    and the exact second moments, for several b; lowest at b*, equal at
    zero and 2 b*."""
    theta = rv.THETA
    V, W, _ = rv.return_moments()
    pi = two_state.policy(theta)[0]
    score = np.array([-1 / (1 - theta), 1 / theta])
    after = NEXT[0]
    mean_g = R[0] + GAMMA * V[after]  # E[G | a]
    mean_g2 = (R[0] ** 2 + 2 * GAMMA * R[0] * V[after]
               + GAMMA ** 2 * W[after])  # E[G^2 | a]
    x2, x2g, _ = rv.score_return(theta)
    b_star = x2g / x2
    for b in (0.0, 1.0, V[0], b_star, 2 * b_star, 30.0):
        second = pi @ (score ** 2 * (mean_g2 - 2 * b * mean_g + b * b))
        first = pi @ (score * (mean_g - b))
        assert rv.baseline_variance(b) == pytest.approx(second - first ** 2)
    assert rv.baseline_variance(b_star) < rv.baseline_variance(V[0])
    assert rv.baseline_variance(2 * b_star) == pytest.approx(
        rv.baseline_variance(0.0))


def test_sampled_products_agree_with_the_exact_variances():
    """Assert sampled variances of X(G - b), fresh seed, within 10%."""
    baselines = [0.0, 4.88, 6.344]
    seen = rv.sampled_products(20_000, np.random.default_rng(55), baselines)
    exact = [rv.baseline_variance(b) for b in baselines]
    np.testing.assert_allclose(seen, exact, rtol=0.1)


def test_page_values_are_stable_across_calls():
    """Assert seeded sampling: every value repeats exactly."""
    assert rv.page_values() == rv.page_values()
