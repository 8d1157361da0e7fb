# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 配套笔记本：E.1.1 向量与矩阵
#
# 本笔记本按页面 [E.1.1 向量与矩阵](../vectors-and-matrices.md) 的顺序，在两个格子的贯穿示例上运行页面中的例子。所有函数都来自页面所展示的、经过测试的 `snippets` 包，因此下面的数值就是页面上的数值。修改 `theta` 并重新运行各单元格，即可评估另一个策略。

# %%
import numpy as np

from snippets import two_state
from snippets import vectors_and_matrices as vm
from snippets.figures import show
from snippets.values import format_number as fmt
from snippets.values import texts
from snippets.vectors_and_matrices_figures import FIGURES

values = texts(vm.page_values())  # what the page prints, by name
figures = {spec.name: spec for spec in FIGURES}
LANGUAGE = "zh"  # of the words drawn in the figures
theta = two_state.THETA  # the policy the page evaluates


def vector(v):
    """A vector as the page prints it: (a, b)."""
    return "(" + ", ".join(fmt(float(x)) for x in v) + ")"


# %% [markdown]
# ## 向量
#
# 策略在一个格子中的动作概率 $\pi(\cdot \mid s)$，以及价值向量 $V = (V(s_1), V(s_2))$。在 numpy 中，位置从零开始计数。

# %%
print("pi(.|s1) =", vector(vm.action_probabilities(0, theta)))
V = vm.value_vector(theta)
print("V =", vector(V), "  V[0] = V(s1) =", fmt(float(V[0])))
print("mu =", vector(two_state.START))

# %% [markdown]
# ## 矩阵：策略、转移矩阵与期望奖励
#
# $P_\pi$ 的行是智能体离开的格子，列是它到达的格子；每一行之和都等于一。期望奖励 $r_\pi(s)$ 以策略的概率为权重，对各个动作的奖励取平均。

# %%
pi, P, r = vm.policy_matrices(theta)
for s, cell in enumerate(two_state.STATES):
    print(f"row {cell}: P = {vector(P[s])}, sum {fmt(float(P[s].sum()))}")
print("r_pi =", vector(r))
print("r_pi, one term at a time:",
      vector([vm.expected_reward(pi, s) for s in range(len(r))]))

# %%
show(figures["transition-matrix"], values, LANGUAGE)

# %% [markdown]
# ## 矩阵乘以向量
#
# $P_\pi V$ 的每个分量都是 $P_\pi$ 的一行与 $V$ 逐项相乘再求和：即一步之后的期望价值，也就是下一个格子的价值的加权平均。下面分别手算并用 numpy 的 `@` 计算：

# %%
for s in range(len(V)):
    terms = " + ".join(f"{fmt(float(P[s, t]))} x {fmt(float(V[t]))}"
                       for t in range(len(V)))
    print(f"(P V)(s{s + 1}) = {terms} = {fmt(float(P[s] @ V))}")
print("by hand:", vector(vm.product_by_hand(P, V)))
print("P @ V:  ", vector(P @ V))

# %%
show(figures["weighted-average"], values, LANGUAGE)

# %% [markdown]
# ## 求解贝尔曼方程
#
# $V = r_\pi + \gamma P_\pi V$ 就是线性方程组 $(I - \gamma P_\pi) V = r_\pi$。`np.linalg.solve` 只对矩阵做一次分解，无需求出它的逆矩阵。

# %%
A = np.eye(len(r)) - two_state.GAMMA * P
for s, cell in enumerate(two_state.STATES):
    print(f"row {cell} of I - gamma P: {vector(A[s])}")
V_solved = vm.bellman_solve(P, r)
print("V =", vector(V_solved))
check = r + two_state.GAMMA * P @ V_solved
print("r_pi + gamma P V =", vector(check))

# %% [markdown]
# ## 用迭代得到同一个 V
#
# 从零出发，反复执行 $V \leftarrow r_\pi + \gamma P_\pi V$，直到没有任何分量的变化量达到容差。与直接求解所得结果的差距每一轮缩小为原来的 $\gamma$ 倍。

# %%
report = vm.iteration_report(theta)
sweeps = fmt(report["sweeps"])
print(f"tolerance {fmt(vm.TOLERANCE, 'sci')}: {sweeps} sweeps")
last_change = vm.three_digits(report["changes"][-1])
gap = vm.three_digits(report["gaps"][-1])
print("last change:", fmt(last_change, "sci"))
print("largest gap to the solve:", fmt(gap, "sci"))
for k in (0, 1, 2, 3):  # the first sweeps
    print(f"V_{k} = {vector(report['iterates'][k])}")

# %%
show(figures["bellman-convergence"], values, LANGUAGE)

# %% [markdown]
# ## 策略有多好？
#
# $J = \mu^\top V$ 按从各个格子出发的概率，对各格子的价值加权。价值随策略而变：

# %%
print(f"J({fmt(theta)}) = {fmt(vm.objective(theta))}")
for other in vm.TABLE_THETAS:
    V_other = vm.value_vector(other)
    print(f"theta = {other:.1f}: V = {vector(V_other)}, "
          f"J = {fmt(vm.objective(other))}")

# %% [markdown]
# ## 形状、广播与索引
#
# `*` 逐元素相乘（并把向量沿各行广播），`@` 是矩阵与向量的乘积，`.sum(axis=1)` 对动作求和，而 `V[NEXT]` 取出每个动作所到达的下一个格子的价值。

# %%
print(vm.shapes(theta))
print("(pi * REWARDS).sum(axis=1) =",
      vector(vm.expected_rewards_elementwise(pi)))
print("(P * V).sum(axis=1) =", vector(vm.product_by_broadcasting(P, V)))
print("(pi * V[NEXT]).sum(axis=1) =",
      vector((pi * vm.next_values(V)).sum(axis=1)))
print("a column by mistake, (P * V[:, None]).sum(axis=1) =",
      vector((P * V[:, None]).sum(axis=1)))
