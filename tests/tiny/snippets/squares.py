"""Code for the page "Squares" (tests/tiny/docs/index.md): a square's
side, its area and a claim that relates them."""

from snippets.values import claim

SIDE = 1.5  # the side of the square


# --8<-- [start:area]
def area(side):
    """The area of a square of side ``side``.

    >>> area(1.5)
    2.25
    """
    return side * side
# --8<-- [end:area]


def page_values():
    """Every number the page prints, by name.

    >>> page_values()
    {'side': 1.5, 'area': 2.25}
    """
    claim(area(SIDE) > SIDE, "the area exceeds the side",
          about=("area", "side"))
    return {"side": SIDE, "area": area(SIDE)}
