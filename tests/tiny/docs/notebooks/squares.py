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
# # Squares notebook
#
# The [page](../index.md) prints a square's area; so does this cell.

# %%
from snippets import squares

print("area:", squares.area(squares.SIDE))
