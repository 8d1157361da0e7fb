"""Tests of snippets/values.py: how pages print numbers."""

import math

import numpy as np
import pytest

from snippets.values import check_number, format_number, number_parts, texts


@pytest.mark.parametrize("number, fmt, text", [
    (-2 * (0.2 - 0.8), "auto", "1.2"),
    (0.32 + 0.1 * 0.96, "auto", "0.416"),
    (-18.0, "auto", "-18"),
    (4, "auto", "4"),
    (np.int64(4), "auto", "4"),
    (np.float64(0.1) * 3, "auto", "0.3"),
    (-((0.8 - 0.8) ** 2) + 1, ".2f", "1.00"),
    (0.2, ".1f", "0.2"),
    (-1e-12, ".2f", "0.00"),  # no sign on nothing
    (-0.0, "auto", "0"),
    (0.0, "sci", "0"),
    (1.234e-11, "auto", "1.234×10⁻¹¹"),  # tiny: not rounded to 0
    (3e-5, "auto", "0.00003"),  # not 3e-05
    (1e-6, "auto", "0.000001"),
    (12345678901.5, "auto", "12345678901.5"),  # not 1.23456789e+10
    (1e12, "auto", "10¹²"),
    (-2.5e15, "auto", "-2.5×10¹⁵"),
    (9.9999999999995e-7, "auto", "0.000001"),  # rounds up into range
    (0.125, ".2f", "0.12"),  # ties go to even
    (0.375, ".2f", "0.38"),
    (2.5, ".0f", "2"),
    (3e-4, "sci", "3×10⁻⁴"),
    (1e-3, "sci", "10⁻³"),
    (-1e-3, "sci", "-10⁻³"),
    (-2.5e6, "sci", "-2.5×10⁶"),
])
def test_format_number(number, fmt, text):
    """Assert each format prints what a reader should see."""
    assert format_number(number, fmt) == text


def test_auto_keeps_twelve_significant_digits_half_to_even():
    """Assert ties at the 12th digit round to even on the exact value."""
    assert format_number(1.0000000000005) == "1"  # binary value below tie
    assert format_number(0.1234567890125) == "0.123456789012"
    assert number_parts(2 / 3) == ("0.666666666667", None)


@pytest.mark.parametrize("bad, error", [
    (True, TypeError), (math.nan, ValueError), (math.inf, ValueError),
    (-math.inf, ValueError), ("1.2", TypeError), (None, TypeError)])
def test_non_numbers_are_refused_with_their_name(bad, error):
    """Assert bool, NaN, infinities and text are refused, naming it."""
    with pytest.raises(error, match="^alpha: "):
        check_number(bad, "alpha")
    with pytest.raises(error):
        format_number(bad)


def test_formats_that_would_print_an_exponent_are_refused():
    """Assert a Python format giving e-notation is refused."""
    with pytest.raises(ValueError, match="'sci'"):
        number_parts(3e-5, ".1e")
    with pytest.raises(ValueError, match="'sci'"):
        number_parts(1e20, ".3g")


def test_texts_print_a_page_values_mapping():
    """Assert page_values() entries print with their own formats."""
    assert texts({"a": 0.1 + 0.2, "b": (1.0, ".2f"), "c": (3e-4, "sci")}
                 ) == {"a": "0.3", "b": "1.00", "c": "3×10⁻⁴"}
