"""Tests of snippets/register.py: formats, markers, the typed-number lint."""

import math
import re

import pytest

from snippets.register import (ALLOWED_LITERALS, Register, RegisterError,
                               format_number, substitute, typed_numbers)

from .conftest import ROOT


@pytest.mark.parametrize("number, fmt, text", [
    (-2 * (0.2 - 0.8), "auto", "1.2"),
    (0.32 + 0.1 * 0.96, "auto", "0.416"),
    (-18.0, "auto", "-18"),
    (4, "auto", "4"),
    (-((0.8 - 0.8) ** 2) + 1, ".2f", "1.00"),
    (0.2, ".1f", "0.2"),
    (1.0, ".1f", "1.0"),
    (-1e-12, ".2f", "0.00"),
    (-0.0, "auto", "0"),
    (3e-4, "sci", r"3\times10^{-4}"),
    (1e-3, "sci", "10^{-3}"),
    (-2.5e6, "sci", r"-2.5\times10^{6}"),
])
def test_format_number(number, fmt, text):
    """Assert each display format prints what a reader should see."""
    assert format_number(number, fmt) == text


@pytest.mark.parametrize("bad", [math.nan, math.inf, "1.2", None])
def test_format_number_refuses_non_numbers(bad):
    """Assert a value that is not a finite real number is refused."""
    with pytest.raises(RegisterError):
        format_number(bad)


def test_register_refuses_bad_names_and_formats():
    """Assert names must be identifiers and formats must work at once."""
    values = Register()
    with pytest.raises(RegisterError, match="not a valid value name"):
        values.add("two words", 1.0)
    with pytest.raises(ValueError):
        values.add("x", 1.0, ".2q")
    assert "x" not in values


def test_substitute_in_prose_math_and_tables():
    """Assert markers are replaced in prose, in TeX groups and in tables."""
    values = Register()
    values.add("a", 0.5)
    values.add("b", 2.0, ".2f")
    markdown = ("Step %%a%%.\n"
                r"$$\frac{%%a%%}{%%b%%}$$" "\n"
                "| %%a%% | $%%b%%$ |")
    assert substitute(markdown, values, "p.md") == (
        "Step 0.5.\n"
        r"$$\frac{0.5}{2.00}$$" "\n"
        "| 0.5 | $2.00$ |")


def test_substitute_names_page_line_and_value():
    """Assert an unknown name is reported with the file's line number."""
    values = Register()
    with pytest.raises(RegisterError) as error:
        substitute("one\n\n$x = %%missing%%$", values, "docs/p.md", 5)
    assert str(error.value) == "docs/p.md:7: unknown value name 'missing'"


def test_typed_numbers_finds_results_in_math_and_tables():
    """Assert computed results typed anywhere in prose are found."""
    markdown = ("Intro.\n"
                "$$J'(%%start%%) = 1.2$$\n"
                "| $\\theta$ | $J$ |\n"
                "| %%t%% | 0.64 |\n"
                "The answer is -18.")
    assert typed_numbers(markdown) == [(2, "1.2"), (4, "0.64"), (5, "18")]


def test_typed_numbers_skips_what_is_not_a_number_on_the_page():
    """Assert code, includes, links, page numbers and subscripts pass."""
    markdown = ("See E.3.2 and [the start](page.md#step-2).\n"
                "``` python\nx = 1.2\n```\n"
                '--8<-- "calculus_basics.py:objective"\n'
                "Inline `f(0.5)` and $\\theta_1 + \\theta_{12}$.\n"
                "$-(\\theta - %%opt_1%%)^2$ and $-2(\\theta - 1)$ and $2h$.")
    assert typed_numbers(markdown) == [(7, "1")]


def test_allowed_literals_each_have_a_reason():
    """Assert every allowed literal is a valid pattern with a reason."""
    for pattern, reason in ALLOWED_LITERALS.items():
        re.compile(pattern)
        assert len(reason.split()) >= 4, pattern


@pytest.mark.parametrize("page", sorted((ROOT / "docs").glob("*.md")),
                         ids=lambda p: p.name)
def test_pages_type_no_computed_numbers(page):
    """Assert no page of the site types a number into its Markdown."""
    assert typed_numbers(page.read_text("utf-8")) == []
