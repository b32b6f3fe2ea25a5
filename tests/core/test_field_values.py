"""The one parser and formatter of field values (core.field_values)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sdus_desktop.core import fields as f
from sdus_desktop.core.field_values import format_field, parse


def _spec(entity: str, name: str) -> f.Field:
    found = f.spec(entity, name)
    assert found is not None
    return found


def test_statuses_show_their_label_and_optionally_their_symbol() -> None:
    assert format_field("action", "status", "reportee") == "Reportée"
    assert format_field("action", "status", "realisee", symbol=True) == "● Réalisée"
    assert format_field("step", "status", "a_faire") == "À faire"


def test_a_value_the_kind_does_not_know_is_shown_as_it_is() -> None:
    """An old journal row may hold a value no longer valid: shown, never an exception."""
    assert format_field("action", "status", "ancien_statut") == "ancien_statut"
    assert format_field("step", "actual_end", "pas une date") == "pas une date"


@pytest.mark.parametrize("value", [date(2021, 3, 15), datetime(2021, 3, 15, 10, 30), "2021-03-15"])
def test_dates_read_dd_mm_yyyy_whatever_their_form(value: object) -> None:
    assert format_field("step", "planned_end", value) == "15/03/2021"


def test_empty_values_show_the_placeholder_asked_for() -> None:
    for value in (None, "", []):
        assert format_field("action", "bilan", value) == "—"
        assert format_field("action", "referents", value, empty="(vide)") == "(vide)"


def test_lists_percent_kinds_values_and_structure() -> None:
    assert format_field("action", "referents", ["Anne", "Paul"]) == "Anne ; Paul"
    assert format_field("action", "avancement", 40) == "40 %"
    assert format_field("indicator", "kind", "oui_non") == "Oui/Non"
    assert format_field("value", "value", "12.5", indicator_kind="nombre") == "12,5"
    assert format_field("value", "value", "45", indicator_kind="pourcentage") == "45 %"
    assert format_field("step", f.STRUCTURE_FIELD, {"label": "Réunir le comité", "number": 2}) == "Réunir le comité"
    assert format_field("action", "champ_inconnu", 3) == "3"


def test_parse_by_kind() -> None:
    assert parse(_spec("action", "status"), "en cours") == "en_cours"
    assert parse(_spec("step", "status"), "Réalisée") == "realisee"
    assert parse(_spec("action", "avancement"), "40 %") == 40
    assert parse(_spec("step", "actual_end"), "15/3/21") == date(2021, 3, 15)
    assert parse(_spec("step", "actual_end"), "") is None
    assert parse(_spec("action", "pilotage"), " A \n\n B ") == ["A", "B"]
    assert parse(_spec("action", "referents"), ["A", " ", "B "]) == ["A", "B"]
    assert parse(_spec("action", "bilan"), None) == ""
    assert parse(_spec("value", "value"), "12,5", "nombre") == "12.5"
    assert parse(_spec("indicator", "kind"), "Oui/Non") == "oui_non"


def test_parse_refuses_in_french() -> None:
    with pytest.raises(ValueError, match="ne peut pas être vide"):
        parse(_spec("action", "title"), "   ")
    with pytest.raises(ValueError, match="ne se modifie pas directement"):
        parse(_spec("step", "number"), 3)
    with pytest.raises(ValueError, match="type d'indicateur inconnu"):
        parse(_spec("value", "value"), "12")
    with pytest.raises(ValueError, match="avancement invalide"):
        parse(_spec("action", "avancement"), "140")
    with pytest.raises(ValueError, match="date invalide"):
        parse(_spec("step", "planned_start"), "31/02/2021")


@settings(max_examples=200)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_a_shown_date_typed_back_is_the_same_date(value: date) -> None:
    spec = _spec("step", "actual_start")
    assert parse(spec, format_field("step", "actual_start", value)) == value
    assert parse(spec, format_field("step", "actual_start", value.isoformat())) == value


_ITEM = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=20) \
    .map(str.strip).filter(lambda text: text != "" and ";" not in text)


@settings(max_examples=200)
@given(st.lists(_ITEM, max_size=6))
def test_a_shown_list_typed_back_one_per_line_is_the_same_list(items: list[str]) -> None:
    shown = format_field("action", "pilotage", items, empty="")
    assert parse(_spec("action", "pilotage"), shown.replace(" ; ", "\n")) == items
