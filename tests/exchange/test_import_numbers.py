"""Numbers read from a référent workbook: kept exactly as typed (a float cell 0.1 is "0.1"), or refused with
their cell and nothing applied — 1e400 is never imported (nor previewed) as « Infinity »."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from openpyxl import load_workbook

from sdus_desktop.exchange.import_apply import import_workbook
from sdus_desktop.store.queries import load_action
from tests.exchange.helpers import export
from tests.support.dbtools import db_fingerprint


def _with_value(db, tmp_path: Path, value: object) -> Path:  # type: ignore[no-untyped-def]
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    workbook = load_workbook(summary.path)
    sheet = workbook["Indicateurs"]
    free = summary.values + 2
    for column, cell in ((2, "SDUS"), (3, 1), (4, 1), (7, "2024-T1"), (9, value)):
        sheet.cell(free, column).value = cell
    workbook.save(tmp_path / "retour.xlsx")
    return tmp_path / "retour.xlsx"


def _values(db) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return [(v.period, v.value) for v in load_action(session, 1).indicators[0].values]


def test_1e400_is_refused_with_its_cell_in_the_preview_and_the_import(db, tmp_path):
    for typed in ("1e400", "NaN", "-inf"):
        edited = _with_value(db, tmp_path, typed)
        before = db_fingerprint(db.path)
        for dry_run in (True, False):
            result = import_workbook(db, edited, "A", dry_run=dry_run)
            assert result.refused and result.applied == 0
            assert not any("Infinity" in change.text() or "NaN" in change.text() for change in result.preview.changes)
            (error,) = result.preview.errors
            assert error.startswith("Indicateurs!I") and f"« {typed} »" in error, error
            assert "nombre trop grand ou invalide : saisissez un nombre comme 1 234,5" in error
        assert db_fingerprint(db.path) == before


def test_a_float_cell_keeps_the_number_the_referent_typed(db, tmp_path):
    edited = _with_value(db, tmp_path, 0.1)
    result = import_workbook(db, edited, "A")
    assert [c.text() for c in result.preview.changes] == ["fiche 1 · indicateur 1 · 2024-T1 · valeur : — → 0,1"]
    assert ("2024-T1", "0.1") in _values(db)


def test_a_long_integer_cell_is_kept_exactly(db, tmp_path):
    edited = _with_value(db, tmp_path, "12345678901234567890")
    result = import_workbook(db, edited, "A")
    assert not result.refused, result.preview.errors
    assert ("2024-T1", "12345678901234567890") in _values(db)
    # exported again: it travels as text (a cell keeps 15 digits) and a re-import changes nothing
    (tmp_path / "bis").mkdir()
    again = export(db, tmp_path / "bis", plan_code="SDUS", fiches=[1])
    sheet = load_workbook(again.path)["Indicateurs"]
    assert "12345678901234567890" in [cell.value for row in sheet.iter_rows() for cell in row]
    assert import_workbook(db, again.path, "A").preview.changes == []


def test_a_legacy_infinity_sent_back_untouched_does_not_block_the_import(db, tmp_path):
    edited = _with_value(db, tmp_path, "12")
    assert not import_workbook(db, edited, "A").refused
    connection = sqlite3.connect(db.path)
    with connection:
        connection.execute("UPDATE indicator_value SET value = 'Infinity' WHERE period = '2024-T1'")
    connection.close()
    (tmp_path / "bis").mkdir()
    again = export(db, tmp_path / "bis", plan_code="SDUS", fiches=[1])
    result = import_workbook(db, again.path, "A")
    assert not result.refused and result.preview.changes == [], result.preview.errors
    typed = tmp_path / "bis" / "retour.xlsx"
    workbook = load_workbook(again.path)
    sheet = workbook["Indicateurs"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "Infinity")
    cell.value = "1e400"   # typed over it: refused, with its cell
    workbook.save(typed)
    result = import_workbook(db, typed, "A")
    assert result.refused and "nombre trop grand ou invalide" in result.preview.errors[0]
    assert ("2024-T1", "Infinity") in _values(db)
