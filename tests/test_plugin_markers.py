"""Tests of the plugin's markers, values and lint: numbers that know where
they stand on the page."""

import pytest
from mkdocs.exceptions import PluginError

from appendix_plugin import lint, markers
from appendix_plugin.values import Values


class FakeModules:
    """Page modules given as dicts of values, plus the real values.py."""

    def __init__(self, **modules):
        import snippets.values

        self.pages = modules
        self.numbers = snippets.values

    def load(self, name):
        if name == "values":
            return self.numbers
        if name not in self.pages:
            raise ModuleNotFoundError(f"No module named 'snippets.{name}'",
                                      name=f"snippets.{name}")
        values = self.pages[name]
        return type("Module", (), {"page_values": staticmethod(
            lambda: values)})

    def source_path(self, name):
        return f"snippets/{name}.py"


def render_page(text, page_module="page", **modules):
    values = Values(FakeModules(**modules))
    return markers.substitute(text, values.renderer(page_module, "p.md"),
                              "p.md", first_line=5)


LR = {"alpha": (3e-4, "sci"), "steps": 6, "ratio": (0.5, ".2f")}


def test_each_context_prints_its_own_form():
    """Assert math gets TeX, prose and alt text plain text, attributes
    the exact repr, and code is left alone."""
    text = ('$\\alpha = %%alpha%%$, α = %%alpha%%, `%%alpha%%`\n'
            '![α is %%alpha%%](a.svg){ data-a="%%alpha%%" }\n'
            '<div data-alpha="%%alpha%%" title="α = %%alpha%%"></div>\n'
            "```\nprint('%%alpha%%')\n```")
    assert render_page(text, page=LR) == (
        '$\\alpha = 3\\times10^{-4}$, α = 3×10⁻⁴, `%%alpha%%`\n'
        '![α is 3×10⁻⁴](a.svg){ data-a="0.0003" }\n'
        '<div data-alpha="0.0003" title="α = 3×10⁻⁴"></div>\n'
        "```\nprint('%%alpha%%')\n```")


def test_a_format_chosen_where_the_value_is_used():
    """Assert %%name:fmt%% overrides the value's own format everywhere,
    attributes included."""
    assert render_page("$%%ratio%%$ %%ratio:.1f%% %%alpha:auto%% "
                       '<i data-r="%%ratio:.3f%%">', page=LR) == (
        '$0.50$ 0.5 0.0003 <i data-r="0.500">')


def test_values_of_another_page_module():
    """Assert %%module.name%% prints another module's value."""
    assert render_page("γ = %%chain.gamma%%", page=LR,
                       chain={"gamma": 0.9}) == "γ = 0.9"


@pytest.mark.parametrize("text, message", [
    ("one\n\n$%%alphas%%$", "p.md:7: unknown value name 'alphas'"),
    ("%%chain.delta%%", "p.md:5: unknown value name 'chain.delta'"),
    ("%%nowhere.gamma%%", "p.md:5: no page module snippets/nowhere.py"),
    ("a %%alpha %%", "p.md:5: stray '%%'"),
    ("%%alpha:.1e%%", "p.md:5: %%alpha:.1e%%: format '.1e'"),
])
def test_faults_name_the_page_line_and_item(text, message):
    """Assert every marker fault is reported with its place and name."""
    with pytest.raises(PluginError) as error:
        render_page(text, page=LR, chain={"gamma": 0.9})
    assert message in str(error.value)


def test_percent_signs_in_code_are_not_markers():
    """Assert %% in inline and fenced code is no stray marker."""
    text = "Use `%%` in code, or\n\n```\nx = '%%'\n```"
    assert render_page(text, page=LR) == text


@pytest.mark.parametrize("bad, message", [
    ({"flag": True}, "flag: True is not a number"),
    ({"x": float("nan")}, "x: nan is not finite"),
    ({"x": (1.0, ".1e")}, "format '.1e'"),
    ({"figure": 1.0}, "value name 'figure' is reserved"),
])
def test_page_values_are_checked_when_read(bad, message):
    """Assert a module's bad values stop the build, naming the module."""
    with pytest.raises(PluginError) as error:
        render_page("%%x%%", page=bad)
    assert "snippets/page.py" in str(error.value)
    assert message in str(error.value)


@pytest.mark.parametrize("text, found", [
    ("学习率为0.1，步数为3。", [(1, "0.1"), (1, "3")]),
    ("（０.５）", [(1, "０.５")]),
    ("about .5 of it", [(1, ".5")]),
    ("<p>Steps: 3</p>", [(1, "3")]),
    ('<input value="3"> <td colspan="2">x</td>', []),
    ("<!-- version 2 -->", []),
    ("See E.3.1, `x = 1.5`, [a](p.md#step-2)", []),
    ("$\\theta_1 + \\theta_{12}$", []),
    ("$J'(%%start%%) = 1.2$", [(1, "1.2")]),
    ("line\n\n| %%t%% | 0.64 |", [(3, "0.64")]),
])
def test_lint_finds_numbers_where_readers_read(text, found):
    """Assert typed numbers are found in prose, math, tables, HTML text
    and next to Chinese text, and not in code, attributes or comments."""
    assert lint.typed_numbers(text) == found


def test_allowed_literals_are_per_page():
    """Assert a literal one page allows is still caught on another."""
    text = "the width $2h$ of a difference"
    assert lint.typed_numbers(text, ["2h"]) == []
    assert lint.typed_numbers(text) == [(1, "2")]


def test_marker_in_readable_attribute_with_a_quote_prints_text():
    """Assert an apostrophe in alt text does not make a marker print the
    exact repr meant for scripts."""
    assert render_page("<img alt=\"Bob's α: %%alpha%%\" data-a=\"%%alpha%%\">",
                       page=LR) == (
        "<img alt=\"Bob's α: 3×10⁻⁴\" data-a=\"0.0003\">")


def test_stray_percent_signs_are_placed_on_their_own_line():
    """Assert the reported line is the stray %%'s, not a marker's."""
    with pytest.raises(PluginError, match="p.md:7: stray"):
        render_page("x %%steps%%\nline\nand 5%% here", page=LR)


@pytest.mark.parametrize("text, found", [
    ('<span title="takes 0.5 s">x</span>', [(1, "0.5")]),
    ("![a step of 0.1](a.svg)", [(1, "0.1")]),
    ("$\\frac12$ and $3\\times10^{-4}$",
     [(1, "12"), (1, "3"), (1, "10"), (1, "4")]),
    ("$s_{t+1}$ and $x_2$", []),
    ("`a` and\n\nb 7 `c`", [(3, "7")]),
])
def test_lint_reads_what_readers_read(text, found):
    """Assert numbers in titles and alt text, TeX digits after commands,
    and prose after a stray backtick are found; subscripts are not."""
    assert lint.typed_numbers(text) == found


def test_grouped_digits_and_percentages_are_valid_tex():
    """Assert a format's comma and percent sign print as TeX that KaTeX
    reads as a number, and as plain text in prose."""
    assert render_page("$%%big:,%%$, %%big:,%%, $%%ratio%%$, %%ratio%%",
                       page={"big": 12345, "ratio": (0.25, ".0%")}) == (
        "$12{,}345$, 12,345, $25\\%$, 25%")
