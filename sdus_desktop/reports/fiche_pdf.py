"""Fiches actions as a PDF (`sdus print`, "Imprimer la fiche"): one fiche per page run, with bookmarks."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from pathlib import Path
from typing import Any

from sdus_desktop.core import labels
from sdus_desktop.core.notes import last_months_start
from sdus_desktop.reports.fiche_flowables import action_heading, fiche_flowables, header_text
from sdus_desktop.reports.layout import (
    Progress,
    bookmark,
    canvas_maker,
    make_doc,
    running_header,
    tick,
    write_atomically,
)
from sdus_desktop.reports.notes_flowables import NotesPeriod, attach_notes
from sdus_desktop.reports.selection import FicheSelectionError, Selection, select_fiches
from sdus_desktop.store.database import Database
from sdus_desktop.store.queries import load_plans

AUTHOR = "Département de la Lozère — SDUS Desktop"


def fiches_story(selection: Selection, today: date, grace_days: int, *, toc: bool, first_break: bool) -> list[Any]:
    """Each fiche on new pages, with outline entries plan → orientation/thématique → axe → fiche.

    With a single plan the plan level is left out, so the outline reads orientation → axe → fiche.
    """
    from reportlab.platypus import PageBreak

    several_plans = len(selection.plan_codes) > 1
    base = 1 if several_plans else 0
    story: list[Any] = []
    seen: set[tuple[str, int]] = set()
    for index, ctx in enumerate(selection.fiches):
        if index or first_break:
            story.append(PageBreak())
        story.append(running_header(header_text(ctx), ctx.plan.title))
        if several_plans and ("plan", ctx.plan.id) not in seen:
            seen.add(("plan", ctx.plan.id))
            story.append(bookmark(f"{ctx.plan.code} — {ctx.plan.title}", 0, f"plan-{ctx.plan.id}", toc=toc))
        if ("orientation", ctx.orientation.id) not in seen:
            seen.add(("orientation", ctx.orientation.id))
            story.append(bookmark(labels.group_heading(ctx.plan.level1_label, ctx.orientation.number, ctx.orientation.title, " : "),
                                  base, f"orientation-{ctx.orientation.id}", toc=toc))
        if ("axe", ctx.axe.id) not in seen:
            seen.add(("axe", ctx.axe.id))
            story.append(bookmark(f"{labels.axe_name(ctx.axe.number)} : {ctx.axe.title}", base + 1, f"axe-{ctx.axe.id}", toc=toc))
        title = f"{action_heading(ctx).capitalize()} — {ctx.action.title}"
        story.append(bookmark(title, base + 2, f"fiche-{ctx.action.id}", toc=toc))
        story += fiche_flowables(ctx, today, grace_days)
        story.append(tick())
    return story


def write_fiches(
    db: Database, out: Path, plan_code: str | None = None, fiches: Collection[int] | None = None,
    progress: Progress | None = None, *, action_ids: Collection[int] | None = None, today: date | None = None,
    grace_days: int = 0, notes: NotesPeriod | None = None,
) -> int:
    """Write the chosen fiches (all of `plan_code`, or both plans) to `out`; return the number printed.

    `notes`: the period of the notes de suivi printed; by default the last 12 months (reports.notes_flowables).

    `fiches` are numbers as printed in the Schéma (a number present in both plans prints both when
    plan_code is None); `action_ids` restricts to database ids (the GUI's selection).
    progress(done, total) returning False cancels: GenerationCancelled is raised and no file is left.
    """
    today = today or date.today()
    with db.reading() as session:
        plans = load_plans(session, plan_code)
        selection = select_fiches(plans, fiches, action_ids)
        period = notes if notes is not None else NotesPeriod(since=last_months_start(today))
        selection = Selection(selection.plans, attach_notes(selection.fiches, db.path, period))
        if not selection.fiches:
            raise FicheSelectionError("aucune fiche à imprimer : la sélection est vide (un plan en préparation "
                                      "peut ne pas encore avoir de fiche)")
        story = fiches_story(selection, today, grace_days, toc=False, first_break=False)
    count = len(selection.fiches)
    codes = " et ".join(selection.plan_codes)
    if count == 1:
        only = selection.fiches[0]
        title = f"{codes} — {action_heading(only).capitalize()} : {only.action.title}"
    else:
        title = f"{codes} — {count} fiches actions"

    def render(target: str) -> None:
        doc = make_doc(target, title=title, subject=f"Fiches actions du {codes} et leur état d'avancement",
                       author=AUTHOR, printed_on=today, progress=progress, total_ticks=count)
        doc.build(story, canvasmaker=canvas_maker(0))

    write_atomically(Path(out), render)
    if progress is not None:
        progress(count, count)
    return count
