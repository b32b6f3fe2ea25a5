"""The files of the scripted comité cycle (tools/scripted_cycle.py) that are not the application's: what each
référent types into their workbook (openpyxl on a copy, as Excel would save it; one copy re-saved by real
LibreOffice), and the comité outputs printed as people see them (LibreOffice → PDF → PNG, pdftoppm)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

TOOLS = Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))

NAMES = ["Anne Arnal", "Bruno Bès", "Chloé Crozes", "Denis Durand", "Élise Estève", "Fanny Fabre"]
ANNE_BILAN = "Accueil testé à Mende ; élargi à Marvejols — « premier accueil » validé avec les CMS."
BRUNO_BILAN = "Réunion tenue en mai."
CHLOE_BILAN = "Réunion reportée à juin."
STEP_END = datetime(2021, 3, 31)


@dataclass
class Return:
    """What one référent typed: per fiche number, the Fiches cells (field → value), and step end dates."""

    referent: str
    fiches: dict[int, dict[str, Any]] = field(default_factory=dict)
    step_ends: dict[tuple[int, int], datetime] = field(default_factory=dict)
    libreoffice: bool = False


def returns(denis_fiche: int) -> list[Return]:
    """Anne and Denis: plain returns (Denis's re-saved by LibreOffice); Bruno and Chloé both change the bilan and
    the avancement of fiche 3 (they share it): their returns conflict; Élise types 150 % (refused); Fanny
    sends nothing back."""
    return [
        Return("Anne Arnal", {1: {"avancement": 40}, 2: {"bilan": ANNE_BILAN}}, {(1, 1): STEP_END}),
        Return("Bruno Bès", {3: {"bilan": BRUNO_BILAN, "avancement": 50}, 4: {"status": "En cours"}}),
        Return("Chloé Crozes", {3: {"bilan": CHLOE_BILAN, "avancement": 60}, 5: {"avancement": 30}}),
        Return("Denis Durand", {denis_fiche: {"status": "En cours", "avancement": 20}}, libreoffice=True),
        Return("Élise Estève", {20: {"avancement": 150, "bilan": "Bilan qui ne doit pas entrer."}}),
    ]


COLUMNS = {"status": "E", "avancement": "F", "bilan": "H"}


def fill(source: Path, target: Path, answer: Return) -> Path:
    """The référent's edits on a copy of the workbook they received (the sent file is never touched)."""
    from openpyxl import load_workbook

    workbook = load_workbook(source)
    fiches = workbook["Fiches"]
    for number, cells in answer.fiches.items():
        row = next(r for r in range(2, fiches.max_row + 1) if fiches.cell(r, 3).value == number)
        for name, value in cells.items():
            fiches[f"{COLUMNS[name]}{row}"] = value
    steps = workbook["Étapes"]
    for (number, step), value in answer.step_ends.items():
        row = next(r for r in range(2, steps.max_row + 1)
                   if steps.cell(r, 3).value == number and steps.cell(r, 4).value == step)
        steps.cell(row, 10).value = value  # « Fin réelle »
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)
    if answer.libreoffice:
        from libreoffice_roundtrip import resave_with_libreoffice

        resaved = resave_with_libreoffice(target, target.parent / "libreoffice")
        shutil.move(str(resaved), str(target))
        shutil.rmtree(target.parent / "libreoffice", ignore_errors=True)
    return target


def soffice_available() -> bool:
    from libreoffice_roundtrip import find_soffice

    return find_soffice() is not None


def render_pages(workbook: Path, dossier: Path, out: Path, label: str, dpi: int = 60) -> list[Path]:
    """The comité workbook printed by LibreOffice and the dossier, as PNG in `out`: the first page of each and the
    pages of « Depuis le dernier comité » (and, in the dossier, the fiche page with both bilans of fiche 3)."""
    from render_comite import workbook_to_pdf

    work = workbook.parent / "rendu"
    work.mkdir(exist_ok=True)
    pdf = workbook_to_pdf(workbook, work)
    shots = []
    for source, name, markers in ((pdf, "classeur-comite", ["Évolutions — depuis le comité"]),
                                  (dossier, "dossier-comite", ["Depuis le comité du", CHLOE_BILAN])):
        pages = pdf_text(source).split("\f")
        wanted = [1] + [number for number, text in enumerate(pages, start=1)
                        if any(marker in text for marker in markers)]
        for number in sorted(set(wanted)):
            stem = out / f"{label}-{name}-p{number}"
            subprocess.run(["pdftoppm", "-png", "-singlefile", "-r", str(dpi), "-f", str(number), "-l", str(number),
                            str(source), str(stem)], check=True, capture_output=True)
            shots.append(stem.with_suffix(".png"))
    return shots


def pdf_text(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        return ""
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
