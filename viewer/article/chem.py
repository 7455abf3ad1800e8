"""Chemical formulae and molar masses from element counts (pure functions).

Drug and chemical infoboxes (``{{Drugbox}}``, ``{{Chembox}}``) give a compound's
composition as element-count parameters (``C=13 | H=13 | N=3 | O=3``) rather than as a
formula; Wikipedia's templates build the formula and the molar mass from them.  This
module does the same, so that the infobox layer can show both without any lookup:

>>> counts = parse_counts({"C": "13", "H": "13", "N": "3", "O": "3"})
>>> formula_text(counts)
'C13H13N3O3'
>>> round(molar_mass(counts), 3)
259.265
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Standard atomic weights (IUPAC, abridged/conventional values as used by Wikipedia's
# chemistry templates); for elements without stable isotopes, the mass number of the
# longest-lived isotope.  ``D`` (deuterium) and ``T`` (tritium) appear in real drugboxes.
ATOMIC_WEIGHTS: Mapping[str, float] = {
    "H": 1.008, "D": 2.014, "T": 3.016, "He": 4.0026, "Li": 6.94, "Be": 9.0122,
    "B": 10.81, "C": 12.011, "N": 14.007, "O": 15.999, "F": 18.998, "Ne": 20.180,
    "Na": 22.990, "Mg": 24.305, "Al": 26.982, "Si": 28.085, "P": 30.974, "S": 32.06,
    "Cl": 35.45, "Ar": 39.95, "K": 39.098, "Ca": 40.078, "Sc": 44.956, "Ti": 47.867,
    "V": 50.942, "Cr": 51.996, "Mn": 54.938, "Fe": 55.845, "Co": 58.933, "Ni": 58.693,
    "Cu": 63.546, "Zn": 65.38, "Ga": 69.723, "Ge": 72.630, "As": 74.922, "Se": 78.971,
    "Br": 79.904, "Kr": 83.798, "Rb": 85.468, "Sr": 87.62, "Y": 88.906, "Zr": 91.224,
    "Nb": 92.906, "Mo": 95.95, "Tc": 98.0, "Ru": 101.07, "Rh": 102.91, "Pd": 106.42,
    "Ag": 107.87, "Cd": 112.41, "In": 114.82, "Sn": 118.71, "Sb": 121.76, "Te": 127.60,
    "I": 126.90, "Xe": 131.29, "Cs": 132.91, "Ba": 137.33, "La": 138.91, "Ce": 140.12,
    "Pr": 140.91, "Nd": 144.24, "Pm": 145.0, "Sm": 150.36, "Eu": 151.96, "Gd": 157.25,
    "Tb": 158.93, "Dy": 162.50, "Ho": 164.93, "Er": 167.26, "Tm": 168.93, "Yb": 173.05,
    "Lu": 174.97, "Hf": 178.49, "Ta": 180.95, "W": 183.84, "Re": 186.21, "Os": 190.23,
    "Ir": 192.22, "Pt": 195.08, "Au": 196.97, "Hg": 200.59, "Tl": 204.38, "Pb": 207.2,
    "Bi": 208.98, "Po": 209.0, "At": 210.0, "Rn": 222.0, "Fr": 223.0, "Ra": 226.0,
    "Ac": 227.0, "Th": 232.04, "Pa": 231.04, "U": 238.03, "Np": 237.0, "Pu": 244.0,
    "Am": 243.0, "Cm": 247.0, "Bk": 247.0, "Cf": 251.0, "Es": 252.0, "Fm": 257.0,
    "Md": 258.0, "No": 259.0, "Lr": 266.0, "Rf": 267.0, "Db": 268.0, "Sg": 269.0,
    "Bh": 270.0, "Hs": 269.0, "Mt": 278.0, "Ds": 281.0, "Rg": 282.0, "Cn": 285.0,
    "Nh": 286.0, "Fl": 289.0, "Mc": 290.0, "Lv": 293.0, "Ts": 294.0, "Og": 294.0,
}

_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_CHARGE = re.compile(r"^([+\-−]?)(\d*)([+\-−]?)$")


@dataclass(frozen=True, slots=True)
class Composition:
    """A compound's composition.

    Attributes:
        counts: ``(symbol, count)`` pairs in Hill order (counts as written, e.g. ``"13"``
            or ``"0.5"``).
        charge: the net charge (``+2``, ``-1``), 0 when neutral.
    """

    counts: tuple[tuple[str, str], ...]
    charge: int = 0

    def __bool__(self) -> bool:
        return bool(self.counts)


def is_element(symbol: str) -> bool:
    """True when ``symbol`` is an element symbol (case-sensitive: ``Co`` but not ``CO``)."""
    return symbol in ATOMIC_WEIGHTS


def hill_order(symbols: Iterable[str]) -> list[str]:
    """Sort element symbols in Hill order: C, then H, then the rest alphabetically
    (when there is no carbon, everything alphabetically)."""
    unique = list(dict.fromkeys(symbols))
    if "C" in unique:
        head = ["C"] + (["H"] if "H" in unique else [])
        rest = sorted(s for s in unique if s not in ("C", "H"))
        return head + rest
    return sorted(unique)


def parse_charge(raw: str) -> int:
    """Parse a charge parameter: ``+``, ``-2``, ``2+``, ``+1``, ``−`` -> int (0 if unreadable)."""
    text = raw.strip().replace(" ", "")
    if not text:
        return 0
    match = _CHARGE.match(text)
    if match is None:
        return 0
    sign_before, digits, sign_after = match.groups()
    sign = sign_before or sign_after
    magnitude = int(digits) if digits else 1
    if not sign:
        return magnitude if digits else 0
    return -magnitude if sign in "-−" else magnitude


def parse_counts(params: Mapping[str, str] | Iterable[tuple[str, str]]) -> Composition:
    """Pick element counts (and ``charge``) out of template parameters.

    Parameters that are not element symbols, or whose value is not a non-negative number,
    are ignored; a count of 0 drops the element.
    """
    items = params.items() if isinstance(params, Mapping) else params
    counts: dict[str, str] = {}
    charge = 0
    for name, raw in items:
        value = raw.strip()
        if name == "charge":
            charge = parse_charge(value)
            continue
        if not is_element(name) or not _NUMBER.match(value):
            continue
        if float(value) == 0:
            counts.pop(name, None)
            continue
        counts[name] = _normalise_count(value)
    ordered = tuple((s, counts[s]) for s in hill_order(counts))
    return Composition(ordered, charge)


def _normalise_count(value: str) -> str:
    try:
        number = Decimal(value)
    except InvalidOperation:  # pragma: no cover - guarded by _NUMBER
        return value
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def charge_text(charge: int) -> str:
    """The superscript text of a charge: ``+``, ``2+``, ``−``, ``3−`` ("" when neutral)."""
    if charge == 0:
        return ""
    sign = "+" if charge > 0 else "−"
    magnitude = abs(charge)
    return sign if magnitude == 1 else f"{magnitude}{sign}"


def formula_text(comp: Composition) -> str:
    """The formula as plain text (``C13H13N3O3``; a charge is appended, ``SO42−``)."""
    body = "".join(s if n == "1" else f"{s}{n}" for s, n in comp.counts)
    return body + charge_text(comp.charge)


def molar_mass(comp: Composition) -> float:
    """The molar mass in g/mol from standard atomic weights (the charge's electrons are
    negligible and ignored, as Wikipedia does)."""
    return sum(ATOMIC_WEIGHTS[s] * float(n) for s, n in comp.counts)


def molar_mass_text(comp: Composition) -> str:
    """The molar mass as Wikipedia shows it: ``259.265 g·mol−1`` (three decimals)."""
    return f"{molar_mass(comp):.3f} g·mol−1"
