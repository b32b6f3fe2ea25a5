"""store.coercion: the services' one entry from raw input to a stored value, from the field registry."""

from __future__ import annotations

from datetime import date

import pytest

from sdus_desktop.core import fields as f
from sdus_desktop.store.coercion import coerce


def test_every_editable_field_coerces_and_every_other_is_refused() -> None:
    for spec in f.FIELDS:
        if spec.editable:
            raw = {f.DATE: "15/03/2021", f.PERCENT: "40", f.ACTION_STATUS: "En cours", f.STEP_STATUS: "À faire",
                   f.INDICATOR_KIND: "nombre", f.INDICATOR_VALUE: "12", f.TARGET_VALUE: "40", f.LIST: "A\nB",
                   f.COMITE: "comité n° 4"}.get(spec.kind, " texte ")
            assert coerce(spec.entity, spec.name, raw, "nombre") not in (None, "", []), spec.name
        else:
            with pytest.raises(ValueError, match="ne se modifie pas directement"):
                coerce(spec.entity, spec.name, 2)


def test_unknown_fields_are_refused_in_french() -> None:
    with pytest.raises(ValueError, match="champ inconnu « couleur » pour action"):
        coerce("action", "couleur", "bleu")
    with pytest.raises(ValueError, match="champ inconnu « label » pour fiche"):
        coerce("fiche", "label", "x")


def test_values_depend_on_the_indicator_kind() -> None:
    assert coerce("value", "value", "12,5", "nombre") == "12.5"
    assert coerce("value", "value", "Oui", "oui_non") == "oui"
    assert coerce("step", "planned_end", "2021-03-15") == date(2021, 3, 15)
    with pytest.raises(ValueError):
        coerce("value", "value", "douze", "nombre")


def test_a_target_takes_the_indicator_unit_and_refuses_what_cannot_be_one() -> None:
    assert coerce("target", "value", "45,5 %", "pourcentage") == 45.5
    assert coerce("target", "value", "1 200", "nombre") == 1200.0
    assert coerce("target", "value", "", "nombre") is None
    with pytest.raises(ValueError, match="ne peut pas dépasser 100 %"):
        coerce("target", "value", "120", "pourcentage")
    with pytest.raises(ValueError, match="négative"):
        coerce("target", "value", "-4", "nombre")
    with pytest.raises(ValueError, match="type nombre ou pourcentage"):
        coerce("target", "value", "4", "oui_non")
