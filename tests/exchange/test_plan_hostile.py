"""Hostile definition workbooks are refused with their place; the database stays byte-identical."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from sdus_desktop.exchange import plan_layout as L
from sdus_desktop.exchange.plan_files import find_libreoffice
from sdus_desktop.exchange.plan_import import import_plan_file
from sdus_desktop.exchange.plan_lifecycle import definition_of
from sdus_desktop.exchange.plan_workbook import write_definition
from sdus_desktop.store.database import Database
from tests.exchange.plan_helpers import edit, fill_template, find_row, sha


@pytest.fixture
def new_plan(tmp_path: Path) -> Path:
    return fill_template(write_definition(None, tmp_path / "modele.xlsx"), tmp_path / "pdi.xlsx")


@pytest.fixture
def sdus(db: Database, tmp_path: Path) -> Path:
    definition = definition_of(db, "SDUS")
    assert definition is not None
    return write_definition(definition, tmp_path / "sdus.xlsx")


def refused(db: Database, db_path: Path, path: Path) -> list[str]:
    before = sha(db_path)
    result = import_plan_file(db, path, "Équipe centrale")
    assert not result.ok and not result.applied
    assert sha(db_path) == before
    assert "rien n'a été modifié" in result.report_lines()[0]
    return result.errors


CASES: dict[str, tuple[dict[str, dict[str, Any]], str]] = {
    "duplicate fiche number": ({L.SHEET_FICHES: {"B3": 1}}, "Fiches!B3 : numéro en double (fiche 1 déjà en Fiches!B2)"),
    "duplicate étape number": ({L.SHEET_ETAPES: {"C3": 1}}, "Étapes!C3 : numéro en double"),
    "duplicate orientation": ({L.SHEET_GROUPS: {"A3": 1}}, "Orientations!A3 : numéro en double"),
    "empty title": ({L.SHEET_FICHES: {"F4": None}}, "Fiches!F4 : cellule vide : ce texte est obligatoire"),
    "empty étape label": ({L.SHEET_ETAPES: {"D5": "   "}}, "Étapes!D5 : cellule vide"),
    "formula": ({L.SHEET_FICHES: {"K2": "=HYPERLINK(\"http://x\")"}}, "Fiches!K2 : formule refusée"),
    "formula in a number": ({L.SHEET_ETAPES: {"C4": "=1+1"}}, "Étapes!C4 : formule refusée"),
    "formula in the plan": ({L.SHEET_PLAN: {"B3": "=A1"}}, "Plan!B3 : formule refusée"),
    "formula far away": ({L.SHEET_INDICATORS: {"F21": "=SUM(A1:A2)"}}, "Indicateurs!F21 : formule refusée"),
    "long title": ({L.SHEET_FICHES: {"F3": "x" * 5_000}}, "Fiches!F3 : texte trop long (5000 caractères ; 1000 au plus)"),
    "fiche in unknown axe": ({L.SHEET_FICHES: {"E2": 9}}, "Fiches!E2 : axe 9 de l'orientation 1 absent"),
    "étape of unknown fiche": ({L.SHEET_ETAPES: {"A2": 99}}, "Étapes!A2 : fiche 99 absente"),
    "decimal number": ({L.SHEET_FICHES: {"B2": 1.5}}, "Fiches!B2 : numéro de fiche invalide « 1.5 »"),
    "unknown unit": ({L.SHEET_INDICATORS: {"E2": "kg"}}, "Indicateurs!E2 : type d'indicateur inconnu « kg »"),
    "years reversed": ({L.SHEET_PLAN: {"B4": 2030}}, "Plan!B5 : l'année de fin (2027) précède l'année de début (2030)"),
    "bad code": ({L.SHEET_PLAN: {"B2": "PDI 2024!"}}, "Plan!B2 : code « PDI 2024! » invalide"),
    "moved header": ({L.SHEET_FICHES: {"B1": "Numéro"}}, "Fiches!B1 : colonne « N° » attendue, trouvé « Numéro »"),
    "bad state": ({L.SHEET_PLAN: {"B7": "terminé"}}, "Plan!B7 : état « terminé » inconnu"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_cells_are_refused_with_their_place(db: Database, db_path: Path, new_plan: Path, tmp_path: Path,
                                                    case: str) -> None:
    changes, expected = CASES[case]
    errors = refused(db, db_path, edit(new_plan, tmp_path / "hostile.xlsx", changes))
    assert any(error.startswith(expected) for error in errors), errors


def test_text_longer_than_a_cell_is_refused(db: Database, db_path: Path, new_plan: Path, tmp_path: Path) -> None:
    """openpyxl cuts texts at 32 767 characters when writing; LibreOffice does not: patch the XML as it would."""
    import zipfile

    marked = edit(new_plan, tmp_path / "marque.xlsx", {L.SHEET_FICHES: {"K3": "MARQUEUR-TEXTE-ENORME"}})
    huge = tmp_path / "enorme.xlsx"
    with zipfile.ZipFile(marked) as source, zipfile.ZipFile(huge, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data.replace(b"MARQUEUR-TEXTE-ENORME", b"y" * 40_000))
    errors = refused(db, db_path, huge)
    assert any(e.startswith("Fiches!K3 : texte trop long (40000 caractères ; 32767 au plus)") for e in errors), errors


def test_missing_levels_are_refused(db: Database, db_path: Path, tmp_path: Path) -> None:
    template = write_definition(None, tmp_path / "modele.xlsx")
    only_plan = edit(template, tmp_path / "vide.xlsx", {L.SHEET_PLAN: {"B2": "X", "B3": "Plan X", "B4": 2024,
                                                                      "B5": 2025}})
    errors = refused(db, db_path, only_plan)
    assert "Orientations!A2 : aucune orientation : un plan a au moins un premier niveau" in errors
    assert "Axes!A2 : aucun axe : un plan a au moins un axe" in errors
    assert not any(e.startswith("Fiches!") for e in errors)  # a plan in preparation may have no fiche yet


def test_missing_sheet_and_wrong_workbook_are_refused(db: Database, db_path: Path, new_plan: Path,
                                                      tmp_path: Path) -> None:
    workbook = load_workbook(new_plan)
    del workbook[L.SHEET_AXES]
    workbook.save(tmp_path / "sans-axes.xlsx")
    assert refused(db, db_path, tmp_path / "sans-axes.xlsx") == [
        "« sans-axes.xlsx » : feuille(s) absente(s) : « Axes ». Repartez du modèle (sdus plan template)."]
    other = Workbook()
    other.active.title = "Fiches"
    other.save(tmp_path / "referent.xlsx")
    assert "n'est pas une définition de plan" in refused(db, db_path, tmp_path / "referent.xlsx")[0]
    (tmp_path / "texte.xlsx").write_text("pas un classeur")
    assert "n'est pas un classeur Excel" in refused(db, db_path, tmp_path / "texte.xlsx")[0]
    (tmp_path / "faux.ods").write_text("pas un classeur")
    assert "OpenDocument" in refused(db, db_path, tmp_path / "faux.ods")[0]


def test_avenant_refusals_name_the_place(db: Database, db_path: Path, sdus: Path, services, tmp_path: Path) -> None:
    """Unknown keys, a number kept by a fiche being archived, a unit change that would break values."""
    from sdus_desktop.store import readmodel

    fiche1 = next(a for o in readmodel.load_plans(db_path)[0].orientations for x in o.axes for a in x.actions
                  if a.number == 1)
    services.set("value", f"{fiche1.indicators[0].id}:2021", "value", "12")
    row1 = find_row(sdus, L.SHEET_FICHES, **{"N°": 3})
    row2 = find_row(sdus, L.SHEET_FICHES, **{"N°": 2})
    ind = find_row(sdus, L.SHEET_INDICATORS, **{"N° fiche": 1, "N°": 1})
    errors = refused(db, db_path, edit(sdus, tmp_path / "a.xlsx", {
        L.SHEET_FICHES: {f"A{row1}": 500, f"B{row2}": 90},
        L.SHEET_INDICATORS: {f"E{ind}": "oui/non"},
    }, append={L.SHEET_FICHES: [[None, 2, "Action N°2", 1, 1, "Nouvelle fiche au numéro 2"]]}))
    assert any(e.startswith(f"Fiches!A{row1} : clé 500 inconnue") for e in errors), errors
    assert any("est celui de la fiche" in e for e in errors), errors
    assert any(e.startswith(f"Indicateurs!E{ind} : l'indicateur a déjà des valeurs saisies (2021 : « 12 »)")
               for e in errors), errors


@pytest.mark.skipif(find_libreoffice() is None, reason="LibreOffice absent")
def test_ods_definition_is_read_through_libreoffice(db: Database, db_path: Path, new_plan: Path,
                                                    tmp_path: Path) -> None:
    import subprocess

    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profil').as_uri()}", "--headless",
                    "--convert-to", "ods", "--outdir", str(tmp_path / "ods"), str(new_plan)],
                   check=True, capture_output=True, timeout=180)
    ods = tmp_path / "ods" / "pdi.ods"
    shutil.copyfile(ods, tmp_path / "plan-pdi.ods")
    result = import_plan_file(db, tmp_path / "plan-pdi.ods", "Équipe centrale")
    assert result.ok and result.created and result.applied, result.errors


@pytest.mark.skipif(find_libreoffice() is None, reason="LibreOffice absent")
def test_export_resaved_by_libreoffice_imports_as_a_no_op(db: Database, db_path: Path, sdus: Path,
                                                          tmp_path: Path) -> None:
    import subprocess

    for target in ("xlsx", "ods"):
        subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profil').as_uri()}", "--headless",
                        "--convert-to", target, "--outdir", str(tmp_path / "lo"), str(sdus)],
                       check=True, capture_output=True, timeout=180)
        before = sha(db_path)
        result = import_plan_file(db, tmp_path / "lo" / f"sdus.{target}", "Équipe centrale")
        assert result.ok and not result.changed, result.report_lines()[:5]
        assert sha(db_path) == before


def test_too_many_rows_are_refused(db: Database, db_path: Path, new_plan: Path, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(L, "MAX_ROWS", 20)
    many = edit(new_plan, tmp_path / "lignes.xlsx", {},
                append={L.SHEET_ETAPES: [[1, None, 100 + n, f"Étape {n}", "2025"] for n in range(30)]})
    errors = refused(db, db_path, many)
    assert any(e.startswith("Étapes!A") and "plus de 20 lignes : classeur refusé" in e for e in errors), errors
    blanks = load_workbook(new_plan)
    sheet = blanks[L.SHEET_INDICATORS]
    for row in range(30, 60):
        sheet.cell(row=row, column=4).value = " "  # blank-looking rows the reader must skip, then refuse
    blanks.save(tmp_path / "vides.xlsx")
    errors = refused(db, db_path, tmp_path / "vides.xlsx")
    assert any("plus de 20 lignes vides" in e for e in errors), errors
