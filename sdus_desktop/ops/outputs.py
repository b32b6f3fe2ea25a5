"""Files written from the database: printed fiches, the comité dossier and workbook, référent workbooks, the
calendar of étapes. They read only (OpChanges with no flag) and write atomically: a failure or a cancel
(GenerationCancelled, Cancelled) leaves no file. The value is what the person is told (count, summary)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sdus_desktop.core.progress import Progress
from sdus_desktop.ops.changes import OpChangesWith
from sdus_desktop.store.database import Database

if TYPE_CHECKING:  # openpyxl and reportlab load with the output that needs them
    from sdus_desktop.exchange.workbook_export import ExportSummary
    from sdus_desktop.reports.notes_flowables import NotesPeriod


def print_fiches(db: Database, out: Path, plan_code: str | None = None, fiches: Collection[int] | None = None,
                 progress: Progress | None = None, *, action_ids: Collection[int] | None = None,
                 today: date | None = None, grace_days: int = 0,
                 notes: NotesPeriod | None = None) -> OpChangesWith[int]:
    """The fiches as a PDF; value: how many were printed. `notes`: the period of the notes de suivi printed
    (default: the last 12 months)."""
    from sdus_desktop.reports.fiche_pdf import write_fiches

    return OpChangesWith(value=write_fiches(db, out, plan_code, fiches, progress, action_ids=action_ids,
                                            today=today, grace_days=grace_days, notes=notes))


def write_dossier(db: Database, out: Path, plan_code: str | None = None, since: datetime | None = None,
                  fiches: Collection[int] | None = None, progress: Progress | None = None, *,
                  action_ids: Collection[int] | None = None, today: date | None = None, grace_days: int = 0,
                  snapshot_id: int | None = None) -> OpChangesWith[int]:
    """The comité de suivi dossier (PDF); value: how many fiches it holds."""
    from sdus_desktop.reports import dossier

    return OpChangesWith(value=dossier.write_dossier(db, out, plan_code, since, fiches, progress,
                                                     action_ids=action_ids, today=today, grace_days=grace_days,
                                                     snapshot_id=snapshot_id))


def write_comite_workbook(db: Database, out: Path, plan_code: str | None = None, since: datetime | None = None,
                          today: date | None = None, grace_days: int = 0, *, snapshot_id: int | None = None,
                          progress: Progress | None = None) -> OpChangesWith[Path]:
    """The comité de suivi workbook (.xlsx); `progress` is told per sheet."""
    from sdus_desktop.exchange import comite_workbook

    return OpChangesWith(value=comite_workbook.write_comite_workbook(
        db, out, plan_code, since, today, grace_days, snapshot_id=snapshot_id, progress=progress))


def export_referent_workbook(db: Database, out: Path, plan_code: str | None = None, referent: str | None = None,
                             fiches: list[int] | None = None, user: str = "",
                             action_ids: list[int] | None = None,
                             progress: Progress | None = None) -> OpChangesWith[ExportSummary]:
    """A référent workbook to fill in and send back (ScopeError when nothing matches); `progress` per fiche."""
    from sdus_desktop.exchange.workbook_export import write_referent_workbook

    return OpChangesWith(value=write_referent_workbook(db, out, plan_code, referent, fiches, user, action_ids,
                                                       progress))
