"""Unit conversion for ``{{convert}}`` (pure functions, no wikitext).

The numbers follow Wikipedia's Module:Convert closely enough for reading: the converted
value is rounded to the precision of the input, adjusted so that it keeps at least two
significant figures (``10 km`` -> ``6.2 mi``, ``100 km`` -> ``62 mi``); temperatures keep
the input's decimals (``37 °C`` -> ``99 °F``).

>>> format_number(convert(10, "km", "mi"), default_precision("10", 10, "km", "mi"))
'6.2'
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit.

    Attributes:
        symbol: the abbreviation shown (``km``, ``°C``).
        name: singular name (British spelling, as English Wikipedia's default).
        plural: plural name.
        dimension: what it measures; only units of one dimension convert.
        factor: size in the dimension's base unit (metres, kilograms, ...).
        offset: for temperatures, base = value * factor + offset (kelvin).
        default: the unit(s) a conversion goes to when none is given.
        us_name: US spelling of ``name`` / ``plural`` prefix replacement, when different.
    """

    symbol: str
    name: str
    plural: str
    dimension: str
    factor: float
    offset: float = 0.0
    default: str = ""
    us_name: tuple[str, str] = ("", "")


def _u(
    symbol: str, name: str, plural: str, dim: str, factor: float, default: str,
    *, offset: float = 0.0, us: tuple[str, str] = ("", ""),
) -> Unit:
    return Unit(symbol, name, plural, dim, factor, offset, default, us)


_MET = ("metre", "meter")
_LIT = ("litre", "liter")

UNITS: dict[str, Unit] = {
    # length (metres)
    "m": _u("m", "metre", "metres", "length", 1.0, "ft", us=_MET),
    "km": _u("km", "kilometre", "kilometres", "length", 1000.0, "mi", us=_MET),
    "cm": _u("cm", "centimetre", "centimetres", "length", 0.01, "in", us=_MET),
    "mm": _u("mm", "millimetre", "millimetres", "length", 0.001, "in", us=_MET),
    "mi": _u("mi", "mile", "miles", "length", 1609.344, "km"),
    "ft": _u("ft", "foot", "feet", "length", 0.3048, "m"),
    "in": _u("in", "inch", "inches", "length", 0.0254, "mm"),
    "yd": _u("yd", "yard", "yards", "length", 0.9144, "m"),
    "nmi": _u("nmi", "nautical mile", "nautical miles", "length", 1852.0, "km"),
    # mass (kilograms)
    "kg": _u("kg", "kilogram", "kilograms", "mass", 1.0, "lb"),
    "g": _u("g", "gram", "grams", "mass", 0.001, "oz"),
    "mg": _u("mg", "milligram", "milligrams", "mass", 1e-6, "gr"),
    "lb": _u("lb", "pound", "pounds", "mass", 0.45359237, "kg"),
    "oz": _u("oz", "ounce", "ounces", "mass", 0.028349523125, "g"),
    "t": _u("t", "tonne", "tonnes", "mass", 1000.0, "LT"),
    "LT": _u("long tons", "long ton", "long tons", "mass", 1016.0469088, "t"),
    "ST": _u("short tons", "short ton", "short tons", "mass", 907.18474, "t"),
    "st": _u("st", "stone", "stone", "mass", 6.35029318, "kg"),
    "gr": _u("gr", "grain", "grains", "mass", 6.479891e-5, "mg"),
    # area (square metres)
    "m2": _u("m²", "square metre", "square metres", "area", 1.0, "sqft", us=_MET),
    "km2": _u("km²", "square kilometre", "square kilometres", "area", 1e6, "sqmi", us=_MET),
    "ha": _u("ha", "hectare", "hectares", "area", 1e4, "acre"),
    "sqmi": _u("sq mi", "square mile", "square miles", "area", 2589988.110336, "km2"),
    "acre": _u("acres", "acre", "acres", "area", 4046.8564224, "ha"),
    "sqft": _u("sq ft", "square foot", "square feet", "area", 0.09290304, "m2"),
    # volume (cubic metres)
    "L": _u("L", "litre", "litres", "volume", 0.001, "USgal", us=_LIT),
    "mL": _u("mL", "millilitre", "millilitres", "volume", 1e-6, "USoz", us=_LIT),
    "m3": _u("m³", "cubic metre", "cubic metres", "volume", 1.0, "cuft", us=_MET),
    "cuft": _u("cu ft", "cubic foot", "cubic feet", "volume", 0.028316846592, "m3"),
    "USgal": _u("US gal", "US gallon", "US gallons", "volume", 0.003785411784, "L"),
    "impgal": _u("imp gal", "imperial gallon", "imperial gallons", "volume", 0.00454609, "L"),
    "USoz": _u("US fl oz", "US fluid ounce", "US fluid ounces", "volume",
               2.95735295625e-5, "mL"),
    # speed (metres per second)
    "km/h": _u("km/h", "kilometre per hour", "kilometres per hour", "speed", 1 / 3.6, "mph",
               us=_MET),
    "mph": _u("mph", "mile per hour", "miles per hour", "speed", 0.44704, "km/h"),
    "kn": _u("kn", "knot", "knots", "speed", 1852 / 3600, "km/h"),
    "m/s": _u("m/s", "metre per second", "metres per second", "speed", 1.0, "ft/s", us=_MET),
    "ft/s": _u("ft/s", "foot per second", "feet per second", "speed", 0.3048, "m/s"),
    # temperature (kelvin)
    "C": _u("°C", "degree Celsius", "degrees Celsius", "temperature", 1.0, "F",
            offset=273.15),
    "F": _u("°F", "degree Fahrenheit", "degrees Fahrenheit", "temperature", 5 / 9, "C",
            offset=273.15 - 32 * 5 / 9),
    "K": _u("K", "kelvin", "kelvins", "temperature", 1.0, "C"),
    # energy (joules)
    "J": _u("J", "joule", "joules", "energy", 1.0, "cal"),
    "kJ": _u("kJ", "kilojoule", "kilojoules", "energy", 1e3, "kcal"),
    "MJ": _u("MJ", "megajoule", "megajoules", "energy", 1e6, "kWh"),
    "cal": _u("cal", "calorie", "calories", "energy", 4.184, "J"),
    "kcal": _u("kcal", "kilocalorie", "kilocalories", "energy", 4184.0, "kJ"),
    "kWh": _u("kW⋅h", "kilowatt-hour", "kilowatt-hours", "energy", 3.6e6, "MJ"),
    # power (watts)
    "W": _u("W", "watt", "watts", "power", 1.0, "hp"),
    "kW": _u("kW", "kilowatt", "kilowatts", "power", 1e3, "hp"),
    "MW": _u("MW", "megawatt", "megawatts", "power", 1e6, "hp"),
    "hp": _u("hp", "horsepower", "horsepower", "power", 745.69987158227, "kW"),
    "PS": _u("PS", "metric horsepower", "metric horsepower", "power", 735.49875, "kW"),
    # pressure (pascals)
    "Pa": _u("Pa", "pascal", "pascals", "pressure", 1.0, "psi"),
    "kPa": _u("kPa", "kilopascal", "kilopascals", "pressure", 1e3, "psi"),
    "MPa": _u("MPa", "megapascal", "megapascals", "pressure", 1e6, "psi"),
    "psi": _u("psi", "pound per square inch", "pounds per square inch", "pressure",
              6894.757293168, "kPa"),
    "bar": _u("bar", "bar", "bars", "pressure", 1e5, "psi"),
    "atm": _u("atm", "standard atmosphere", "standard atmospheres", "pressure", 101325.0,
              "kPa"),
    "mmHg": _u("mmHg", "millimetre of mercury", "millimetres of mercury", "pressure",
               133.322387415, "kPa", us=_MET),
    # force (newtons) and torque (newton-metres)
    "N": _u("N", "newton", "newtons", "force", 1.0, "lbf"),
    "kN": _u("kN", "kilonewton", "kilonewtons", "force", 1e3, "lbf"),
    "lbf": _u("lbf", "pound-force", "pounds-force", "force", 4.4482216152605, "N"),
    "N.m": _u("N⋅m", "newton-metre", "newton-metres", "torque", 1.0, "lbft", us=_MET),
    "lbft": _u("lb⋅ft", "pound-foot", "pound-feet", "torque", 1.3558179483314, "N.m"),
    # more volumes, areas, lengths, speeds, flows, energies, powers
    "cc": _u("cc", "cubic centimetre", "cubic centimetres", "volume", 1e-6, "cuin", us=_MET),
    "cuin": _u("cu in", "cubic inch", "cubic inches", "volume", 1.6387064e-5, "cc"),
    "cm2": _u("cm²", "square centimetre", "square centimetres", "area", 1e-4, "sqin",
              us=_MET),
    "sqin": _u("sq in", "square inch", "square inches", "area", 6.4516e-4, "cm2"),
    "um": _u("μm", "micrometre", "micrometres", "length", 1e-6, "in", us=_MET),
    "nm": _u("nm", "nanometre", "nanometres", "length", 1e-9, "in", us=_MET),
    "AU": _u("AU", "astronomical unit", "astronomical units", "length", 149597870700.0,
             "km"),
    "ly": _u("ly", "light-year", "light-years", "length", 9460730472580800.0, "km"),
    "pc": _u("pc", "parsec", "parsecs", "length", 3.0856775814913673e16, "ly"),
    "km/s": _u("km/s", "kilometre per second", "kilometres per second", "speed", 1e3, "mi/s",
               us=_MET),
    "mi/s": _u("mi/s", "mile per second", "miles per second", "speed", 1609.344, "km/s"),
    "m3/s": _u("m³/s", "cubic metre per second", "cubic metres per second", "flow", 1.0,
               "cuft/s", us=_MET),
    "cuft/s": _u("cu ft/s", "cubic foot per second", "cubic feet per second", "flow",
                 0.028316846592, "m3/s"),
    "MWh": _u("MW⋅h", "megawatt-hour", "megawatt-hours", "energy", 3.6e9, "GJ"),
    "GWh": _u("GW⋅h", "gigawatt-hour", "gigawatt-hours", "energy", 3.6e12, "TJ"),
    "TWh": _u("TW⋅h", "terawatt-hour", "terawatt-hours", "energy", 3.6e15, "PJ"),
    "GJ": _u("GJ", "gigajoule", "gigajoules", "energy", 1e9, "MWh"),
    "TJ": _u("TJ", "terajoule", "terajoules", "energy", 1e12, "GWh"),
    "PJ": _u("PJ", "petajoule", "petajoules", "energy", 1e15, "TWh"),
    "GW": _u("GW", "gigawatt", "gigawatts", "power", 1e9, "hp"),
}

ALIASES: dict[str, str] = {
    "metre": "m", "meter": "m", "metres": "m", "meters": "m",
    "kilometre": "km", "kilometer": "km", "kilometres": "km", "kilometers": "km",
    "mile": "mi", "miles": "mi", "foot": "ft", "feet": "ft", "inch": "in", "inches": "in",
    "kilogram": "kg", "kilograms": "kg", "pound": "lb", "pounds": "lb", "lbs": "lb",
    "km²": "km2", "sqkm": "km2", "sq km": "km2", "mi2": "sqmi", "sq mi": "sqmi",
    "m²": "m2", "sqm": "m2", "ft2": "sqft", "sq ft": "sqft", "acres": "acre",
    "hectare": "ha", "hectares": "ha",
    "l": "L", "litre": "L", "liter": "L", "litres": "L", "liters": "L", "ml": "mL",
    "m³": "m3", "cum": "m3", "ft3": "cuft", "cu ft": "cuft", "usgal": "USgal",
    "gal": "USgal", "USfloz": "USoz",
    "kph": "km/h", "kmh": "km/h", "km/hr": "km/h", "knot": "kn", "knots": "kn", "kt": "kn",
    "°C": "C", "°F": "F", "degC": "C", "degF": "F",
    "kWh": "kWh", "kW.h": "kWh", "bhp": "hp", "shp": "hp", "ihp": "hp", "tonne": "t",
    "tonnes": "t", "lb/sqin": "psi",
    "Nm": "N.m", "N·m": "N.m", "N-m": "N.m", "lb.ft": "lbft", "lbf.ft": "lbft",
    "lbfft": "lbft", "ftlbf": "lbft", "ft.lbf": "lbft", "cm3": "cc", "in3": "cuin",
    "µm": "um", "μm": "um", "micrometre": "um", "cumecs": "m3/s", "cusecs": "cuft/s",
    "ft3/s": "cuft/s", "GW.h": "GWh", "TW.h": "TWh", "MW.h": "MWh", "in2": "sqin",
}


_SCALES = {"3": "thousand", "6": "million", "9": "billion", "12": "trillion"}


def lookup(code: str) -> tuple[str, Unit] | None:
    """The canonical code and unit for ``code`` as written in ``{{convert}}``, or None.

    Scaled codes such as ``e6km2`` ("million square kilometres") are built on the fly.
    """
    key = code.strip()
    if key in UNITS:
        return key, UNITS[key]
    alias = ALIASES.get(key)
    if alias is not None and alias in UNITS:
        return alias, UNITS[alias]
    if key.startswith("e") and len(key) > 2:
        digits = key[1:3] if key[1:3] == "12" else key[1:2]
        word = _SCALES.get(digits)
        base = lookup(key[1 + len(digits):]) if word else None
        if word and base is not None and base[1].dimension != "temperature":
            code_, unit = base
            scaled = Unit(
                f"{word} {unit.symbol}", f"{word} {unit.name}", f"{word} {unit.plural}",
                unit.dimension, unit.factor * 10 ** int(digits), 0.0,
                " ".join(f"e{digits}{d}" for d in unit.default.split()), unit.us_name,
            )
            return f"e{digits}{code_}", scaled
    return None


def convert(value: float, source: str, target: str) -> float:
    """Convert ``value`` from unit ``source`` to ``target`` (codes or aliases).

    Raises:
        ValueError: for unknown units or units of different dimensions.
    """
    src = lookup(source)
    dst = lookup(target)
    if src is None or dst is None:
        raise ValueError(f"unknown unit in {source!r} -> {target!r}")
    a, b = src[1], dst[1]
    if a.dimension != b.dimension:
        raise ValueError(f"cannot convert {a.dimension} to {b.dimension}")
    base = value * a.factor + a.offset
    return (base - b.offset) / b.factor


def input_precision(raw: str, *, count_trailing_zeros: bool = True) -> int:
    """Decimal places of a number as written (``"2.50"`` -> 2); for integers with
    trailing zeros a negative precision (``"100"`` -> -2) unless told not to."""
    text = raw.strip().replace(",", "").lstrip("+-−")
    if "e" in text.lower():
        return 0
    if "." in text:
        return len(text.split(".", 1)[1])
    if not count_trailing_zeros or not text.strip("0"):
        return 0
    return -(len(text) - len(text.rstrip("0")))


def default_precision(raw: str, value: float, source: str, target: str) -> int:
    """The number of decimals to show a converted value with (negative = round to tens,
    hundreds...), following Module:Convert's default rounding."""
    src = lookup(source)
    temperature = src is not None and src[1].dimension == "temperature"
    prec = input_precision(raw, count_trailing_zeros=not temperature)
    if temperature:
        return max(prec, 0)
    factor = abs(convert(1.0, source, target))
    if factor >= 10:
        # A big factor (light-years to km) would otherwise invent precision.
        prec -= math.floor(math.log10(factor))
    out = abs(convert(value, source, target))
    if out == 0 or not math.isfinite(out):
        return max(prec, 0)
    minprec = 1 - math.floor(math.log10(out) + 1e-12)
    return max(prec, minprec)


def round_to(value: float, precision: int) -> Decimal:
    """Round half-up to ``precision`` decimals (negative rounds to tens, hundreds...)."""
    quantum = Decimal(1).scaleb(-precision)
    number = Decimal(repr(value))
    if precision >= 0:
        return number.quantize(quantum, rounding=ROUND_HALF_UP)
    return (number / quantum).quantize(Decimal(1), rounding=ROUND_HALF_UP) * quantum


def format_number(value: float, precision: int, *, separators: bool = True) -> str:
    """Format ``value`` rounded to ``precision`` decimals, with thousands separators and a
    true minus sign (``−``), as Wikipedia shows numbers."""
    if not math.isfinite(value):
        return "∞" if value > 0 else ("−∞" if value < 0 else "?")
    precision = max(min(precision, 20), -300)
    rounded = round_to(value, precision)
    decimals = max(precision, 0)
    text = f"{abs(rounded):,.{decimals}f}" if separators else f"{abs(rounded):.{decimals}f}"
    if rounded < 0:
        return "−" + text
    return text


def format_input(raw: str) -> str:
    """An input number as Wikipedia shows it: separators added to long integer parts,
    ``-`` as ``−``; non-numeric text is returned unchanged."""
    text = raw.strip()
    negative = text.startswith(("-", "−"))
    body = text.lstrip("-−+").replace(",", "")
    whole, dot, frac = body.partition(".")
    if not whole.isdigit() or (frac and not frac.isdigit()):
        return text
    out = f"{int(whole):,}" + (dot + frac if dot else "")
    return ("−" if negative else "") + out


def parse_number(raw: str) -> float | None:
    """A number written in ``{{convert}}`` (``1,234.5``, ``−3``, ``1/2``, ``1+1/2``)."""
    text = raw.strip().replace(",", "").replace("−", "-").replace("\u2009", "")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        pass
    whole, plus, frac = text.rpartition("+")
    if "/" in frac:
        num, _, den = frac.partition("/")
        try:
            part = float(num) / float(den)
            base = float(whole) if plus and whole else 0.0
        except (ValueError, ZeroDivisionError):
            return None
        return base + part if base >= 0 else base - part
    return None


def unit_name(unit: Unit, value: float, *, us: bool = False, adjective: bool = False) -> str:
    """The unit's name for ``value`` (singular for exactly 1 or in adjective form)."""
    singular = adjective or abs(value) == 1
    name = unit.name if singular else unit.plural
    if us and unit.us_name[0]:
        name = name.replace(unit.us_name[0], unit.us_name[1])
    return name
