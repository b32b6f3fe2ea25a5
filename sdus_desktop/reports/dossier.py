"""The comité de suivi dossier (`sdus report OUT.pdf`, "Dossier du comité de suivi…"): cover page (with a warning
when conflicts are pending), table of contents, PDF outline (orientation → axe → fiche), synthesis (counts and
chart, late steps by axe, indicators against their target), the net changes per fiche since the last frozen comité or a date
first, right after its title; then the fiches.
Title, author, subject and language (fr-FR) are set in the metadata.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sdus_desktop.core.notes import last_months_start
from sdus_desktop.core.validation import format_date
from sdus_desktop.reports.fiche_pdf import AUTHOR, fiches_story
from sdus_desktop.reports.indicator_charts import ROLLUP_TITLE, indicator_section, rollup_section
from sdus_desktop.reports.layout import (
    Progress,
    bookmark,
    canvas_maker,
    make_doc,
    running_header,
    write_atomically,
)
from sdus_desktop.reports.notes_flowables import NotesPeriod, attach_notes
from sdus_desktop.reports.selection import Selection, select_fiches
from sdus_desktop.reports.since_section import since_section
from sdus_desktop.reports.styles import esc, markup, para, styles
from sdus_desktop.reports.synthesis import counts_section, late_section
from sdus_desktop.store.comite_snapshots import (
    SinceComite,
    changes_since,
    conflicts_warning,
    pending_conflicts,
)
from sdus_desktop.store.database import Database
from sdus_desktop.store.queries import load_plans

BUILD_PASSES = 2  # the table of contents needs a second pass to know its page numbers


def write_dossier(
    db: Database, out: Path, plan_code: str | None = None, since: datetime | None = None,
    fiches: Collection[int] | None = None, progress: Progress | None = None, *,
    action_ids: Collection[int] | None = None, today: date | None = None, grace_days: int = 0,
    snapshot_id: int | None = None,
) -> int:
    """Write the dossier for one plan (or both) to `out`; return the number of fiches it contains.

    « Depuis le dernier comité »: since the frozen comité `snapshot_id`, else the date `since`, else the last
    frozen comité; no such section when there is none.

    progress(done, total) returning False cancels: GenerationCancelled is raised, no file is left.
    """
    today = today or date.today()
    with db.reading() as session:
        plans = load_plans(session, plan_code)
        selection = select_fiches(plans, fiches, action_ids)
        if not selection.fiches:
            raise ValueError("aucune fiche dans le dossier : la sélection est vide")
        evolutions = changes_since(db, plan_code, today, since=since, snapshot_id=snapshot_id,
                                   grace_days=grace_days)
        warning = conflicts_warning(pending_conflicts(db))
        # Notes de suivi printed on the fiches: those of the period « Depuis le dernier comité » tells.
        notes_since = evolutions.since if evolutions is not None else (
            since.date() if since is not None else last_months_start(today))
        selection = Selection(selection.plans, attach_notes(selection.fiches, db.path, NotesPeriod(notes_since)))
        story = _story(selection, evolutions, warning, today, grace_days)
    count = len(selection.fiches)
    codes = " et ".join(selection.plan_codes)
    title = f"Comité de suivi {codes} — {format_date(today)}"
    subject = (f"Dossier du comité de suivi : synthèse et {count} fiches actions"
               + (f", évolutions {_lower(evolutions.title)}" if evolutions else ""))
    total = count * BUILD_PASSES

    def render(target: str) -> None:
        doc = make_doc(target, title=title, subject=subject, author=AUTHOR, printed_on=today,
                       progress=progress, total_ticks=total, cover=True)
        doc.multiBuild(story, canvasmaker=canvas_maker(1))

    write_atomically(Path(out), render)
    if progress is not None:
        progress(total, total)
    return count


def _lower(title: str) -> str:
    return title[0].lower() + title[1:]


def _story(selection: Selection, evolutions: SinceComite | None, warning: str, today: date,
           grace_days: int) -> list[Any]:
    from reportlab.platypus import NextPageTemplate, PageBreak

    st = styles()
    plans = [plan for plan in selection.plans if plan.code in selection.plan_codes]
    story: list[Any] = [*_cover(selection, plans, evolutions, warning, today), NextPageTemplate("page"), PageBreak()]
    story.append(running_header("Comité de suivi · Sommaire", " et ".join(p.title for p in plans)))
    story += [markup("Sommaire", st.h1), _toc(), PageBreak()]
    story.append(running_header("Comité de suivi · Synthèse", " et ".join(p.title for p in plans)))
    story.append(bookmark("Synthèse", 0, "synthese"))
    story.append(markup(f"Synthèse au {format_date(today)}", st.h1))
    if evolutions is not None:  # what changed since the last comité comes first: it is what the comité discusses
        story.append(markup(esc(evolutions.title), st.h2))
        story += since_section(evolutions.comparison, [f.action.id for f in selection.fiches])
    for plan in plans:
        story.append(markup(f"{esc(plan.code)} — {esc(plan.title)} : fiches par statut", st.h2))
        story += counts_section(plan, selection.fiches, today, grace_days)
    story.append(markup("Étapes en retard", st.h2))
    story += late_section(plans, selection.fiches, today, grace_days, evolutions.since if evolutions else None)
    story.append(markup("Indicateurs par rapport à leur cible", st.h2))
    story += indicator_section(plans, [f.action.id for f in selection.fiches])
    story.append(markup(ROLLUP_TITLE, st.h2))
    story += rollup_section(plans, [f.action.id for f in selection.fiches])
    story += fiches_story(selection, today, grace_days, toc=True, first_break=True)
    return story


def _cover(selection: Selection, plans: list[Any], evolutions: SinceComite | None, warning: str,
           today: date) -> list[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    st = styles()
    story: list[Any] = [Spacer(1, 45 * mm), para("Département de la Lozère", st.cover_sub), Spacer(1, 8 * mm),
                        para("Comité de suivi", st.cover_title)]
    for plan in plans:
        period = f"{plan.period_start}-{plan.period_end}"
        story.append(para(f"{plan.title} ({plan.code} {period})", st.cover_sub))
    story += [Spacer(1, 12 * mm), para(f"Dossier édité le {format_date(today)}", st.cover_sub),
              para(f"{len(selection.fiches)} fiche(s) action(s)", st.cover_sub)]
    if evolutions is not None:
        story.append(para(f"Évolutions {_lower(evolutions.title)}", st.cover_sub))
    if warning:
        story += [Spacer(1, 10 * mm), para(warning, st.late)]
    return story


def _toc() -> Any:
    from reportlab.platypus.tableofcontents import TableOfContents

    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = styles().toc
    return toc
