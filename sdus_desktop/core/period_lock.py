"""Period lock: what a validated comité de suivi freezes, and the French texts of a refusal or a correction.

Once the comité of date D has validated the state frozen for it (store.comite_snapshots), that state S — what
the comité saw — is « arrêté ». Locked, from then on, are exactly the past facts S holds:

- the **valeur** of an indicator for a period that ended on or before D (a year ends on 31/12, « 2025-T2 » on
  30/06) and for which S holds a value. A period still running at D (a provisional figure) stays open; so does a
  past period S had no value for: a figure sent late completes the record, it changes nothing the comité saw
  (it is locked in turn by the next validated comité). The value's commentaire stays open (an explanation can
  always be added);
- the **début réel** and the **fin réelle** of an étape that S holds, dated on or before D;
- the **état** of an étape S shows réalisée or abandonnée and finished by D (no fin réelle after D): it cannot
  be reopened.

- the **notes de suivi** dated on or before D: a note dated then cannot be added, corrected (date, text or comité)
  or withdrawn, nor a note moved into that period (its new date on or before D). Notes dated after D stay open
  to their author. This lock goes by the note's date alone (a comité's period is closed, whether or not its
  frozen state holds the note): note_lock().

- the **existence** of what holds those facts: an étape with a locked début réel, fin réelle or état, and an
  indicator with a locked value, cannot be removed (fiche's « Supprimer », Services.remove_step /
  remove_indicator, the undo of its creation), nor a locked value cleared (clearing is changing it):
  removal_lock(). The place names the fiche and the étape or indicateur.

Not locked: the fiche's statut, avancement and bilan (the current summary, which moves on after the comité —
S keeps what the comité saw, and the comparisons read it there), planned dates and calendrier (re-planning is
normal; slips show in the comparison), comments, référents, the document, and the rest of the structure: adding
étapes and indicators, their order and wording, removing one that holds no locked fact. A plan avenant may
archive a fiche, an étape or an indicator holding locked facts: it is a central, confirmed change of the plan's
structure made after a verified backup, an archived row keeps every value (nothing the comité saw is lost or
changed, the frozen state still shows it) and the journal records it as an avenant — so it is not refused.

A locked cell refuses any new value — from a workbook, a form or the command line — with its place and the
comité's date; writing the value it already holds is not a change, hence never refused. In central mode the
value can be corrected (an étape or indicator removed) after a confirmation; the journal then says « correction
(comité du JJ/MM/AAAA verrouillé) ». Several validated comités: a cell is locked by each that saw it; the latest one
is named. Views show a locked cell before it is edited (LOCK_SYMBOL, Lock.cell_tooltip(): text, not colour) and
do not open an editor on it outside central mode.

Pure: no I/O. Keys follow store.changes (value → "<indicator id>:<period>").
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sdus_desktop.core.indicators import format_value
from sdus_desktop.core.statuses import StepStatus
from sdus_desktop.core.validation import format_date

FINISHED_STEP_STATES = ("realisee", "abandonnee")
CellKey = tuple[str, str, str]   # (entity, key, field) as in the journal
LOCK_SYMBOL = "🔒"   # shown before a locked cell's value (with its tooltip and accessible text)
REMOVAL_KINDS = {"step": "une étape", "indicator": "un indicateur"}


@dataclass(frozen=True)
class Lock:
    """Why a cell is locked: the validated comité that saw it, and the value it saw."""

    comite_date: date
    snapshot_id: int
    seen: Any
    kind: str = "value"   # "value" (a cell the comité saw), "note" (a note de suivi of the closed period), or
    #                       "step" / "indicator" (removing an étape or indicator that holds locked facts)

    @property
    def comite_text(self) -> str:
        return f"comité du {format_date(self.comite_date)}"

    def cell_note(self) -> str:
        """« verrouillé par le comité du JJ/MM/AAAA »: said after a locked cell's value (accessible text)."""
        return f"verrouillé par le {self.comite_text}"

    def cell_tooltip(self) -> str:
        """« Verrouillé par le comité du JJ/MM/AAAA »: a locked cell's tooltip."""
        note = self.cell_note()
        return note[:1].upper() + note[1:]

    def reason(self) -> str:
        if self.kind in REMOVAL_KINDS:
            what = "étape" if self.kind == "step" else "indicateur"
            facts = "ses dates réelles ou son état" if self.kind == "step" else "des valeurs"
            return (f"{what} dont le {self.comite_text} (validé) a arrêté {facts} : "
                    f"{'elle' if self.kind == 'step' else 'il'} ne se supprime plus")
        if self.kind == "note":
            return (f"période arrêtée par le {self.comite_text} (validé) : une note datée du "
                    f"{format_date(self.comite_date)} ou d'avant ne s'ajoute, ne se corrige ni ne se retire plus")
        return f"valeur arrêtée par le {self.comite_text} (validé)"

    def what_to_do(self, central: bool = False) -> str:
        if self.kind in REMOVAL_KINDS:
            if central:
                return "confirmez la suppression (elle sera inscrite au journal comme correction)"
            return "gardez-la ; si elle est à retirer, demandez-le à l'équipe centrale (mode « Équipe centrale »)"
        if self.kind == "note" and not central:
            return (f"datez la note d'après le {format_date(self.comite_date)} (une nouvelle note s'ajoute à la "
                    "suite) ; si une note arrêtée est fausse, demandez à l'équipe centrale de la corriger "
                    "(mode « Équipe centrale »)")
        return what_to_do(central)

    def correction_origin(self) -> str:
        return correction_origin(self.comite_date)


def correction_origin(comite_date: date) -> str:
    return f"correction (comité du {format_date(comite_date)} verrouillé)"


def period_end(period: str) -> date:
    """Last day of a reporting period « 2025 » or « 2025-T3 » (as core.indicators.parse_period writes them)."""
    year = int(period[:4])
    if "-T" in period:
        month = int(period[-1]) * 3
        return date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 12, 31)


def _day(value: Any) -> date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def locked_cells(state: dict[str, Any], comite_date: date, snapshot_id: int) -> dict[CellKey, Lock]:
    """The cells a comité of `comite_date` locks once it validated `state` (store.comite_state's format)."""
    locks: dict[CellKey, Lock] = {}
    for fiche in state.get("fiches", ()):
        for step in fiche.get("steps", ()):
            key = str(step["id"])
            ended: date | None = None
            for name in ("actual_start", "actual_end"):
                day = _day(step.get(name))
                if day is not None and day <= comite_date:
                    locks[("step", key, name)] = Lock(comite_date, snapshot_id, day.isoformat())
                if name == "actual_end":
                    ended = day
            if step.get("status") in FINISHED_STEP_STATES and (ended is None or ended <= comite_date):
                locks[("step", key, "status")] = Lock(comite_date, snapshot_id, step["status"])
        for indicator in fiche.get("indicators", ()):
            for period, value in (indicator.get("values") or {}).items():
                if value not in (None, "") and period_end(period) <= comite_date:
                    locks[("value", f"{indicator['id']}:{period}", "value")] = Lock(comite_date, snapshot_id, value)
    return locks


def removal_lock(locks: dict[CellKey, Lock], entity: str, key: str) -> Lock | None:
    """Why removing the étape or indicator `key` is refused — the latest validated comité that locked one of
    its facts (an étape's dates réelles or état, an indicator's values) — or None when it holds none."""
    if entity == "step":
        held = [lock for (kind, cell, _field), lock in locks.items() if kind == "step" and cell == key]
    elif entity == "indicator":
        prefix = f"{key}:"
        held = [lock for (kind, cell, _field), lock in locks.items() if kind == "value" and cell.startswith(prefix)]
    else:
        return None
    if not held:
        return None
    latest = max(held, key=lambda lock: (lock.comite_date, lock.snapshot_id))
    return Lock(latest.comite_date, latest.snapshot_id, None, entity)


def note_lock(note_date: date, comites: Iterable[tuple[date, int]]) -> Lock | None:
    """Why a note dated `note_date` is locked — the latest validated comité (date, snapshot id) dated on or
    after it — or None when no validated comité closed its period."""
    closing = [(day, snapshot_id) for day, snapshot_id in comites if note_date <= day]
    if not closing:
        return None
    day, snapshot_id = max(closing)
    return Lock(day, snapshot_id, note_date.isoformat(), "note")


def merge_locks(per_comite: list[dict[CellKey, Lock]]) -> dict[CellKey, Lock]:
    """Locks of several validated comités: per cell, the latest comité that locks it."""
    if len(per_comite) == 1:
        return per_comite[0]
    merged: dict[CellKey, Lock] = {}
    for locks in per_comite:
        for cell, lock in locks.items():
            known = merged.get(cell)
            if known is None or (lock.comite_date, lock.snapshot_id) > (known.comite_date, known.snapshot_id):
                merged[cell] = lock
    return merged


def drifted(seen_state: dict[str, Any], comite_date: date, now_state: dict[str, Any]) -> list[str]:
    """The cells a validation would lock whose value has changed since the comité saw them, in French: told
    before validating (the lock keeps the value the base holds; correct it first if the comité's was right)."""
    then, now = _cells(seen_state), _cells(now_state)
    lines = []
    for cell, lock in locked_cells(seen_state, comite_date, 0).items():
        current = now.get(cell)
        value = current[0] if current is not None else None
        if value != lock.seen:
            where, kind = (current or then[cell])[1:]
            lines.append(f"{where} : {_shown(cell, lock.seen, kind)} au comité, {_shown(cell, value, kind)} "
                         "maintenant")
    return sorted(lines)


def _cells(state: dict[str, Any]) -> dict[CellKey, tuple[Any, str, str]]:
    """(entity, key, field) → (value, where, indicator kind) for the cells the rule reads."""
    cells: dict[CellKey, tuple[Any, str, str]] = {}
    labels = {"actual_start": "début réel", "actual_end": "fin réelle", "status": "état"}
    for fiche in state.get("fiches", ()):
        prefix = f"{fiche.get('plan', '')} · fiche {fiche.get('number')}".strip(" ·")
        for step in fiche.get("steps", ()):
            for name, label in labels.items():
                cells[("step", str(step["id"]), name)] = (step.get(name), f"{prefix} · étape {step['number']} · "
                                                                          f"{label}", "")
        for indicator in fiche.get("indicators", ()):
            for period, value in (indicator.get("values") or {}).items():
                cells[("value", f"{indicator['id']}:{period}", "value")] = (
                    value, f"{prefix} · indicateur {indicator['number']} · {period} · valeur", indicator.get("kind", ""))
    return cells


def _shown(cell: CellKey, value: Any, kind: str) -> str:
    if value is None or value == "":
        return "vide"
    if cell[0] == "value":
        try:
            return format_value(kind or "texte", str(value))
        except ValueError:
            return str(value)
    if cell[2] == "status":
        return StepStatus(value).label if value in set(StepStatus) else str(value)
    return format_date(_day(value))


def what_to_do(central: bool = False) -> str:
    if central:
        return "confirmez la correction pour la modifier (elle sera inscrite au journal comme correction)"
    return ("gardez la valeur arrêtée ; si elle est fausse, demandez à l'équipe centrale de la corriger "
            "(mode « Équipe centrale »)")
