"""Figures in the built site (present, described, repeatable) and the
build caches of figures and notebooks."""

import re
import shutil

import pytest

from snippets import calculus_basics as cb
from snippets.calculus_basics_figures import FIGURES

from .test_figures import LABELS

VALUES = cb.page_values()
FOLDER = "figures/calculus_basics_figures"


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.name)
def test_figure_is_on_the_page_in_both_palettes(site, page, spec):
    """Assert both SVGs exist and the page shows them with alt text."""
    figure = page.select_one(f"figure#figure-{spec.name}")
    images = figure.select("img")
    assert [img["src"] for img in images] == [
        f"../{FOLDER}/{spec.name}-light.svg#only-light",
        f"../{FOLDER}/{spec.name}-dark.svg#only-dark"]
    for img in images:
        assert (site / img["src"][3:].split("#")[0]).is_file()
        assert "%%" not in img["alt"] and len(img["alt"]) > 80
        assert int(img["width"]) > 0 and int(img["height"]) > 0
    caption = figure.select_one("figcaption")
    assert caption.select(".katex") and "%%" not in caption.get_text()


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.name)
def test_built_svg_labels_hold_the_values(site, spec):
    """Assert the SVG's text labels carry the register's values."""
    for palette in ("light", "dark"):
        svg = (site / FOLDER / f"{spec.name}-{palette}.svg").read_text()
        labels = " ".join(re.findall(r"<!-- (.*?) -->", svg))
        for name in LABELS[spec.name]:
            text = re.escape(VALUES[name].text)
            assert re.search(rf"(?<![\d.]){text}(?![\d.])", labels), name


def figures_drawn(stderr):
    drawn, reused = re.search(r"figures: (\d+) drawn, (\d+) from the cache",
                              stderr).groups()
    return int(drawn), int(reused)


def notebook_executed(stderr):
    return "Converting notebook (execute=True)" in stderr


def test_caches_follow_the_snippets_code(project_copy):
    """Assert a cold build draws every figure and runs the notebook, a warm
    one reuses both (with equal bytes), and a code change redoes both."""
    count = 2 * len(FIGURES)
    cache = project_copy.path / ".cache"
    if cache.exists():
        shutil.rmtree(cache)
    cold = project_copy.build()
    assert cold.returncode == 0, cold.stderr
    assert figures_drawn(cold.stderr) == (count, 0)
    assert notebook_executed(cold.stderr)
    first = project_copy.figures()
    assert len(first) == count
    pages = project_copy.pages()

    warm = project_copy.build()
    assert figures_drawn(warm.stderr) == (0, count)
    assert not notebook_executed(warm.stderr)
    assert "Cache hit" in warm.stderr
    assert project_copy.figures() == first
    assert project_copy.pages() == pages  # caches change no byte of HTML

    # a change in the snippets package invalidates every figure
    project_copy.edit("snippets/calculus_basics.py", '"""Code for',
                      '"""Tested code for')
    redrawn = project_copy.build()
    assert figures_drawn(redrawn.stderr) == (count, 0)
    assert notebook_executed(redrawn.stderr)
    assert project_copy.figures() == first
