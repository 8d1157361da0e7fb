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
# # 配套笔记本：E.3.2 策略梯度与优势函数
#
# 本笔记本在两个状态的贯穿示例上，按页面中的顺序运行页面 [E.3.2 策略梯度与优势函数](../policy-gradients.md) 的各个示例。每个函数都来自页面所展示的、经过测试的 `snippets` 包，所以下面的数字就是页面上的数字。改动某个输入（策略的参数、学习率、截断长度、随机种子），再重新运行各单元格，看看结果如何变化。

# %%
import numpy as np

from snippets import policy_gradients as pg
from snippets import two_state
from snippets.figures import show
from snippets.policy_gradients_figures import FIGURES
from snippets.values import format_number as fmt
from snippets.values import texts

values = texts(pg.page_values())  # what the page prints, by name
figures = {spec.name: spec for spec in FIGURES}
LANGUAGE = "zh"  # of the words drawn in the figures
theta = two_state.THETA

# %% [markdown]
# ## 目标函数
#
# $J(\theta) = \mu^\top V_\pi$，其中 $V_\pi$ 由贝尔曼方程的线性求解得到。下面依次给出它在页面所用策略处的值、依据导数符号用二分法找到的最大值点，以及二次拟合：

# %%
print(f"J({fmt(theta)}) = {fmt(pg.J(theta))}")
theta_star = pg.maximizer(pg.policy_gradient)
print(f"theta* = {fmt(theta_star, '.4f')}, "
      f"J(theta*) = {fmt(pg.J(theta_star), '.4f')}")
(c2, c1, c0), gap = pg.quadratic_fit()
print(f"fit: c2 = {fmt(round(c2, 9))}, c1 = {fmt(round(c1, 9))}, "
      f"c0 = {fmt(round(c0, 9) + 0.0)}")
print(f"largest gap of the fit: {fmt(pg.rounded(gap), 'sci')}")

# %%
show(figures["objective"], values, LANGUAGE)

# %% [markdown]
# ## 动作价值、状态价值与优势
#
# 每一格中的 $A(s, a) = Q(s, a) - V(s)$，以及优势在策略下的平均：除舍入误差外为零。

# %%
Q = two_state.action_values(theta)
V = two_state.state_values(theta)
A = pg.advantages(theta)
for s, state in enumerate(two_state.STATES):
    print(f"{state} cell: Q = ({fmt(Q[s, 0])}, {fmt(Q[s, 1])}), "
          f"V = {fmt(V[s])}")
    print(f"  A = ({fmt(A[s, 0])}, {fmt(A[s, 1])}), sum_a pi A = "
          f"{fmt(round(float(pg.mean_advantage(theta)[s]), 12) + 0.0)}")

# %% [markdown]
# ## 策略梯度定理
#
# 折扣状态访问分布 $d_\gamma$（未归一化）、每一格在梯度中所占的份额、梯度总和，以及分别用 $Q$ 和 $A$ 写出的得分函数形式。

# %%
d = pg.visitation(theta)
print(f"d_gamma = ({fmt(d[0])}, {fmt(d[1])}), sum {fmt(d.sum())}")
shares = pg.gradient_by_cell(theta)
print(f"shares = ({fmt(shares[0])}, {fmt(shares[1])})")
print(f"dJ/dtheta = {fmt(pg.policy_gradient(theta))}")
print(f"score form with Q: {fmt(pg.score_form(theta, Q))}")
print(f"score form with A: {fmt(pg.score_form(theta, A))}")

# %% [markdown]
# 精确目标函数的中心差分与定理相符，差别只在舍入误差：

# %%
exact, numeric, gap = pg.gradient_check(theta)
print(f"theorem: {fmt(exact)}")
print(f"central difference: {fmt(numeric)}")
print(f"gap: {fmt(pg.rounded(gap), 'sci')}")

# %% [markdown]
# ## 通过 logistic 函数做梯度上升
#
# $\theta = \sigma(w)$ 保证 $\theta$ 始终是一个概率；链式法则给出 $\frac{dJ}{dw} = \frac{dJ}{d\theta} \cdot \frac{d\theta}{dw}$。

# %%
print(f"w_0 = {fmt(pg.W_START, '.4f')}, "
      f"dtheta/dw = {fmt(theta * (1 - theta))}, "
      f"dJ/dw = {fmt(pg.gradient_w(pg.W_START))}")
print(" t       w   theta        J   dJ/dw")
for t, (w, th, j, grad) in enumerate(pg.ascent()):
    print(f"{t:2d} {fmt(w, '.4f'):>7} {fmt(th, '.4f'):>7} "
          f"{fmt(j, '.4f'):>8} {fmt(grad, '.4f'):>7}")

# %%
show(figures["logistic"], values, LANGUAGE)

# %% [markdown]
# ## REINFORCE 与截断偏差
#
# 回合一到固定的截断长度就被截断，所以 REINFORCE 估计的是截断目标函数 $J_H$ 的梯度。下面给出精确梯度，以及由同一个带种子的生成器得到的几个单回合估计：

# %%
truncated = pg.truncated_gradient(theta, pg.HORIZON)
print(f"dJ_H/dtheta = {fmt(truncated, '.4f')}")
print(f"bias = {fmt(pg.policy_gradient(theta) - truncated, '.4f')}, "
      f"gamma^H = {fmt(pg.rounded(pg.GAMMA ** pg.HORIZON), 'sci')}")
rng = np.random.default_rng(0)
episodes = pg.sample_episodes(theta, 5, pg.HORIZON, rng)
print("without baseline:", ", ".join(
    fmt(x, '.2f') for x in pg.reinforce(theta, *episodes)))
print("with b(s) = V(s):", ", ".join(
    fmt(x, '.2f') for x in pg.reinforce(theta, *episodes, baseline=V)))

# %% [markdown]
# ## 基线：方差更小，且无偏
#
# 页面上的实验：许多个种子，两个估计量使用相同的回合，对每个种子的估计取均值。

# %%
estimates = pg.experiment()
mean, sd, se = pg.summary(estimates)
for name, m, s, e in zip(("no baseline", "baseline V(s)"), mean, sd, se):
    print(f"{name}: mean {fmt(m, '.2f')}, sd {fmt(s, '.2f')}, "
          f"se {fmt(e, '.2f')}")
    print(f"  (mean - exact) / se = {fmt((m - truncated) / e, '.1f')}")
print(f"variance ratio: {fmt((sd[0] / sd[1]) ** 2, '.1f')}")

# %%
show(figures["reinforce"], values, LANGUAGE)
