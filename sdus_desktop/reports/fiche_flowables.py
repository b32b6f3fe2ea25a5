"""One fiche action as platypus flowables, laid out like the Schéma's own fiche, plus a "Suivi" box.

SDUS: identity block (pilotage, participation des citoyens, partenaires, public), problématique, vigilance,
objectifs, méthodologie, modalités de mise en œuvre (table), indicateurs (table), suivi, incidence
financière. SDSF: objectif / résultat attendu, sous-actions, calendrier, acteurs, then the same étapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sdus_desktop.core import labels
from sdus_desktop.core.comite_compare import target_number
from sdus_desktop.core.indicator_targets import NUMERIC_KINDS, series
from sdus_desktop.core.indicators import format_value, period_year
from sdus_desktop.core.statuses import LATE_LABEL, LATE_SYMBOL, ActionStatus, StepStatus
from sdus_desktop.core.validation import format_date
from sdus_desktop.reports.fonts import BOLD, FAMILY
from sdus_desktop.reports.indicator_charts import fiche_charts
from sdus_desktop.reports.notes_flowables import notes_section
from sdus_desktop.reports.styles import (
    ACCENT,
    ACCENT_LIGHT,
    INK,
    LATE,
    RULE,
    SUIVI_BG,
    SUIVI_RULE,
    bullet_list,
    colour,
    esc,
    markup,
    para,
    styles,
    text_flowables,
)
from sdus_desktop.store.models import Action, Axe, Indicator, Orientation, Plan, Step
from sdus_desktop.store.queries import step_is_late, step_period

BODY_WIDTH_MM = 178


def label_column() -> list[tuple[Any, ...]]:
    """Labels are plain strings (drawn straight by the table, far cheaper than paragraphs): their look."""
    return [("FONTNAME", (0, 0), (0, -1), BOLD), ("TEXTCOLOR", (0, 0), (0, -1), colour(ACCENT))]


@dataclass(frozen=True)
class FicheContext:
    plan: Plan
    orientation: Orientation
    axe: Axe
    action: Action
    notes: Any = None   # reports.notes_flowables.FicheNotes: the notes de suivi of the period printed, if any


def action_heading(ctx: FicheContext) -> str:
    """"ACTION N°12" (SDUS) / "ACTION 3 (n° 17)" (SDSF, numbering restarts per axe in the document)."""
    action = ctx.action
    label = (action.label or f"Action N°{action.number}").upper()
    if ctx.plan.code == "SDUS" or str(action.number) in label:
        return label
    return f"{label} (n° {action.number})"


def header_text(ctx: FicheContext) -> str:
    return (f"{ctx.plan.code} · {labels.group_heading(ctx.plan.level1_label, ctx.orientation.number, ctx.orientation.title, ' : ')}"
            f" · {labels.axe_name(ctx.axe.number)} : {ctx.axe.title}")


def fiche_flowables(ctx: FicheContext, today: date, grace_days: int = 0) -> list[Any]:
    st = styles()
    action = ctx.action
    story: list[Any] = [
        markup(f"{esc(labels.group_name(ctx.plan.level1_label, ctx.orientation.number).upper())} · "
               f"{esc(ctx.orientation.title)}<br/>{labels.axe_name(ctx.axe.number).upper()} · {esc(ctx.axe.title)}",
               st.muted),
        markup(esc(action_heading(ctx)), st.action_number),
        para(action.title, st.action_title),
    ]
    if ctx.plan.code == "SDSF":
        story += _sdsf_body(action)
    else:
        story.append(_identity_block(action))
    story += _suivi_box(action, today, grace_days)
    if ctx.plan.code != "SDSF":
        story += _section("Rappel de la problématique", text_flowables(action.problematique))
        story += _section("Points de vigilance ou difficulté", text_flowables(action.vigilance))
        story += _section("Objectifs", bullet_list(action.objectifs))
        story += _section("Méthodologie", text_flowables(action.methodologie))
    story += _section("Modalités de mise en œuvre", [_steps_table(action.steps, today, grace_days)])
    if ctx.plan.code != "SDSF" or action.indicators:
        story += _section("Indicateurs d'évaluation et de résultat", [_indicators_table(ctx.plan, action.indicators)])
        story += fiche_charts(ctx.plan.code, action)
    story += notes_section(ctx.notes)
    if ctx.plan.code != "SDSF":
        story += _section("Modalités de suivi", text_flowables(action.modalites_suivi))
        story += _section("Incidence financière", text_flowables(action.incidence_financiere))
    return story


def _section(title: str, content: list[Any]) -> list[Any]:
    from reportlab.platypus import KeepTogether

    heading = markup(esc(title), styles().section)
    return [KeepTogether([heading, content[0]]), *content[1:]] if content else [heading]


def grid_table(rows: list[list[Any]], widths_mm: list[float], style: list[tuple[Any, ...]], header: bool,
               *, split_rows: bool = True) -> Any:
    """A ruled table, header repeated on each page. `split_rows`: a row taller than what is left of the page
    may continue on the next (long texts of a fiche); else each row moves whole to the next page."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=[w * mm for w in widths_mm], repeatRows=1 if header else 0,
                  splitInRow=1 if split_rows else 0,
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), FAMILY), ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("LEADING", (0, 0), (-1, -1), 10.5), ("TEXTCOLOR", (0, 0), (-1, -1), colour(INK)),
        ("GRID", (0, 0), (-1, -1), 0.5, colour(RULE)),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *([("BACKGROUND", (0, 0), (-1, 0), colour(ACCENT)), ("FONTNAME", (0, 0), (-1, 0), BOLD),
           ("TEXTCOLOR", (0, 0), (-1, 0), colour("#ffffff"))] if header else []),
        *style,
    ]))
    return table


def _identity_block(action: Action) -> Any:
    st = styles()
    rows = [
        ["Pilotage de l'action", para(", ".join(action.pilotage) or "—", st.cell)],
        ["Participation des citoyens", para(action.participation_citoyens.strip() or "—", st.cell)],
        ["Partenaires", para(", ".join(action.partenaires) or "—", st.cell)],
        ["Public", para(action.public.strip() or "—", st.cell)],
    ]
    return grid_table(rows, [48, BODY_WIDTH_MM - 48], [("BACKGROUND", (0, 0), (0, -1), colour(ACCENT_LIGHT)), *label_column()], False)


def _sdsf_body(action: Action) -> list[Any]:
    st = styles()
    rows = [
        ["Objectif / résultat attendu", para(action.resultat_attendu.strip() or "—", st.cell)],
        ["Calendrier", para(action.calendrier.strip() or "—", st.cell)],
        ["Acteurs", para(", ".join(action.acteurs) or "—", st.cell)],
    ]
    if action.sous_actions:
        rows.insert(1, ["Sous-actions", bullet_list(action.sous_actions)])
    return [grid_table(rows, [48, BODY_WIDTH_MM - 48], [("BACKGROUND", (0, 0), (0, -1), colour(ACCENT_LIGHT)), *label_column()], False)]


def status_text(status: str) -> str:
    value = ActionStatus(status)
    return f"{value.symbol} {value.label}"


def _suivi_box(action: Action, today: date, grace_days: int) -> Any:
    from reportlab.platypus import Spacer

    st = styles()
    late = [step for step in action.steps if step_is_late(step, today, grace_days)]
    updated = (f"{format_date(action.updated_at.date())} par {action.updated_by or 'inconnu'}"
               if action.updated_at else "jamais (état initial du Schéma)")
    referents = ", ".join(person.name for person in action.referents) or "—"
    status = status_text(action.status)
    if late and not ActionStatus(action.status).closed:
        status += f"   {LATE_SYMBOL} {LATE_LABEL}"
    rows: list[list[Any]] = [
        [markup("SUIVI AU " + format_date(today), st.cell_bold), ""],
        ["Statut", para(status, st.cell_bold)],
        ["Avancement", _progress_bar(action.avancement)],
        ["Référent(s)", para(referents, st.cell)],
        ["Dernière mise à jour", para(updated, st.cell)],
        ["Bilan / commentaire", text_flowables(action.bilan)],
    ]
    if late:
        lines = [
            markup(f"{LATE_SYMBOL} Étape {step.number} : {esc(_short(step.label))} — fin prévue le "
                   f"{format_date(step_period(step)[1])} ({_days_late(step, today)} jours de retard)",
                   st.late)
            for step in late
        ]
        rows.append(["Étapes en retard", lines])
    table = grid_table(rows, [48, BODY_WIDTH_MM - 48], [
        ("SPAN", (0, 0), (1, 0)), *label_column(),
        ("BACKGROUND", (0, 0), (-1, -1), colour(SUIVI_BG)),
        ("GRID", (0, 0), (-1, -1), 0.5, colour(SUIVI_RULE)),
        ("BOX", (0, 0), (-1, -1), 1.2, colour(SUIVI_RULE)),
    ], False)
    return [Spacer(1, 6), table]


def _progress_bar(percent: int) -> Any:
    """A bar and "40 %", drawn straight on the canvas (no graphics renderer, so no stray base font)."""
    from reportlab.platypus import Flowable

    class ProgressBar(Flowable):
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            self.width, self.height = 160, 11
            return self.width, self.height

        def draw(self) -> None:
            canvas = self.canv
            canvas.setStrokeColor(colour(SUIVI_RULE))
            canvas.setLineWidth(0.5)
            canvas.setFillColor(colour("#ffffff"))
            canvas.rect(0, 1, 120, 9, stroke=1, fill=1)
            if percent:
                canvas.setFillColor(colour(ACCENT))
                canvas.rect(0, 1, 120 * percent / 100, 9, stroke=0, fill=1)
            canvas.setFillColor(colour(INK))
            canvas.setFont(FAMILY, 8.5)
            canvas.drawString(126, 2.5, f"{percent} %")

    return ProgressBar()


def _short(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _steps_table(steps: list[Step], today: date, grace_days: int) -> Any:
    st = styles()
    rows: list[list[Any]] = [["Étape", "Libellé", "Calendrier", "Dates réelles", "État"]]
    late_rows = []
    for index, step in enumerate(steps, start=1):
        start, end = step_period(step)
        planned = esc(step.calendrier) if step.calendrier.strip() else "—"
        if start or end:
            planned += f"<br/><font size=7.5>{format_date(start)} → {format_date(end)}</font>"
        actual = (f"{format_date(step.actual_start) or '…'} →\n{format_date(step.actual_end) or '…'}"
                  if step.actual_start or step.actual_end else "—")
        state = StepStatus(step.status)
        late = step_is_late(step, today, grace_days)
        state_html = f"{state.symbol} {esc(state.label)}"
        if late:
            state_html += f"<br/><font color='{LATE}'>{LATE_SYMBOL} {LATE_LABEL}</font>"
            late_rows.append(index)
        label: list[Any] = [para(step.label, st.cell)]
        if step.comment.strip():
            label.append(markup(f"<i>{esc(step.comment)}</i>", st.small))
        rows.append([str(step.number), label, markup(planned, st.cell), actual, markup(state_html, st.cell)])
    if not steps:
        rows.append(["—", "Aucune étape définie.", "", "", ""])
    extra = [("FONTNAME", (0, 1), (0, -1), BOLD),
             *(("BACKGROUND", (4, row), (4, row), colour("#fbe9e2")) for row in late_rows)]
    return grid_table(rows, [13, 87, 28, 26, 24], extra, True)


def _indicator_years(plan: Plan, indicators: list[Indicator]) -> list[int]:
    years = set(range(plan.period_start, plan.period_end + 1))
    years.update(period_year(v.period) for indicator in indicators for v in indicator.values)
    years.update(t.year for indicator in indicators for t in indicator.targets)
    return sorted(years)


def _year_cell(plan: Plan, indicator: Indicator, year: int) -> Any:
    """The yearly value, or the quarterly ones ("T2 : 12") when only quarters were entered; beneath, the year's
    target and « % de la cible » (numeric indicators with a target set for that year or a numeric wording)."""
    values = [v for v in indicator.values if period_year(v.period) == year and v.value is not None]
    yearly = [v for v in values if len(v.period) == 4]
    if yearly:
        lines = [esc(format_value(indicator.kind, yearly[0].value))]
    else:
        lines = [f"{v.period[5:]} : {esc(format_value(indicator.kind, v.value))}" for v in values]
    one = series(plan.code, 0, indicator) if indicator.kind in NUMERIC_KINDS else None
    goal = one.target_for(year) if one is not None else None
    if one is not None and goal is not None and (values or any(t.year == year for t in indicator.targets)):
        share = one.percent_of_target_in(year)
        tail = f"<br/>soit {share:.0f} %" if share is not None else ""
        lines.append(f'<font size="7" color="{INK}">cible {esc(one.target_label(year))}{tail}</font>')
    return markup("<br/>".join(lines), styles().cell) if lines else ""


def _indicators_table(plan: Plan, indicators: list[Indicator]) -> Any:
    st = styles()
    years = _indicator_years(plan, indicators)
    year_width = min(17.0, 100 / max(len(years), 1))
    label_width = BODY_WIDTH_MM - 24 - year_width * len(years)
    rows: list[list[Any]] = [["Indicateur", "Cible", *(str(year) for year in years)]]
    for indicator in indicators:
        rows.append([para(indicator.label, st.cell), para(indicator.target, st.cell) if indicator.target else "—",
                     *(_year_cell(plan, indicator, year) for year in years)])
    if not indicators:
        rows.append(["Aucun indicateur défini.", "", *("" for _ in years)])
    if any(t.value is not None for indicator in indicators for t in indicator.targets) or any(
            series(plan.code, 0, i) is not None and target_number(i.target) is not None for i in indicators):
        rows.append([markup("Sous chaque valeur : la cible de l'année et la part de cette cible atteinte "
                            "(« soit … % »).", st.small), "", *("" for _ in years)])
        return grid_table(rows, [label_width, 24, *(year_width for _ in years)],
                          [("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1))], True)
    return grid_table(rows, [label_width, 24, *(year_width for _ in years)], [], True)


def _days_late(step: Any, today: date) -> int:
    end = step_period(step)[1]
    return (today - end).days if end else 0
