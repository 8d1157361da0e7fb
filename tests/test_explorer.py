"""The learning-rate explorer in a real browser: same digits as Python."""

import json
import re

import pytest

from snippets import calculus_basics as cb
from snippets.values import format_number, texts

from .conftest import ROOT, recording_tab
from .pages import LANGUAGES, TABLES
from .test_browser import switch_palette

VALUES = texts(cb.page_values())
EXPLORER = ".ascent-explorer"
SCRIPT = ROOT / "docs" / "javascripts" / "explorer.js"


def in_engine(*expressions, words=None):
    """Run the script in a JavaScript engine with no page, the page's
    ``words`` (script -> words) given as the build writes them, and
    evaluate ``expressions`` there, each to its value as JSON reads it."""
    from py_mini_racer import MiniRacer

    given = "null" if words is None else (
        f"({{dataset: {{words: {json.dumps(json.dumps(words))}}}}})")
    with MiniRacer() as engine:
        engine.eval("var window = {}; var document = {readyState: "
                    "'complete', querySelectorAll: () => [], "
                    f"getElementById: () => {given}}};")
        engine.eval(SCRIPT.read_text("utf-8"))
        return [json.loads(engine.eval(f"JSON.stringify({expression})"))
                for expression in expressions]


def open_page(tab, served, edition=""):
    """Open E.3.1 in an edition (its folder: "" for the original)."""
    tab.goto(f"{served}/{edition}calculus-basics/")
    tab.wait_for_selector(f"{EXPLORER} tbody tr", state="attached")
    # the page's sections are laid out when they scroll into view
    tab.locator(EXPLORER).scroll_into_view_if_needed()
    return tab


# every setting of both explorers back to the one the page starts with
RESET = """() => {
    const inputs = document.querySelectorAll(
        ".ascent-explorer input, .gradient-explorer input");
    for (const input of inputs) input.value = input.defaultValue;
    for (const input of inputs) {
        if (input.dataset.setting) {
            input.dispatchEvent(new Event("input", {bubbles: true}));
        }
    }
}"""


class Explorers:
    """E.3.1, opened once per edition for the tests that only set and
    read the explorers: each gets it with every setting back at the
    page's first one (checked), and sees the problems recorded since (the
    first, those of loading it; a fresh load's numbers are
    test_defaults_reproduce_the_page's)."""

    def __init__(self, browser, served):
        self.browser, self.served = browser, served
        self.tabs, self.loaded = {}, {}

    def open(self, edition=""):
        tab = self.tabs.get(edition)
        if tab is None:  # what loading it records is the first test's
            tab = self.tabs[edition] = open_page(
                recording_tab(self.browser), self.served, edition)
            self.loaded[edition] = shown(tab)
        else:
            tab.problems.clear()
            tab.evaluate(RESET)
            tab.evaluate("document.activeElement.blur()")
            assert shown(tab) == self.loaded[edition]  # as loaded
            assert tab.problems == []
        return tab

    def close(self):
        for tab in self.tabs.values():
            tab.context.close()


@pytest.fixture(scope="module")
def explorers(browser, served):
    opened = Explorers(browser, served)
    yield opened
    opened.close()


def rows(tab):
    return tab.locator(f"{EXPLORER} tbody tr").evaluate_all(
        "rows => rows.map(row => [...row.cells].map(c => c.textContent))")


def as_shown(text):
    """Python's digits as the explorers show them: a minus sign (U+2212),
    as the page prints one, for Python's hyphen."""
    return text.replace("-", "\u2212")


def as_python(text):
    """What an explorer shows, as Python's digits."""
    return text.replace("\u2212", "-")


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


# settings entered as typing enters them (the field's value, then an
# input event), the table and verdict read after each: the whole grid in
# one script, not five round trips to the browser per setting
ENTER_EACH = """settings => settings.map(setting => {
    for (const [key, value] of Object.entries(setting)) {
        const field = document.querySelector(
            `.ascent-explorer input[data-setting=${key}]`);
        field.value = value;
        field.dispatchEvent(new Event("input", {bubbles: true}));
    }
    return [[...document.querySelectorAll(".ascent-explorer tbody tr")]
                .map(row => [...row.cells].map(cell => cell.textContent)),
            document.querySelector(".ascent-explorer__verdict")
                .dataset.regime];
})"""


def test_grid_matches_python_digit_for_digit(explorers, site):
    """Assert every setting of the published grid shows Python's table."""
    expected = json.loads(
        (site / "data" / "calculus_basics" / "explorer-expected.json")
        .read_text("utf-8"))
    assert expected == cb.explorer_expected()
    tab = explorers.open()
    shown = tab.evaluate(ENTER_EACH, [
        {key: str(case[key]) for key in ("theta0", "alpha", "steps")}
        for case in expected])
    for case, (table, verdict) in zip(expected, shown, strict=True):
        assert table == [[as_shown(cell) for cell in row]
                         for row in case["rows"]], case
        assert verdict == case["regime"], case
    assert tab.problems == []


def test_large_learning_rate_diverges(explorers):
    """Assert alpha above the limit is called divergent, with growing steps."""
    tab = explorers.open()
    settle(tab, "alpha", "1.2")
    assert regime(tab) == "diverges"
    verdict = tab.locator(".ascent-explorer__verdict").inner_text()
    assert "runs away" in verdict
    assert f"α > {VALUES['alpha_diverges']}" in verdict
    distances = [abs(float(as_python(row[1])) - cb.THETA_STAR)
                 for row in rows(tab)]
    assert distances == sorted(distances) and distances[-1] > 1


def test_keyboard_alone_changes_alpha(explorers):
    """Assert Tab reaches the alpha slider and an arrow key moves it."""
    tab = explorers.open()
    tab.focus(f"{EXPLORER} input[data-setting=theta0]")
    tab.keyboard.press("Tab")
    focused = tab.evaluate("document.activeElement.getAttribute('type')")
    assert focused == "range"
    tab.keyboard.press("ArrowRight")
    alpha = tab.input_value(f"{EXPLORER} input[data-setting=alpha]")
    assert float(alpha) == pytest.approx(cb.ALPHA + 0.01)
    step = cb.ascent_step(cb.START, cb.dJ(cb.START), float(alpha))
    assert rows(tab)[0][3] == format_number(step)


# numbers whose printing is easy to get wrong: float noise, ties, the
# edges of the positional range, the smallest float, negative zero
HARD_NUMBERS = [
    0.1 + 0.2, 1 / 3, -2 / 3, 2.0 ** -16, 3 * 2.0 ** -17, 1e-5, -1e-12,
    123456789012.0, -3.865470566e18, 0.00048828125, 5e-324, 1.5, 2.5,
    0.125, 1e22, 9.9999999995, -0.0, 999999999999.9999, 12345678901.5,
    9.9999999999995e-7, 0.99999999999995]


def test_script_formats_numbers_as_python_does(explorers):
    """Assert the page's formatter equals format_number, ties included."""
    tab = explorers.open()
    listed = ", ".join(repr(number) for number in HARD_NUMBERS)
    printed = tab.evaluate(f"[{listed}].map(window.ascentExplorer"
                           ".formatNumber)")
    assert printed == [format_number(number) for number in HARD_NUMBERS]


def test_formatter_agrees_with_python_without_a_browser():
    """Assert the script's formatter prints Python's digits for thousands
    of numbers, tiny to huge, run in a JavaScript engine with no page."""
    import random

    numbers = [random.Random(seed).uniform(-1e3, 1e3) * 10.0 ** (seed % 26
               - 10) for seed in range(3000)]
    printed, = in_engine(
        f"{numbers!r}.map(window.ascentExplorer.formatNumber)")
    assert printed == [format_number(x) for x in numbers]


def test_without_javascript_the_page_still_reads(browser, served):
    """Assert the math is there and the explorer says what it would do."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served}/calculus-basics/")
    fallback = page.locator(".ascent-explorer__fallback")
    fallback.scroll_into_view_if_needed()
    assert fallback.is_visible()
    assert "learning rate" in fallback.text_content()
    assert page.locator("math").count() > 50
    context.close()


def test_explorer_survives_instant_navigation(tab, served):
    """Assert the explorer starts after Material's instant navigation."""
    tab.goto(f"{served}/", wait_until="networkidle")  # sitemap loaded
    tab.evaluate("window.sameDocument = true")
    tab.click("article a[href$='calculus-basics/']")
    tab.wait_for_url("**/calculus-basics/")
    tab.wait_for_selector(f"{EXPLORER} tbody tr", state="attached")
    assert tab.evaluate("window.sameDocument") is True  # no full reload
    assert rows(tab)[1][3] == VALUES["step_2"]
    tab.go_back()
    tab.wait_for_url(f"{served}/")
    tab.go_forward()
    tab.wait_for_selector(f"{EXPLORER} tbody tr", state="attached")
    assert tab.locator(f"{EXPLORER} input[data-setting=alpha]").count() == 1
    assert tab.problems == []


# each mark the explorers draw (not their axes and contours, which only
# frame them): its contrast with the page's background
MARK_CONTRASTS = """() => {
  const linear = (v) => (v /= 255) <= 0.03928 ? v / 12.92
    : ((v + 0.055) / 1.055) ** 2.4;
  const luminance = (colour) => {
    const [r, g, b] = colour.match(/[\\d.]+/g).map(Number).map(linear);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const page = getComputedStyle(document.body).backgroundColor;
  return [...document.querySelectorAll(
    ".ascent-explorer__plot :is(.curve, .path, .point), " +
    ".gradient-explorer__plot :is(.optimum, .gradient, .arrowhead, " +
    ".start, .step)")].map((mark) => {
      const style = getComputedStyle(mark);
      const colour = style.stroke === "none" ? style.fill : style.stroke;
      return [mark.getAttribute("class"), ratio(colour, page)];
    });
}"""


def test_explorer_marks_stand_out_in_both_palettes(tab, served):
    """Assert every mark of both explorers has at least 3:1 contrast with
    the page, light and dark (as graphics need), and that the toggle
    changes their colours."""
    open_page(tab, served)
    light = tab.evaluate(MARK_CONTRASTS)
    switch_palette(tab, "slate")
    dark = tab.evaluate(MARK_CONTRASTS)
    assert {mark for mark, _ in light} >= {
        "curve", "path", "point", "optimum", "gradient", "start", "step"}
    assert [(mark, ratio) for mark, ratio in light + dark if ratio < 3] == []
    assert light != dark
    assert rows(tab)[0][3] == VALUES["step_1"]


def test_gradient_explorer_matches_python(explorers, site):
    """Assert the 2-D explorer shows Python's gradient and step texts."""
    expected = json.loads(
        (site / "data" / "calculus_basics" / "gradient-expected.json")
        .read_text("utf-8"))
    tab = explorers.open()
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


def test_gradient_explorer_takes_a_click(explorers):
    """Assert a click on the contour plot picks a new start point."""
    tab = explorers.open()
    plot = tab.locator(".gradient-explorer__plot")
    box = plot.bounding_box()
    # Playwright waits until the plot is in view and stable, then clicks
    plot.click(position={"x": box["width"] * 0.25,
                         "y": box["height"] * 0.25})
    theta = [float(tab.input_value(
        f".gradient-explorer input[data-setting=theta{i}]")) for i in (1, 2)]
    assert theta != [0.0, 0.0]
    texts = json.loads(tab.locator(".gradient-explorer__readout")
                       .get_attribute("data-values"))
    assert texts == cb.gradient_step_texts(*theta)


def default(setting):
    return {"theta0": VALUES["start"], "alpha": VALUES["alpha"],
            "steps": str(cb.EXPLORER_STEPS)}[setting]


# settings a reader may type, and what the explorer says of each
NONSENSE = [
    ("alpha", "", "Empty: α must be a number from 0.01 to 1.5"),
    ("alpha", "-1", "\u22121 is out of range"),
    ("alpha", "5", "5 is out of range"),
    ("alpha", "1e309", "Not a number: α must be"),  # past the largest float
    ("theta0", "50", "50 is out of range: θ₀ must be a number from \u22121"),
    ("theta0", "-3", "\u22123 is out of range"),
    ("steps", "0", "0 is out of range: The steps must be a whole number"),
    ("steps", "1000", "1000 is out of range"),
    ("steps", "2.5", "2.5 is not whole"),
]


def test_explorer_refuses_nonsense_visibly(explorers):
    """Assert each setting outside its range is marked invalid, explained
    next to the field, and leaves no stale table, plot or verdict; and
    that a valid setting brings them back (one page, setting after
    setting, as a reader would try them)."""
    tab = explorers.open()
    for setting, text, reason in NONSENSE:
        case = f"{setting}={text!r}"
        field = tab.locator(f"{EXPLORER} input[data-setting={setting}]")
        settle(tab, setting, text)
        assert field.get_attribute("aria-invalid") == "true", case
        note = tab.locator("#" + field.get_attribute("aria-describedby"))
        assert note.is_visible() and reason in note.inner_text(), case
        assert rows(tab) == [], case
        assert regime(tab) == "invalid", case
        assert tab.locator(
            f"{EXPLORER} .ascent-explorer__plot > *").count() == 0, case
        settle(tab, setting, default(setting))
        assert field.get_attribute("aria-invalid") is None, case
        assert not note.is_visible(), case
        assert rows(tab)[1][3] == VALUES["step_2"], case
    assert tab.problems == []


def test_explorer_refuses_text_that_is_not_a_number(explorers):
    """Assert typing a broken number marks alpha invalid, and the slider
    is not taken as its value."""
    tab = explorers.open()
    field = tab.locator(f"{EXPLORER} input[data-setting=alpha]")
    field.fill("")
    field.press_sequentially("1e")
    assert field.get_attribute("aria-invalid") == "true"
    note = tab.locator("#" + field.get_attribute("aria-describedby"))
    assert "Not a number" in note.inner_text()
    assert rows(tab) == [] and regime(tab) == "invalid"


@pytest.mark.parametrize("text, reason", [
    ("100", "100 is out of range: θ₁ must be a number from \u22121 to 3"),
    ("", "Empty: θ₁ must be a number"),
])
def test_gradient_explorer_refuses_nonsense(explorers, text, reason):
    """Assert a point off the plot or an empty coordinate is refused,
    with no arrow and no readout left from before."""
    tab = explorers.open()
    field = tab.locator(".gradient-explorer input[data-setting=theta1]")
    field.fill(text)
    assert field.get_attribute("aria-invalid") == "true"
    note = tab.locator("#" + field.get_attribute("aria-describedby"))
    assert reason in note.inner_text()
    readout = tab.locator(".gradient-explorer__readout")
    assert readout.get_attribute("data-values") == "[]"
    assert tab.locator(".gradient-explorer__plot > *").count() == 0
    field.fill("0")
    assert field.get_attribute("aria-invalid") is None
    assert json.loads(readout.get_attribute("data-values")) == [
        VALUES[name] for name in ("grad_origin_1", "grad_origin_2",
                                  "update_1", "update_2")]


def test_wide_table_shows_that_it_scrolls(browser, served):
    """Assert at 390 px a table of long numbers scrolls sideways inside
    its box, which shades the edge with more beyond it."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    tab = context.new_page()
    open_page(tab, served)
    settle(tab, "alpha", "1.5")
    settle(tab, "steps", "30")
    scroller = tab.locator(".ascent-explorer__scroll")
    width = scroller.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert width[0] > width[1]
    assert "radial-gradient" in scroller.evaluate(
        "el => getComputedStyle(el).backgroundImage")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


@pytest.mark.parametrize("text, limits, whole, expected", [
    ("0.5", [0.01, 1.5], False, {"value": 0.5}),
    ("1.5", [0.01, 1.5], False, {"value": 1.5}),
    ("+.25", [0, 1], False, {"value": 0.25}),
    ("3", [1, 30], True, {"value": 3}),
    ("0.009", [0.01, 1.5], False, "out of range"),
    ("NaN", [0, 1], False, "is not a number"),
    ("Infinity", [0, 1], False, "is not a number"),
    ("-1e400", [0, 1], False, "is too large"),
    ("0x10", [0, 100], False, "is not a number"),
    (" ", [0, 1], False, "Empty"),
    ("30.5", [1, 30], True, "out of range"),
    ("7.5", [1, 30], True, "is not whole"),
])
def test_field_rules_without_a_browser(text, limits, whole, expected):
    """Assert the script's field check, run in a JavaScript engine with
    no page: numbers in range pass unchanged, everything else is refused
    with its reason."""
    result, = in_engine(
        f"window.ascentExplorer.check({json.dumps(text)}, 'x', "
        f"{json.dumps(limits)}, {json.dumps(whole)})")
    if isinstance(expected, dict):
        assert result == expected
    else:
        assert expected in result["error"]


# ---- every translated edition ------------------------------------------

EDITIONS = [language for language in LANGUAGES if not language.original]
by_edition = pytest.mark.parametrize("language", EDITIONS,
                                     ids=lambda language: language.code)
PLACEHOLDER = re.compile(r"\{\w+\}")


def flat(table, path=""):
    """A nested word table as ``{"regimes.converges": text}``."""
    found = {}
    for key, value in table.items():
        if isinstance(value, dict):
            found.update(flat(value, f"{path}{key}."))
        else:
            found[path + key] = value
    return found


def original_words():
    """The script's own words (the original language's), read from it in
    a JavaScript engine with no page."""
    return in_engine("window.ascentExplorer.WORDS")[0]


def edition_words(language):
    """The edition's words for the explorer: its table over the script's."""
    return {**flat(original_words()),
            **flat(TABLES[language.code].scripts.get("explorer", {}))}


def fragments(template):
    """The fixed parts of a template, which its filled-in text holds."""
    return [part for part in PLACEHOLDER.split(template) if part.strip()]


def says(text, template):
    return all(part in text for part in fragments(template))


def original_only(language):
    """Words of the original's table that the edition's words never use:
    none of them may show on the edition's page."""
    ours = " ".join(edition_words(language).values())
    return {word for text in flat(original_words()).values()
            for word in re.findall(r"[A-Za-z]{3,}", text)
            if word not in ours}


def explorer_texts(tab):
    """What a reader of either explorer sees or hears: labels, names,
    verdict and readout."""
    return tab.evaluate("""() => {
      const boxes = ".ascent-explorer, .gradient-explorer";
      const texts = [];
      document.querySelectorAll(boxes).forEach((box) => {
        box.querySelectorAll("label, .ascent-explorer__verdict, " +
          ".gradient-explorer__readout").forEach(
          (node) => texts.push(node.textContent));
        box.querySelectorAll("[aria-label]").forEach(
          (node) => texts.push(node.getAttribute("aria-label")));
      });
      return texts;
    }""")


def shown(tab):
    """The table, verdict regime and gradient readout's numbers."""
    readout = tab.locator(".gradient-explorer__readout")
    return rows(tab), regime(tab), json.loads(
        readout.get_attribute("data-values"))


@by_edition
def test_an_edition_shows_the_originals_digits(explorers, language):
    """Assert an edition's explorers start from the original page's
    numbers and print the same digits."""
    original = shown(explorers.open())
    tab = explorers.open(language.folder)
    edition = shown(tab)
    assert tab.evaluate("document.documentElement.lang") == language.code
    assert edition == original
    assert edition[0][1][3] == VALUES["step_2"]
    headers = tab.locator(f"{EXPLORER} th").all_text_contents()
    assert headers == ["t", "θₜ", "J′(θₜ)", "θₜ₊₁", "J(θₜ₊₁)"]
    assert tab.problems == []


@by_edition
@pytest.mark.parametrize("alpha, regime_name", [
    (VALUES["alpha"], "converges"), ("0.7", "oscillates"),
    ("1.2", "diverges")])
def test_an_editions_explorer_speaks_its_words(explorers, language,
                                                alpha, regime_name):
    """Assert every label, verdict and readout of an edition's page says
    its word table's words, with the page's numbers filled in, and no
    word of the original's that the edition does not use."""
    words = edition_words(language)
    foreign = original_only(language)
    tab = explorers.open(language.folder)
    settle(tab, "alpha", alpha)
    assert regime(tab) == regime_name
    texts = explorer_texts(tab)
    assert len(texts) >= 10
    for text in texts:
        assert not set(re.findall(r"[A-Za-z]{3,}", text)) & foreign, text
    labels = tab.locator(f"{EXPLORER} label").all_inner_texts()
    assert labels == [words["start"], words["rate"], words["steps"]]
    verdict = tab.locator(".ascent-explorer__verdict").inner_text()
    assert verdict.startswith(words[f"titles.{regime_name}"])
    assert says(verdict, words[f"regimes.{regime_name}"])
    assert says(verdict, words["hint"])
    assert VALUES["alpha_diverges"] in verdict
    readout = tab.locator(".gradient-explorer__readout").text_content()
    assert says(readout, words["readout"])
    assert tab.problems == []


@by_edition
@pytest.mark.parametrize("selector, text, problem, wanted", [
    (f"{EXPLORER} input[data-setting=alpha]", "", "empty", "wantedNumber"),
    (f"{EXPLORER} input[data-setting=theta0]", "50", "outOfRange",
     "wantedNumber"),
    (f"{EXPLORER} input[data-setting=steps]", "2.5", "notWhole",
     "wantedWhole"),
    (".gradient-explorer input[data-setting=theta1]", "100", "outOfRange",
     "wantedNumber"),
])
def test_an_editions_explorer_refuses_nonsense_in_its_words(
        explorers, language, selector, text, problem, wanted):
    """Assert an invalid entry on an edition's page is marked invalid and
    explained in the edition's words, and so is the empty result."""
    words = edition_words(language)
    foreign = original_only(language)
    tab = explorers.open(language.folder)
    field = tab.locator(selector)
    field.fill(text)
    assert field.get_attribute("aria-invalid") == "true"
    note = tab.locator("#" + field.get_attribute("aria-describedby"))
    assert note.is_visible()
    reason = note.inner_text()
    assert says(reason, words[problem]) and says(reason, words[wanted])
    if selector.startswith(EXPLORER):
        assert rows(tab) == [] and regime(tab) == "invalid"
        result = tab.locator(".ascent-explorer__verdict").inner_text()
        plot = tab.locator(".ascent-explorer__plot")
        assert result == words["noResult"]
    else:
        result = tab.locator(".gradient-explorer__readout").inner_text()
        plot = tab.locator(".gradient-explorer__plot")
        assert result == words["noGradient"]
    label = plot.get_attribute("aria-label")
    assert label in (words["noPlot"], words["noPoint"])
    assert not set(re.findall(r"[A-Za-z]{3,}", reason + label)) & foreign
    assert tab.problems == []


@by_edition
def test_word_tables_match_without_a_browser(language):
    """Assert the edition's explorer words translate exactly the script's
    keys, fill in the same numbers, follow the edition's terms, and reach
    the script from the page (run in a JavaScript engine with no page)."""
    original = flat(original_words())
    table = flat(TABLES[language.code].scripts["explorer"])
    assert set(table) == set(original)
    for key, text in table.items():
        assert sorted(PLACEHOLDER.findall(text)) == sorted(
            PLACEHOLDER.findall(original[key])), key
    every_original = " ".join(original.values()).lower()
    every_edition = " ".join(table.values())
    for term, entry in TABLES[language.code].terms.items():
        assert not [word for word in entry.get("avoid", [])
                    if word in every_edition], term
        if re.search(rf"\b{re.escape(term.lower())}s?\b", every_original):
            assert entry["use"] in every_edition, term
    error, shown = in_engine(
        "window.ascentExplorer.check('', 'n', [1, 30], true).error",
        "window.ascentExplorer.words",
        words={"explorer": TABLES[language.code].scripts["explorer"]})
    assert flat(shown) == {**original, **table}
    assert says(error, table["empty"]) and says(error, table["wantedWhole"])
