"""Unit conversion and number formatting behind {{convert}} (viewer.article.units),
plus property tests that the pure helpers of the H4 template families never raise."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.article import units
from viewer.article.templates.dates import parse_date
from viewer.article.templates.inline import convert_text
from viewer.article.templates.parserfunctions import ExprError, evaluate, format_expr


def test_convert_between_units() -> None:
    assert units.convert(1, "mi", "km") == pytest.approx(1.609344)
    assert units.convert(100, "C", "F") == pytest.approx(212)
    assert units.convert(0, "K", "C") == pytest.approx(-273.15)
    assert units.convert(1, "acre", "m2") == pytest.approx(4046.8564224)
    with pytest.raises(ValueError):
        units.convert(1, "km", "kg")
    with pytest.raises(ValueError):
        units.convert(1, "km", "furlong")


def test_aliases_and_lookup() -> None:
    assert units.lookup("kilometres") == ("km", units.UNITS["km"])
    assert units.lookup("°C") == ("C", units.UNITS["C"])
    assert units.lookup("parsec") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2.50", 2), ("100", -2), ("105", 0), ("0", 0), ("1,000", -3), ("-30", -1)],
)
def test_input_precision(raw: str, expected: int) -> None:
    assert units.input_precision(raw) == expected


def test_format_number_rounding_and_signs() -> None:
    assert units.format_number(1234.5, 0) == "1,235"
    assert units.format_number(1234.5, -2) == "1,200"
    assert units.format_number(-0.125, 2) == "−0.13"
    assert units.format_number(2.5, 0) == "3"
    assert units.format_number(float("inf"), 0) == "∞"
    assert units.format_input("-1234.50") == "−1,234.50"
    assert units.format_input("abc") == "abc"


def test_parse_number_forms() -> None:
    assert units.parse_number("1,234.5") == 1234.5
    assert units.parse_number("−3") == -3
    assert units.parse_number("1/2") == 0.5
    assert units.parse_number("1+1/2") == 1.5
    assert units.parse_number("abc") is None
    assert units.parse_number("1/0") is None


def test_unit_names() -> None:
    assert units.unit_name(units.UNITS["km"], 1) == "kilometre"
    assert units.unit_name(units.UNITS["km"], 2) == "kilometres"
    assert units.unit_name(units.UNITS["km"], 2, us=True) == "kilometers"
    assert units.unit_name(units.UNITS["ft"], 3) == "feet"


_WORDS = st.sampled_from(["km", "mi", "C", "F", "to", "-", "x", "1e400", "abc", "", "0",
                          "-5", "3.5", "1/2", "m", "ft", "in", "kg", "ha", "2", "lb"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS | st.text(max_size=6), max_size=7),
       st.dictionaries(st.sampled_from(["abbr", "disp", "adj", "sp", "sigfig", "order"]),
                       st.sampled_from(["on", "off", "flip", "or", "us", "3", "out", "x"])))
def test_convert_text_never_raises(args: list[str], named: dict[str, str]) -> None:
    assert isinstance(convert_text(args, named), str)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789.+-*/^()<>=! eEmodrundpiabsfloorceil", max_size=25))
def test_evaluate_only_raises_expr_error(expr: str) -> None:
    try:
        value = evaluate(expr)
    except ExprError:
        return
    assert isinstance(format_expr(value), str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_parse_date_never_raises(text: str) -> None:
    result = parse_date(text)
    assert result is None or isinstance(result.year, int)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["300", "N.m"], "300 newton-metres (220 lb⋅ft)"),
        (["500", "cc"], "500 cubic centimetres (31 cu in)"),
        (["1000", "m3/s"], "1,000 cubic metres per second (35,000 cu ft/s)"),
        (["4.2", "ly"], "4.2 light-years (39,700,000,000,000 km)"),
        (["1", "AU"], "1 astronomical unit (150,000,000 km)"),
        (["12", "in", "cm"], "12 inches (30 cm)"),
        (["1.5", "e6km2"], "1.5 million square kilometres (0.58 million sq mi)"),
        (["3", "e9m3", "e9cuft"], "3 billion cubic metres (110 billion cu ft)"),
    ],
)
def test_more_units_and_large_factors(args: list[str], expected: str) -> None:
    assert convert_text(args) == expected
