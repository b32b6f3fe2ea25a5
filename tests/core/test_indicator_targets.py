"""core.indicator_targets: a year's target wins over the plan's wording; « % de la cible » per year; no guess."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sdus_desktop.core.field_values import format_field, parse
from sdus_desktop.core.fields import spec
from sdus_desktop.core.indicator_targets import format_target, parse_target, parse_year, percent, series


@dataclass
class V:
    period: str
    value: str | None


@dataclass
class T:
    year: int
    value: float | None
    note: str = ""


@dataclass
class I:  # noqa: E742 - an indicator stand-in
    number: int
    label: str
    kind: str
    target: str
    values: list[V]
    targets: list[T] = field(default_factory=list)


def test_a_year_target_wins_over_the_wording_for_that_year_only() -> None:
    one = series("SDUS", 12, I(1, "Saisines", "nombre", "40", [V("2021", "10"), V("2022", "30")],
                               [T(2022, 60.0), T(2024, 80.0), T(2023, None, "à revoir")]))
    assert one is not None
    assert one.target_for(2021) == 40 and one.target_for(2022) == 60 and one.target_for(2023) == 40
    assert one.yearly == ((2022, 60.0), (2024, 80.0))  # a note alone is no target
    assert one.years == [2021, 2022, 2024]
    assert one.percent_of_target == 50 and one.percent_of_target_in(2021) == 25
    assert one.target_points == [(2021, 40), (2022, 60), (2024, 80)]
    assert one.text() == ("2021 : 10, cible 40, 25 % de la cible ; 2022 : 30, cible 60, 50 % de la cible ; "
                          "2024 : non renseigné, cible 80.")


def test_no_guess_when_neither_the_wording_nor_a_year_is_a_number() -> None:
    vague = series("SDUS", 12, I(2, "Saisines", "nombre", "au moins 40 partenaires", [V("2021", "10")]))
    assert vague is not None and vague.target_for(2021) is None and vague.percent_of_target is None
    assert not vague.charted and not vague.has_target
    assert vague.text() == "2021 : 10, pas de cible."
    only_year = series("SDUS", 12, I(2, "S", "nombre", "au moins 40", [V("2021", "10")], [T(2021, 20.0)]))
    assert only_year is not None and only_year.charted and only_year.percent_of_target == 50
    assert percent(5, 0) is None and percent(None, 10) is None


def test_typed_targets_take_the_indicator_unit() -> None:
    assert parse_target("nombre", "1 250,5") == 1250.5 and parse_target("nombre", 12) == 12.0
    assert parse_target("pourcentage", "75 %") == 75.0 and parse_target("pourcentage", "100") == 100.0
    assert parse_target("nombre", "  ") is None
    assert format_target("pourcentage", 75.0) == "75 %" and format_target("nombre", 1250.5) == "1250,5"
    assert format_target("nombre", None) == ""
    for kind, raw, message in (("pourcentage", "120", "ne peut pas dépasser 100 %"),
                               ("pourcentage", "100,5 %", "ne peut pas dépasser 100 %"),
                               ("nombre", "-3", "négative"), ("nombre", "douze", "n'est pas un nombre"),
                               ("oui_non", "1", "type nombre ou pourcentage"), ("texte", "4", "de type Texte")):
        with pytest.raises(ValueError, match=message):
            parse_target(kind, raw)
    assert parse_year("2024") == 2024 and parse_year(2024.0) == 2024
    for bad in ("24", "2024-T1", "1999", ""):
        with pytest.raises(ValueError, match="année invalide"):
            parse_year(bad)


@given(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False))
def test_a_shown_percentage_target_reads_back_the_same(number) -> None:  # type: ignore[no-untyped-def]
    target = spec("target", "value")
    assert target is not None
    stored = parse(target, str(number).replace(".", ","), "pourcentage")
    assert stored == float(number)
    assert parse(target, format_field("target", "value", stored, indicator_kind="pourcentage"), "pourcentage") == stored


def test_series_show_values_exactly_and_skip_legacy_non_numbers() -> None:
    one = series("SDUS", 12, I(1, "Saisines", "nombre", "40", [V("2021", "12345678901234567890"), V("2022", "0.1"),
                                                               V("2023", "Infinity"), V("2024", "NaN")],
                               [T(2021, float("inf")), T(2022, 0.2)]))
    assert one is not None and [year for year, _ in one.points] == [2021, 2022]
    assert one.value_label(2021) == "12345678901234567890" and one.value_label(2022) == "0,1"
    assert one.value_label(2023) == "" and one.yearly == ((2022, 0.2),)
    assert one.text().startswith("2021 : 12345678901234567890, cible 40, ")
    assert one.text().endswith(" ; 2022 : 0,1, cible 0,2, 50 % de la cible.")
