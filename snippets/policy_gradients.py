"""Code for the page "E.3.2 Policy Gradients and Advantage Functions"
(docs/policy-gradients.md).

Everything is computed on the running example (snippets/two_state.py):
the exact objective through E.1.1's linear solve, the advantages, the
policy gradient, gradient ascent through the logistic function, and
REINFORCE on sampled episodes. The page shows the named sections between
``--8<--`` markers, and ``page_values`` names each number the page prints.
"""

import math

import numpy as np

from snippets import calculus_basics, two_state
from snippets.values import claim

THETA = two_state.THETA  # the policy the pages evaluate
GAMMA = two_state.GAMMA
RIGHT = two_state.ACTIONS.index("right")  # theta is pi(right | s)


# --8<-- [start:objective]
def J(theta):
    """J(theta) = mu^T V_pi, with V_pi from E.1.1's linear solve.

    >>> round(J(THETA), 12), J(0.0)
    (4.88, 0.0)
    """
    return two_state.objective(theta)


def objective_curve(points=199):
    """A grid of theta strictly inside (0, 1), and J at each point.

    >>> thetas, values = objective_curve(3)
    >>> thetas.tolist(), values.round(12).tolist()
    ([0.25, 0.5, 0.75], [5.875, 9.5, 10.875])
    """
    thetas = np.linspace(0.0, 1.0, points + 2)[1:-1]  # the open interval
    return thetas, np.array([J(theta) for theta in thetas])


def maximizer(derivative, low=0.0, high=1.0, tolerance=1e-12):
    """Bisection on the derivative's sign: where the objective stops rising.

    E.3.1's objective peaks at 0.8; its derivative says so too:

    >>> round(maximizer(calculus_basics.dJ), 9)
    0.8
    """
    while high - low > tolerance:
        middle = (low + high) / 2
        if derivative(middle) > 0:  # J still rises: the top is to the right
            low = middle
        else:
            high = middle
    return (low + high) / 2
# --8<-- [end:objective]


# --8<-- [start:quadratic_fit]
def quadratic_fit(points=21):
    """Fit J(theta) = c2 theta^2 + c1 theta + c0; return (c2, c1, c0) and
    the largest gap between the fit and J on the grid.

    >>> (c2, c1, c0), gap = quadratic_fit()
    >>> round(c2, 9), round(c1, 9), abs(c0) < 1e-9, gap < 1e-9
    (-18.0, 28.0, True, True)
    """
    thetas, values = objective_curve(points)
    coefficients = np.polyfit(thetas, values, 2)
    gap = np.abs(np.polyval(coefficients, thetas) - values).max()
    return tuple(coefficients.tolist()), float(gap)
# --8<-- [end:quadratic_fit]


# --8<-- [start:advantages]
def advantages(theta):
    """A_pi(s, a) = Q_pi(s, a) - V_pi(s): how much better a is than pi.

    >>> advantages(THETA).round(12)
    array([[-0.488,  1.952],
           [-0.088,  0.352]])
    """
    Q = two_state.action_values(theta)
    V = two_state.state_values(theta)
    return Q - V[:, None]


def mean_advantage(theta):
    """sum_a pi(a | s) A_pi(s, a) per cell: zero, V_pi being Q_pi's mean.

    >>> np.abs(mean_advantage(THETA)).max() < 1e-12
    np.True_
    """
    return (two_state.policy(theta) * advantages(theta)).sum(axis=1)
# --8<-- [end:advantages]


# --8<-- [start:visitation]
def visitation(theta, gamma=GAMMA):
    """d_gamma = mu^T (I - gamma P_pi)^(-1): discounted visits per cell.

    Unnormalized: the entries sum to 1 / (1 - gamma).

    >>> visitation(THETA).round(12)
    array([8.2, 1.8])
    """
    n = len(two_state.STATES)
    P = two_state.transition_matrix(theta)
    # the row vector d solves d (I - gamma P) = mu: transpose the system
    return np.linalg.solve((np.eye(n) - gamma * P).T, two_state.START)
# --8<-- [end:visitation]


# --8<-- [start:policy_gradient]
def policy_derivative(theta):
    """dpi(a | s)/dtheta: pi(left) = 1 - theta falls, pi(right) rises.

    >>> policy_derivative(THETA)
    array([[-1.,  1.],
           [-1.,  1.]])
    """
    return np.array([[-1.0, 1.0]] * len(two_state.STATES))


def gradient_by_cell(theta):
    """d(s) * sum_a dpi(a | s)/dtheta Q_pi(s, a): each cell's share.

    >>> gradient_by_cell(THETA).round(12)
    array([20.008,  0.792])
    """
    Q = two_state.action_values(theta)
    return visitation(theta) * (policy_derivative(theta) * Q).sum(axis=1)


def policy_gradient(theta):
    """dJ/dtheta by the policy-gradient theorem: the shares summed.

    >>> round(policy_gradient(THETA), 12)
    20.8
    """
    return float(gradient_by_cell(theta).sum())
# --8<-- [end:policy_gradient]


# --8<-- [start:score]
def score(theta):
    """d log pi(a | s)/dtheta = (dpi/dtheta) / pi, by the chain rule.

    >>> score(THETA)
    array([[-1.25,  5.  ],
           [-1.25,  5.  ]])
    """
    return policy_derivative(theta) / two_state.policy(theta)


def score_form(theta, weights):
    """sum_s d(s) sum_a pi(a | s) score(s, a) weights(s, a).

    With Q as weights it is the policy gradient; with A, too:

    >>> Q, A = two_state.action_values(THETA), advantages(THETA)
    >>> round(score_form(THETA, Q), 12), round(score_form(THETA, A), 12)
    (20.8, 20.8)
    """
    pi = two_state.policy(theta)
    expected = (pi * score(theta) * weights).sum(axis=1)
    return float(visitation(theta) @ expected)
# --8<-- [end:score]


# --8<-- [start:gradient_check]
def gradient_check(theta, h=1e-6):
    """The policy gradient, E.3.1's central difference of J, their gap.

    >>> exact, numeric, gap = gradient_check(THETA)
    >>> round(exact, 9), round(numeric, 6), gap < 1e-8
    (20.8, 20.8, True)
    """
    exact = policy_gradient(theta)
    numeric = calculus_basics.central_difference(
        lambda t: J(t.item()), [theta], h)[0]
    return exact, float(numeric), abs(exact - float(numeric))
# --8<-- [end:gradient_check]


# --8<-- [start:logistic]
def sigmoid(w):
    """theta = 1 / (1 + e^(-w)): every real w gives 0 < theta < 1.

    >>> sigmoid(0.0), round(sigmoid(logit(THETA)), 12)
    (0.5, 0.2)
    """
    if w >= 0:
        return 1 / (1 + math.exp(-w))
    z = math.exp(w)  # the same value, without overflow for very negative w
    return z / (1 + z)


def logit(theta):
    """The inverse of sigmoid: w = log(theta / (1 - theta)).

    >>> logit(0.5)
    0.0
    """
    return math.log(theta / (1 - theta))


def gradient_w(w):
    """dJ/dw = dJ/dtheta * dtheta/dw, and dtheta/dw = theta (1 - theta).

    >>> round(gradient_w(logit(THETA)), 12)
    3.328
    """
    theta = sigmoid(w)
    return policy_gradient(theta) * theta * (1 - theta)
# --8<-- [end:logistic]


# --8<-- [start:ascent]
W_START = logit(THETA)  # w_0, the same policy: sigmoid(w_0) = THETA
ALPHA = 0.2  # learning rate on w
STEPS = 10


def ascent(alpha=ALPHA, steps=STEPS):
    """Rows (w, theta, J, dJ/dw) of E.3.1's gradient ascent, run on w.

    >>> [round(row[1], 4) for row in ascent(steps=2)]
    [0.2, 0.3272, 0.4984]
    """
    path = calculus_basics.ascent_path(gradient_w, W_START, alpha, steps)
    return [(w, sigmoid(w), J(sigmoid(w)), gradient_w(w)) for w in path]
# --8<-- [end:ascent]



# --8<-- [start:reinforce]
def reinforce(theta, states, actions, rewards, baseline=None):
    """One REINFORCE estimate of dJ/dtheta per episode:

    sum_t gamma^t score(s_t, a_t) (G_t - b(s_t)), where G_t is the
    discounted return from step t to the horizon and b a baseline.

    >>> s, a, r = [np.array([[0, 1]]), np.array([[1, 1]]),
    ...            np.array([[1.0, 1.0]])]
    >>> reinforce(THETA, s, a, r).round(12)  # 5 * (1 + 0.9) + 0.9 * 5 * 1
    array([14.])
    """
    discount = GAMMA ** np.arange(rewards.shape[1])
    # gamma^t G_t = sum of gamma^k r_k over k >= t: sums from the end
    weight = np.cumsum((discount * rewards)[:, ::-1], axis=1)[:, ::-1]
    if baseline is not None:
        weight = weight - discount * baseline[states]
    return (score(theta)[states, actions] * weight).sum(axis=1)
# --8<-- [end:reinforce]


# --8<-- [start:truncation]
def truncated_objective(theta, horizon):
    """J_H: the expected discounted return of the first H steps only.

    >>> round(truncated_objective(THETA, 1), 12)  # r_pi(left) = theta
    0.2
    """
    P = two_state.transition_matrix(theta)
    r = two_state.expected_rewards(theta)
    total, d = 0.0, two_state.START
    for t in range(horizon):
        total += GAMMA ** t * (d @ r)
        d = d @ P
    return float(total)


def truncated_gradient(theta, horizon, discounted=True):
    """dJ_H/dtheta, exactly: the theorem with H - t steps left at step t.
    Not ``discounted``: what REINFORCE estimates if it drops gamma^t.

    >>> round(truncated_gradient(THETA, 1), 12)  # dr_pi(left)/dtheta
    1.0
    """
    P = two_state.transition_matrix(theta)
    r = two_state.expected_rewards(theta)
    dpi = policy_derivative(theta)
    V = [np.zeros(len(two_state.STATES))]  # V[k]: values, k steps left
    for _ in range(horizon):
        V.append(r + GAMMA * P @ V[-1])
    total, d = 0.0, two_state.START
    for t in range(horizon):
        Q = two_state.REWARDS + GAMMA * V[horizon - t - 1][two_state.NEXT]
        weight = GAMMA ** t if discounted else 1.0
        total += weight * (d @ (dpi * Q).sum(axis=1))
        d = d @ P
    return float(total)
# --8<-- [end:truncation]


# --8<-- [start:experiment]
HORIZON = 60  # steps per episode: gamma^60 is below two thousandths
EPISODES = 50  # episodes per seed
SEEDS = range(200)  # one seeded generator per run


def experiment(theta=THETA, seeds=SEEDS, episodes=EPISODES,
               horizon=HORIZON):
    """Per seed, the mean REINFORCE estimate without and with b(s) = V_pi(s).

    Both columns use the same episodes: only the baseline differs.

    >>> experiment(seeds=range(3), episodes=5).shape
    (3, 2)
    """
    V = two_state.state_values(theta)
    rows = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        sampled = two_state.sample_episodes(theta, episodes, horizon, rng)
        rows.append([reinforce(theta, *sampled).mean(),
                     reinforce(theta, *sampled, baseline=V).mean()])
    return np.array(rows)
# --8<-- [end:experiment]


def summary(estimates):
    """Mean, standard deviation and standard error of the mean, per column.

    >>> summary(np.array([[1.0, 2.0], [3.0, 2.0]]))
    (array([2., 2.]), array([1.41421356, 0.        ]), array([1., 0.]))
    """
    mean = estimates.mean(axis=0)
    sd = estimates.std(axis=0, ddof=1)
    return mean, sd, sd / math.sqrt(len(estimates))


def rounded(x, digits=2):
    """x to ``digits`` significant digits, for tiny gaps the page prints.

    >>> rounded(3.14159e-10)
    3.1e-10
    """
    return float(f"{x:.{digits - 1}e}")


def page_values():
    """Every number the page prints, by the name its Markdown uses.

    >>> values = page_values()
    >>> round(values["dJ_theta"], 9), values["fit_c2"], values["J_3"][1]
    (20.8, -18.0, '.4f')
    """
    values = {}
    # the objective, its maximizer and its shape
    claim(J(0.0) == 0.0, "with theta = 0 the agent earns nothing",
          about="J_zero")
    theta_star = maximizer(policy_gradient)
    (c2, c1, c0), fit_gap = quadratic_fit()
    P = two_state.transition_matrix(THETA)
    claim(np.allclose(P, P[0]), "every row of P_pi is the same",
          about=("fit_c2", "fit_c1"))
    claim(fit_gap < 1e-9, "J is a quadratic in theta",
          about="fit_gap")
    claim(abs(c0) < 1e-9, "the fit has no constant term",
          about=("fit_c2", "fit_c1"))
    claim(abs(-c1 / (2 * c2) - theta_star) < 1e-9,
          "the parabola's vertex is the bisection's maximizer",
          about="theta_star")
    values.update(J_zero=J(0.0), theta_star=(theta_star, ".4f"),
                  J_star=(J(theta_star), ".4f"), fit_c1=round(c1, 9),
                  fit_c2=round(c2, 9), fit_gap=(rounded(fit_gap), "sci"),
                  curvature_theta=round(2 * c2, 9))
    claim(calculus_basics.CURVATURE < 0 and c2 < 0,
          "both parabolas open downward",
          about="curvature_theta")
    claim(c1 > 0, "the fit's linear coefficient is positive (+ c1 theta)",
          about="fit_c1")
    claim(abs(2 * c2) > abs(calculus_basics.CURVATURE), "ours is steeper",
          about="curvature_theta")
    # action values and advantages at THETA
    Q, A = two_state.action_values(THETA), advantages(THETA)
    for s, state in enumerate(two_state.STATES):
        for a, action in enumerate(two_state.ACTIONS):
            values[f"Q_{state}_{action}"] = float(Q[s, a])
            values[f"A_{state}_{action}"] = float(A[s, a])
    claim((A[:, RIGHT] > 0).all() and (A[:, 1 - RIGHT] < 0).all(),
          "right has positive advantage in both cells, left negative",
          about=[name for name in values if name.startswith("A_")])
    mean_A = mean_advantage(THETA)
    claim(np.abs(mean_A).max() < 1e-12,
          "advantages average to zero under the policy in each cell",
          about=("mean_adv_left", "mean_adv_right"))
    # what is left is rounding in the 17th digit: print it as the zero it is
    values.update(mean_adv_left=round(float(mean_A[0]), 12) + 0.0,
                  mean_adv_right=round(float(mean_A[1]), 12) + 0.0)
    claim(A[0, RIGHT] > A[1, RIGHT], "right gains more in the left cell",
          about=("A_left_right", "A_right_right"))
    R = two_state.REWARDS
    claim(R[0, 1 - RIGHT] == R.min() and R[1].max() == R.max(),
          "left bumps the wall for the least reward; the best is on the right",
          about=("J_zero"))
    # the policy-gradient theorem
    d = visitation(THETA)
    claim(d[0] > d[1], "most of the discounted time is spent on the left",
          about=("d_left", "d_right"))
    claim(abs(d.sum() - 1 / (1 - GAMMA)) < 1e-9, "d sums to 1 / (1 - gamma)",
          about="d_sum")
    shares = gradient_by_cell(THETA)
    claim(shares[0] > shares[1] > 0, "most of the gradient is the left cell's",
          about=("share_left", "share_right"))
    sc, dpi = score(THETA), policy_derivative(THETA)
    score_mean = (two_state.policy(THETA) * sc).sum(axis=1)
    claim(np.abs(score_mean).max() < 1e-12, "the scores average to zero",
          about="score_mean")
    values.update(dpi_left=float(dpi[0, 1 - RIGHT]),
                  dpi_right=float(dpi[0, RIGHT]),
                  score_mean=round(float(score_mean[0]), 12) + 0.0)
    values.update(d_left=float(d[0]), d_right=float(d[1]),
                  d_sum=float(d.sum()), share_left=float(shares[0]),
                  share_right=float(shares[1]),
                  score_left=float(sc[0, 1 - RIGHT]),
                  score_right=float(sc[0, RIGHT]))
    claim(abs(sc[0, RIGHT]) >= np.abs(sc[0]).max(),
          "the score multiplies a return by as much as the score of right",
          about="score_right")
    exact, numeric, gap = gradient_check(THETA)
    claim(exact > 0, "the derivative at theta is positive: raise theta",
          about="dJ_theta")
    claim(gap < 1e-8, "the theorem matches central differences to 1e-8",
          about="gradient_gap")
    claim(abs(score_form(THETA, Q) - exact) < 1e-12
          and abs(score_form(THETA, A) - exact) < 1e-12,
          "the score-function forms, with Q or with A, give the same value",
          about="dJ_theta")
    values.update(dJ_theta=exact, dJ_central=numeric,
                  gradient_gap=(rounded(gap), "sci"))
    # the logistic parameterization and gradient ascent
    slope = THETA * (1 - THETA)
    naive = THETA + calculus_basics.ALPHA * exact  # a step taken on theta
    claim(naive > 1, "a plain step with E.3.1's rate leaves (0, 1)",
          about="naive_theta")
    middle = sigmoid(0.0)
    values["naive_theta"] = naive
    values.update(dtheta_dw=slope, dJ_dw=gradient_w(W_START),
                  slope_max=middle * (1 - middle))
    dJ_dw_numeric = calculus_basics.central_difference(
        lambda w: J(sigmoid(w.item())), [W_START])[0]
    claim(abs(dJ_dw_numeric - gradient_w(W_START)) < 1e-8,
          "the chain rule matches central differences in w",
          about="dJ_dw")
    rows = ascent()
    for t, (w, theta, j, grad) in enumerate(rows):
        values.update({f"step_{t}": t, f"w_{t}": (w, ".4f"),
                       f"theta_{t}": (theta, ".4f"), f"J_{t}": (j, ".4f"),
                       f"dJ_dw_{t}": (grad, ".4f")})
    thetas = [row[1] for row in rows]
    Js = [row[2] for row in rows]
    claim(all(a < b for a, b in zip(Js, Js[1:])), "J rises at every step",
          about=[f"J_{t}" for t in range(len(rows))])
    lengths = np.diff([row[0] for row in rows])
    claim(lengths[:2].min() > lengths[2:].max()
          and (np.diff(lengths[1:]) < 0).all(),
          "the first two steps are the longest; from the second on each is "
          "shorter than the last",
          about=[f"w_{t}" for t in range(len(rows))])
    claim(all(a < b < theta_star for a, b in zip(thetas, thetas[1:])),
          "theta climbs toward theta* without overshooting",
          about=[f"theta_{t}" for t in range(len(rows))])
    curvature_w = 2 * c2 * (theta_star * (1 - theta_star)) ** 2
    factor = 1 + ALPHA * curvature_w
    claim(0 < factor < 1, "near the top each step shrinks the gap",
          about="factor_w")
    values.update(alpha=ALPHA, steps=STEPS,
                  curvature_w=(curvature_w, ".4f"),
                  factor_w=(factor, ".4f"),
                  alpha_diverges=(-2 / curvature_w, ".2f"))
    # REINFORCE, truncation and the baseline
    truncated = truncated_gradient(THETA, HORIZON)
    bias = exact - truncated
    per_gamma = [(exact - truncated_gradient(THETA, h)) / GAMMA ** h
                 for h in (10, 20, 40, HORIZON)]
    claim(np.ptp(per_gamma) < 1e-9 * per_gamma[-1],
          "the truncation bias is the same multiple of gamma^H for every H",
          about="bias_per_gamma")
    estimates = experiment()
    mean, sd, se = summary(estimates)
    claim(0 < bias < se.min(), "the truncation bias is below one standard "
          "error of either mean",
          about=("truncation_bias", "se_plain", "se_base"))
    z = (mean - truncated) / se
    claim(np.abs(z).max() < 3, "both means lie within three standard "
          "errors of the truncated exact gradient",
          about=("z_plain", "z_base"))
    ratio = (sd[0] / sd[1]) ** 2
    claim(ratio > 1, "the baseline lowers the variance",
          about="variance_ratio")
    undiscounted = truncated_gradient(THETA, HORIZON, discounted=False)
    claim(undiscounted > 5 * truncated, "without gamma^t REINFORCE "
          "estimates something far from the gradient",
          about="dJ_undiscounted")
    values.update(horizon=HORIZON, episodes=EPISODES, seeds=len(SEEDS),
                  gamma_horizon=(rounded(GAMMA ** HORIZON), "sci"),
                  truncation_bias=(bias, ".4f"),
                  bias_per_gamma=per_gamma[-1],
                  dJ_truncated=(truncated, ".4f"),
                  dJ_undiscounted=(undiscounted, ".2f"),
                  mean_plain=(mean[0], ".2f"), mean_base=(mean[1], ".2f"),
                  sd_plain=(sd[0], ".2f"), sd_base=(sd[1], ".2f"),
                  se_plain=(se[0], ".2f"), se_base=(se[1], ".2f"),
                  z_plain=(z[0], ".1f"), z_base=(z[1], ".1f"),
                  variance_ratio=(ratio, ".1f"))
    return values
