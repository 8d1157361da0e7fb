# ---
# jupyter:
#   allowed_numbers:
#     2(: the factor 2 that differentiating a square brings, 2(x)
#     (1 + \alpha J''): the factor of a step on a quadratic, a formula
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
# # 配套笔记本：E.3.1 微积分基础
#
# 本笔记本按页面中的顺序运行页面 [E.3.1 微积分基础](../calculus-basics.md) 的各个示例。每个函数都来自页面所展示的、经过测试的 `snippets` 包，所以下面的数字就是页面上的数字。改动某个输入，再重新运行各单元格，看看结果如何变化。

# %%
from snippets import calculus_basics as cb
from snippets.calculus_basics_figures import FIGURES
from snippets.figures import show
from snippets.values import format_number as fmt
from snippets.values import texts

values = texts(cb.page_values())  # what the page prints, by name
figures = {spec.name: spec for spec in FIGURES}
LANGUAGE = "zh"  # of the words drawn in the figures

# %% [markdown]
# ## 目标函数及其导数
#
# 单参数的目标函数为 $J(\theta) = -(\theta - \theta^\ast)^2 + J_{\mathrm{max}}$，它的导数为 $J'(\theta) = -2(\theta - \theta^\ast)$。下面先给出函数值表，再给出起点处和最优点右侧某点处的导数。

# %%
print(f"theta* = {fmt(cb.THETA_STAR)}, J max = {fmt(cb.J_MAX)}")
for theta, j in cb.value_table():
    print(f"J({theta:.1f}) = {j:.2f}")
right = cb.TABLE_THETAS[-1]
print(f"J'({fmt(cb.START)}) = {fmt(cb.dJ(cb.START))}")
print(f"J'({right:.1f}) = {fmt(cb.dJ(right))}")

# %%
show(figures["objective"], values, LANGUAGE)

# %% [markdown]
# ## 梯度上升
#
# 每一步都把 $\theta$ 移动 $\alpha J'(\theta)$。从起点出发，使用页面上的学习率：

# %%
path = cb.ascent_path(cb.dJ, cb.START, cb.ALPHA, steps=2)
print("theta:", ", ".join(fmt(theta) for theta in path))
print(f"J'({fmt(path[1])}) = {fmt(cb.dJ(path[1]))}")

# %%
show(figures["ascent"], values, LANGUAGE)

# %% [markdown]
# ## 两个参数：梯度
#
# 对于 $J(\theta_1, \theta_2)$，梯度汇集了两个偏导数。下面是原点处的梯度，以及梯度上升一步之后的位置：

# %%
grad = cb.grad_J2(cb.ORIGIN)
step = cb.ascent_step_2d(cb.ORIGIN, cb.ALPHA)
print(f"grad J(origin) = ({fmt(grad[0])}, {fmt(grad[1])})")
print(f"one step: ({fmt(step[0])}, {fmt(step[1])})")

# %%
show(figures["gradient-2d"], values, LANGUAGE)

# %% [markdown]
# ## 链式法则：手工计算与自动微分
#
# 对于 $y = a\theta$ 和 $L = (y - b)^2$，前向计算给出 $y$ 和 $L$，反向计算则把 $\frac{dL}{dy}$ 乘以 $\frac{dy}{d\theta}$。

# %%
y, L = cb.chain_forward()
dL_dy, dy_dtheta, dL_dtheta = cb.chain_backward()
print(f"y = {fmt(y)}, L = {fmt(L)}")
print(f"dL/dy = {fmt(dL_dy)}, dy/dtheta = {fmt(dy_dtheta)}, "
      f"dL/dtheta = {fmt(dL_dtheta)}")

# %% [markdown]
# 小小的反向模式 `Scalar` 仅凭计算图就求出了同一个导数：

# %%
theta = cb.Scalar(cb.THETA_CHAIN)
loss = (cb.SLOPE * theta - cb.TARGET) ** 2
loss.backward()
print(f"autodiff dL/dtheta = {fmt(theta.grad)}")

# %%
show(figures["chain-graph"], values, LANGUAGE)

# %% [markdown]
# ## 偏导数与数值检验
#
# 每个偏导数都把另一个参数固定不变。中心差分无需任何微积分就能近似梯度，而且与解析梯度在许多位数字上吻合。

# %%
print(f"dJ/dtheta_1 = {fmt(cb.dJ2_dtheta1(*cb.ORIGIN))}, "
      f"dJ/dtheta_2 = {fmt(cb.dJ2_dtheta2(*cb.ORIGIN))}")
numeric = cb.central_difference(cb.J2, cb.ORIGIN)
gap = abs(numeric - grad).max()
print(f"largest gap to the analytic gradient: {gap:.1e}")

# %% [markdown]
# ## 学习率
#
# 在这个目标函数上，每一步都把到最优点的距离乘以 $(1 + \alpha J'')$。这个因子决定了上升过程是收敛、一步到位、振荡还是发散：

# %%
for alpha in cb.DEMO_ALPHAS:
    print(f"alpha = {fmt(alpha)}: factor {fmt(cb.error_factor(alpha))}, "
          f"{cb.step_regime(alpha)}")

# %%
show(figures["learning-rates"], values, LANGUAGE)
