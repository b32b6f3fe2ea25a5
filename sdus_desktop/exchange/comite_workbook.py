"""The comité de suivi workbook: Synthèse, Évolutions (depuis le dernier comité), Graphique, Fiches, Étapes en retard
(per axe: totals, the fiches late since the last comité and the most overdue ones), Indicateurs (with « % de la
cible »), Graphiques des indicateurs, and last « Toutes les étapes en retard ».

Values only (no formulas), made to be printed from Excel or LibreOffice (comite_style): A4 landscape fitted
to the width, header rows repeated, values aligned top, the chart alone on its page in the application's
status colours, its data on a hidden sheet, late étapes grouped by axe with totals.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font

from sdus_desktop.core import labels
from sdus_desktop.core.atomic import write_atomically
from sdus_desktop.core.comite_compare import compare
from sdus_desktop.core.progress import Progress, check
from sdus_desktop.core.statuses import ACTION_STATUS_COLOURS, LATE_SYMBOL, ActionStatus
from sdus_desktop.exchange import comite_style as style
from sdus_desktop.exchange.comite_indicators import CHART_DATA as INDICATOR_DATA
from sdus_desktop.exchange.comite_indicators import (
    CHARTS,
    ROLLUPS,
    charts_sheet,
    indicators_sheet,
    rollup_sheet,
)
from sdus_desktop.exchange.comite_since import evolutions_sheet, warning_band
from sdus_desktop.exchange.normalize import LIST_SEPARATOR
from sdus_desktop.store.comite_snapshots import (
    SinceComite,
    changes_since,
    conflicts_warning,
    pending_conflicts,
)
from sdus_desktop.store.comite_state import current_state, state_at
from sdus_desktop.store.database import Database
from sdus_desktop.store.late_groups import LISTED_PER_AXE, late_by_axe, listed_fiches
from sdus_desktop.store.models import Plan
from sdus_desktop.store.queries import iter_actions, late_steps, load_plans, status_counts

CHART_DATA = "Données du graphique"
LATE = "Étapes en retard"
ALL_LATE = "Toutes les étapes en retard"  # the last sheet: every fiche with a late step, for whoever needs it
LATE_LABEL_CHARS = 110  # the oldest late step on two lines at most; the fiche holds the full text
STATUSES = list(ActionStatus)
START = datetime(2000, 1, 1)  # before any suivi: « depuis le début du suivi »
STEPS = 11  # reported: 0 at the start, 1 once read, 2…10 after each of the 9 sheets; the 11th is the save


def write_comite_workbook(
    db: Database, out: Path, plan_code: str | None = None, since: datetime | None = None,
    today: date | None = None, grace_days: int = 0, *, snapshot_id: int | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the comité workbook to `out` (atomically). « Évolutions »: net changes per fiche since the frozen
    comité `snapshot_id`, else since the date `since`, else since the last frozen comité, else since the start.
    `progress` is told after the reading and after each sheet; a cancel raises Cancelled, no file written."""
    today = today or date.today()
    check(progress, 0, STEPS)
    with db.reading() as session:
        plans = load_plans(session, plan_code)
    evolutions = changes_since(db, plan_code, today, since=since, snapshot_id=snapshot_id, grace_days=grace_days)
    if evolutions is None:  # neither a frozen comité nor a date: what was entered since the start
        evolutions = _since_start(db, plan_code, today, grace_days)
    warning = conflicts_warning(pending_conflicts(db))
    title = " et ".join(plan.code for plan in plans) or "—"
    stamp = f"au {today:%d/%m/%Y}"
    check(progress, 1, STEPS)
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets: list[tuple[str, Callable[[], tuple[int, int]]]] = [   # in this order; Évolutions then moved second
        ("Synthèse", lambda: _synthese(workbook, plans, today, grace_days, f"{title} — comité de suivi {stamp}",
                                       warning)),
        ("Graphique", lambda: _chart(workbook, f"{title} — fiches par statut {stamp}")),
        ("Fiches", lambda: _fiches(workbook, plans, today, grace_days)),
        (LATE, lambda: _late(workbook, LATE, plans, today, grace_days, evolutions.since)),
        ("Indicateurs", lambda: indicators_sheet(workbook, plans)),
        (CHARTS, lambda: charts_sheet(workbook, plans)),
        (ROLLUPS, lambda: rollup_sheet(workbook, plans)),
        ("Évolutions", lambda: evolutions_sheet(workbook, evolutions, beginning="depuis le début du suivi")),
        (ALL_LATE, lambda: _late(workbook, ALL_LATE, plans, today, grace_days, None, listed=None)),
    ]
    extents: dict[str, tuple[int, int]] = {}
    for done, (name, build) in enumerate(sheets, start=2):
        extents[name] = build()
        check(progress, done, STEPS)   # the last step, the save, is not reported: the file then exists
    workbook.move_sheet("Évolutions", offset=workbook.sheetnames.index("Synthèse") + 1
                        - workbook.sheetnames.index("Évolutions"))  # « depuis le dernier comité » first
    workbook.move_sheet(CHART_DATA, offset=len(workbook.sheetnames))
    workbook[CHART_DATA].sheet_state = "hidden"
    if INDICATOR_DATA in workbook.sheetnames:
        workbook.move_sheet(INDICATOR_DATA, offset=len(workbook.sheetnames))
    for name, (columns, last_row) in extents.items():
        style.print_setup(workbook[name], f"{title} — Comité de suivi — {name}", stamp, columns, last_row,
                          one_page=name == "Graphique")
    out = Path(out)
    write_atomically(out, workbook.save, prefix=".sdus-comite-")
    return out


def _since_start(db: Database, plan_code: str | None, today: date, grace_days: int) -> SinceComite:
    """The edits made since the catalogue was loaded. Lateness is judged at today's date on both sides: « since the
    start » every late step would otherwise read as newly late, which is not something anyone entered."""
    before = state_at(db.path, START, plan_code)
    before["date"] = today.isoformat()
    return SinceComite("Depuis le début du suivi", compare(before, current_state(db.path, today, plan_code),
                                                           grace_days))


def _synthese(workbook: Workbook, plans: list[Plan], today: date, grace: int, title: str,
              warning: str) -> tuple[int, int]:
    sheet = workbook.create_sheet("Synthèse")
    sheet["A1"] = f"Synthèse {title}"
    sheet["A1"].font = style.TITLE_FONT
    headers = ["Plan", "Niveau", "Intitulé", "Fiches", *[f"{s.symbol} {s.label}" for s in STATUSES],
               "% réalisées", f"{LATE_SYMBOL} Étapes en retard"]
    style.widths(sheet, [7, 14, 56, 8, *[12] * len(STATUSES), 11, 11])
    warning_band(sheet, 2, warning, len(headers))
    style.header(sheet, 3, headers)
    late_by_action: dict[int, int] = {}
    for late in late_steps(plans, today, grace):
        late_by_action[late.action_id] = late_by_action.get(late.action_id, 0) + 1
    row = 4
    chart_rows: list[list[Any]] = []
    for plan in plans:
        for orientation in plan.orientations:
            groups = [(labels.group_name(plan.level1_label, orientation.number), orientation.title,
                       [a for axe in orientation.axes for a in axe.actions], True)]
            groups += [(labels.axe_reference(plan.level1_label, orientation.number, orientation.title, axe.number),
                        axe.title, list(axe.actions), False) for axe in orientation.axes]
            for level, text, actions, is_orientation in groups:
                counts = status_counts(actions)
                done = counts[ActionStatus.REALISEE]
                values = [plan.code, level, text, len(actions), *[counts[s] for s in STATUSES],
                          round(100 * done / len(actions), 1) if actions else 0.0,
                          sum(late_by_action.get(a.id, 0) for a in actions)]
                style.row(sheet, row, values)
                if is_orientation:
                    chart_rows.append([f"{plan.code} {level}", *[counts[s] for s in STATUSES]])
                    for column in range(1, len(headers) + 1):
                        sheet.cell(row, column).fill = style.GROUP_FILL
                        sheet.cell(row, column).font = Font(bold=True)
                else:
                    sheet.cell(row, 3).alignment = Alignment(wrap_text=True, vertical="top", indent=2)
                row += 1
    style.table(sheet, 3, len(headers), row - 1, autofilter=False)
    sheet.freeze_panes = "D4"
    data = workbook.create_sheet(CHART_DATA)
    data.append(["Orientation", *headers[4:4 + len(STATUSES)]])
    for values in chart_rows:
        data.append(values)
    style.widths(data, [28, *[12] * len(STATUSES)])
    return len(headers), row - 1


def _chart(workbook: Workbook, title: str) -> tuple[int, int]:
    """Stacked bars of fiches by status per orientation, alone on an A4 page, in the application's colours."""
    from openpyxl.chart.shapes import GraphicalProperties

    sheet = workbook.create_sheet("Graphique")
    sheet["A1"] = title
    sheet["A1"].font = style.TITLE_FONT
    data = workbook[CHART_DATA]
    groups = data.max_row - 1
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap, chart.gapWidth = "bar", "stacked", 100, 60
    chart.title = "Fiches par statut"
    chart.y_axis.title = "Fiches"
    chart.x_axis.scaling.orientation = "maxMin"  # the first orientation on top, as in the table
    chart.legend.position = "b"
    if groups:
        chart.add_data(Reference(data, min_col=2, max_col=1 + len(STATUSES), min_row=1, max_row=groups + 1),
                       titles_from_data=True)
        chart.set_categories(Reference(data, min_col=1, min_row=2, max_row=groups + 1))
    for series, status in zip(chart.series, STATUSES, strict=False):
        colour = ACTION_STATUS_COLOURS[status].lstrip("#").upper()
        series.graphicalProperties = GraphicalProperties(solidFill=colour)
        series.graphicalProperties.line.solidFill = "FFFFFF"
    chart.width, chart.height = 30, 16  # cm: the A4 page in landscape, once fitted
    sheet.add_chart(chart, "A3")
    style.widths(sheet, [10] * 15)  # 15 columns of 10 characters ≈ 31 cm: the chart's width
    rows = 3 + int(chart.height / 0.53) + 1  # default rows are 15 pt (0.53 cm) high
    return 15, rows


def _fiches(workbook: Workbook, plans: list[Plan], today: date, grace: int) -> tuple[int, int]:
    """One row per fiche; the printed columns first, then (outside the print area) axe title and author."""
    from sdus_desktop.store.queries import step_is_late

    sheet = workbook.create_sheet("Fiches")
    printed = ["Plan", "N°", "Intitulé", "Axe", "Statut", "Avancement (%)", "Pilotes", "Référent(s)",
               "Dernière mise à jour", f"{LATE_SYMBOL} Étapes en retard", "Bilan / commentaire"]
    headers = [*printed, "Intitulé de l'axe", "Mis à jour par"]
    style.widths(sheet, [7, 5, 38, 16, 14, 9, 22, 18, 11, 8, 40, 40, 18])
    style.header(sheet, 1, headers)
    row = 2
    for plan in plans:
        for orientation in plan.orientations:
            for axe in orientation.axes:
                for action in axe.actions:
                    status = ActionStatus(action.status)
                    late = sum(step_is_late(step, today, grace) for step in action.steps)
                    style.row(sheet, row, [
                        plan.code, action.number, action.title,
                        labels.axe_reference(plan.level1_label, orientation.number, orientation.title, axe.number),
                        f"{status.symbol} {status.label}", action.avancement,
                        LIST_SEPARATOR.join(action.pilotage or action.acteurs),
                        LIST_SEPARATOR.join(p.name for p in action.referents),
                        action.updated_at.date() if action.updated_at else None, late, action.bilan,
                        axe.title, action.updated_by,
                    ])
                    row += 1
    style.table(sheet, 1, len(headers), row - 1)
    return len(printed), row - 1


def _late(workbook: Workbook, name: str, plans: list[Plan], today: date, grace: int, since: date | None,
          listed: int | None = LISTED_PER_AXE) -> tuple[int, int]:
    """Late étapes by axe (with totals), one line per fiche: how many, which, and the oldest one. With `listed`,
    an axe lists its fiches late since `since` and its `listed` most overdue ones, and says how many it leaves to
    the sheet ALL_LATE (the comité reads where the delays are, not 20 pages of them)."""
    sheet = workbook.create_sheet(name)
    headers = ["Fiche", "Intitulé de la fiche", "Étapes en retard", "N° des étapes",
               "Plus ancienne étape en retard", "Fin prévue", "Jours de retard"]
    style.widths(sheet, [7, 46, 9, 12, 58, 12, 9])
    groups = late_by_axe(plans, today, grace)
    steps = sum(group.step_count for group in groups)
    fiches = sum(len(group.fiches) for group in groups)
    total = len(iter_actions(plans))
    if listed is None:
        scope = "toutes, une ligne par fiche, la plus en retard d'abord."
    else:
        recent = f"celles en retard depuis le {since:%d/%m/%Y} et " if since is not None else ""
        scope = (f"par axe, {recent}les {listed} plus en retard ; toutes sont dans la feuille « {ALL_LATE} » "
                 f"et dans l'application.")
    summary = (f"{LATE_SYMBOL} {steps} étape(s) en retard dans {fiches} fiche(s) sur {total} au {today:%d/%m/%Y} "
               f"(fin prévue dépassée, ni réalisée ni abandonnée), regroupées par axe ; fiches listées : {scope}")
    if not groups:
        summary = f"Aucune étape en retard au {today:%d/%m/%Y}."
    style.band(sheet, 1, summary, len(headers), style.WARNING_FILL if groups else style.GROUP_FILL)
    style.header(sheet, 2, headers)
    row = 3
    for group in groups:
        shown, hidden = (group.fiches, 0) if listed is None else listed_fiches(group, today, since, listed)
        style.band(sheet, row, f"{group.label} — {group.axe_title} : {group.step_count} étape(s) en retard "
                               f"dans {len(group.fiches)} fiche(s)", len(headers))
        row += 1
        for fiche in shown:
            oldest = fiche.oldest
            style.row(sheet, row, [fiche.action_number, fiche.action_title, len(fiche.steps), fiche.step_numbers,
                                   f"{oldest.step_number}. {clip(oldest.step_label, LATE_LABEL_CHARS)}",
                                   oldest.planned_end, oldest.days_late])
            row += 1
        if hidden:
            others = sum(len(fiche.steps) for fiche in group.fiches if fiche not in shown)
            style.row(sheet, row, ["", f"… et {hidden} autre(s) fiche(s) en retard ({others} étape(s)) — voir la "
                                       f"feuille « {ALL_LATE} » ou l'application", "", "", "", None, None])
            sheet.cell(row, 2).font = Font(italic=True)
            row += 1
    style.table(sheet, 2, len(headers), row - 1, autofilter=False)
    return len(headers), row - 1


def clip(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
