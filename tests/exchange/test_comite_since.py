"""Both comité outputs take « Depuis le dernier comité » from the last frozen comité and warn on their first
page when conflicts are pending."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from sdus_desktop.exchange.comite_workbook import write_comite_workbook
from sdus_desktop.reports.dossier import write_dossier
from sdus_desktop.store.comite_snapshots import freeze
from tests.reports.pdftools import pages_text
from tests.support.comite_year import first_half, pending_conflict, second_half

TODAY = date(2026, 11, 30)


def test_outputs_since_the_last_comite_with_conflicts_warning(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ids = first_half(db)
    freeze(db, "Marie Dupont", date(2026, 3, 12))
    second_half(db, ids)
    pending_conflict(db, ids["twelve"])
    out = write_comite_workbook(db, tmp_path / "comite.xlsx", plan_code="SDUS", today=TODAY)
    workbook = load_workbook(out)
    warning = workbook["Synthèse"]["A2"].value
    assert warning.startswith("⚠ 1 conflit(s) d'import en attente d'arbitrage")
    assert "A2:K2" in {str(r) for r in workbook["Synthèse"].merged_cells.ranges}
    sheet = workbook["Évolutions"]
    assert sheet["A1"].value == "Évolutions — depuis le comité du 12/03/2026"
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert len(rows) == 1
    plan, number, _, status, avancement, steps, values, bilan = rows[0]
    assert (plan, number, status, avancement) == ("SDUS", 12, "◐ En cours → ● Réalisée", "30 % → 100 %")
    assert steps.splitlines()[0].startswith("● réalisée : 2. ") and "→ décalée : 3. " in steps
    assert values.endswith("2022 : 31, 78 % de la cible 40")
    assert bilan == "Diagnostic partagé avec l'ARS ; fiche réflexe diffusée."
    assert all(cell.alignment.vertical == "top" for cell in sheet[4] if cell.value is not None)

    pdf = tmp_path / "dossier.pdf"
    write_dossier(db, pdf, "SDUS", fiches=[12, 13], today=TODAY)
    pages = pages_text(pdf)
    cover = " ".join(pages[0].split())
    assert "Évolutions depuis le comité du 12/03/2026" in cover
    assert "⚠ 1 conflit(s) d'import en attente d'arbitrage" in cover
    text = " ".join(" ".join(pages).split())
    assert "Depuis le comité du 12/03/2026 1 fiche(s) sur 2 ont changé" in text
    assert "SDUS 12 ◐ En cours → ● Réalisée 30 % → 100 %" in text
    assert "78 % de la cible 40" in text


def test_no_warning_and_no_section_without_conflicts_or_comite(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = write_comite_workbook(db, tmp_path / "comite.xlsx", plan_code="SDSF", today=TODAY)
    workbook = load_workbook(out)
    assert workbook["Synthèse"]["A2"].value is None
    assert workbook["Évolutions"]["A1"].value == "Évolutions — depuis le début du suivi"
    # nothing was entered: late steps are in « Étapes en retard », not listed as « newly late » since the start
    assert workbook["Évolutions"]["A2"].value == "Aucun changement pour les 66 fiche(s) comparée(s)."
    pdf = tmp_path / "dossier.pdf"
    write_dossier(db, pdf, "SDSF", fiches=[1], today=TODAY)
    text = " ".join(" ".join(pages_text(pdf)).split())
    assert "conflit" not in text and "Depuis le" not in text
