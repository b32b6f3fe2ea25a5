"""The dossier's synthesis: counts by status per orientation/axe with a chart, late steps, and
(orientation and axe counts, late étapes grouped by axe; what changed comes from reports/since_section).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sdus_desktop.core import labels
from sdus_desktop.core.statuses import LATE_SYMBOL, ActionStatus
from sdus_desktop.core.validation import format_date
from sdus_desktop.reports.chart import status_chart
from sdus_desktop.reports.fiche_flowables import BODY_WIDTH_MM, FicheContext, grid_table
from sdus_desktop.reports.styles import ACCENT_LIGHT, colour, esc, markup, para, styles
from sdus_desktop.store.late_groups import LISTED_PER_AXE, late_by_axe, listed_fiches
from sdus_desktop.store.models import Plan
from sdus_desktop.store.queries import action_is_late, status_counts

STATUSES = list(ActionStatus)
CELL_PADDING_PT = 4  # grid_table's left and right padding
MAX_VALUE_CHARS = 160


def counts_section(plan: Plan, fiches: list[FicheContext], today: date, grace_days: int) -> list[Any]:
    """Table of counts by status per orientation and axe, then the stacked bar chart."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    st = styles()
    mine = [f for f in fiches if f.plan is plan]
    head = [para(f"{plan.level1_label} / axe", st.cell_head),
            *(markup(f"{s.symbol}<br/>{esc(s.label)}", st.head_small) for s in STATUSES),
            para("Total", st.head_small), para("% réal.", st.head_small),
            markup(f"{LATE_SYMBOL}<br/>En retard", st.head_small)]
    rows: list[list[Any]] = [head]
    bold_rows: list[int] = []
    chart_rows: list[tuple[str, dict[ActionStatus, int]]] = []
    for orientation in plan.orientations:
        in_orientation = [f.action for f in mine if f.orientation is orientation]
        if not in_orientation:
            continue
        bold_rows.append(len(rows))
        rows.append(_count_row(labels.group_heading(plan.level1_label, orientation.number, orientation.title, " : "),
                               in_orientation, today, grace_days, bold=True))
        chart_rows.append((f"{plan.level1_label[:5]}. {orientation.number}", dict(status_counts(in_orientation))))
        for axe in orientation.axes:
            in_axe = [f.action for f in mine if f.axe is axe]
            if in_axe:
                rows.append(_count_row(f"{labels.axe_name(axe.number)} : {axe.title}", in_axe, today, grace_days, bold=False))
    all_actions = [f.action for f in mine]
    bold_rows.append(len(rows))
    rows.append(_count_row(f"Total {plan.code}", all_actions, today, grace_days, bold=True))
    style = [("BACKGROUND", (0, r), (-1, r), colour(ACCENT_LIGHT)) for r in bold_rows]
    status_mm = status_column_mm()
    label_mm = BODY_WIDTH_MM - 32 - len(STATUSES) * status_mm
    table = grid_table(rows, [label_mm, *(status_mm for _ in STATUSES), 10, 11, 11], style, True)
    return [table, Spacer(1, 4 * mm), status_chart(chart_rows, BODY_WIDTH_MM * mm)]


def status_column_mm() -> float:
    """The narrowest status column whose header shows each word whole (never « Abandonné|e »)."""
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    head = styles().head_small
    widest = max(stringWidth(word, head.fontName, head.fontSize) for s in STATUSES for word in s.label.split())
    return round((widest + 2 * CELL_PADDING_PT + 2) / mm + 0.5)


def _count_row(label: str, actions: list[Any], today: date, grace_days: int, *, bold: bool) -> list[Any]:
    st = styles()
    text, number = (st.cell_bold, st.number_bold) if bold else (st.cell, st.number)
    counts = status_counts(actions)
    late = sum(1 for action in actions if action_is_late(action, today, grace_days))
    done = round(100 * counts[ActionStatus.REALISEE] / len(actions)) if actions else 0
    return [para(label, text), *(para(str(counts[s]) if counts[s] else "·", number) for s in STATUSES),
            para(str(len(actions)), number), para(f"{done} %", number), para(str(late) if late else "·", number)]


def late_section(plans: list[Plan], fiches: list[FicheContext], today: date, grace_days: int,
                 since: date | None = None) -> list[Any]:
    """Late steps grouped by axe with totals, one line per fiche (its oldest late step), the longest delay first;
    per axe only the fiches late since `since` and the most overdue ones, with how many others (on their pages)."""
    st = styles()
    groups = late_by_axe(plans, today, grace_days, {f.action.id for f in fiches})
    if not groups:
        return [para(f"Aucune étape en retard au {format_date(today)}.", st.body)]
    rows: list[list[Any]] = [[para(h, st.cell_head) for h in ("Fiche", "Plus ancienne étape en retard",
                                                               "Étapes en retard", "Fin prévue", "Retard")]]
    style: list[tuple[Any, ...]] = []
    for group in groups:
        style += [("SPAN", (0, len(rows)), (-1, len(rows))),
                  ("BACKGROUND", (0, len(rows)), (-1, len(rows)), colour(ACCENT_LIGHT))]
        rows.append([markup(f"<b>{esc(group.label)} — {esc(_clip(group.axe_title, 90))}</b> : "
                            f"{group.step_count} étape(s) en retard dans {len(group.fiches)} fiche(s)", st.cell),
                     "", "", "", ""])
        shown, hidden = listed_fiches(group, today, since)
        for fiche in shown:
            oldest = fiche.oldest
            rows.append([
                para(f"{fiche.plan_code} {fiche.action_number}", st.cell_bold),
                markup(f"<b>{oldest.step_number}.</b> {esc(_clip(oldest.step_label, 120))}<br/>"
                       f"<font size=7.5>{esc(_clip(fiche.action_title, 110))}</font>", st.cell),
                para(f"{len(fiche.steps)} (n° {fiche.step_numbers})", st.cell),
                para(format_date(oldest.planned_end), st.cell),
                para(f"{LATE_SYMBOL} {oldest.days_late} j", st.late),
            ])
        if hidden:
            others = ", ".join(str(f.action_number) for f in group.fiches if f not in shown)
            rows.append(["", markup(f"<i>… et {hidden} autre(s) fiche(s) en retard (n° {esc(others)}) : voir "
                                    f"leur page dans ce dossier ou l'application</i>", st.cell), "", "", ""])
    steps = sum(group.step_count for group in groups)
    count = sum(len(group.fiches) for group in groups)
    return [para(f"{steps} étape(s) dont la fin prévue est dépassée et qui ne sont ni réalisées ni abandonnées, "
                 f"dans {count} fiche(s) ; regroupées par axe, une ligne par fiche avec sa plus ancienne étape "
                 f"en retard. Par axe sont listées "
                 f"{f'les fiches en retard depuis le {format_date(since)} et ' if since else ''}les "
                 f"{LISTED_PER_AXE} plus en retard ; les autres sont nommées, chacune a sa page.", st.body),
            grid_table(rows, [17, 99, 20, 23, 19], style, True)]


def _clip(text: str, limit: int = MAX_VALUE_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
