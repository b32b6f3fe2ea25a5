"""« Figer l'état » for a comité de suivi: one read-only snapshot row (SnapshotError, in French, when that comité
is already frozen or there is nothing to freeze)."""

from __future__ import annotations

from datetime import date

from sdus_desktop.ops.changes import OpChangesWith
from sdus_desktop.store.comite_snapshots import SnapshotInfo, freeze
from sdus_desktop.store.services import Services


def freeze_comite(services: Services, comite_date: date, plan_code: str | None = None) -> OpChangesWith[SnapshotInfo]:
    return OpChangesWith(value=freeze(services.db, services.user, comite_date, plan_code), snapshots=True)
