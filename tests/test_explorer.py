"""The learning-rate explorer in a real browser: same digits as Python."""

import json

import pytest

from snippets import calculus_basics as cb
from snippets.values import format_number, texts

VALUES = texts(cb.page_values())
EXPLORER = ".ascent-explorer"


def open_page(tab, served):
    tab.goto(f"{served}/calculus-basics/")
    tab.wait_for_selector(f"{EXPLORER} tbody tr")
    return tab


def rows(tab):
    return [row.split("\t") for row in
            tab.locator(f"{EXPLORER} tbody tr").all_inner_texts()]


def regime(tab):
    return tab.locator(".ascent-explorer__verdict").get_attribute(
        "data-regime")


def settle(tab, setting, value):
    tab.fill(f"{EXPLORER} input[data-setting={setting}]", value)


def test_defaults_reproduce_the_page(tab, served):
    """Assert the defaults show the page's steps: 0.32 then 0.416."""
    open_page(tab, served)
    table = rows(tab)
    assert table[0][:4] == ["0", VALUES["start"],
                            VALUES["dJ_start"], VALUES["step_1"]]
    assert table[1][3] == VALUES["step_2"] == "0.416"
    assert table[0][3] == "0.32"
    assert len(table) == cb.EXPLORER_STEPS
    assert regime(tab) == "converges"
    assert tab.problems == []


def test_grid_matches_python_digit_for_digit(tab, served, site):
    """Assert every setting of the published grid shows Python's table."""
    expected = json.loads(
        (site / "data" / "calculus_basics" / "explorer-expected.json")
        .read_text("utf-8"))
    assert expected == cb.explorer_expected()
    open_page(tab, served)
    for case in expected:
        settle(tab, "theta0", case["theta0"])
        settle(tab, "alpha", case["alpha"])
        settle(tab, "steps", str(case["steps"]))
        assert rows(tab) == case["rows"], case
        assert regime(tab) == case["regime"], case
    assert tab.problems == []


def test_large_learning_rate_diverges(tab, served):
    """Assert alpha above the limit is called divergent, with growing steps."""
    open_page(tab, served)
    settle(tab, "alpha", "1.2")
    assert regime(tab) == "diverges"
    verdict = tab.locator(".ascent-explorer__verdict").inner_text()
    assert "runs away" in verdict
    assert f"α > {VALUES['alpha_diverges']}" in verdict
    distances = [abs(float(row[1]) - cb.THETA_STAR) for row in rows(tab)]
    assert distances == sorted(distances) and distances[-1] > 1


def test_keyboard_alone_changes_alpha(tab, served):
    """Assert Tab reaches the alpha slider and an arrow key moves it."""
    open_page(tab, served)
    tab.focus(f"{EXPLORER} input[data-setting=theta0]")
    tab.keyboard.press("Tab")
    focused = tab.evaluate("document.activeElement.getAttribute('type')")
    assert focused == "range"
    tab.keyboard.press("ArrowRight")
    alpha = tab.input_value(f"{EXPLORER} input[data-setting=alpha]")
    assert float(alpha) == pytest.approx(cb.ALPHA + 0.01)
    step = cb.ascent_step(cb.START, cb.dJ(cb.START), float(alpha))
    assert rows(tab)[0][3] == format_number(step)


@pytest.mark.parametrize("number", [
    0.1 + 0.2, 1 / 3, -2 / 3, 2.0 ** -16, 3 * 2.0 ** -17, 1e-5, -1e-12,
    123456789012.0, -3.865470566e18, 0.00048828125, 5e-324, 1.5, 2.5,
    0.125, 1e22, 9.9999999995, -0.0, 999999999999.9999, 12345678901.5,
    9.9999999999995e-7, 0.99999999999995])
def test_script_formats_numbers_as_python_does(tab, served, number):
    """Assert the script's formatter equals format_number, ties included."""
    open_page(tab, served)
    text = tab.evaluate(f"window.ascentExplorer.formatNumber({number!r})")
    assert text == format_number(number)


def test_formatter_agrees_with_python_without_a_browser():
    """Assert the script's formatter prints Python's digits for thousands
    of numbers, tiny to huge, run in a JavaScript engine with no page."""
    import random

    from py_mini_racer import MiniRacer

    from .conftest import ROOT

    script = (ROOT / "docs" / "javascripts" / "explorer.js").read_text()
    numbers = [random.Random(seed).uniform(-1e3, 1e3) * 10.0 ** (seed % 26
               - 10) for seed in range(3000)]
    with MiniRacer() as engine:
        engine.eval("var window = {}; var document = {readyState: "
                    "'complete', querySelectorAll: () => []};")
        engine.eval(script)
        printed = engine.eval(
            f"{numbers!r}.map(window.ascentExplorer.formatNumber)")
        assert list(printed) == [format_number(x) for x in numbers]


def test_without_javascript_the_page_still_reads(browser, served):
    """Assert the math is there and the explorer says what it would do."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served}/calculus-basics/")
    fallback = page.locator(".ascent-explorer__fallback")
    assert fallback.is_visible()
    assert "learning rate" in fallback.inner_text()
    assert page.locator(".katex").count() > 50
    context.close()


def test_explorer_survives_instant_navigation(tab, served):
    """Assert the explorer starts after Material's instant navigation."""
    tab.goto(f"{served}/", wait_until="networkidle")  # sitemap loaded
    tab.evaluate("window.sameDocument = true")
    tab.click("article a.md-button[href$='calculus-basics/']")
    tab.wait_for_url("**/calculus-basics/")
    tab.wait_for_selector(f"{EXPLORER} tbody tr")
    assert tab.evaluate("window.sameDocument") is True  # no full reload
    assert rows(tab)[1][3] == VALUES["step_2"]
    tab.go_back()
    tab.wait_for_url(f"{served}/")
    tab.go_forward()
    tab.wait_for_selector(f"{EXPLORER} tbody tr")
    assert tab.locator(f"{EXPLORER} input[data-setting=alpha]").count() == 1
    assert tab.problems == []


def test_explorer_follows_the_palette(tab, served):
    """Assert the plot's colours change with the light/dark toggle."""
    open_page(tab, served)
    stroke = "getComputedStyle(document.querySelector(" \
             "'.ascent-explorer__plot .point')).fill"
    light = tab.evaluate(stroke)
    tab.click("label[for='__palette_1']")
    tab.wait_for_function(
        "document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert tab.evaluate(stroke) != light
    assert rows(tab)[0][3] == VALUES["step_1"]


def test_gradient_explorer_matches_python(tab, served, site):
    """Assert the 2-D explorer shows Python's gradient and step texts."""
    expected = json.loads(
        (site / "data" / "calculus_basics" / "gradient-expected.json")
        .read_text("utf-8"))
    open_page(tab, served)
    readout = tab.locator(".gradient-explorer__readout")
    assert json.loads(readout.get_attribute("data-values")) == [
        VALUES[name] for name in (
            "grad_origin_1", "grad_origin_2", "update_1", "update_2")]
    for case in expected:
        tab.fill(".gradient-explorer input[data-setting=theta1]",
                 case["theta1"])
        tab.fill(".gradient-explorer input[data-setting=theta2]",
                 case["theta2"])
        assert json.loads(readout.get_attribute("data-values")) == (
            case["texts"]), case
    assert tab.problems == []


def test_gradient_explorer_takes_a_click(tab, served):
    """Assert a click on the contour plot picks a new start point."""
    open_page(tab, served)
    plot = tab.locator(".gradient-explorer__plot")
    plot.scroll_into_view_if_needed()
    box = plot.bounding_box()
    tab.mouse.click(box["x"] + box["width"] * 0.25,
                    box["y"] + box["height"] * 0.25)
    theta = [float(tab.input_value(
        f".gradient-explorer input[data-setting=theta{i}]")) for i in (1, 2)]
    assert theta != [0.0, 0.0]
    texts = json.loads(tab.locator(".gradient-explorer__readout")
                       .get_attribute("data-values"))
    assert texts == cb.gradient_step_texts(*theta)
