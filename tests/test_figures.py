"""Tests of snippets/figures.py and snippets/calculus_basics_figures.py."""

import re

import pytest
from matplotlib.text import Text

from snippets import calculus_basics as cb
from snippets.calculus_basics_figures import FIGURES
from snippets.figures import PALETTES, render_svg
from snippets.register import MARKER, typed_numbers

VALUES = cb.page_values()

# register values each figure must print in its labels
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
def test_labels_print_the_registers_values(spec):
    """Assert each label number is the register's text for that value."""
    texts = " ".join(label_texts(spec.draw(VALUES, PALETTES[0])))
    for name in LABELS[spec.name]:
        value = re.escape(VALUES[name].text)
        assert re.search(rf"(?<![\d.]){value}(?![\d.])", texts), name


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.name)
def test_alt_and_caption_use_markers_not_typed_numbers(spec):
    """Assert alt text and caption carry numbers only through markers."""
    for text in (spec.alt, spec.caption):
        assert typed_numbers(text) == []
        assert MARKER.search(text)
    assert len(spec.alt.split()) >= 15


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.name)
def test_svg_is_deterministic_and_palettes_differ(spec):
    """Assert rendering twice gives the same bytes, and dark is not light."""
    light, dark = (render_svg(spec, VALUES, p) for p in PALETTES)
    assert render_svg(spec, VALUES, PALETTES[0]) == light
    assert light != dark
    assert light.startswith(b"<?xml") and b"<dc:date>" not in light
    for palette in PALETTES:
        svg = light if palette.name == "light" else dark
        assert palette.text.encode() in svg


def test_learning_rate_figure_shows_each_regime():
    """Assert the legend names the regime of each learning rate."""
    spec = next(s for s in FIGURES if s.name == "learning-rates")
    legend = " ".join(label_texts(spec.draw(VALUES, PALETTES[0])))
    for alpha in cb.DEMO_ALPHAS:
        assert cb.step_regime(alpha) in legend
    assert "diverges" in legend and "one step" in legend
