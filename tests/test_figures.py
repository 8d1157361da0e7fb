"""Tests of snippets/figures.py and snippets/calculus_basics_figures.py
(alt text, captions and palettes of every page's figures: test_pages.py)."""

import re

import pytest
from matplotlib.text import Text

from snippets import calculus_basics as cb
from snippets.calculus_basics_figures import FIGURES
from snippets.figures import PALETTES
from snippets.values import texts

VALUES = texts(cb.page_values())

# page values each figure must print in its labels
LABELS = {
    "objective": ["theta_star", "dJ_start", "dJ_right"],
    "ascent": ["theta_star", "start", "step_1", "step_2"],
    "gradient-2d": ["grad_origin_1", "grad_origin_2", "update_1",
                    "update_2", "opt_1", "opt_2"],
    "chain-graph": ["theta_chain", "chain_y", "chain_L", "dL_dy",
                    "dy_dtheta", "dL_dtheta", "slope", "target"],
    "learning-rates": [f"demo_{kind}_{i}" for kind in ("alpha", "factor")
                       for i in range(1, 6)],
}


def label_texts(figure):
    return [t.get_text() for t in figure.findobj(Text) if t.get_text()]


def test_every_figure_has_a_label_check():
    """Assert the list above covers exactly the page's figures."""
    assert sorted(LABELS) == sorted(spec.name for spec in FIGURES)


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.name)
def test_labels_print_the_pages_values(spec):
    """Assert each label number is the page's text for that value."""
    texts = " ".join(label_texts(spec.draw(VALUES, PALETTES[0],
                                              spec.words)))
    for name in LABELS[spec.name]:
        value = re.escape(VALUES[name])
        assert re.search(rf"(?<![\d.]){value}(?![\d.])", texts), name


def test_learning_rate_figure_shows_each_regime():
    """Assert the legend names the regime of each learning rate."""
    spec = next(s for s in FIGURES if s.name == "learning-rates")
    legend = " ".join(label_texts(spec.draw(VALUES, PALETTES[0],
                                              spec.words)))
    for alpha in cb.DEMO_ALPHAS:
        assert cb.step_regime(alpha) in legend
    assert "diverges" in legend and "one step" in legend


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.name)
def test_built_svg_labels_hold_the_values(site, spec):
    """Assert the served SVGs' text labels carry the page's values."""
    folder = site / "figures" / "calculus_basics_figures"
    for palette in PALETTES:
        svg = (folder / f"{spec.name}-{palette.name}.en.svg").read_text()
        labels = " ".join(re.findall(r"<!-- (.*?) -->", svg))
        for name in LABELS[spec.name]:
            text = re.escape(VALUES[name])
            assert re.search(rf"(?<![\d.]){text}(?![\d.])", labels), name
