"""Chemical formula and molar mass from element counts (viewer.article.chem)."""

from __future__ import annotations

import pytest

from viewer.article import chem


def test_lenalidomide_like_counts_give_hill_formula_and_mass() -> None:
    comp = chem.parse_counts({"O": "3", "N": "3", "H": "13", "C": "13"})
    assert comp.counts == (("C", "13"), ("H", "13"), ("N", "3"), ("O", "3"))
    assert chem.formula_text(comp) == "C13H13N3O3"
    assert chem.molar_mass(comp) == pytest.approx(259.26, abs=0.01)
    assert chem.molar_mass_text(comp) == "259.265 g·mol−1"


def test_hill_order_without_carbon_is_alphabetical() -> None:
    assert chem.hill_order(["O", "S", "H", "Na"]) == ["H", "Na", "O", "S"]
    assert chem.hill_order(["Cl", "H", "C", "Br"]) == ["C", "H", "Br", "Cl"]


def test_count_of_one_has_no_number_and_zero_drops_element() -> None:
    comp = chem.parse_counts([("Na", "1"), ("Cl", "1"), ("K", "0")])
    assert chem.formula_text(comp) == "ClNa"
    assert chem.molar_mass(comp) == pytest.approx(58.44, abs=0.01)


def test_non_element_and_non_numeric_parameters_are_ignored() -> None:
    comp = chem.parse_counts(
        {"C": "2", "H": "6", "O": "1", "CO": "5", "N": "some", "width": "200", "tradename": "X"}
    )
    assert chem.formula_text(comp) == "C2H6O"
    assert chem.molar_mass(comp) == pytest.approx(46.07, abs=0.01)


def test_charge_is_parsed_and_shown_as_suffix() -> None:
    assert chem.parse_charge("+") == 1
    assert chem.parse_charge("-2") == -2
    assert chem.parse_charge("2+") == 2
    assert chem.parse_charge("junk") == 0
    comp = chem.parse_counts({"S": "1", "O": "4", "charge": "-2"})
    assert chem.formula_text(comp) == "O4S2−"
    assert chem.charge_text(1) == "+"


def test_fractional_counts_are_kept() -> None:
    comp = chem.parse_counts({"C": "2", "H": "4.5", "O": "2.0"})
    assert comp.counts == (("C", "2"), ("H", "4.5"), ("O", "2"))
    assert not chem.parse_counts({})
