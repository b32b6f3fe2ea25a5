"""The référent workbook as written: sheets, hidden data, literal texts, dates, validations, protection."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from openpyxl import load_workbook

from sdus_desktop.exchange import workbook_layout as L
from sdus_desktop.exchange.workbook_scope import ScopeError
from sdus_desktop.store.queries import load_plans
from tests.exchange.helpers import export


def test_sheets_hidden_data_and_scope(db, services, tmp_path):
    services.set("action", 1, "referents", ["Claire Martin"])
    services.set("action", 3, "referents", "Claire Martin\nPaul Roux")
    summary = export(db, tmp_path, referent="claire MARTIN")
    assert summary.scope.action_ids == [1, 3] and summary.actions == 2
    workbook = load_workbook(summary.path)
    assert workbook.sheetnames == ["Lisez-moi", "Fiches", "Étapes", "Indicateurs", "Notes de suivi", "Listes", "_sdus"]
    assert workbook["_sdus"].sheet_state == "hidden" and workbook["Listes"].sheet_state == "hidden"
    hidden = workbook["_sdus"]
    meta = {hidden.cell(i, 1).value: hidden.cell(i, 2).value for i in range(1, len(L.META_KEYS) + 1)}
    assert meta["format"] == L.FORMAT and meta["version"] == "2"
    assert meta["database_id"] == db.database_id and meta["export_id"] == summary.export_id
    assert json.loads(meta["scope"]) == {"plans": ["SDUS"], "referent": "Claire Martin", "fiches": None,
                                         "actions": [1, 3]}
    fiches = workbook["Fiches"]
    assert [c.value for c in fiches[1]] == [c.header for c in L.ACTION_COLUMNS]
    assert [fiches.cell(r, 3).value for r in (2, 3)] == [1, 3]
    assert fiches["A2"].value == "F1" and fiches["G3"].value == "Claire Martin ; Paul Roux"
    base_rows = {hidden.cell(r, 1).value: json.loads(hidden.cell(r, 2).value)
                 for r in range(L.FIRST_BASE_ROW, hidden.max_row + 1)}
    assert base_rows["F3"] == {"avancement": 0, "bilan": "", "referents": ["Claire Martin", "Paul Roux"],
                               "status": "non_demarree", "_shown": ["SDUS", 3],
                               "_refs": {"Intitulé": fiches["D3"].value}}   # the reference text as shown
    assert int(meta["rows"]) == len(base_rows) == 2 + summary.steps + summary.values


def test_texts_that_look_like_formulas_are_literal(db, services, tmp_path):
    services.set("action", 1, "bilan", "=HYPERLINK(\"http://x\")")
    services.set("step", 1, "comment", "+33 4 66 49 66 66")
    services.set("step", 2, "comment", "@SOMME(A1)")
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    workbook = load_workbook(summary.path)
    bilan = workbook["Fiches"]["H2"]
    assert bilan.value == "=HYPERLINK(\"http://x\")" and bilan.data_type == "s" and bilan.quotePrefix
    steps = workbook["Étapes"]
    assert steps["L2"].data_type == "s" and steps["L2"].quotePrefix and steps["L2"].value == "+33 4 66 49 66 66"
    assert steps["L3"].value == "@SOMME(A1)" and steps["L3"].quotePrefix
    assert all("<f>" not in xml for xml in _sheets_xml(summary.path))


def test_dates_validations_protection_and_print_setup(db, services, tmp_path):
    services.set("step", 1, "actual_end", "15/3/21")
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1, 2])
    workbook = load_workbook(summary.path)
    steps = workbook["Étapes"]
    assert steps["J2"].value == datetime(2021, 3, 15) and steps["J2"].number_format == "DD/MM/YYYY"
    assert steps["G2"].value == datetime(2019, 1, 1) and steps["H2"].value == datetime(2019, 12, 31)
    validations = {str(v.sqref): v for v in steps.data_validations.dataValidation}
    assert validations["K2:K" + str(summary.steps + 1)].formula1 == L.NAME_STEP_STATUSES
    assert validations["G2:J" + str(summary.steps + 1)].type == "date"
    assert workbook.defined_names[L.NAME_STEP_STATUSES].attr_text == "Listes!$B$1:$B$4"
    assert [workbook["Listes"].cell(r, 1).value for r in range(1, 6)] == [
        "Non démarrée", "En cours", "Réalisée", "Reportée", "Abandonnée"]
    assert steps.protection.sheet and not steps.protection.autoFilter
    assert steps["A2"].protection.locked and steps["E2"].protection.locked and not steps["J2"].protection.locked
    assert steps["J2"].fill.fgColor.rgb != steps["E2"].fill.fgColor.rgb
    assert steps.freeze_panes == "C2" and steps.auto_filter.ref == f"A1:L{summary.steps + 1}"
    assert steps.column_dimensions["A"].hidden and steps.column_dimensions["E"].width == 55
    assert steps.page_setup.orientation == "landscape" and steps.page_setup.fitToWidth == 1
    assert steps.print_title_rows == "$1:$1"
    values = workbook["Indicateurs"]
    free_row = summary.values + 2
    assert not values.cell(free_row, 3).protection.locked and values.cell(free_row, 5).protection.locked


def test_indicator_rows_cover_every_year_of_the_plan(db, services, tmp_path):
    with db.reading() as session:
        action = load_plans(session, "SDUS")[0].orientations[0].axes[0].actions[0]
        indicator = action.indicators[0]
    services.set("value", f"{indicator.id}:2021-T2", "value", "7")
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    sheet = load_workbook(summary.path)["Indicateurs"]
    periods = [sheet.cell(r, 7).value for r in range(2, summary.values + 2) if sheet.cell(r, 4).value == 1]
    assert periods == ["2019", "2020", "2021", "2021-T2", "2022", "2023"]
    row = 2 + periods.index("2021-T2")
    assert sheet.cell(row, 9).value == 7 and sheet.cell(row, 1).value == f"V{indicator.id}:2021-T2"


def test_a_referent_scope_is_one_person_even_when_another_name_differs_only_by_case(db, services, tmp_path):
    """« Claire Martin » and « CLAIRE MARTIN » recorded as two people (from a base older than the folded matching
    of Services._person; two entries of the tree's filter): each one's workbook holds their fiches only; a name
    that could be either is refused, naming both."""
    from sdus_desktop.store.models import Person

    with db.transaction() as session:
        session.add_all([Person(name="Claire Martin", service=""), Person(name="CLAIRE MARTIN", service="")])
    services.set("action", 1, "referents", ["Claire Martin"])
    services.set("action", 2, "referents", ["CLAIRE MARTIN"])
    services.set("action", 3, "referents", ["Claire Martin", "Paul Roux"])
    assert export(db, tmp_path, "a.xlsx", referent="Claire Martin").scope.action_ids == [1, 3]
    assert export(db, tmp_path, "b.xlsx", referent="CLAIRE MARTIN").scope.action_ids == [2]
    with pytest.raises(ScopeError, match="peut désigner 2 référents différents .CLAIRE MARTIN, Claire Martin"):
        export(db, tmp_path, "c.xlsx", referent="claire martin")
    assert not (tmp_path / "c.xlsx").exists()
    assert export(db, tmp_path, "d.xlsx", referent="paul roux").scope.referent == "Paul Roux"  # as recorded


def test_nothing_to_export_is_a_french_error(db, tmp_path):
    with pytest.raises(ScopeError, match="aucune fiche pour le référent « Inconnu »"):
        export(db, tmp_path, referent="Inconnu")
    assert not (tmp_path / "classeur.xlsx").exists()


def _sheets_xml(path) -> list[str]:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(names) == 7
        return [archive.read(name).decode() for name in names]
