"""The calendar of étapes printed on A3 landscape (reportlab canvas): per axe, per fiche, each step's planned bar
(outline) and actual bar (status colour), today's line, late steps in red with ⚠ and their delay — never colour
alone. Years and quarters on the axis, repeated on every page with the legend."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sdus_desktop.core.atomic import write_atomically
from sdus_desktop.core.statuses import ACTION_STATUS_COLOURS, LATE_SYMBOL, ActionStatus, StepStatus
from sdus_desktop.core.validation import format_date
from sdus_desktop.reports.fonts import BOLD, FAMILY, register_fonts
from sdus_desktop.reports.styles import ACCENT, ACCENT_LIGHT, INK, MUTED
from sdus_desktop.store.database import Database
from sdus_desktop.store.timeline import (
    Bar,
    Timeline,
    TimelineFiche,
    TimelineGroup,
    TimelineStep,
    build_timeline,
    read_timeline_plans,
)

LATE_RED = "#c0392b"
PLANNED_FILL = "#eef1f4"
PLANNED_LINE = "#7a8a94"
STEP_COLOURS = {StepStatus.A_FAIRE: ACTION_STATUS_COLOURS[ActionStatus.NON_DEMARREE],
                StepStatus.EN_COURS: ACTION_STATUS_COLOURS[ActionStatus.EN_COURS],
                StepStatus.REALISEE: ACTION_STATUS_COLOURS[ActionStatus.REALISEE],
                StepStatus.ABANDONNEE: ACTION_STATUS_COLOURS[ActionStatus.ABANDONNEE]}
MARGIN_MM, LABEL_MM, ROW_MM, TOP_MM, BOTTOM_MM = 12, 125, 4.6, 30, 12


def write_timeline_pdf(db: Database, out: Path, plan_code: str | None = None, *, today: date | None = None,
                       action_ids: list[int] | None = None, grace_days: int = 0) -> int:
    """Write the calendar to `out` (atomically); return the number of pages."""
    today = today or date.today()
    timeline = build_timeline(read_timeline_plans(db.path), today, grace_days, plan_code=plan_code, action_ids=action_ids)
    if not timeline.groups:
        raise ValueError("aucune fiche à mettre dans le calendrier : la sélection est vide")
    scope = plan_code.upper() if plan_code else ("fiches choisies" if action_ids is not None else "SDUS et SDSF")
    title = f"Calendrier des étapes — {scope} — au {format_date(today)}"
    pages: list[int] = []

    def render(target: str) -> None:
        pages.append(_draw(target, timeline, title))

    write_atomically(Path(out), render)
    return pages[0]


def _rows(timeline: Timeline) -> list[tuple[str, Any]]:
    rows: list[tuple[str, Any]] = []
    for group in timeline.groups:
        rows.append(("group", group))
        for fiche in group.fiches:
            rows.append(("fiche", fiche))
            rows += [("step", step) for step in fiche.steps]
    return rows


def _draw(target: str, timeline: Timeline, title: str) -> int:
    from reportlab.lib.pagesizes import A3, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    width, height = landscape(A3)
    canvas = Canvas(target, pagesize=(width, height), lang="fr-FR")
    canvas.setTitle(title)
    canvas.setAuthor("Département de la Lozère — SDUS Desktop")
    canvas.setSubject("Calendrier des étapes : prévu, réalisé, en retard")
    rows = _rows(timeline)
    per_page = int((height - (TOP_MM + BOTTOM_MM) * mm) / (ROW_MM * mm))
    total = max(1, -(-len(rows) // per_page))
    chart = (MARGIN_MM * mm + LABEL_MM * mm, width - MARGIN_MM * mm)
    for page in range(total):
        _page_frame(canvas, timeline, title, chart, page + 1, total, width, height)
        top = height - TOP_MM * mm
        chunk = rows[page * per_page:(page + 1) * per_page]
        for index, (kind, payload) in enumerate(chunk):
            y = top - (index + 1) * ROW_MM * mm
            _row(canvas, kind, payload, timeline, chart, y)
        bottom = top - len(chunk) * ROW_MM * mm
        x_today = chart[0] + timeline.fraction(timeline.today) * (chart[1] - chart[0])
        canvas.setStrokeColor(_c(ACCENT))
        canvas.setLineWidth(1)
        canvas.setDash(3, 2)
        canvas.line(x_today, top + 1 * mm, x_today, bottom)
        canvas.setDash()
        canvas.showPage()
    canvas.save()
    return total


def _page_frame(canvas: Any, timeline: Timeline, title: str, chart: tuple[float, float], page: int, total: int,
                width: float, height: float) -> None:
    from reportlab.lib.units import mm

    left, right = chart
    canvas.setFillColor(_c(ACCENT))
    canvas.setFont(BOLD, 13)
    canvas.drawString(MARGIN_MM * mm, height - 14 * mm, title)
    canvas.setFont(FAMILY, 8)
    canvas.setFillColor(_c(INK))
    canvas.drawRightString(width - MARGIN_MM * mm, height - 14 * mm, f"Page {page} / {total}")
    legend = (f"Contour gris : période prévue · barre de couleur : réalisé ou en cours (couleur du statut, symbole "
              f"dans le libellé) · {LATE_SYMBOL} rouge : en retard (jours de retard) · tirets bleus : aujourd'hui "
              f"({format_date(timeline.today)})")
    canvas.drawString(MARGIN_MM * mm, height - 20 * mm, legend)
    axis_y = height - (TOP_MM - 2) * mm
    canvas.setFont(BOLD, 8)
    for year in range(timeline.start.year, timeline.end.year + 1):
        x0 = left + timeline.fraction(date(year, 1, 1)) * (right - left)
        x1 = left + timeline.fraction(date(year, 12, 31)) * (right - left)
        canvas.setFillColor(_c(INK))
        canvas.drawCentredString((x0 + x1) / 2, axis_y, str(year))
        canvas.setStrokeColor(_c(MUTED))
        canvas.setLineWidth(0.6)
        canvas.line(x0, axis_y - 1.5 * mm, x0, BOTTOM_MM * mm)
        canvas.setStrokeColor(_c("#d9e0e4"))
        canvas.setLineWidth(0.3)
        for month in (4, 7, 10):
            xq = left + timeline.fraction(date(year, month, 1)) * (right - left)
            canvas.line(xq, axis_y - 1.5 * mm, xq, BOTTOM_MM * mm)
    canvas.setStrokeColor(_c(MUTED))
    canvas.line(right, axis_y - 1.5 * mm, right, BOTTOM_MM * mm)
    canvas.setFont(FAMILY, 7)
    canvas.setFillColor(_c(MUTED))
    canvas.drawString(MARGIN_MM * mm, 6 * mm, "SDUS Desktop — calendrier des étapes (prévu d'après le calendrier des "
                                               "fiches ou les dates saisies)")


def _row(canvas: Any, kind: str, payload: Any, timeline: Timeline, chart: tuple[float, float], y: float) -> None:
    from reportlab.lib.units import mm

    label_x, label_w = MARGIN_MM * mm + 1 * mm, LABEL_MM * mm - 3 * mm
    if kind == "group":
        group: TimelineGroup = payload
        canvas.setFillColor(_c(ACCENT_LIGHT))
        canvas.rect(MARGIN_MM * mm, y, chart[1] - MARGIN_MM * mm, ROW_MM * mm, stroke=0, fill=1)
        _text(canvas, group.label, label_x, y, chart[1] - label_x, BOLD, 7.5, ACCENT)
        return
    if kind == "fiche":
        fiche: TimelineFiche = payload
        late = f"  {LATE_SYMBOL} {fiche.late_steps} en retard" if fiche.late_steps else ""
        _text(canvas, f"{fiche.status.symbol} {fiche.plan} {fiche.number} — {fiche.title}", label_x, y,
              label_w - (22 * mm if late else 0), BOLD, 7, INK)
        if late:
            canvas.setFillColor(_c(LATE_RED))
            canvas.drawRightString(label_x + label_w, y + 1.3 * mm, late.strip())
        if fiche.span:
            x0, x1 = _span(fiche.span, timeline, chart)
            canvas.setStrokeColor(_c(INK))
            canvas.setLineWidth(1.2)
            canvas.line(x0, y + ROW_MM * mm / 2, x1, y + ROW_MM * mm / 2)
        return
    step: TimelineStep = payload
    prefix = f"{LATE_SYMBOL} " if step.late else ""
    _text(canvas, f"{prefix}{step.status.symbol} {step.number}. {' '.join(step.label.split())}", label_x + 4 * mm,
          y, label_w - 4 * mm, FAMILY, 6.5, LATE_RED if step.late else INK)
    if step.planned:
        x0, x1 = _span(step.planned, timeline, chart)
        canvas.setFillColor(_c("#fbe3df" if step.late else PLANNED_FILL))
        canvas.setStrokeColor(_c(LATE_RED if step.late else PLANNED_LINE))
        canvas.setLineWidth(0.8 if step.late else 0.5)
        canvas.rect(x0, y + 0.5 * mm, max(x1 - x0, 0.8 * mm), ROW_MM * mm - 1 * mm, stroke=1, fill=1)
        if step.late:
            canvas.setFillColor(_c(LATE_RED))
            canvas.setFont(BOLD, 6.5)
            canvas.drawString(x1 + 1 * mm, y + 1.3 * mm, f"{LATE_SYMBOL} {step.days_late} j")
    if step.actual:
        x0, x1 = _span(step.actual, timeline, chart)
        canvas.setFillColor(_c(STEP_COLOURS[step.status]))
        canvas.rect(x0, y + 1.3 * mm, max(x1 - x0, 0.8 * mm), ROW_MM * mm - 2.6 * mm, stroke=0, fill=1)


def _span(bar: Bar, timeline: Timeline, chart: tuple[float, float]) -> tuple[float, float]:
    left, right = chart
    return (left + timeline.fraction(bar.start) * (right - left), left + timeline.fraction(bar.end) * (right - left))


def _text(canvas: Any, text: str, x: float, y: float, room: float, font: str, size: float, colour: str) -> None:
    """One line, cut with « … » to fit `room` points (the full text is in the application)."""
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) > room:
        low, high = 0, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if stringWidth(text[:middle] + "…", font, size) <= room:
                low = middle
            else:
                high = middle - 1
        text = text[:low].rstrip() + "…"
    canvas.setFont(font, size)
    canvas.setFillColor(_c(colour))
    canvas.drawString(x, y + 1.3 * mm, text)


def _c(hex_text: str) -> Any:
    from reportlab.lib.colors import HexColor

    return HexColor(hex_text)
