"""core.indicator_rollup: sums per axe and orientation only where units agree; never a mix, never a rate."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from sdus_desktop.core.indicator_rollup import AXE, ORIENTATION, rollups, sum_series, unit_key
from sdus_desktop.core.indicator_targets import series
from tests.core.test_indicator_targets import I, T, V


@dataclass
class A:
    id: int
    number: int
    indicators: list[I]


@dataclass
class X:
    number: int
    actions: list[A]
    title: str = ""


@dataclass
class Ori:  # an orientation stand-in
    number: int
    title: str
    axes: list[X]


@dataclass
class P:
    code: str
    level1_label: str
    orientations: list[Ori] = field(default_factory=list)


def _people(values: dict[int, str], targets: dict[int, float], label: str = "Nombre de personnes accompagnées",
            kind: str = "nombre", number: int = 1) -> I:
    return I(number, label, kind, "", [V(str(y), v) for y, v in values.items()],
             [T(y, t) for y, t in targets.items()])


def test_unit_key_folds_case_accents_spaces_and_final_punctuation() -> None:
    assert unit_key("nombre", "Nombre de personnes  accompagnées.") == unit_key("nombre", "nombre de PERSONNES "
                                                                                           "accompagnees")
    assert unit_key("nombre", "Nombre de places") != unit_key("nombre", "Nombre de places créées")
    assert unit_key("nombre", "Taux") != unit_key("pourcentage", "Taux")


def test_mixed_units_and_rates_are_refused() -> None:
    people = series("SDUS", 1, _people({2021: "5"}, {}))
    places = series("SDUS", 2, _people({2021: "3"}, {}, label="Nombre de places"))
    rate_a = series("SDUS", 3, _people({2021: "50"}, {}, label="Taux d'accès", kind="pourcentage"))
    rate_b = series("SDUS", 4, _people({2021: "70"}, {}, label="Taux d'accès", kind="pourcentage"))
    assert people and places and rate_a and rate_b
    with pytest.raises(ValueError, match="unités différentes : « Nombre de personnes accompagnées » .* « Nombre de "
                                         "places »"):
        sum_series([people, places])
    with pytest.raises(ValueError, match="unités différentes"):
        sum_series([people, rate_a])
    with pytest.raises(ValueError, match="seuls des nombres s'additionnent"):
        sum_series([rate_a, rate_b])


def test_sums_per_year_with_counts_and_percent_only_when_complete() -> None:
    a = series("SDUS", 1, _people({2021: "5", 2022: "9"}, {2021: 6, 2022: 10}))
    b = series("SDUS", 2, _people({2022: "7"}, {2022: 10, 2023: 12}))
    assert a and b
    totals = {t.year: t for t in sum_series([a, b])}
    assert (totals[2021].value, totals[2021].reported, totals[2021].target, totals[2021].targeted) == (5, 1, 6, 1)
    assert totals[2021].percent_of_target is None  # only one of the two reported: no misleading share
    assert (totals[2022].value, totals[2022].target, totals[2022].percent_of_target) == (16, 20, 80)
    assert (totals[2023].value, totals[2023].reported, totals[2023].target) == (None, 0, 12)


def _plan(*axes: list[A]) -> P:
    return P("SDUS", "Orientation", [Ori(1, "Autonomie", [X(n, list(actions)) for n, actions in enumerate(axes, 1)])])


def test_rollups_per_axe_then_orientation_only_when_two_agree() -> None:
    same_axe = [A(1, 1, [_people({2022: "9"}, {2022: 10})]), A(2, 2, [_people({2022: "7"}, {2022: 10})])]
    other_axe = [A(3, 3, [_people({2022: "4"}, {2022: 5}, label="nombre de personnes accompagnées.")]),
                 A(4, 4, [_people({2022: "40"}, {2022: 50}, label="Taux", kind="pourcentage"),
                          _people({2022: "1"}, {}, label="Nombre de places", number=2)])]
    found = rollups([_plan(same_axe, other_axe)])
    assert [(r.level, r.scope, r.members) for r in found] == [
        (AXE, "Orientation 1 · Axe 1", ((1, 1), (2, 1))),
        (ORIENTATION, "Orientation 1", ((1, 1), (2, 1), (3, 1))),
    ]
    total = found[1].years[0]
    assert (total.year, total.value, total.target, total.percent_of_target) == (2022, 20, 25, 80)
    assert found[1].year_text(total) == "20 (3/3) ; cible 25 (3/3) ; 80 % de la cible"
    assert found[0].members_text() == "fiche 1 (ind. 1), fiche 2 (ind. 1)"


def test_an_orientation_equal_to_its_axe_is_not_repeated_and_a_selection_limits() -> None:
    only = [A(1, 1, [_people({2022: "9"}, {})]), A(2, 2, [_people({2022: "7"}, {})])]
    plans: list[Any] = [_plan(only, [A(3, 3, [])])]
    assert [r.level for r in rollups(plans)] == [AXE]
    assert rollups(plans, action_ids=[1]) == []
    assert rollups([_plan([A(1, 1, [_people({}, {})]), A(2, 2, [_people({}, {})])])]) == []  # nothing to add
