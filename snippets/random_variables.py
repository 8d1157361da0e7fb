"""Code of the page "E.2.1 Random Variables, Expectation and Variance"
(docs/random-variables.md), on the running example (two_state.py).

The return of an episode is a random number. Its distribution over a
short horizon is enumerated path by path; its mean and variance over the
whole episode solve Bellman equations; sampled episodes estimate the
mean, with a standard error; a baseline lowers the variance of a score
times a return. Sections between ``--8<--`` markers are the page's code
blocks; ``page_values()`` is every number the page prints.
"""

import functools
import itertools
import math

import numpy as np

from snippets import two_state
from snippets import vectors_and_matrices as vm
from snippets.values import claim

THETA = two_state.THETA  # the policy the pages evaluate
GAMMA = two_state.GAMMA
LEFT, RIGHT = 0, 1  # cell s1 and cell s2; action left and action right


# --8<-- [start:paths]
def paths(horizon, theta=THETA, cell=LEFT):
    """Every sequence of ``horizon`` actions from ``cell``, with its
    probability and its discounted return: the return's distribution.

    >>> [(a, round(p, 12), round(g, 12)) for a, p, g in paths(2)]
    [((0, 0), 0.64, 0.0), ((0, 1), 0.16, 0.9), ((1, 0), 0.16, 2.8), \
((1, 1), 0.04, 1.9)]
    """
    pi = two_state.policy(theta)
    rows = []
    for actions in itertools.product(range(2), repeat=horizon):
        s, probability, ret = cell, 1.0, 0.0
        for t, a in enumerate(actions):
            probability *= float(pi[s, a])
            ret += GAMMA ** t * float(two_state.REWARDS[s, a])
            s = two_state.NEXT[s, a]
        rows.append((actions, probability, ret))
    return rows


def mean(distribution):
    """E[X] = sum of x p(x) over (value, probability) pairs.

    >>> mean([(0, 0.5), (2, 0.5)])
    1.0
    """
    return sum(p * x for x, p in distribution)


def variance(distribution):
    """Var(X) = E[(X - E[X])^2], the mean squared distance to the mean.

    >>> variance([(0, 0.5), (2, 0.5)])
    1.0
    """
    m = mean(distribution)
    return sum(p * (x - m) ** 2 for x, p in distribution)
# --8<-- [end:paths]


def return_distribution(horizon, theta=THETA, cell=LEFT):
    """(return, probability) of each path of ``horizon`` steps.

    >>> len(return_distribution(3))
    8
    """
    return [(g, p) for _, p, g in paths(horizon, theta, cell)]


# --8<-- [start:rewards]
def reward_moments(theta=THETA):
    """E[r_0], E[r_1], Var(r_0), Var(r_1) and Cov(r_0, r_1) from the left
    cell, by enumerating the two-step paths.

    >>> [round(x, 12) for x in reward_moments()]
    [0.2, 0.52, 0.16, 0.5696, 0.256]
    """
    pi = two_state.policy(theta)
    joint = []  # (r_0, r_1, probability) of each two-step path
    for a0, a1 in itertools.product(range(2), repeat=2):
        s1 = two_state.NEXT[LEFT, a0]
        joint.append((two_state.REWARDS[LEFT, a0], two_state.REWARDS[s1, a1],
                      pi[LEFT, a0] * pi[s1, a1]))
    m0 = sum(p * r0 for r0, _, p in joint)
    m1 = sum(p * r1 for _, r1, p in joint)
    var0 = sum(p * (r0 - m0) ** 2 for r0, _, p in joint)
    var1 = sum(p * (r1 - m1) ** 2 for _, r1, p in joint)
    cov = sum(p * (r0 - m0) * (r1 - m1) for r0, r1, p in joint)
    return tuple(map(float, (m0, m1, var0, var1, cov)))
# --8<-- [end:rewards]


# --8<-- [start:second_moment]
def return_moments(theta=THETA, gamma=GAMMA):
    """V_pi, the second moment W_pi and the variance of the return in each
    cell. G = r + gamma G' gives W_pi = c_pi + gamma^2 P_pi W_pi, with
    c_pi(s) = sum_a pi(a | s) (r(s, a)^2 + 2 gamma r(s, a) V_pi(s')).

    >>> V, W, var = return_moments()
    >>> V.round(12), var.round(6)
    (array([4.88, 6.48]), array([4.227773, 3.306173]))
    """
    pi = two_state.policy(theta)
    P = two_state.transition_matrix(theta)
    R, after = two_state.REWARDS, two_state.NEXT
    V = two_state.state_values(theta, gamma)
    c = (pi * (R ** 2 + 2 * gamma * R * V[after])).sum(axis=1)
    # E.1.1's solve, with gamma^2 for gamma and c_pi for r_pi
    W = vm.bellman_solve(P, c, gamma ** 2)
    return V, W, W - V ** 2
# --8<-- [end:second_moment]


def variance_by_advantages(theta=THETA, gamma=GAMMA):
    """The same variance by the law of total variance: the spread of
    Q_pi over the actions, plus gamma^2 times the variance that follows.

    >>> variance_by_advantages().round(6)
    array([4.227773, 3.306173])
    """
    pi = two_state.policy(theta)
    P = two_state.transition_matrix(theta)
    V = two_state.state_values(theta, gamma)
    Q = two_state.action_values(theta, gamma)
    spread = (pi * (Q - V[:, None]) ** 2).sum(axis=1)
    return vm.bellman_solve(P, spread, gamma ** 2)


# --8<-- [start:monte_carlo]
HORIZON = 100  # steps per sampled episode: what is cut off is below 0.001


def sampled_returns(episodes, rng, cell=LEFT, theta=THETA,
                    horizon=HORIZON):
    """The discounted return of each of ``episodes`` sampled episodes.

    >>> sampled_returns(4, np.random.default_rng(0), horizon=3).round(2)
    array([0.  , 0.81, 0.  , 1.71])
    """
    start = np.eye(len(two_state.STATES))[cell]
    *_, rewards = two_state.sample_episodes(theta, episodes, horizon, rng,
                                            start)
    return rewards @ GAMMA ** np.arange(horizon)


def estimate(returns):
    """The sample mean and its standard error, sigma-hat / sqrt(N).

    >>> estimate(np.array([1.0, 3.0]))
    (2.0, 1.0)
    """
    sd = returns.std(ddof=1)  # the sample standard deviation, sigma-hat
    return float(returns.mean()), float(sd / math.sqrt(len(returns)))
# --8<-- [end:monte_carlo]


def running_estimates(returns):
    """The mean and standard error after each episode (from the second).

    >>> m, se = running_estimates(np.array([1.0, 3.0, 2.0]))
    >>> m.tolist(), se.round(4).tolist()
    ([2.0, 2.0], [1.0, 0.5774])
    """
    n = np.arange(1, len(returns) + 1)
    total, squares = np.cumsum(returns), np.cumsum(returns ** 2)
    m = total / n
    var = (squares - n * m ** 2)[1:] / (n[1:] - 1)
    return m[1:], np.sqrt(np.maximum(var, 0) / n[1:])


# --8<-- [start:repeat]
RUNS = range(400)  # one seeded generator per run
RUN_EPISODES = 100  # episodes per run


@functools.cache  # the page's numbers and its figure share the runs
def repeated_estimates(runs=RUNS, episodes=RUN_EPISODES):
    """(estimate, standard error) of V_pi(s1) from each run, read-only.

    >>> repeated_estimates(range(2), 10).shape
    (2, 2)
    """
    rows = np.array([estimate(sampled_returns(
        episodes, np.random.default_rng(seed))) for seed in runs])
    rows.setflags(write=False)
    return rows
# --8<-- [end:repeat]


# --8<-- [start:baseline]
def first_scores(theta=THETA):
    """X = d log pi(a | s1) / d theta for a = left, right: -1 / (1 - theta)
    and 1 / theta.

    >>> first_scores().tolist()
    [-1.25, 5.0]
    """
    return np.array([-1 / (1 - theta), 1 / theta])


def score_return(theta=THETA):
    """Exact E[X^2], E[X^2 G] and Var(X G) for the first step from s1,
    X the score of the action taken and G the return of the episode.

    >>> [round(x, 6) for x in score_return()]
    [6.25, 39.65, 269.210219]
    """
    pi = two_state.policy(theta)[LEFT]
    X = first_scores(theta)
    Q = two_state.action_values(theta)[LEFT]  # E[G | action]
    _, W, _ = return_moments(theta)
    # E[G^2 | a] = r^2 + 2 gamma r V_pi(s') + gamma^2 W_pi(s')
    after = two_state.NEXT[LEFT]
    r = two_state.REWARDS[LEFT]
    V = two_state.state_values(theta)
    G2 = r ** 2 + 2 * GAMMA * r * V[after] + GAMMA ** 2 * W[after]
    mean_XG = pi @ (X * Q)
    return (float(pi @ X ** 2), float(pi @ (X ** 2 * Q)),
            float(pi @ (X ** 2 * G2) - mean_XG ** 2))


def baseline_variance(b, theta=THETA):
    """Var(X (G - b)) = Var(X G) - 2 b E[X^2 G] + b^2 E[X^2]: a parabola
    in b, lowest at b* = E[X^2 G] / E[X^2].

    >>> round(baseline_variance(0.0), 6), round(baseline_variance(4.88), 6)
    (269.210219, 31.066219)
    """
    x2, x2g, var = score_return(theta)
    return var - 2 * b * x2g + b ** 2 * x2
# --8<-- [end:baseline]


def sampled_products(episodes, rng, baselines, theta=THETA):
    """Sample variance of X (G - b) for each b, from sampled episodes.

    >>> sampled_products(50, np.random.default_rng(1), [0.0]).shape
    (1,)
    """
    start = np.eye(len(two_state.STATES))[LEFT]
    _, actions, rewards = two_state.sample_episodes(
        theta, episodes, HORIZON, rng, start)
    G = rewards @ GAMMA ** np.arange(HORIZON)
    X = first_scores(theta)[actions[:, 0]]
    return np.array([(X * (G - b)).var(ddof=1) for b in baselines])


PATH_HORIZON = 3  # steps of the enumerated returns: 2^3 paths
GAMMAS = (0.5, GAMMA, 0.99)  # discounts compared in the bound's table
MC_SEED, MC_EPISODES = 2, 2000  # the running estimate
TARGET_SE = 0.01  # a standard error asked for
BASELINE_SEED, BASELINE_EPISODES = 4, 20_000


def page_values():
    """Every number the page prints, by the name its Markdown uses.

    >>> values = page_values()
    >>> round(values["EG3"], 12), values["n_paths"]
    (1.0892, 8)
    """
    values = {"path_horizon": PATH_HORIZON, "n_paths": 2 ** PATH_HORIZON,
              "gamma_sq": GAMMA ** 2}
    values.update(_distribution_values())
    values.update(_moment_values())
    values.update(_monte_carlo_values(values))
    values.update(_baseline_values())
    return {name: (_plain(entry[0]), entry[1]) if isinstance(entry, tuple)
            else _plain(entry) for name, entry in values.items()}


def _plain(number):
    """A numpy scalar as the Python number it holds."""
    return number.item() if isinstance(number, np.generic) else number


def _distribution_values():
    values = {}
    rows = paths(PATH_HORIZON)
    for actions, p, g in rows:
        code = "".join("LR"[a] for a in actions)
        values[f"p_{code}"] = p
        values[f"G_{code}"] = g
    claim(len({round(g, 9) for _, _, g in rows}) == len(rows),
          "no two paths give the same return", about="n_paths")
    distribution = return_distribution(PATH_HORIZON)
    total = sum(p for _, p in distribution)
    claim(abs(total - 1) < 1e-12, "the probabilities add up to one",
          about="p_total")
    m, var = mean(distribution), variance(distribution)
    _, P, r = vm.policy_matrices(THETA)
    swept = vm.bellman_iterates(P, r)[PATH_HORIZON][LEFT]
    claim(abs(m - swept) < 1e-12,
          "the mean of the enumerated returns is sweep 3 of E.1.1",
          about=("EG3", "V3_left"))
    most = max(rows, key=lambda row: row[1])
    claim(most[0] == (0,) * PATH_HORIZON and most[2] == 0
          and most[1] > 0.5,
          "more than half of all episodes bump into the wall three times "
          "and earn nothing", about="p_LLL")
    richest = max(rows, key=lambda row: row[2])
    claim(richest[0] == (1, 0, 1), "right, back left, right again earns "
          "the most", about="G_RLR")
    second = sum(p * g * g for g, p in distribution)
    claim(abs(second - m * m - var) < 1e-12, "Var = E[X^2] - E[X]^2",
          about="var_G3")
    claim(math.sqrt(var) > m, "the standard deviation exceeds the mean",
          about="sd_G3")
    values.update(p_total=round(total, 12), EG3=m, V3_left=swept,
                  var_G3=(var, ".4f"), sd_G3=(math.sqrt(var), ".4f"),
                  EG3_sq=(second, ".4f"))
    return values


def _moment_values():
    values = {}
    m0, m1, var0, var1, cov = reward_moments()
    P = two_state.transition_matrix(THETA)
    r = two_state.expected_rewards(THETA)
    m2 = (two_state.START @ P @ P) @ r
    claim(abs(m0 + GAMMA * m1 + GAMMA ** 2 * m2
              - mean(return_distribution(3))) < 1e-12,
          "linearity: the expected rewards add up to E[G_0:3]",
          about=("Er0", "Er1", "Er2"))
    two_step = variance(return_distribution(2))
    claim(abs(var0 + GAMMA ** 2 * var1 + 2 * GAMMA * cov - two_step) < 1e-12,
          "the variance of a sum, with the covariance, is Var(G_0:2)",
          about="var_G2")
    claim(cov > 0, "the two rewards rise together: the covariance is positive",
          about="cov_r0_r1")
    values.update(Er0=m0, Er1=m1, Er2=m2, var_r0=var0, var_r1=var1,
                  cov_r0_r1=cov, var_G2=two_step,
                  var_G2_indep=var0 + GAMMA ** 2 * var1,
                  EG2=mean(return_distribution(2)))
    # the whole return, exactly
    V, W, var = return_moments()
    R = two_state.REWARDS
    c = W - GAMMA ** 2 * two_state.transition_matrix(THETA) @ W  # c_pi
    claim(np.allclose(var, variance_by_advantages(), rtol=0, atol=1e-12),
          "the law of total variance gives the same variances",
          about=("var_left", "var_right"))
    claim(var[LEFT] > var[RIGHT], "the return from the left cell varies more",
          about=("var_left", "var_right"))
    for s, cell in enumerate(two_state.STATES):
        values.update({f"c_{cell}": c[s], f"W_{cell}": (W[s], ".4f"),
                       f"var_{cell}": (var[s], ".4f"),
                       f"sd_{cell}": (math.sqrt(var[s]), ".4f")})
    # the bound the discount puts on it
    g_max = R.max() / (1 - GAMMA)
    claim(R.min() == 0, "no reward is negative: every return is at least 0",
          about="G_max")
    values.update(r_max=R.max(), G_max=g_max, var_bound=g_max ** 2 / 4)
    for k, gamma in enumerate(GAMMAS):
        sd = math.sqrt(return_moments(THETA, gamma)[2][LEFT])
        bound = R.max() / (1 - gamma) / 2
        claim(sd <= bound, "the spread stays within the bound",
              about=f"bound_{k}")
        values.update({f"gamma_{k}": gamma, f"sd_{k}": (sd, ".4f"),
                       f"bound_{k}": bound})
    claim(GAMMAS[1] == GAMMA, "the middle row is the running example's",
          about="gamma_1")
    return values


def _monte_carlo_values(exact):
    values = {}
    V, _, var = return_moments()
    sd = math.sqrt(var[LEFT])
    tail = GAMMA ** HORIZON * exact["G_max"]
    claim(tail < 1e-3, "cutting episodes off changes a return by < 0.001",
          about="tail_bound")
    returns = sampled_returns(MC_EPISODES, np.random.default_rng(MC_SEED))
    m, se = estimate(returns)
    z = (m - V[LEFT]) / se
    claim(abs(z) < 2, "the estimate is within two standard errors",
          about="mc_z")
    claim(z < 0, "the estimate lies below the exact value", about="mc_z")
    sample_var = returns.var(ddof=1)
    claim(abs(sample_var - var[LEFT]) < 0.1 * var[LEFT],
          "the sample variance is close to the exact one", about="mc_var")
    right = sampled_returns(MC_EPISODES, np.random.default_rng(MC_SEED + 1),
                            RIGHT)
    m_right, se_right = estimate(right)
    var_right = right.var(ddof=1)
    claim(abs(m_right - V[RIGHT]) < 2 * se_right
          and abs(var_right - var[RIGHT]) < 0.1 * var[RIGHT],
          "the right cell's estimates do as well", about="mc_mean_right")
    values.update(mc_seed_right=MC_SEED + 1, mc_mean_right=(m_right, ".4f"),
                  mc_se_right=(se_right, ".4f"),
                  mc_var_right=(var_right, ".4f"))
    values.update(V_left=V[LEFT], horizon=HORIZON,
                  tail_bound=(tail, ".5f"),
                  mc_seed=MC_SEED, mc_episodes=MC_EPISODES,
                  mc_mean=(m, ".4f"), mc_se=(se, ".4f"),
                  mc_sd=(math.sqrt(sample_var), ".4f"),
                  mc_var=(sample_var, ".4f"), mc_z=(abs(z), ".2f"),
                  mc_se_exact=(sd / math.sqrt(MC_EPISODES), ".4f"))
    # many runs: the spread of the estimates and the normal curve
    runs = repeated_estimates()
    spread = runs[:, 0].std(ddof=1)
    clt_sd = sd / math.sqrt(RUN_EPISODES)
    covered = np.mean(np.abs(runs[:, 0] - V[LEFT]) <= 2 * runs[:, 1])
    normal = math.erf(2 / math.sqrt(2))
    claim(abs(spread - clt_sd) < 0.1 * clt_sd,
          "the estimates spread as sigma / sqrt(N) says", about="runs_sd")
    claim(abs(covered - normal) < 3 * math.sqrt(normal * (1 - normal)
                                                / len(RUNS)),
          "about 95 in 100 intervals hold the exact value",
          about="coverage")
    needed = math.ceil(var[LEFT] / TARGET_SE ** 2)
    values.update(runs=len(RUNS), run_episodes=RUN_EPISODES,
                  clt_sd=(clt_sd, ".4f"), runs_sd=(spread, ".4f"),
                  runs_mean=(runs[:, 0].mean(), ".4f"),
                  coverage=(100 * covered, ".1f"),
                  normal_coverage=(100 * normal, ".1f"),
                  target_se=TARGET_SE, needed=needed,
                  episodes_ratio=4)
    claim(math.ceil(var[LEFT] / (TARGET_SE / 2) ** 2) >= 4 * needed - 4,
          "halving the standard error takes four times the episodes",
          about="episodes_ratio")
    return values


def baselines(theta=THETA):
    """The page's baselines by name: none, V_pi(s1), b*, 2 b* and 3 b*.

    >>> [round(b, 4) for b in baselines().values()]
    [0.0, 4.88, 6.344, 12.688, 19.032]
    """
    x2, x2g, _ = score_return(theta)
    b_star = x2g / x2
    return {"none": 0.0, "V": float(two_state.state_values(theta)[LEFT]),
            "star": b_star, "twice": 2 * b_star, "far": 3 * b_star}


def _baseline_values():
    x2, x2g, var = score_return()
    V = two_state.state_values(THETA)
    Q = two_state.action_values(THETA)[LEFT]
    named = baselines()
    b_star, b_far = named["star"], named["far"]
    sampled = sampled_products(BASELINE_EPISODES,
                               np.random.default_rng(BASELINE_SEED),
                               list(named.values()))
    pi = two_state.policy(THETA)[LEFT]
    X = first_scores()
    claim(abs(pi @ X) < 1e-12, "the score averages to zero", about="X_right")
    values = {"EX2": x2, "EX2G": (x2g, ".2f"), "EXG": Q[RIGHT] - Q[LEFT],
              "X_left": X[LEFT], "X_right": X[RIGHT], "Q_left": Q[LEFT],
              # what is left is rounding: print it as the zero it is
              "EX": round(float(pi @ X), 12) + 0.0,
              "Q_right": Q[RIGHT],
              "b_star": (b_star, ".4f"), "b_far": (b_far, ".4f"),
              "baseline_episodes": BASELINE_EPISODES,
              "baseline_ratio": (var / baseline_variance(V[LEFT]), ".2f")}
    for (name, b), seen in zip(named.items(), sampled):
        exact = baseline_variance(b)
        claim(abs(seen - exact) < 0.1 * exact,
              "sampling agrees with the exact variance",
              about=f"var_b_{name}")
        values[f"var_b_{name}"] = (exact, ".2f")
        values[f"seen_b_{name}"] = (float(seen), ".2f")
    claim(abs(baseline_variance(2 * b_star) - var) < 1e-9,
          "a baseline of 2 b* is exactly as bad as none",
          about="var_b_twice")
    claim(baseline_variance(b_far) > var, "a far baseline raises it",
          about="var_b_far")
    claim(0 < V[LEFT] < 2 * b_star, "V_pi(s1) lies between 0 and 2 b*",
          about="var_b_V")
    gain = (var - baseline_variance(V[LEFT])) / (var - baseline_variance(
        b_star))
    claim(gain > 0.5, "V_pi(s1) takes most of the gain", about="var_b_V")
    claim(2 * b_star < b_far, "the far baseline lies beyond 2 b*",
          about="b_far")
    return values
