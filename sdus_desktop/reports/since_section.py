"""The dossier's « Depuis le dernier comité » section: one row per fiche that changed, net changes only."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sdus_desktop.core.comite_compare import Comparison, FicheChanges
from sdus_desktop.reports.fiche_flowables import grid_table
from sdus_desktop.reports.styles import esc, markup, para, styles

BILAN_CHARS = 400
NOTE_CHARS = 300


def since_section(comparison: Comparison, action_ids: Collection[int]) -> list[Any]:
    """Summary sentence, then Fiche | Statut et avancement | Étapes | Indicateurs | Nouveau bilan."""
    st = styles()
    wanted = set(action_ids)
    fiches = [fiche for fiche in comparison.fiches if fiche.action_id in wanted]
    shown = Comparison(comparison.before_date, comparison.after_date, fiches,
                       min(comparison.compared, len(wanted)))
    if not fiches:
        return [para(shown.summary(), st.body)]
    head = [para(h, st.cell_head) for h in ("Fiche", "Statut, avancement", "Étapes", "Indicateurs",
                                             "Nouveau bilan, notes")]
    rows: list[list[Any]] = [head]
    for fiche in fiches:
        rows.append(_row(fiche))
    return [para(shown.summary(), st.body), grid_table(rows, [17, 33, 52, 40, 36], [], True)]


def _row(fiche: FicheChanges) -> list[Any]:
    st = styles()
    status = "nouvelle fiche" if fiche.new_fiche else fiche.status_text()
    progress = "<br/>".join(esc(part) for part in (status, fiche.avancement_text()) if part) or "—"
    bilan = fiche.bilan or ""
    if len(bilan) > BILAN_CHARS:
        bilan = bilan[: BILAN_CHARS - 1].rstrip() + "…"
    return [
        para(f"{fiche.plan} {fiche.number}", st.cell_bold),
        markup(progress, st.cell),
        markup("<br/>".join(esc(step.text()) for step in fiche.steps) or "—", st.cell),
        markup("<br/>".join(esc(value.text()) for value in fiche.values) or "—", st.cell),
        para("\n\n".join(part for part in (bilan, fiche.notes_text(NOTE_CHARS)) if part) or "—", st.cell),
    ]
