"""The dossier's synthesis: counts by status per orientation/axe with a chart, late steps, and
"what changed since" (the journal, in the users' words: labels, dd/mm/yyyy dates, old → new).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sdus_desktop.core.fields import STRUCTURE_FIELD, field_label
from sdus_desktop.core.indicators import format_value
from sdus_desktop.core.statuses import LATE_SYMBOL, ActionStatus, StepStatus
from sdus_desktop.core.validation import format_date
from sdus_desktop.reports.chart import status_chart
from sdus_desktop.reports.fiche_flowables import BODY_WIDTH_MM, FicheContext, grid_table
from sdus_desktop.reports.styles import ACCENT_LIGHT, colour, esc, markup, para, styles
from sdus_desktop.store.changes import decode, split_value_key
from sdus_desktop.store.late_groups import late_by_axe
from sdus_desktop.store.models import Indicator, JournalEntry, Plan, Step
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
        rows.append(_count_row(f"{plan.level1_label} {orientation.number} : {orientation.title}",
                               in_orientation, today, grace_days, bold=True))
        chart_rows.append((f"{plan.level1_label[:5]}. {orientation.number}", dict(status_counts(in_orientation))))
        for axe in orientation.axes:
            in_axe = [f.action for f in mine if f.axe is axe]
            if in_axe:
                rows.append(_count_row(f"Axe {axe.number} : {axe.title}", in_axe, today, grace_days, bold=False))
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


def late_section(plans: list[Plan], fiches: list[FicheContext], today: date, grace_days: int) -> list[Any]:
    """Late steps grouped by axe with totals, one line per fiche (its oldest late step), the longest delay first."""
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
        for fiche in group.fiches:
            oldest = fiche.oldest
            rows.append([
                para(f"{fiche.plan_code} {fiche.action_number}", st.cell_bold),
                markup(f"<b>{oldest.step_number}.</b> {esc(_clip(oldest.step_label, 120))}<br/>"
                       f"<font size=7.5>{esc(_clip(fiche.action_title, 110))}</font>", st.cell),
                para(f"{len(fiche.steps)} (n° {fiche.step_numbers})", st.cell),
                para(format_date(oldest.planned_end), st.cell),
                para(f"{LATE_SYMBOL} {oldest.days_late} j", st.late),
            ])
    steps = sum(group.step_count for group in groups)
    count = sum(len(group.fiches) for group in groups)
    return [para(f"{steps} étape(s) dont la fin prévue est dépassée et qui ne sont ni réalisées ni abandonnées, "
                 f"dans {count} fiche(s) ; regroupées par axe, une ligne par fiche avec sa plus ancienne étape "
                 f"en retard.", st.body),
            grid_table(rows, [17, 99, 20, 23, 19], style, True)]


def changes_section(entries: list[JournalEntry], fiches: list[FicheContext], since: datetime) -> list[Any]:
    st = styles()
    by_action = {f.action.id: f for f in fiches}
    steps = {s.id: s for f in fiches for s in f.action.steps}
    indicators = {i.id: i for f in fiches for i in f.action.indicators}
    kept = [e for e in entries if e.action_id in by_action]
    if not kept:
        return [para(f"Aucune modification enregistrée depuis le {format_date(since.date())}.", st.body)]
    rows: list[list[Any]] = [[para(h, st.cell_head) for h in ("Date", "Fiche", "Élément", "Avant → après",
                                                               "Par")]]
    for entry in kept:
        fiche = by_action[entry.action_id or 0]
        before = _shown(entry, entry.old, indicators)
        after = _shown(entry, entry.new, indicators)
        rows.append([
            para(entry.at.strftime("%d/%m/%Y %H:%M"), st.cell),
            para(f"{fiche.plan.code} {fiche.action.number}", st.cell_bold),
            para(_element(entry, steps, indicators), st.cell),
            markup(f"{esc(before)} <b>→</b> {esc(after)}", st.cell),
            markup(f"{esc(entry.user)}<br/><font size=7>{esc(entry.origin)}</font>", st.cell),
        ])
    return [para(f"{len(kept)} modification(s) depuis le {format_date(since.date())}, dans l'ordre où elles "
                 f"ont été faites.", st.body),
            grid_table(rows, [22, 18, 40, 68, 30], [], True)]


def _element(entry: JournalEntry, steps: dict[int, Step], indicators: dict[int, Indicator]) -> str:
    if entry.entity == "action":
        return field_label("action", entry.field)
    if entry.entity in ("step", "indicator"):
        number = _number(entry, steps if entry.entity == "step" else indicators)
        name = "étape" if entry.entity == "step" else "indicateur"
        if entry.field == STRUCTURE_FIELD:
            return f"{name} {number} ({'ajout' if entry.old is None else 'suppression'})".replace("  ", " ")
        return f"{name} {number} · {field_label(entry.entity, entry.field)}".replace("  ", " ")
    if entry.entity == "value":
        indicator_id, period = split_value_key(entry.entity_key)
        indicator = indicators.get(indicator_id)
        number = str(indicator.number) if indicator else ""
        return f"indicateur {number} · {period} · {field_label('value', entry.field)}".replace("  ", " ")
    return field_label(entry.entity, entry.field)


def _number(entry: JournalEntry, rows: dict[int, Any]) -> str:
    row = rows.get(int(entry.entity_key))
    if row is not None:
        return str(row.number)
    for raw in (entry.old, entry.new):
        snapshot = decode(raw)
        if isinstance(snapshot, dict) and "number" in snapshot:
            return str(snapshot["number"])
    return ""


def _shown(entry: JournalEntry, raw: str | None, indicators: dict[int, Indicator]) -> str:
    """A journal value as people read it: labels for statuses, dd/mm/yyyy dates, lists joined."""
    value = decode(raw)
    if value is None or value == "" or value == []:
        return "(vide)"
    if entry.field == STRUCTURE_FIELD and isinstance(value, dict):
        return _clip(str(value.get("label", "")) or "(élément)")
    if entry.field == "status":
        try:
            return (ActionStatus(value) if entry.entity == "action" else StepStatus(value)).label
        except ValueError:
            return str(value)
    if entry.field == "avancement":
        return f"{value} %"
    if entry.entity == "step" and entry.field in ("planned_start", "planned_end", "actual_start", "actual_end"):
        try:
            return format_date(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    if entry.entity == "value" and entry.field == "value":
        indicator = indicators.get(split_value_key(entry.entity_key)[0])
        return format_value(indicator.kind, str(value)) if indicator else str(value)
    if isinstance(value, list):
        return _clip(", ".join(str(item) for item in value))
    return _clip(str(value))


def _clip(text: str, limit: int = MAX_VALUE_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
