# ---
# translated_from: "f31475dbb0cc"
# ---

# %% [markdown]
# # 正方形笔记本
#
# [页面](../index.md)给出正方形的面积，这个单元格也算一遍。
