"""« Figer l'état pour le comité du JJ/MM/AAAA »: read-only snapshots of the suivi, and what changed since.

A snapshot is one row (comite_snapshot) holding the compressed state of store.comite_state; a trigger refuses
any update, and a comité date is frozen once per plan scope. `changes_since` gives the comité outputs their
« Depuis le dernier comité » section: against a chosen snapshot, else a chosen date (the state then rebuilt
from the journal), else the last snapshot. Once the comité validated a snapshot (`validate`, central mode), the
past values it holds are locked (core.period_lock); a validation can be withdrawn (`withdraw`), its row kept.
"""

from __future__ import annotations

import json
import zlib
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sdus_desktop.core.comite_compare import Comparison, compare
from sdus_desktop.core.validation import format_date
from sdus_desktop.store.comite_state import current_state, state_at
from sdus_desktop.store.database import Database
from sdus_desktop.store.engine import PARAM, connect
from sdus_desktop.store.readmodel import as_date, as_datetime


class SnapshotError(ValueError):
    """A snapshot that cannot be taken or found (French message)."""


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    comite_date: date
    taken_at: datetime
    user: str
    plan_code: str | None
    fiche_count: int
    validated_on: date | None = None   # the comité validated it (values up to its date locked)
    validated_by: str = ""

    @property
    def label(self) -> str:
        scope = f" ({self.plan_code})" if self.plan_code else ""
        return f"comité du {format_date(self.comite_date)}{scope}"

    @property
    def validation_text(self) -> str:
        if self.validated_on is None:
            return "non validé"
        return f"validé le {format_date(self.validated_on)} (saisi par {self.validated_by}) : valeurs verrouillées"

    def text(self) -> str:
        return (f"n° {self.id} · {self.label} · figé le {self.taken_at:%d/%m/%Y à %H:%M} par {self.user} · "
                f"{self.fiche_count} fiche(s)" + (f" · {self.validation_text}" if self.validated_on else ""))


@dataclass(frozen=True)
class SinceComite:
    """The « Depuis le dernier comité » section: its title and the net changes per fiche."""

    title: str
    comparison: Comparison
    since: date | None = None   # the comité's date (or the date chosen): notes de suivi are printed from it


def encode_state(state: dict[str, Any]) -> bytes:
    return zlib.compress(json.dumps(state, ensure_ascii=False, separators=(",", ":")).encode(), 6)


def decode_state(payload: bytes) -> dict[str, Any]:
    state: dict[str, Any] = json.loads(zlib.decompress(payload))
    return state


def freeze(db: Database, user: str, comite_date: date, plan_code: str | None = None,
           now: datetime | None = None) -> SnapshotInfo:
    """Store the current state for the comité of `comite_date` (refused if that comité is already frozen)."""
    from sdus_desktop.store.models import ComiteSnapshot

    plan_code = plan_code.upper() if plan_code else None
    for existing in list_snapshots(db):
        if existing.comite_date == comite_date and existing.plan_code == plan_code:
            raise SnapshotError(f"l'état du {existing.label} est déjà figé (n° {existing.id}, le "
                                f"{existing.taken_at:%d/%m/%Y à %H:%M}) : un état figé ne se remplace pas")
    now = now or datetime.now().replace(microsecond=0)
    state = current_state(db.path, now.date(), plan_code)
    state["comite_date"] = comite_date.isoformat()
    if not state["fiches"]:
        raise SnapshotError(f"aucune fiche à figer pour le plan « {plan_code} »")
    with db.transaction() as session:
        row = ComiteSnapshot(comite_date=comite_date, taken_at=now, user=user, plan_code=plan_code,
                             fiche_count=len(state["fiches"]), payload=encode_state(state))
        session.add(row)
        session.flush()
        return SnapshotInfo(row.id, comite_date, now, user, plan_code, len(state["fiches"]))


def list_snapshots(db: Database) -> list[SnapshotInfo]:
    """Every frozen comité, oldest first (plain SQL through store.engine.connect: no ORM needed to list them)."""
    with closing(connect(db.path)) as connection:
        rows = connection.execute(
            "SELECT s.id, s.comite_date, s.taken_at, s.user, s.plan_code, s.fiche_count, v.validated_on, "
            "v.recorded_by FROM comite_snapshot s LEFT JOIN comite_validation v ON v.snapshot_id = s.id "
            "AND v.withdrawn_at IS NULL ORDER BY s.comite_date, s.id").fetchall()
    return [SnapshotInfo(r[0], as_date(r[1]) or date.min, as_datetime(r[2]) or datetime.min, r[3], r[4], r[5],
                         as_date(r[6]) if r[6] else None, r[7] or "")
            for r in rows]


def validate(db: Database, user: str, snapshot_id: int, validated_on: date | None = None,
             now: datetime | None = None) -> SnapshotInfo:
    """Mark a frozen comité « validé » (on `validated_on`, default its date): from then on the values it
    holds up to its date are locked (core.period_lock). Refused for a comité yet to come or already validated."""
    from sdus_desktop.store.models import ComiteValidation

    now = now or datetime.now().replace(microsecond=0)
    info = _info(db, snapshot_id)
    validated_on = validated_on or info.comite_date
    if info.validated_on is not None:
        raise SnapshotError(f"le {info.label} est déjà validé (le {format_date(info.validated_on)}, saisi par "
                            f"{info.validated_by})")
    if info.comite_date > now.date():
        raise SnapshotError(f"le {info.label} n'a pas encore eu lieu : il se valide le jour du comité ou après")
    if not info.comite_date <= validated_on <= now.date():
        raise SnapshotError(f"date de validation {format_date(validated_on)} : attendue entre le jour du comité "
                            f"({format_date(info.comite_date)}) et aujourd'hui")
    with db.transaction() as session:
        session.add(ComiteValidation(snapshot_id=snapshot_id, validated_on=validated_on, recorded_at=now,
                                     recorded_by=user))
    return _info(db, snapshot_id)


def drift(db: Database, snapshot_id: int) -> list[str]:
    """What validating this comité would lock but has changed since it was frozen (core.period_lock.drifted)."""
    from sdus_desktop.core.period_lock import drifted

    info = _info(db, snapshot_id)
    return drifted(load_state(db, snapshot_id), info.comite_date, current_state(db.path, date.today(), info.plan_code))


def withdraw(db: Database, user: str, snapshot_id: int, now: datetime | None = None) -> SnapshotInfo:
    """« Retirer la validation » (central mode): the values are no longer locked; the validation row stays,
    with who withdrew it and when."""
    from sqlalchemy import select

    from sdus_desktop.store.models import ComiteValidation

    info = _info(db, snapshot_id)
    if info.validated_on is None:
        raise SnapshotError(f"le {info.label} n'est pas validé : aucune validation à retirer")
    with db.transaction() as session:
        for row in session.scalars(select(ComiteValidation).where(
                ComiteValidation.snapshot_id == snapshot_id, ComiteValidation.withdrawn_at.is_(None))):
            row.withdrawn_at = now or datetime.now().replace(microsecond=0)
            row.withdrawn_by = user
    return _info(db, snapshot_id)


def drift_text(lines: list[str], shown: int = 10) -> str:
    """The warning given before validating when values changed since the comité was frozen ("" if none)."""
    if not lines:
        return ""
    more = f"\n… et {len(lines) - shown} autre(s)" if len(lines) > shown else ""
    return (f"Attention : {len(lines)} valeur(s) ont changé depuis que l'état a été figé ; c'est la valeur actuelle "
            "qui sera verrouillée (corrigez-la d'abord si celle du comité était la bonne) :\n"
            + "\n".join(f"• {line}" for line in lines[:shown]) + more)


def validation_history(db: Database, snapshot_id: int) -> list[str]:
    """Every validation of a comité and its withdrawal, oldest first, in French."""
    with closing(connect(db.path)) as connection:
        rows = connection.execute("SELECT validated_on, recorded_at, recorded_by, withdrawn_at, withdrawn_by "
                                  f"FROM comite_validation WHERE snapshot_id = {PARAM} ORDER BY id", (snapshot_id,)).fetchall()
    lines = []
    for validated_on, recorded_at, by, withdrawn_at, withdrawn_by in rows:
        line = (f"validé le {format_date(as_date(validated_on) or date.min)} "
                f"(saisi le {as_datetime(recorded_at) or datetime.min:%d/%m/%Y à %H:%M} par {by})")
        if withdrawn_at:
            line += f" · validation retirée le {as_datetime(withdrawn_at) or datetime.min:%d/%m/%Y à %H:%M} par {withdrawn_by}"
        lines.append(line)
    return lines


def _info(db: Database, snapshot_id: int) -> SnapshotInfo:
    found = next((s for s in list_snapshots(db) if s.id == snapshot_id), None)
    if found is None:
        known = ", ".join(str(s.id) for s in list_snapshots(db)) or "aucun"
        raise SnapshotError(f"état figé n° {snapshot_id} introuvable (états figés : {known})")
    return found


def load_state(db: Database, snapshot_id: int) -> dict[str, Any]:
    with closing(connect(db.path)) as connection:
        row = connection.execute(f"SELECT payload FROM comite_snapshot WHERE id = {PARAM}", (snapshot_id,)).fetchone()
    if row is None:
        known = ", ".join(str(s.id) for s in list_snapshots(db)) or "aucun"
        raise SnapshotError(f"état figé n° {snapshot_id} introuvable (états figés : {known})")
    return decode_state(row[0])


def find(db: Database, reference: str) -> SnapshotInfo:
    """A snapshot by its number (« 3 ») or its comité date (« 12/03/2026 »)."""
    from sdus_desktop.core.validation import parse_date

    snapshots = list_snapshots(db)
    text = reference.strip()
    if text.isdigit():
        found = [s for s in snapshots if s.id == int(text)]
    else:
        try:
            wanted = parse_date(text)
        except ValueError as error:
            raise SnapshotError(f"« {text} » : ni un numéro d'état figé ni une date ({error})") from None
        found = [s for s in snapshots if s.comite_date == wanted]
    if not found:
        known = "; ".join(s.text() for s in snapshots) or "aucun comité figé"
        raise SnapshotError(f"aucun état figé « {text} » (états figés : {known})")
    return found[-1]


def last_snapshot(db: Database, plan_code: str | None = None) -> SnapshotInfo | None:
    """The latest comité frozen for this scope (a snapshot of both plans serves a single plan too)."""
    wanted = plan_code.upper() if plan_code else None
    fitting = [s for s in list_snapshots(db) if s.plan_code in (None, wanted)]
    return fitting[-1] if fitting else None


def restrict(state: dict[str, Any], plan_code: str | None) -> dict[str, Any]:
    if not plan_code:
        return state
    return {**state, "fiches": [f for f in state["fiches"] if f["plan"] == plan_code.upper()]}


def changes_since(db: Database, plan_code: str | None, today: date, *, since: datetime | None = None,
                  snapshot_id: int | None = None, grace_days: int = 0) -> SinceComite | None:
    """Net changes per fiche since a snapshot (chosen, else the last one) or since a date; None if neither."""
    now = current_state(db.path, today, plan_code)
    if snapshot_id is None and since is None:
        last = last_snapshot(db, plan_code)
        snapshot_id = last.id if last else None
    if snapshot_id is not None:
        info = next((s for s in list_snapshots(db) if s.id == snapshot_id), None)
        before = restrict(load_state(db, snapshot_id), plan_code)
        title = f"Depuis le {info.label if info else f'état figé n° {snapshot_id}'}"
        start = info.comite_date if info else date.fromisoformat(before["date"])
    elif since is not None:
        before = state_at(db.path, since, plan_code)
        title = f"Depuis le {format_date(since.date())}"
        start = since.date()
    else:
        return None
    return SinceComite(title, compare(before, now, grace_days), start)


def pending_conflicts(db: Database) -> int:
    """Conflicts waiting for a decision (the comité outputs warn about them on their first page)."""
    with closing(connect(db.path)) as connection:
        row = connection.execute("SELECT count(*) FROM conflict WHERE resolved_at IS NULL").fetchone()
    return int(row[0])


def conflicts_warning(count: int) -> str:
    if not count:
        return ""
    return (f"⚠ {count} conflit(s) d'import en attente d'arbitrage : les valeurs concernées peuvent encore "
            f"changer (Fichier › Conflits à arbitrer…, ou « sdus conflits »).")
