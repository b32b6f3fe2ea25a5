"""Référent workbooks show the year's target beside each value, read-only: a changed cell changes nothing."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from sdus_desktop.exchange import workbook_layout as layout
from sdus_desktop.exchange.import_apply import import_workbook
from sdus_desktop.store.models import Indicator, IndicatorTarget
from tests.exchange.helpers import edit_copy, export, row_of
from tools.render_indicator_targets import add_axe_indicators

CIBLE = 1 + [c.header for c in layout.VALUE_COLUMNS].index("Cible")


def _people(db) -> Indicator:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        found = session.scalars(select(Indicator).where(Indicator.label == "Nombre de personnes accompagnées"))
        return next(i for i in found if i.action.number == 12)


def test_the_cible_column_gives_the_year_target_and_is_protected(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_axe_indicators(db)
    people = _people(db)
    path = export(db, tmp_path, plan_code="SDUS", fiches=[12]).path
    sheet = load_workbook(path)[layout.SHEET_VALUES]
    assert sheet.cell(1, CIBLE).value == "Cible"
    row = row_of(path, layout.SHEET_VALUES, layout.row_ref("value", f"{people.id}:2022"))
    assert sheet.cell(row, CIBLE).value == "25 (cible 2022) ; libellé : 30 en fin de schéma"
    assert sheet.cell(row, CIBLE).protection.locked and sheet.protection.sheet
    first = row_of(path, layout.SHEET_VALUES, layout.row_ref("value", f"{people.id}:2019"))
    assert sheet.cell(first, CIBLE).value == "30 en fin de schéma"  # no target set for 2019: the wording


def test_a_target_typed_in_the_workbook_is_not_imported(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_axe_indicators(db)
    people = _people(db)
    path = export(db, tmp_path, plan_code="SDUS", fiches=[12]).path
    row = row_of(path, layout.SHEET_VALUES, layout.row_ref("value", f"{people.id}:2022"))
    value_column = 1 + [c.header for c in layout.VALUE_COLUMNS].index("Valeur")
    edited = edit_copy(path, tmp_path / "retour.xlsx", {layout.SHEET_VALUES: {
        f"{layout.column_letter(CIBLE)}{row}": "99", f"{layout.column_letter(value_column)}{row}": 23}})
    assert import_workbook(db, edited, "Cheffe de projet").applied == 1  # the value only
    with db.reading() as session:
        targets = {t.year: t.value for t in session.scalars(
            select(IndicatorTarget).where(IndicatorTarget.indicator_id == people.id))}
    assert targets == {2020: 10.0, 2021: 15.0, 2022: 25.0, 2023: 30.0}
