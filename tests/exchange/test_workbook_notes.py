"""Notes de suivi in the référent workbook: existing notes read only, new ones added once, a changed existing
note refused with its place (nothing imported), format 1 workbooks still imported; LibreOffice re-save."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sdus_desktop.exchange import workbook_layout as L
from sdus_desktop.exchange.import_apply import import_workbook
from sdus_desktop.exchange.import_batch import apply_batch, prepare_batch
from sdus_desktop.exchange.import_undo import undo_import
from sdus_desktop.store import readmodel
from sdus_desktop.store.database import Database
from sdus_desktop.store.services import Services
from tests.exchange.helpers import edit_copy, export
from tests.store.test_services import first_action

REPO = Path(__file__).resolve().parents[2]
SHEET = L.SHEET_NOTES


def _notes(db: Database, action_id: int) -> list[readmodel.Note]:
    return readmodel.notes_for_actions(db.path, [action_id]).get(action_id, [])


def _free_row(path: Path) -> int:
    workbook = load_workbook(path, read_only=True)
    try:
        rows = list(workbook[SHEET].iter_rows(min_col=1, max_col=1, values_only=True))
    finally:
        workbook.close()
    return next(number for number, row in enumerate(rows, start=1) if number > 1 and row[0] is None)


def _with_filled_by(source: Path, target: Path, cells: dict, name: str) -> Path:
    workbook = load_workbook(source)
    readme = workbook[L.SHEET_README]
    for row in readme.iter_rows():
        if row[0].value == L.FILLED_BY_LABEL:
            row[1].value = name
    for sheet, values in cells.items():
        for ref, value in values.items():
            workbook[sheet][ref] = value
    workbook.save(target)
    return target


@pytest.fixture
def noted(db: Database, services: Services):  # type: ignore[no-untyped-def]
    action = first_action(db, 12)
    services.add_note(action.id, "05/01/2026", "Note déjà là & <b>gras</b>")
    return action


def test_export_writes_existing_notes_read_only_and_free_rows(db, noted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = export(db, tmp_path, plan_code="SDUS", fiches=[12]).path
    workbook = load_workbook(path)
    sheet = workbook[SHEET]
    assert [c.value for c in sheet[1]] == [c.header for c in L.NOTE_COLUMNS]
    row = [c.value for c in sheet[2]]
    assert row[1:3] == ["SDUS", 12] and row[4] == datetime(2026, 1, 5) and row[6] == "Note déjà là & <b>gras</b>"
    assert row[5] == "Marie Dupont" and row[0].startswith("N")
    assert sheet.protection.sheet and sheet["G2"].protection.locked
    assert not sheet["G3"].protection.locked and not sheet["E3"].protection.locked and sheet["F3"].protection.locked
    assert workbook["_sdus"]["B2"].value == str(L.VERSION) == "2"


def test_a_new_note_is_added_once_with_the_workbook_author(db, noted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[12], referent=None)
    free = _free_row(summary.path)
    cells = {SHEET: {f"B{free}": "SDUS", f"C{free}": 12, f"E{free}": "12/02/2026",
                     f"G{free}": "Comité technique : « accord » sur l'œuvre"}}
    filled = _with_filled_by(summary.path, tmp_path / "rempli.xlsx", cells, "Jeanne Référente")
    result = import_workbook(db, filled, "Marie Dupont", backup=False)
    assert result.preview.ok, result.preview.errors
    assert any(c.entity == "note" for c in result.preview.changes)
    texts = [(n.note_date, n.author, n.text) for n in _notes(db, noted.id)]
    assert texts == [(date(2026, 2, 12), "Jeanne Référente", "Comité technique : « accord » sur l'œuvre"),
                     (date(2026, 1, 5), "Marie Dupont", "Note déjà là & <b>gras</b>")]
    entries = [e for e in readmodel.journal_for_action(db.path, noted.id) if e.entity == "note"]
    assert entries[0].author == "Jeanne Référente" and entries[0].import_id is not None

    # The same notes in a copy saved again (other bytes): nothing added twice.
    again = _with_filled_by(filled, tmp_path / "rempli-bis.xlsx", {}, "Jeanne R.")
    second = import_workbook(db, again, "Marie Dupont", backup=False)
    assert second.preview.ok and not [c for c in second.preview.changes if c.entity == "note"]
    assert any("déjà enregistrée" in n for n in second.preview.notices)
    assert len(_notes(db, noted.id)) == 2

    # Undoing the import withdraws the note it added.
    assert entries[0].import_id is not None
    undo_import(db, "Marie Dupont", entries[0].import_id)
    assert [n.text for n in _notes(db, noted.id)] == ["Note déjà là & <b>gras</b>"]


def test_two_workbooks_with_the_same_new_note_add_it_once(db, noted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    paths = []
    for index in (1, 2):
        summary = export(db, tmp_path, f"c{index}.xlsx", plan_code="SDUS", fiches=[12])
        free = _free_row(summary.path)
        paths.append(edit_copy(summary.path, tmp_path / f"r{index}.xlsx", {SHEET: {
            f"C{free}": 12, f"E{free}": date(2026, 3, 1), f"G{free}": "même note"}}))
    previews = prepare_batch(db, paths)
    assert all(p.ok for p in previews), [p.errors for p in previews]
    apply_batch(db, previews, "Marie Dupont")
    assert [n.text for n in _notes(db, noted.id)].count("même note") == 1


def test_a_changed_existing_note_refuses_the_workbook_with_its_place(db, noted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[12])
    free = _free_row(summary.path)
    changed = edit_copy(summary.path, tmp_path / "modifie.xlsx", {
        SHEET: {"G2": "texte réécrit", f"C{free}": 12, f"E{free}": "01/03/2026", f"G{free}": "nouvelle"},
        "Fiches": {"H2": "bilan modifié"}})
    before = readmodel.read_actions(db.path, [noted.id])[noted.id]
    result = import_workbook(db, changed, "Marie Dupont", backup=False)
    assert not result.preview.ok
    assert any(e.startswith(f"{SHEET}!G2 : la note du 05/01/2026 est déjà enregistrée") for e in result.preview.errors)
    assert [n.text for n in _notes(db, noted.id)] == ["Note déjà là & <b>gras</b>"]
    after = readmodel.read_actions(db.path, [noted.id])[noted.id]
    assert before is not None and after is not None and after.bilan == before.bilan


@pytest.mark.parametrize(("cells", "message"), [
    ({"C": 12, "E": "31/02/2026", "G": "x"}, "E{row} : date de la note"),
    ({"C": 12, "G": "sans date"}, "E{row} : date de la note manquante"),
    ({"C": 12, "E": "01/02/2026"}, "G{row} : texte de la note manquant"),
    ({"C": 99, "E": "01/02/2026", "G": "x"}, "C{row} : la fiche 99 (SDUS) est hors du périmètre"),
    ({"C": 12, "E": "01/02/2026", "G": "=A1"}, "G{row} : formule"),
])
def test_a_wrong_new_note_is_refused_with_its_place(db, noted, tmp_path, cells, message) -> None:  # type: ignore[no-untyped-def]
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[12])
    free = _free_row(summary.path)
    path = edit_copy(summary.path, tmp_path / "faux.xlsx", {SHEET: {f"{k}{free}": v for k, v in cells.items()}})
    result = import_workbook(db, path, "Marie Dupont", backup=False)
    assert any(e.startswith(f"{SHEET}!" + message.format(row=free)) for e in result.preview.errors), \
        (result.preview.refused, result.preview.errors)
    assert len(_notes(db, noted.id)) == 1


def test_a_format_1_workbook_without_notes_is_still_imported(db, noted, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.exchange import workbook_export

    with monkeypatch.context() as old_format:   # what the previous version wrote: format 1, no notes sheet
        old_format.setattr(L, "VERSION", 1)
        old_format.setattr(workbook_export, "write_notes_sheet", lambda *args: 0)
        summary = export(db, tmp_path, plan_code="SDUS", fiches=[12])
    assert SHEET not in load_workbook(summary.path).sheetnames
    path = edit_copy(summary.path, tmp_path / "ancien.xlsx", {"Fiches": {"H2": "bilan d'un ancien classeur"}})
    result = import_workbook(db, path, "Marie Dupont", backup=False)
    assert result.preview.ok, (result.preview.refused, result.preview.errors)
    after = readmodel.read_actions(db.path, [noted.id])[noted.id]
    assert after is not None and after.bilan == "bilan d'un ancien classeur"


def test_a_format_2_workbook_without_its_notes_sheet_is_refused(db, noted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[12])
    workbook = load_workbook(summary.path)
    workbook.remove(workbook[SHEET])
    workbook.save(tmp_path / "sans-notes.xlsx")
    result = import_workbook(db, tmp_path / "sans-notes.xlsx", "Marie Dupont", backup=False)
    assert result.preview.refused is not None and f"la feuille « {SHEET} » a été supprimée" in result.preview.refused


def _tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("libreoffice_roundtrip", REPO / "tools" / "libreoffice_roundtrip.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.libreoffice
def test_a_note_added_then_resaved_by_libreoffice_comes_back(db, noted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    tool = _tool()
    if tool.find_soffice() is None:
        pytest.skip("LibreOffice (soffice) absent")
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[12])
    free = _free_row(summary.path)
    filled = edit_copy(summary.path, tmp_path / "rempli.xlsx", {SHEET: {
        f"C{free}": 12, f"E{free}": date(2026, 4, 2), f"G{free}": "Écrit puis ré-enregistré : « ok »\nligne 2"}})
    resaved = tool.resave_with_libreoffice(filled, tmp_path / "lo")
    assert load_workbook(resaved)[SHEET].protection.sheet
    result = import_workbook(db, resaved, "Marie Dupont", backup=False)
    assert result.preview.ok, result.preview.errors
    assert [n.text for n in _notes(db, noted.id)][0] == "Écrit puis ré-enregistré : « ok »\nligne 2"


def test_undoing_an_import_whose_note_was_corrected_since_queues_a_conflict(db, noted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.exchange.conflicts import open_conflicts, resolve

    summary = export(db, tmp_path, plan_code="SDUS", fiches=[12])
    free = _free_row(summary.path)
    filled = edit_copy(summary.path, tmp_path / "rempli.xlsx", {SHEET: {
        f"C{free}": 12, f"E{free}": "12/02/2026", f"G{free}": "importée"}})
    import_workbook(db, filled, "Marie Dupont", backup=False)
    imported = next(n for n in _notes(db, noted.id) if n.text == "importée")
    Services(db, "Marie Dupont").edit_note(imported.id, {"text": "importée puis corrigée"}, central=True)
    entry = next(e for e in readmodel.journal_for_action(db.path, noted.id) if e.import_id is not None)
    undone = undo_import(db, "Marie Dupont", entry.import_id)
    assert undone.conflicts_queued == 1
    [conflict] = open_conflicts(db)
    assert "fiche 12 · note du 12/02/2026" in conflict.where
    resolve(db, "Marie Dupont", [conflict.id], "theirs")   # the import's « before »: no such note
    assert "importée puis corrigée" not in [n.text for n in _notes(db, noted.id)]


def test_a_note_that_looks_like_a_formula_travels_as_text(db, services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    action = first_action(db, 12)
    services.add_note(action.id, "05/01/2026", "=SOMME(A1:A3) n'est pas une formule")
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[12])
    sheet = load_workbook(summary.path)[SHEET]
    assert sheet["G2"].data_type == "s" and sheet["G2"].quotePrefix
    untouched = edit_copy(summary.path, tmp_path / "retour.xlsx", {"Fiches": {"H2": "bilan"}})
    result = import_workbook(db, untouched, "Marie Dupont", backup=False)
    assert result.preview.ok, result.preview.errors
    assert [n.text for n in _notes(db, action.id)] == ["=SOMME(A1:A3) n'est pas une formule"]
