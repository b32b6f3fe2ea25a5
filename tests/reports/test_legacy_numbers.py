"""A database written by an older version may hold « Infinity » or « NaN » as an indicator value, or an
infinite target: the fiche PDF and the comité dossier still print, showing the value as stored."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from sdus_desktop.core.indicator_targets import charted_series
from sdus_desktop.reports.dossier import write_dossier
from sdus_desktop.reports.fiche_pdf import write_fiches
from sdus_desktop.store.queries import iter_actions, load_plans
from tests.reports.pdftools import flat_text

TODAY = date(2026, 11, 22)


def _legacy(db, services) -> int:  # type: ignore[no-untyped-def]
    """Fiche 12 with two indicators sharing a wording (a roll-up) and values the old version let through."""
    with db.reading() as session:
        action_id = next(a.id for a in iter_actions(load_plans(session, "SDUS")) if a.number == 12)
    first = int(services.add_indicator(action_id, "Nombre de saisines", "nombre", "40").changes[0].key)
    second = int(services.add_indicator(action_id, "Nombre de saisines", "nombre", "40").changes[0].key)
    for indicator in (first, second):
        services.set("value", f"{indicator}:2021", "value", "12")
        services.set("value", f"{indicator}:2022", "value", "7")
        services.set_target(indicator, 2022, "30")
    connection = sqlite3.connect(db.path)
    with connection:
        connection.execute("UPDATE indicator_value SET value = 'Infinity' WHERE indicator_id = ? AND period = '2021'",
                           (first,))
        connection.execute("UPDATE indicator_value SET value = 'NaN' WHERE indicator_id = ? AND period = '2022'",
                           (second,))
        connection.execute("UPDATE indicator_target SET value = ? WHERE indicator_id = ?", (float("inf"), second))
    connection.close()
    return action_id


def test_a_legacy_infinity_does_not_break_the_fiche_pdf_nor_the_dossier(db, services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    action_id = _legacy(db, services)
    out = tmp_path / "fiche.pdf"
    assert write_fiches(db, out, "SDUS", [12], today=TODAY) == 1
    text = flat_text(out)
    assert "Nombre de saisines" in text and "Infinity" in text and "NaN" in text
    assert write_dossier(db, tmp_path / "dossier.pdf", "SDUS", fiches=[12], today=TODAY) == 1
    with db.reading() as session:
        found = charted_series(load_plans(session, "SDUS"), [action_id])
    for one in found:
        assert all(value == value and abs(value) != float("inf") for _, value in one.points)
        one.text()
