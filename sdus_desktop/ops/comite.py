"""« Figer l'état » for a comité de suivi: one read-only snapshot row (SnapshotError, in French, when that comité
is already frozen or there is nothing to freeze); its validation (the period lock starts: core.period_lock) and
the withdrawal of that validation (both recorded with who and when in comite_validation)."""

from __future__ import annotations

from datetime import date

from sdus_desktop.ops.changes import OpChangesWith
from sdus_desktop.store.comite_snapshots import SnapshotInfo, freeze, validate, withdraw
from sdus_desktop.store.services import Services


def freeze_comite(services: Services, comite_date: date, plan_code: str | None = None) -> OpChangesWith[SnapshotInfo]:
    return OpChangesWith(value=freeze(services.db, services.user, comite_date, plan_code), snapshots=True)


def validate_comite(services: Services, snapshot_id: int, validated_on: date | None = None) -> OpChangesWith[SnapshotInfo]:
    """The comité validated (on `validated_on`, default its date): the values it saw are locked from now on."""
    return OpChangesWith(value=validate(services.db, services.user, snapshot_id, validated_on), snapshots=True)


def withdraw_validation(services: Services, snapshot_id: int) -> OpChangesWith[SnapshotInfo]:
    """The validation withdrawn: the values it locked can be changed again."""
    return OpChangesWith(value=withdraw(services.db, services.user, snapshot_id), snapshots=True)
