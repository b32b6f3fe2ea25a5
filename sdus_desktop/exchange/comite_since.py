"""The comité workbook's « Évolutions » sheet: since the last comité (or a date), one row per fiche that changed,
net changes only (store.comite_snapshots / core.comite_compare), and the conflicts warning of the first page."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook

from sdus_desktop.core.comite_compare import FicheChanges
from sdus_desktop.exchange import comite_style as style
from sdus_desktop.store.comite_snapshots import SinceComite

HEADERS = ["Plan", "Fiche", "Intitulé", "Statut", "Avancement", "Étapes", "Indicateurs (valeur et cible)",
           "Nouveau bilan, nouvelles notes"]
WIDTHS = [7, 6, 28, 22, 11, 44, 36, 34]
BILAN_CHARS = 600
NOTE_CHARS = 400


def evolutions_sheet(workbook: Workbook, since: SinceComite | None, *, beginning: str) -> tuple[int, int]:
    """Write the sheet; `beginning` titles it when there is neither a frozen comité nor a date."""
    sheet = workbook.create_sheet("Évolutions")
    style.widths(sheet, WIDTHS)
    if since is None:
        style.band(sheet, 1, f"Évolutions {beginning} : aucun comité figé ni date de départ.", len(HEADERS))
        return len(HEADERS), 1
    comparison = since.comparison
    sheet["A1"] = f"Évolutions — {since.title[0].lower()}{since.title[1:]}"
    sheet["A1"].font = style.TITLE_FONT
    style.band(sheet, 2, comparison.summary(), len(HEADERS))
    style.header(sheet, 3, HEADERS)
    row = 4
    for fiche in comparison.fiches:
        style.row(sheet, row, fiche_cells(fiche))
        row += 1
    style.table(sheet, 3, len(HEADERS), row - 1)
    return len(HEADERS), max(row - 1, 3)


def fiche_cells(fiche: FicheChanges) -> list[Any]:
    bilan = fiche.bilan or ""
    if len(bilan) > BILAN_CHARS:
        bilan = bilan[: BILAN_CHARS - 1].rstrip() + "…"
    return [
        fiche.plan, fiche.number, fiche.title,
        "nouvelle fiche" if fiche.new_fiche else fiche.status_text(),
        fiche.avancement_text(),
        "\n".join(step.text() for step in fiche.steps),
        "\n".join(value.text() for value in fiche.values),
        "\n\n".join(part for part in (bilan, fiche.notes_text(NOTE_CHARS)) if part),
    ]


def warning_band(sheet: Any, row: int, text: str, columns: int) -> None:
    """The pending-conflicts warning, on the first page of the workbook."""
    if text:
        style.band(sheet, row, text, columns, style.WARNING_FILL)
