"""Numbers as pages print them, and the claims pages make about them.

Page modules print numbers with ``format_number`` (in notebooks and for the
explorers' expected digits), and the build prints their ``page_values()``
with the same function, so a number reads the same everywhere.

>>> format_number(-2 * (0.2 - 0.8))
'1.2'
>>> claim(0.32 < 0.416, "the second step is the larger")
"""

import math
from decimal import ROUND_HALF_EVEN, Decimal
from numbers import Real

SIGNIFICANT = 12  # digits "auto" keeps: float noise sits past the 15th
# "auto" prints positional digits for magnitudes in [SMALL, LARGE)
SMALL, LARGE = Decimal("1e-6"), Decimal("1e12")
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def check_number(number, name="value"):
    """Refuse what is not a finite real number (bool included).

    >>> check_number(True, "steps")
    Traceback (most recent call last):
    ...
    TypeError: steps: True is not a number
    >>> check_number(float("nan"), "alpha")
    Traceback (most recent call last):
    ...
    ValueError: alpha: nan is not finite
    """
    if isinstance(number, bool) or not isinstance(number, Real):
        raise TypeError(f"{name}: {number!r} is not a number")
    if not math.isfinite(number):
        raise ValueError(f"{name}: {number!r} is not finite")


def number_parts(number, fmt="auto"):
    """``(mantissa, exponent)`` with number = mantissa x 10**exponent.

    ``exponent`` is None when the mantissa is the whole number. ``"auto"``
    keeps 12 significant digits (rounding the float's exact value half to
    even) and is positional from 1e-6 up to 1e12, scientific beyond;
    ``"sci"`` is always scientific; anything else is a Python format spec
    such as ``".2f"``, which must not produce an exponent. "-0" is "0".

    >>> number_parts(0.1 + 0.2), number_parts(12345678901.5)
    (('0.3', None), ('12345678901.5', None))
    >>> number_parts(1.234e-11), number_parts(3e-4, "sci")
    (('1.234', -11), ('3', -4))
    >>> number_parts(-0.0), number_parts(-1e-12, ".2f")
    (('0', None), ('0.00', None))
    >>> number_parts(2.5, ".0f"), number_parts(3.5, ".0f")
    (('2', None), ('4', None))
    """
    check_number(number)
    if fmt in ("auto", "sci"):
        value = Decimal(float(number))  # the float's exact value
        if value == 0:
            return "0", None
        rounded = _significant(value)
        if fmt == "auto" and SMALL <= abs(rounded) < LARGE:
            return _strip_sign_of_zero(_positional(rounded)), None
        exponent = rounded.adjusted()
        mantissa = rounded.scaleb(-exponent)
        return _positional(mantissa), exponent
    text = format(number, fmt)
    if not any(c.isdigit() for c in text) or "e" in text.lower():
        raise ValueError(f"format {fmt!r} gives {text!r}: use 'auto' or "
                         "'sci' for numbers that need an exponent")
    return _strip_sign_of_zero(text), None


def format_number(number, fmt="auto"):
    """The number as plain text: ASCII minus, never e-notation.

    >>> format_number(18.000000000000004), format_number(1.0, ".2f")
    ('18', '1.00')
    >>> format_number(3e-4, "sci"), format_number(1e-3, "sci")
    ('3×10⁻⁴', '10⁻³')
    """
    mantissa, exponent = number_parts(number, fmt)
    if exponent is None:
        return mantissa
    power = "10" + str(exponent).translate(SUPERSCRIPT)
    if mantissa in ("1", "-1"):
        return mantissa[:-1] + power  # 10⁻³, not 1×10⁻³
    return f"{mantissa}×{power}"


def texts(values):
    """``page_values()`` as the page prints them: name -> text.

    >>> texts({"alpha": 0.1, "J_opt": (1.0, ".2f")})
    {'alpha': '0.1', 'J_opt': '1.00'}
    """
    return {name: format_number(*(entry if isinstance(entry, tuple)
                                  else (entry,)))
            for name, entry in values.items()}


class ClaimError(ValueError):
    """A statement of the prose that the computed values do not support;
    ``about`` names the values (of ``page_values()``) it is about, so
    that the build can point at the sentences that print them."""

    def __init__(self, statement, about=()):
        super().__init__(f"the page says \"{statement}\", which the "
                         "computed values no longer support")
        self.statement = statement
        self.about = (about,) if isinstance(about, str) else tuple(about)


def claim(holds, statement, about=()):
    """Check a statement that a page's prose makes about its numbers;
    ``about``: the name(s) of the values the statement is about.

    >>> try:
    ...     claim(2 > 4, "the second component is the larger", "grad_2")
    ... except ValueError as error:
    ...     print(error, error.about)
    the page says "the second component is the larger", which the \
computed values no longer support ('grad_2',)
    """
    if not holds:
        raise ClaimError(statement, about)


def _significant(value):
    quantum = Decimal(1).scaleb(value.adjusted() - SIGNIFICANT + 1)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_EVEN)
    if rounded.adjusted() > value.adjusted():  # 9.99... rounded up to 10
        rounded = value.quantize(quantum * 10, rounding=ROUND_HALF_EVEN)
    return rounded


def _positional(value):
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _strip_sign_of_zero(text):
    # "-0" and "-0.00" are a sign on nothing
    if text.startswith("-") and not text.strip("-0."):
        return text[1:]
    return text
