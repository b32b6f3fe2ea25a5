"""The comité de suivi workbook: values (no formulas), late steps, indicators per year, changes since a date."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from openpyxl import load_workbook

from sdus_desktop.cli.main import main
from sdus_desktop.exchange.comite_workbook import write_comite_workbook
from sdus_desktop.store.queries import late_steps, load_action, load_plans


def test_comite_workbook_content(db, services, tmp_path):
    with db.reading() as session:
        action = load_action(session, 1)
        indicator_id = action.indicators[0].id
        first_step = action.steps[0].id
    services.set("action", 1, "status", "Réalisée")
    services.set("action", 2, "bilan", "=pas une formule")
    services.set("step", first_step, "status", "En cours")
    services.set("value", f"{indicator_id}:2020", "value", "12,5")
    since = datetime.now() - timedelta(hours=1)   # may be yesterday, just after midnight
    out = write_comite_workbook(db, tmp_path / "comite.xlsx", plan_code="SDUS", since=since, today=date(2020, 3, 1))
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Synthèse", "Évolutions", "Graphique", "Fiches", "Étapes en retard", "Indicateurs",
                                   "Graphiques des indicateurs", "Indicateurs agrégés", "Toutes les étapes en retard",
                                   "Données du graphique"]
    synthese = workbook["Synthèse"]
    assert synthese["A1"].value == "Synthèse SDUS — comité de suivi au 01/03/2020"
    assert [c.value for c in synthese[4]][:5] == ["SDUS", "Orientation 1", synthese["C4"].value, 17, 16]
    assert synthese["F4"].value == 0 and synthese["G4"].value == 1
    assert synthese["J4"].value == round(100 / 17, 1)
    assert len(workbook["Graphique"]._charts) == 1
    fiches = workbook["Fiches"]
    assert [fiches.cell(2, c).value for c in (1, 2, 5, 7)] == ["SDUS", 1, "● Réalisée", "Conseil départemental"]
    assert fiches["K3"].value == "=pas une formule" and fiches["K3"].data_type == "s"
    late = workbook["Toutes les étapes en retard"]
    with db.reading() as session:
        expected = late_steps(load_plans(session, "SDUS"), date(2020, 3, 1))
    fiches_late = {step.action_number for step in expected}
    assert late["A1"].value.startswith(f"⚠ {len(expected)} étape(s) en retard dans {len(fiches_late)} fiche(s) sur 74")
    bands = [row[0].value for row in late.iter_rows(min_row=3) if isinstance(row[0].value, str)]
    lines = [[c.value for c in row] for row in late.iter_rows(min_row=3) if isinstance(row[0].value, int)]
    assert len(lines) == len(fiches_late) and len(expected) > len(lines)  # one line per fiche, not per step
    assert sum(line[2] for line in lines) == len(expected)
    assert all(band.startswith("SDUS · Orientation ") and "étape(s) en retard dans" in band for band in bands)
    first = expected[0]  # the longest delay overall heads its axe
    line = next(line for line in lines if line[0] == first.action_number)
    assert line[5] == datetime.combine(first.planned_end, datetime.min.time()) and line[6] == first.days_late
    assert line[4].startswith(f"{first.step_number}. ")
    # The printed sheet: per axe its 3 most overdue fiches (none late since « since », after today), the others
    # counted on a line that sends to the full sheet; nothing silently dropped.
    printed = workbook["Étapes en retard"]
    per_axe: list[list[int]] = []
    others = 0
    for row in printed.iter_rows(min_row=3, values_only=True):
        if isinstance(row[0], str) and row[0].startswith("SDUS · "):
            per_axe.append([])
        elif isinstance(row[0], int):
            per_axe[-1].append(row[0])
        elif row[1] and row[1].startswith("… et "):
            others += int(row[1].split()[2])
            assert "voir la feuille « Toutes les étapes en retard »" in row[1]
    assert per_axe and all(1 <= len(fiches) <= 3 for fiches in per_axe) and others
    assert sum(map(len, per_axe)) + others == len(fiches_late)
    assert "toutes sont dans la feuille « Toutes les étapes en retard »" in printed["A1"].value
    indicators = workbook["Indicateurs"]
    assert [c.value for c in indicators[1]][6:] == ["2019", "2020", "2021", "2022", "2023", "% de la cible"]
    assert indicators["H2"].value == 12.5 and indicators["G2"].value is None
    evolutions = workbook["Évolutions"]  # net changes per fiche since the date, not the raw journal
    assert evolutions["A1"].value == f"Évolutions — depuis le {since:%d/%m/%Y}"
    assert evolutions["A2"].value.startswith("2 fiche(s) sur 74 ont changé ; statut passé à réalisée : 1")
    rows = {row[1]: row for row in ([c.value for c in r] for r in evolutions.iter_rows(min_row=4))}
    assert set(rows) == {1, 2}
    assert rows[1][3] == "○ Non démarrée → ● Réalisée"
    assert rows[1][6].startswith("1. ") and "— 2020 : 12,5" in rows[1][6]
    assert rows[2][7] == "=pas une formule" and evolutions.cell(5, 8).data_type == "s"
    assert workbook["Fiches"].page_setup.orientation == "landscape"
    assert workbook["Fiches"].oddHeader.left.text == "SDUS — Comité de suivi — Fiches"
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)


def test_sdus_report_xlsx_command(db_path, tmp_path, capsys):
    out = tmp_path / "comite.xlsx"
    assert main(["--db", str(db_path), "report", str(out), "--plan", "SDSF", "--since", "01/01/2024"]) == 0
    assert "Classeur du comité de suivi écrit" in capsys.readouterr().out
    workbook = load_workbook(out)
    assert workbook["Évolutions"]["A1"].value == "Évolutions — depuis le 01/01/2024"
    assert workbook["Évolutions"]["A2"].value == "Aucun changement pour les 66 fiche(s) comparée(s)."
    assert workbook["Fiches"].max_row == 67
