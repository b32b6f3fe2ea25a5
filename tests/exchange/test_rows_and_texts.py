"""Issue 9, defects 7–9: long texts, rows moved away from their hidden key, two-digit years, killed exports."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date

import pytest
from openpyxl import load_workbook

from sdus_desktop.core.dates import expand_year
from sdus_desktop.core.limits import MAX_CELL_TEXT
from sdus_desktop.core.validation import parse_date
from sdus_desktop.exchange.import_apply import import_workbook
from sdus_desktop.exchange.import_plan import prepare_import
from sdus_desktop.store.changes import EditError
from sdus_desktop.store.queries import load_action
from tests.exchange.helpers import edit_copy, export, row_of
from tests.support.dbtools import db_fingerprint


def test_a_text_too_long_for_a_cell_is_refused_at_entry_with_its_place(services):
    with pytest.raises(EditError) as refused:
        services.set("action", 1, "bilan", "x" * (MAX_CELL_TEXT + 1))
    assert refused.value.where == "fiche 1 · bilan / commentaire" and "texte trop long" in refused.value.reason
    with pytest.raises(EditError, match="texte trop long"):
        services.set("value", "1:2021", "comment", "y" * (MAX_CELL_TEXT + 5))


def test_a_text_at_the_limit_travels_and_comes_back(db, services, tmp_path):
    services.set("action", 1, "bilan", "é" * MAX_CELL_TEXT)
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    returned = edit_copy(summary.path, tmp_path / "retour.xlsx", {"Fiches": {"F2": 60}})
    result = import_workbook(db, returned, "central")
    assert not result.refused and result.applied == 1
    with db.reading() as session:
        assert load_action(session, 1).bilan == "é" * MAX_CELL_TEXT


def test_an_over_long_cell_in_a_workbook_is_refused_with_its_place(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    names = ";".join(f"p{i}" for i in range(5600))   # fits in its cell, not once written « a ; b ; … »
    assert len(names) < MAX_CELL_TEXT < len(names.replace(";", " ; "))
    returned = edit_copy(summary.path, tmp_path / "retour.xlsx", {"Fiches": {"G2": names}})
    preview = prepare_import(db, returned)
    assert preview.errors and preview.errors[0].startswith("Fiches!G2 : texte trop long")


def test_sorting_only_the_visible_columns_of_etapes_is_refused_with_the_place(db, db_path, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    workbook = load_workbook(summary.path)
    sheet = workbook["Étapes"]
    rows = [[cell.value for cell in sheet[row][1:]] for row in (2, 3)]   # columns B… (Réf. in A stays)
    for row, values in zip((3, 2), rows, strict=True):
        for column, value in enumerate(values, start=2):
            sheet.cell(row, column, value)
    sheet["G2"] = date(2022, 1, 1)
    sorted_copy = tmp_path / "trie.xlsx"
    workbook.save(sorted_copy)
    before = db_fingerprint(db_path)
    result = import_workbook(db, sorted_copy, "central")
    assert result.refused and result.applied == 0
    assert any(error.startswith("Étapes!D2 : cette ligne montre SDUS · fiche 1 · étape 2 mais sa référence "
                                "cachée est celle de SDUS · fiche 1 · étape 1") for error in result.preview.errors)
    assert db_fingerprint(db_path) == before


def test_swapped_reference_cells_are_refused(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1, 2])
    first, second = row_of(summary.path, "Fiches", "F1"), row_of(summary.path, "Fiches", "F2")
    swapped = edit_copy(summary.path, tmp_path / "echange.xlsx",
                        {"Fiches": {f"A{first}": "F2", f"A{second}": "F1", f"H{first}": "bilan de la fiche 1"}})
    preview = prepare_import(db, swapped)
    assert not preview.ok and any("Fiches!C2 : cette ligne montre SDUS · fiche 1" in e for e in preview.errors)


def test_the_workbook_structure_is_protected(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    assert load_workbook(summary.path).security.lockStructure


@pytest.mark.parametrize(("typed", "today", "year"), [(99, date(2026, 11, 30), 1999), (24, date(2026, 1, 1), 2024),
                                                     (30, date(2026, 1, 1), 2030), (0, date(2026, 1, 1), 2000),
                                                     (76, date(2026, 1, 1), 1976), (5, date(2096, 1, 1), 2105)])
def test_two_digit_years_take_the_nearest_century(typed, today, year):
    assert expand_year(typed, today.year) == year


def test_a_two_digit_year_of_the_last_century_is_refused_not_moved(monkeypatch):
    assert parse_date("15/03/21") == date(2021, 3, 15)
    with pytest.raises(ValueError, match="hors limites « 15/03/1999 »"):
        parse_date("15/03/99")


def test_a_killed_export_leaves_no_temporary_file_after_the_next_export(db, db_path, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    script = ("import sys, time\nfrom pathlib import Path\nfrom sdus_desktop.core import atomic\n"
              "from sdus_desktop.store.database import Database\n"
              "from sdus_desktop.exchange.workbook_export import write_referent_workbook\n"
              "real = atomic.os.replace\n"
              "def stuck(*a):\n    print('ecrit', flush=True); time.sleep(60)\n"
              "atomic.os.replace = stuck\n"
              "write_referent_workbook(Database.open(Path(sys.argv[1])), Path(sys.argv[2]), plan_code='SDUS')\n")
    child = subprocess.Popen([sys.executable, "-c", script, str(db_path), str(folder / "a.xlsx")],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "ecrit"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert [p.name for p in folder.iterdir() if p.name.startswith(".sdus-classeur-")]
    time.sleep(0.05)
    export(db, folder, "b.xlsx", plan_code="SDUS", fiches=[1])
    assert sorted(p.name for p in folder.iterdir()) == ["b.xlsx"]
