"""Pilotage items cut into organisations for the filters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sdus_desktop.core.organisations import names_match, organisations, split_organisations


@pytest.mark.parametrize(("item", "expected"), [
    ("ARS", ["ARS"]),
    ("Conseil départemental – DDCSPP", ["Conseil départemental", "DDCSPP"]),
    ("Conseil départemental -ARS", ["Conseil départemental", "ARS"]),
    ("Conseil Régional –Conseil départemental", ["Conseil Régional", "Conseil départemental"]),
    ("Conseil départemental – MDA - ARS", ["Conseil départemental", "MDA", "ARS"]),
    ("Conseil départemental et ARS", ["Conseil départemental", "ARS"]),
    ("Observatoire et ARS", ["Observatoire", "ARS"]),
    ("ARS / MDA", ["ARS", "MDA"]),
    ("Conseil départemental (DGASOS et DGAST)", ["Conseil départemental (DGASOS et DGAST)"]),
    ("MDA-MAIA", ["MDA-MAIA"]),
    ("Éducation nationale (EN)", ["Éducation nationale (EN)"]),
    ("  ", []),
])
def test_split(item: str, expected: list[str]) -> None:
    assert split_organisations(item) == expected


def test_each_organisation_once_first_spelling_kept() -> None:
    assert organisations(["ARS", "Conseil départemental - ARS", "conseil DÉPARTEMENTAL et MDA"]) == [
        "ARS", "Conseil départemental", "MDA"]


@pytest.mark.parametrize(("wanted", "named", "expected"), [
    ("ARS", "ARS", True), ("ars", "ARS Occitanie", True), ("ARS", "Mars", False),
    ("Marie Dupont", "marie dupont", True), ("Éducation nationale", "Education nationale (EN)", True),
    ("", "ARS", False),
])
def test_names_match(wanted: str, named: str, expected: bool) -> None:
    assert names_match(wanted, named) is expected


@given(st.lists(st.text(alphabet="ABCDEabcde ()", min_size=1, max_size=8), min_size=1, max_size=4))
def test_organisations_joined_by_separators_come_back(names: list[str]) -> None:
    cleaned = [" ".join(n.replace("(", "").replace(")", "").split()) for n in names]
    cleaned = [n for n in cleaned if n and n.casefold() != "et" and not n.casefold().startswith("et ")
               and not n.casefold().endswith(" et") and " et " not in n.casefold()]
    if not cleaned:
        return
    assert split_organisations(" – ".join(cleaned)) == cleaned
