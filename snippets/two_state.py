"""The two-state running example of Appendix E (docs/index.md).

A corridor of two cells, *left* and *right*. In either cell the agent
chooses an action, *left* or *right*, and moves to the cell the action
names (from the left cell, *left* bumps into the wall and stays). Rewards
are small integers, so every number can be followed by hand. The policy
has one parameter, theta, the probability of choosing *right*, the same
in both cells. Every page that uses the example imports it from here.
"""

import numpy as np

from snippets.values import claim

# --8<-- [start:example]
STATES = ("left", "right")  # cell s1 and cell s2
ACTIONS = ("left", "right")
GAMMA = 0.9  # what a reward one step later counts for, per unit
START = np.array([1.0, 0.0])  # mu: every episode starts in the left cell

# REWARDS[s, a]: the reward for taking action a in cell s
REWARDS = np.array([[0.0, 1.0],    # left cell: bump the wall, step right
                    [2.0, 1.0]])   # right cell: step left, stay right
# NEXT[s, a]: the cell that action a leads to from cell s
NEXT = np.array([[0, 1],
                 [0, 1]])

THETA = 0.2  # the policy the pages evaluate: it rarely chooses right


def policy(theta):
    """pi[s, a]: the probability of action a in cell s.

    >>> policy(THETA)
    array([[0.8, 0.2],
           [0.8, 0.2]])
    """
    return np.array([[1 - theta, theta]] * len(STATES))
# --8<-- [end:example]


# --8<-- [start:policy_matrices]
def transition_matrix(theta):
    """P_pi[s, s']: the probability of moving from s to s' under pi.

    >>> transition_matrix(THETA)
    array([[0.8, 0.2],
           [0.8, 0.2]])
    """
    pi = policy(theta)
    P = np.zeros((len(STATES), len(STATES)))
    for s in range(len(STATES)):
        for a in range(len(ACTIONS)):
            P[s, NEXT[s, a]] += pi[s, a]
    return P


def expected_rewards(theta):
    """r_pi[s]: the reward expected in cell s under pi.

    >>> expected_rewards(THETA).round(12)
    array([0.2, 1.8])
    """
    return (policy(theta) * REWARDS).sum(axis=1)
# --8<-- [end:policy_matrices]


# --8<-- [start:values]
def state_values(theta, gamma=GAMMA):
    """V_pi, from the Bellman equation V_pi = r_pi + gamma P_pi V_pi.

    >>> state_values(THETA).round(12)
    array([4.88, 6.48])
    """
    P = transition_matrix(theta)
    return np.linalg.solve(np.eye(len(STATES)) - gamma * P,
                           expected_rewards(theta))
# --8<-- [end:values]


def action_values(theta, gamma=GAMMA):
    """Q_pi[s, a] = r(s, a) + gamma V_pi(next cell).

    >>> action_values(THETA).round(12)
    array([[4.392, 6.832],
           [6.392, 6.832]])
    """
    return REWARDS + gamma * state_values(theta, gamma)[NEXT]


def objective(theta, gamma=GAMMA):
    """J(theta): the expected discounted return from the start.

    >>> round(objective(THETA), 12)
    4.88
    """
    return float(START @ state_values(theta, gamma))


# --8<-- [start:sample]
def sample_episodes(theta, episodes, horizon, rng, start=START):
    """States, actions, rewards of episodes cut off after ``horizon`` steps,
    each starting in a cell drawn from ``start`` (mu by default).

    Each is an array of shape (episodes, horizon) of indices or rewards.

    >>> s, a, r = sample_episodes(THETA, 3, 5, np.random.default_rng(0))
    >>> s.shape, bool((s[:, 1:] == a[:, :-1]).all())
    ((3, 5), True)
    """
    states = np.empty((episodes, horizon), dtype=int)
    actions = np.empty((episodes, horizon), dtype=int)
    right = policy(theta)[:, ACTIONS.index("right")]
    state = rng.choice(len(STATES), size=episodes, p=start)
    for t in range(horizon):
        # two actions: choose right with probability pi(right | state)
        action = (rng.random(episodes) < right[state]).astype(int)
        states[:, t], actions[:, t] = state, action
        state = NEXT[state, action]
    return states, actions, REWARDS[states, actions]
# --8<-- [end:sample]


def page_values():
    """The running example's numbers, as the introduction prints them.

    >>> page_values()["gamma"], page_values()["r_right_left"]
    (0.9, 2.0)
    """
    values = {"gamma": GAMMA, "theta": THETA,
              "not_theta": 1 - THETA, "start_left": START[0],
              "start_right": START[1]}
    for s, state in enumerate(STATES):
        for a, action in enumerate(ACTIONS):
            values[f"r_{state}_{action}"] = REWARDS[s, a]
    claim(THETA < 0.5, "the policy the pages evaluate rarely chooses right",
          about="theta")
    claim(all(len(set(row)) == len(row) for row in NEXT),
          "in every cell each action leads to a cell of its own",
          about=[name for name in values if name.startswith("r_")])
    V = state_values(THETA)
    values.update(V_left=V[0], V_right=V[1], J_theta=objective(THETA))
    return {name: float(number) for name, number in values.items()}
