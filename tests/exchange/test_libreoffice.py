"""A workbook re-saved by real LibreOffice imports the same; a référent's edits on it come back exactly."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sdus_desktop.exchange.import_apply import import_workbook
from sdus_desktop.exchange.import_plan import prepare_import
from sdus_desktop.store.queries import load_action
from tests.exchange.helpers import edit_copy, export, row_of

REPO = Path(__file__).resolve().parents[2]


def _tool():
    spec = importlib.util.spec_from_file_location("libreoffice_roundtrip", REPO / "tools" / "libreoffice_roundtrip.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


tool = _tool()
pytestmark = [
    pytest.mark.libreoffice, pytest.mark.slow,
    pytest.mark.skipif(tool.find_soffice() is None, reason="LibreOffice (soffice) absent : installez "
                                                           "libreoffice-calc-nogui pour ce test"),
]


def test_libreoffice_resave_then_edit_round_trip(db, services, tmp_path):
    services.set("step", 1, "actual_end", "15/03/2021")
    services.set("action", 1, "bilan", "=SOMME(A1:A3) n'est pas une formule")
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1, 2, 39])
    resaved = tool.resave_with_libreoffice(summary.path, tmp_path / "lo")

    workbook = load_workbook(resaved)
    assert workbook["_sdus"].sheet_state in ("hidden", "veryHidden")
    assert workbook["Étapes"].protection.sheet
    assert workbook["Étapes"]["J2"].value.date() == date(2021, 3, 15)
    assert workbook["Fiches"]["H2"].data_type == "s"

    untouched = prepare_import(db, resaved)
    assert untouched.ok, untouched.errors or untouched.refused
    assert untouched.changes == [] and untouched.conflicts == [] and untouched.notices == []

    with db.reading() as session:
        step_id = load_action(session, 2).steps[0].id
    row = row_of(resaved, "Étapes", f"E{step_id}")
    edited = edit_copy(resaved, tmp_path / "retour.xlsx", {
        "Fiches": {"E3": "En cours", "F3": 25},
        "Étapes": {f"I{row}": "2/9/20", f"K{row}": "En cours"},
    })
    result = import_workbook(db, edited, "Référent")
    assert sorted(change.text() for change in result.preview.changes) == [
        "fiche 2 · avancement : 0 % → 25 %",
        "fiche 2 · statut : Non démarrée → En cours",
        "fiche 2 · étape 1 · début réel : — → 02/09/2020",
        "fiche 2 · étape 1 · état : À faire → En cours",
    ]
    assert result.applied == 4


def test_libreoffice_renders_the_workbook_for_printing(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1, 2, 3])
    pdf = tool.resave_with_libreoffice(summary.path, tmp_path / "pdf", to="pdf")
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Classeur de suivi pour les référents" in text
    assert "SDUS Desktop — classeur référent — Étapes" in text
    assert reader.pages[1].mediabox.width > reader.pages[1].mediabox.height  # landscape


def test_libreoffice_keeps_long_texts_and_the_author_cell(db, services, tmp_path):
    from sdus_desktop.core.limits import MAX_CELL_TEXT
    from sdus_desktop.store.readmodel import journal_for_action

    services.set("action", 1, "bilan", "ê" * MAX_CELL_TEXT)
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    readme = load_workbook(summary.path)["Lisez-moi"]
    row = next(cell.row for cell in readme["A"] if cell.value == "Rempli par (votre nom) :")
    typed = edit_copy(summary.path, tmp_path / "nom.xlsx", {"Lisez-moi": {f"B{row}": "Léa Saisie"},
                                                            "Fiches": {"F2": 70}})
    resaved = tool.resave_with_libreoffice(typed, tmp_path / "lo")
    # LibreOffice writes back an empty <workbookProtection/> (structure lock not kept); removed or renamed sheets
    # are refused on import anyway (workbook_read).
    result = import_workbook(db, resaved, "Centrale")
    assert result.preview.ok, result.preview.errors or result.preview.refused
    assert result.applied == 1 and not result.preview.conflicts
    assert journal_for_action(db.path, 1)[0].author == "Léa Saisie"


def test_percent_cells_after_a_libreoffice_resave(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1, 39])
    workbook = load_workbook(summary.path)
    kinds = [cell.value for cell in workbook["Indicateurs"]["F"]]
    row = kinds.index("Pourcentage") + 1
    for ref, value in (("F2", 0.45), ("F3", 0.075)):
        workbook["Fiches"][ref].value = value
        workbook["Fiches"][ref].number_format = "0%" if value == 0.45 else "0.0%"
    workbook["Indicateurs"][f"I{row}"].value = 0.29
    workbook["Indicateurs"][f"I{row}"].number_format = "0%"
    workbook.save(tmp_path / "pourcent.xlsx")
    resaved = tool.resave_with_libreoffice(tmp_path / "pourcent.xlsx", tmp_path / "lo")

    preview = prepare_import(db, resaved)
    assert preview.errors == ["Fiches!F3 : avancement invalide « 7,5 % » (un nombre entier entre 0 et 100) "
                              "(SDUS · fiche 39)"]
    good = load_workbook(resaved)
    good["Fiches"]["F3"].value = 0
    good.save(tmp_path / "bon.xlsx")
    preview = prepare_import(db, tmp_path / "bon.xlsx")
    assert preview.errors == [] and preview.notices == []
    assert [c.text() for c in preview.changes] == ["fiche 1 · avancement : 0 % → 45 %",
                                                   "fiche 39 · indicateur 1 · 2019 · valeur : — → 29 %"]
