"""Code for the page "E.3.1 Calculus Basics" (docs/calculus-basics.md).

Every example of the page is a function or a constant here. The page shows
the named sections between ``--8<--`` markers, and ``page_values`` names
each number the page prints, so the page and this code cannot disagree.
"""

import numpy as np

from snippets.values import claim, format_number

# --8<-- [start:objective]
THETA_STAR = 0.8  # the parameter value where J is largest
J_MAX = 1.0  # the largest value of J


def J(theta):
    """Objective of one parameter: J(theta) = -(theta - 0.8)**2 + 1.

    >>> J(0.8)
    1.0
    >>> round(J(0.2), 6)
    0.64
    """
    return -((theta - THETA_STAR) ** 2) + J_MAX


def dJ(theta):
    """Derivative J'(theta) = -2 * (theta - 0.8).

    >>> round(dJ(0.2), 6), round(dJ(1.0), 6)
    (1.2, -0.4)
    """
    return -2 * (theta - THETA_STAR)
# --8<-- [end:objective]


# --8<-- [start:table]
TABLE_THETAS = (0.2, 0.5, 0.8, 1.0)


def value_table(thetas=TABLE_THETAS):
    """Pairs (theta, J(theta)) for a few parameter values.

    >>> [round(j, 6) for _, j in value_table()]
    [0.64, 0.91, 1.0, 0.96]
    """
    return [(theta, J(theta)) for theta in thetas]
# --8<-- [end:table]


# --8<-- [start:ascent]
START = 0.2  # where the ascent begins
ALPHA = 0.1  # learning rate


def ascent_step(theta, grad, alpha=ALPHA):
    """One step of gradient ascent: theta + alpha * grad.

    >>> round(ascent_step(START, dJ(START)), 6)
    0.32
    """
    return theta + alpha * grad


def descent_step(theta, grad, alpha=ALPHA):
    """One step of gradient descent: theta - alpha * grad.

    >>> descent_step(1.0, 2.0)
    0.8
    """
    return theta - alpha * grad


def ascent_path(gradient, theta, alpha=ALPHA, steps=2):
    """The start and the next ``steps`` points of gradient ascent.

    >>> [round(t, 6) for t in ascent_path(dJ, START)]
    [0.2, 0.32, 0.416]
    """
    path = [theta]
    for _ in range(steps):
        theta = ascent_step(theta, gradient(theta), alpha)
        path.append(theta)
    return path
# --8<-- [end:ascent]


# --8<-- [start:step_size]
CURVATURE = -2.0  # J''(theta), the same at every theta for this J


def error_factor(alpha):
    """What one ascent step multiplies theta - 0.8 by: 1 + alpha * J''.

    >>> error_factor(ALPHA), error_factor(0.5), error_factor(1.2)
    (0.8, 0.0, -1.4)
    """
    return round(1 + alpha * CURVATURE, 12)


def step_regime(alpha):
    """How gradient ascent on J behaves with learning rate alpha.

    >>> [step_regime(a) for a in (0.1, 0.5, 0.8, 1.0, 1.2, 0.0)]
    ['converges', 'one step', 'oscillates', 'cycles', 'diverges', 'stays']
    """
    factor = error_factor(alpha)
    if abs(factor) > 1:
        return "diverges"
    if factor == -1:
        return "cycles"
    if factor == 1:
        return "stays"
    if factor < 0:
        return "oscillates"
    return "one step" if factor == 0 else "converges"
# --8<-- [end:step_size]


# learning rates the step-size figure compares, from slow to diverging
DEMO_ALPHAS = (0.02, ALPHA, 0.5, 0.9, 1.1)


# --8<-- [start:objective_2d]
OPTIMUM_2D = np.array([1.0, 2.0])  # where J(theta_1, theta_2) is largest
J_MAX_2D = 5.0
ORIGIN = np.zeros(2)


def J2(theta):
    """J(theta) = -(theta_1 - 1)**2 - (theta_2 - 2)**2 + 5.

    >>> float(J2(OPTIMUM_2D)), float(J2(ORIGIN))
    (5.0, 0.0)
    """
    return -np.sum((np.asarray(theta) - OPTIMUM_2D) ** 2) + J_MAX_2D


def grad_J2(theta):
    """Gradient of J2: the vector of its two partial derivatives.

    >>> grad_J2(ORIGIN)
    array([2., 4.])
    """
    return -2 * (np.asarray(theta) - OPTIMUM_2D)
# --8<-- [end:objective_2d]


# --8<-- [start:update_2d]
def ascent_step_2d(theta=ORIGIN, alpha=ALPHA):
    """One gradient-ascent update of both parameters at once.

    >>> ascent_step_2d()
    array([0.2, 0.4])
    """
    return ascent_step(theta, grad_J2(theta), alpha)
# --8<-- [end:update_2d]


# --8<-- [start:partials]
def dJ2_dtheta1(theta1, theta2):
    """Partial derivative of J2 in theta_1: theta_2 is held fixed.

    >>> dJ2_dtheta1(0.0, 0.0), dJ2_dtheta1(0.0, 7.0)
    (2.0, 2.0)
    """
    return float(-2 * (theta1 - OPTIMUM_2D[0]))


def dJ2_dtheta2(theta1, theta2):
    """Partial derivative of J2 in theta_2: theta_1 is held fixed.

    >>> dJ2_dtheta2(0.0, 0.0)
    4.0
    """
    return float(-2 * (theta2 - OPTIMUM_2D[1]))
# --8<-- [end:partials]


# --8<-- [start:gradient_check]
def central_difference(f, theta, h=1e-6):
    """Numerical gradient of f at theta by central differences.

    Each partial is (f(theta + h e_i) - f(theta - h e_i)) / (2 h).

    >>> central_difference(J2, ORIGIN).round(6)
    array([2., 4.])
    """
    theta = np.asarray(theta, dtype=float)
    grad = np.zeros_like(theta)
    for i in range(theta.size):
        step = np.zeros_like(theta)
        step.flat[i] = h
        grad.flat[i] = (f(theta + step) - f(theta - step)) / (2 * h)
    return grad
# --8<-- [end:gradient_check]


# --8<-- [start:chain_rule]
SLOPE = 3.0  # y = 3 * theta
TARGET = 6.0  # L = (y - 6)**2
THETA_CHAIN = 1.0  # where the page evaluates the chain


def chain_forward(theta=THETA_CHAIN):
    """Forward pass: y = 3 * theta, then L = (y - 6)**2.

    >>> chain_forward()
    (3.0, 9.0)
    """
    y = SLOPE * theta
    L = (y - TARGET) ** 2
    return y, L


def chain_backward(theta=THETA_CHAIN):
    """Local derivatives dL/dy and dy/dtheta, and their product dL/dtheta.

    >>> chain_backward()
    (-6.0, 3.0, -18.0)
    """
    y, _ = chain_forward(theta)
    dL_dy = 2 * (y - TARGET)
    dy_dtheta = SLOPE
    return dL_dy, dy_dtheta, dL_dy * dy_dtheta
# --8<-- [end:chain_rule]


# --8<-- [start:autodiff]
class Scalar:
    """A number that remembers how it was computed, for reverse mode.

    Each operation records its inputs with its local derivative; backward()
    then walks the graph from the output back and multiplies them: the
    chain rule, applied node by node.

    >>> x = Scalar(2.0)
    >>> y = x * x + 3 * x
    >>> y.backward()
    >>> y.value, x.grad
    (10.0, 7.0)
    """

    def __init__(self, value, inputs=()):
        self.value = value
        self.inputs = inputs  # pairs (input Scalar, local derivative)
        self.grad = 0.0

    def __add__(self, other):
        other = as_scalar(other)
        return Scalar(self.value + other.value, ((self, 1.0), (other, 1.0)))

    def __mul__(self, other):
        other = as_scalar(other)
        return Scalar(self.value * other.value,
                      ((self, other.value), (other, self.value)))

    def __pow__(self, n):
        local = n * self.value ** (n - 1)
        return Scalar(self.value ** n, ((self, local),))

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + -as_scalar(other)

    def __rsub__(self, other):
        return as_scalar(other) - self

    __radd__ = __add__
    __rmul__ = __mul__

    def backward(self):
        """Fill in d(self)/d(node) as .grad on every node of the graph."""
        order, seen = [], set()

        def visit(node):  # depth first: inputs before the nodes using them
            if id(node) not in seen:
                seen.add(id(node))
                for parent, _ in node.inputs:
                    visit(parent)
                order.append(node)

        visit(self)
        self.grad = 1.0
        for node in reversed(order):
            for parent, local in node.inputs:
                parent.grad += local * node.grad


def as_scalar(x):
    """Wrap a plain number as a constant Scalar."""
    return x if isinstance(x, Scalar) else Scalar(float(x))
# --8<-- [end:autodiff]


# --8<-- [start:autodiff_chain]
def chain_autodiff(theta=THETA_CHAIN):
    """dL/dtheta for L = (3 * theta - 6)**2, found by the Scalar graph.

    >>> chain_autodiff()
    -18.0
    """
    theta = Scalar(theta)
    y = SLOPE * theta
    L = (y - TARGET) ** 2
    L.backward()
    return theta.grad
# --8<-- [end:autodiff_chain]


# The learning-rate explorer of the page (docs/javascripts/explorer.js)
# computes in the browser what these functions compute here.
EXPLORER_STEPS = 6  # steps shown at first
EXPLORER_LIMITS = {"theta0": (-1.0, 2.5), "alpha": (0.01, 1.5),
                   "steps": (1, 30)}
# settings whose results the browser must reproduce digit for digit
EXPLORER_GRID = [(theta0, alpha, steps)
                 for theta0 in ("0.2", "-0.3", "1.45", "0.8")
                 for alpha in ("0.1", "0.02", "0.37", "0.5", "0.77", "1",
                               "1.1", "1.5")
                 for steps in (12, 30)]


def explorer_rows(theta0, alpha, steps):
    """The explorer's table: t, theta_t, J'(theta_t), theta_t+1, J(...).

    >>> explorer_rows(START, ALPHA, 2)
    [['0', '0.2', '1.2', '0.32', '0.7696'], \
['1', '0.32', '0.96', '0.416', '0.852544']]
    """
    text = format_number
    rows, theta = [], theta0
    for t in range(steps):
        grad = dJ(theta)
        after = ascent_step(theta, grad, alpha)
        rows.append([str(t), text(theta), text(grad), text(after),
                     text(J(after))])
        theta = after
    return rows


def explorer_expected():
    """What the explorer must show for each setting of EXPLORER_GRID.

    >>> first = explorer_expected()[0]
    >>> first["alpha"], first["regime"], first["rows"][1][3]
    ('0.1', 'converges', '0.416')
    """
    return [{"theta0": theta0, "alpha": alpha, "steps": steps,
             "regime": step_regime(float(alpha)),
             "rows": explorer_rows(float(theta0), float(alpha), steps)}
            for theta0, alpha, steps in EXPLORER_GRID]


# the gradient explorer: where a reader may click, and what to check
GRADIENT_BOX = ((-1.0, 3.0), (-1.0, 5.0))  # theta_1 and theta_2 ranges
GRADIENT_GRID = [("0", "0"), ("1", "2"), ("-0.7", "4.3"), ("2.5", "-0.9"),
                 ("0.3", "0.1"), ("1.1", "1.9")]


def gradient_step_texts(theta1, theta2, alpha=ALPHA):
    """Gradient at (theta1, theta2) and the point one step later, printed.

    >>> gradient_step_texts(0.0, 0.0)
    ['2', '4', '0.2', '0.4']
    """
    theta = np.array([theta1, theta2])
    grad = grad_J2(theta)
    after = ascent_step(theta, grad, alpha)
    return [format_number(float(x)) for x in (*grad, *after)]


def page_data():
    """Files the build publishes beside the page, by name."""
    return {
        "explorer-expected.json": explorer_expected(),
        "gradient-expected.json": [
            {"theta1": t1, "theta2": t2,
             "texts": gradient_step_texts(float(t1), float(t2))}
            for t1, t2 in GRADIENT_GRID],
    }


# Common starting values for the learning rate in practice.
TYPICAL_LEARNING_RATES = (1e-3, 3e-4)


def page_values():
    """Every number the page prints, by the name its Markdown uses.

    A name maps to a number, printed as "auto", or to (number, format).

    >>> values = page_values()
    >>> values["dJ_start"], values["table_J_3"]
    (1.2000000000000002, (1.0, '.2f'))
    """
    values = {}
    # 1-D objective and its value table
    values.update(theta_star=THETA_STAR, J_max=J_MAX)
    table = value_table()
    for i, (theta, j) in enumerate(table, start=1):
        values[f"table_theta_{i}"] = (theta, ".1f")
        values[f"table_J_{i}"] = (j, ".2f")
    claim(table[0][1] < table[1][1], "from row 1 to row 2 J climbs",
          about=("table_J_1", "table_J_2"))
    claim(table[2][1] > table[3][1], "from row 3 to row 4 J falls",
          about=("table_J_3", "table_J_4"))
    values.update(start=START, dJ_start=dJ(START))
    claim(dJ(START) > 0, "J' is positive at the start: move right",
          about="dJ_start")
    right = TABLE_THETAS[-1]  # a point right of the optimum
    values.update(right=(right, ".1f"), dJ_right=dJ(right))
    claim(dJ(right) < 0, "J' is negative right of the optimum: move left",
          about="dJ_right")
    # gradient ascent
    path = ascent_path(dJ, START, ALPHA, steps=2)
    values.update(alpha=ALPHA, step_1=path[1], dJ_step_1=dJ(path[1]),
                  step_2=path[2])
    gaps = [abs(theta - THETA_STAR) for theta in path]
    claim(gaps == sorted(gaps, reverse=True), "the steps approach the optimum",
          about=("step_1", "step_2"))
    # two parameters
    values["n_params"] = OPTIMUM_2D.size
    grad = grad_J2(ORIGIN)
    columns = OPTIMUM_2D, ORIGIN, grad, ascent_step_2d(ORIGIN)
    for i, (opt, origin, slope, update) in enumerate(zip(*columns), 1):
        values[f"opt_{i}"] = float(opt)
        values[f"origin_{i}"] = float(origin)
        values[f"grad_origin_{i}"] = float(slope)
        values[f"update_{i}"] = float(update)
    claim(0 < grad[0] < grad[1], "both grow, theta_2 faster",
          about=("grad_origin_1", "grad_origin_2"))
    values["J_max_2d"] = J_MAX_2D
    # chain rule
    values.update(slope=SLOPE, target=TARGET, theta_chain=THETA_CHAIN)
    y, L = chain_forward(THETA_CHAIN)
    values.update(chain_y=y, chain_L=L)
    dL_dy, dy_dtheta, dL_dtheta = chain_backward(THETA_CHAIN)
    values.update(dL_dy=dL_dy, dy_dtheta=dy_dtheta, dL_dtheta=dL_dtheta,
                  autodiff_dL_dtheta=chain_autodiff(THETA_CHAIN))
    claim(chain_autodiff(THETA_CHAIN) == dL_dtheta,
          "the autodiff graph returns the value found by hand",
          about="autodiff_dL_dtheta")
    # step size: one step at -1/J'', divergence past -2/J''
    values.update(curvature=CURVATURE, alpha_one_step=-1 / CURVATURE,
                  alpha_diverges=-2 / CURVATURE)
    claim(step_regime(-1 / CURVATURE) == "one step", "one step at 1/|J''|",
          about="alpha_one_step")
    for i, alpha in enumerate(DEMO_ALPHAS, start=1):
        values[f"demo_alpha_{i}"] = alpha
        values[f"demo_factor_{i}"] = error_factor(alpha)
    claim([step_regime(alpha) for alpha in DEMO_ALPHAS] == [
        "converges", "converges", "one step", "oscillates", "diverges"],
        "the figure's rates: slow, good, one step, swinging, diverging",
        about=[f"demo_factor_{i}" for i in range(1, len(DEMO_ALPHAS) + 1)])
    # the explorers' own settings (their constants are the values above)
    values["explorer_steps"] = EXPLORER_STEPS
    for name, (low, high) in EXPLORER_LIMITS.items():
        values[f"explorer_{name}_min"] = low
        values[f"explorer_{name}_max"] = high
    for i, (low, high) in enumerate(GRADIENT_BOX, start=1):
        values[f"explorer_box_{i}_min"] = low
        values[f"explorer_box_{i}_max"] = high
    # learning rate in practice
    for i, rate in enumerate(TYPICAL_LEARNING_RATES, start=1):
        values[f"typical_lr_{i}"] = (rate, "sci")
    return values
