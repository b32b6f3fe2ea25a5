"""The write side: every user operation is one call, one transaction, journaled, returning a ChangeSet.

Views, the CLI, imports and undo all go through here; nothing else writes to the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sdus_desktop.core import people
from sdus_desktop.core.fields import STRUCTURE_FIELD, counts_as_update, field_label
from sdus_desktop.core.indicators import parse_period, parse_value
from sdus_desktop.core.lateness import effective_period
from sdus_desktop.core.limits import check_text_length, check_title
from sdus_desktop.core.period_lock import note_lock, removal_lock
from sdus_desktop.core.text import fold
from sdus_desktop.core.validation import check_order
from sdus_desktop.store import note_ops, snapshots, structure_ops, targets
from sdus_desktop.store.changes import (
    ChangeSet,
    Edit,
    EditError,
    FieldChange,
    encode,
    split_value_key,
    value_key,
)
from sdus_desktop.store.coercion import coerce
from sdus_desktop.store.database import Database
from sdus_desktop.store.models import Action, Indicator, IndicatorValue, JournalEntry, Person, Step
from sdus_desktop.store.period_locks import LockedError, load_locks, validated_comites

ORIGIN_SAISIE = "saisie"
ORIGIN_UNDO = "saisie (annulation)"
ORIGIN_CLI = "CLI"


class Services:
    def __init__(self, db: Database, user: str) -> None:
        self.db = db
        self.user = user
        self._correcting = False   # central mode confirmed: values locked by a validated comité may change
        self._locks: dict[Any, Any] | None = None   # loaded once per call, when an edit changes a value
        self._comites: list[tuple[Any, int]] | None = None   # validated comités, once per call (notes)
        self._corrected: list[Any] = []

    @contextmanager
    def correcting_locks(self) -> Iterator[None]:
        """Inside, edits of values a validated comité locked are made (central mode, once confirmed) and
        journaled « correction (comité du JJ/MM/AAAA verrouillé) »; outside they raise LockedError."""
        self._correcting = True
        try:
            yield
        finally:
            self._correcting = False

    # -- field edits -------------------------------------------------------------------------
    def apply(
        self, edits: Iterable[Edit], origin: str = ORIGIN_SAISIE,
        *, also: Callable[[Session, ChangeSet], None] | None = None,
    ) -> ChangeSet:
        """Apply all edits in one transaction; any invalid edit refuses the whole call.

        `also(session, changeset)` runs in the same transaction before commit (imports use it to record
        the import and its conflicts atomically with the edits)."""
        with self.db.transaction() as session:
            result = self.apply_in(session, edits, origin)
            if also is not None:
                also(session, result)
        return result

    def apply_in(self, session: Session, edits: Iterable[Edit], origin: str = ORIGIN_SAISIE,
                 *, author: str | None = None, import_id: int | None = None) -> ChangeSet:
        """apply() inside a unit of work the caller holds (a batch import: one transaction, a savepoint per file).
        `author`: who made the changes when not the person recording them (the référent of a workbook)."""
        result = ChangeSet()
        touched: dict[int, tuple[Step, str]] = {}
        self._locks, self._comites, self._corrected = None, None, []
        for edit in edits:
            if edit.entity == "note":   # notes de suivi: written by their author (a workbook's référent)
                change = note_ops.apply_edit(session, edit, author or self.user, self.user,
                                             lambda day, where: self._check_note_lock(session, day, where))
            else:
                change = self._apply_one(session, edit, touched)
            if change is not None:
                result.changes.append(change)
        self._check_touched_steps(touched)
        self._record(session, result, self._lock_origin(origin), author, import_id)
        return result

    def set(self, entity: str, key: int | str, field: str, value: Any, origin: str = ORIGIN_SAISIE) -> ChangeSet:
        return self.apply([Edit(entity, str(key), field, value)], origin)

    def set_target(self, indicator_id: int, year: int | str, value: Any, origin: str = ORIGIN_SAISIE) -> ChangeSet:
        """Set one year's target of an indicator (an empty value clears it): store.targets."""
        return self.set("target", targets.target_key(indicator_id, year), "value", value, origin)

    def _apply_one(self, session: Session, edit: Edit, touched: dict[int, tuple[Step, str]]) -> FieldChange | None:
        """Set one field. Steps are only recorded in `touched`: their date order is checked once all the
        edits of the call are made (moving both dates of a step forward must not trip over the old end)."""
        if edit.entity == "value":
            return self._apply_value(session, edit)
        if edit.entity == "target":
            return targets.apply_target(session, edit)
        row = self._load(session, edit.entity, edit.key)
        where = describe(row, edit.entity, edit.field)
        try:
            new = coerce(edit.entity, edit.field, edit.value)
            check_text_length(new)
            if edit.entity == "action" and edit.field == "title":
                check_title(new)
        except ValueError as error:
            raise EditError(where, str(error)) from None
        if edit.entity == "action" and edit.field == "referents":
            old = [person.name for person in row.referents]
            people = list(dict.fromkeys(self._person(session, name, where) for name in new))
            new = [person.name for person in people]
            if old == new:
                return None
            row.referents = people
            return FieldChange("action", edit.key, "referents", old, new, row.id)
        old = getattr(row, edit.field)
        if old == new:
            return None
        self._check_lock(session, edit.entity, edit.key, edit.field, where)
        setattr(row, edit.field, new)
        if isinstance(row, Step):
            touched[row.id] = (row, where)
        action_id = row.id if isinstance(row, Action) else row.action_id
        return FieldChange(edit.entity, edit.key, edit.field, old, new, action_id)

    def _apply_value(self, session: Session, edit: Edit) -> FieldChange | None:
        indicator_id, raw_period = split_value_key(edit.key)
        indicator = self._load(session, "indicator", str(indicator_id))
        where = f"{describe(indicator, 'indicator', None)} · {raw_period}"
        try:
            period = parse_period(raw_period)
            if edit.field == "value":
                new: Any = parse_value(indicator.kind, edit.value)
            elif edit.field == "comment":
                new = "" if edit.value is None else str(edit.value).strip()
                check_text_length(new)
            else:
                raise ValueError(f"champ inconnu « {edit.field} »")
        except ValueError as error:
            raise EditError(where, str(error)) from None
        row = session.scalar(
            select(IndicatorValue).where(IndicatorValue.indicator_id == indicator_id, IndicatorValue.period == period)
        )
        old = getattr(row, edit.field) if row is not None else (None if edit.field == "value" else "")
        if old == new:
            return None
        self._check_lock(session, "value", value_key(indicator_id, period), edit.field,
                         f"{where} · {field_label('value', edit.field)}")
        if row is None:
            row = IndicatorValue(indicator_id=indicator_id, period=period, value=None, comment="")
            session.add(row)
        setattr(row, edit.field, new)
        if row.value is None and not row.comment:
            session.delete(row)
        return FieldChange("value", value_key(indicator_id, period), edit.field, old, new, indicator.action_id)

    def _check_touched_steps(self, touched: dict[int, tuple[Step, str]]) -> None:
        for step, where in touched.values():
            self._check_step_dates(step, where)

    @staticmethod
    def _check_step_dates(step: Step, where: str) -> None:
        try:
            check_order(step.actual_start, step.actual_end, "dates réelles")
            start, end = effective_period(step.calendrier, step.planned_start, step.planned_end)
            check_order(start, end, "dates prévues")
        except ValueError as error:
            raise EditError(where, str(error)) from None

    # -- assignment ------------------------------------------------------------------------------
    def assign_referent(self, name: str, action_ids: Iterable[int], origin: str = ORIGIN_SAISIE) -> ChangeSet:
        """Add the référent `name` to each fiche, in one transaction (fiches that already have them are left
        as they are). A person already known under another case or accents keeps their recorded name."""
        typed = self.check_person_name(name)
        with self.db.transaction() as session:
            known = {fold(person.name): person.name for person in session.scalars(select(Person))}
            wanted = known.get(fold(typed), typed)
            edits = []
            for action_id in dict.fromkeys(action_ids):
                current = [person.name for person in self._load(session, "action", str(action_id)).referents]
                if fold(wanted) not in {fold(other) for other in current}:
                    edits.append(Edit("action", str(action_id), "referents", [*current, wanted]))
            return self.apply_in(session, edits, origin)

    def check_person_name(self, name: str, where: str = "référent") -> str:
        """`name` trimmed, when it may name a person: a recorded person's name, or a new name that follows
        core.people (not empty, no « , » nor « ; »). EditError (French, with `where`) otherwise. Callers check
        the name before anything else, so an empty name is never reported as some other problem."""
        text = str(name).strip()
        problem = people.name_problem(text)
        if problem is None:
            return text
        if text and "\n" not in text:
            with self.db.reading() as session:
                if self._recorded(session, text):
                    return text
        raise EditError(where, problem)

    @staticmethod
    def _recorded(session: Session, name: str) -> bool:
        wanted = fold(name)
        return any(fold(person.name) == wanted for person in session.scalars(select(Person)))

    # -- structure (central mode): store.structure_ops ----------------------------------------
    def add_step(
        self, action_id: int, label: str, calendrier: str = "", position: int | None = None,
        origin: str = ORIGIN_SAISIE,
    ) -> ChangeSet:
        return self._structure(lambda session: [structure_ops.add_step(session, self._load, action_id, label,
                                                                        calendrier, position)], origin)

    def remove_step(self, step_id: int, origin: str = ORIGIN_SAISIE) -> ChangeSet:
        """Remove an étape; refused (LockedError) when a validated comité locked its dates réelles or its état,
        unless correcting (core.period_lock.removal_lock)."""
        return self._structure(lambda session: [structure_ops.remove(
            session, self._load, "step", step_id, lambda *cell: self._check_removal(session, *cell))], origin)

    def move_step(self, step_id: int, new_number: int, origin: str = ORIGIN_SAISIE) -> ChangeSet:
        return self._structure(lambda session: structure_ops.move_step(session, self._load, step_id, new_number),
                               origin)

    def add_indicator(
        self, action_id: int, label: str, kind: str = "nombre", target: str = "", origin: str = ORIGIN_SAISIE
    ) -> ChangeSet:
        return self._structure(lambda session: [structure_ops.add_indicator(session, self._load, action_id, label,
                                                                             kind, target)], origin)

    def remove_indicator(self, indicator_id: int, origin: str = ORIGIN_SAISIE) -> ChangeSet:
        """Remove an indicator and its values; refused (LockedError) when a validated comité locked one of its
        values, unless correcting (core.period_lock.removal_lock)."""
        return self._structure(lambda session: [structure_ops.remove(
            session, self._load, "indicator", indicator_id, lambda *cell: self._check_removal(session, *cell))],
            origin)

    def _structure(self, change: Callable[[Session], list[FieldChange]], origin: str) -> ChangeSet:
        result = ChangeSet()
        self._locks, self._comites, self._corrected = None, None, []
        with self.db.transaction() as session:
            result.changes.extend(change(session))
            self._record(session, result, self._lock_origin(origin))
        return result

    # -- notes de suivi (store.note_ops) ---------------------------------------------------------
    def add_note(self, action_id: int, note_date: Any, text: str, comite_snapshot_id: int | None = None,
                 origin: str = ORIGIN_SAISIE) -> ChangeSet:
        """A new note de suivi on the fiche, signed by the person recording it."""
        data = {"action_id": action_id, "note_date": note_date, "text": text, "comite_snapshot_id": comite_snapshot_id}
        return self.apply([Edit("note", note_ops.NEW_NOTE, STRUCTURE_FIELD, data)], origin)

    def edit_note(self, note_id: int, values: dict[str, Any], *, central: bool = False,
                  origin: str = ORIGIN_SAISIE) -> ChangeSet:
        """Correct a note (note_date, text, comite_snapshot_id): its author, or anyone in central mode."""
        with self.db.transaction() as session:
            note_ops.check_author(session, note_id, self.user, central)
            return self.apply_in(session, [Edit("note", str(note_id), name, value) for name, value in values.items()],
                                 origin)

    def remove_note(self, note_id: int, *, central: bool = False, origin: str = ORIGIN_SAISIE) -> ChangeSet:
        """Withdraw a note (kept, marked removed; undo puts it back): its author, or anyone in central mode."""
        with self.db.transaction() as session:
            note_ops.check_author(session, note_id, self.user, central)
            return self.apply_in(session, [Edit("note", str(note_id), STRUCTURE_FIELD, None)], origin)

    # -- undo / redo -------------------------------------------------------------------------
    def revert(self, changeset: ChangeSet, origin: str = ORIGIN_UNDO) -> ChangeSet:
        """Undo a ChangeSet (its changes inverted, last first). Reverting the result redoes it."""
        result = ChangeSet()
        with self.db.transaction() as session:
            touched: dict[int, tuple[Step, str]] = {}
            self._locks, self._comites, self._corrected = None, None, []
            for change in reversed(changeset.changes):
                inverse = self._revert_one(session, change, touched)
                if inverse is not None:
                    result.changes.append(inverse)
            self._check_touched_steps(touched)
            self._record(session, result, self._lock_origin(origin))
        return result

    def _revert_one(
        self, session: Session, change: FieldChange, touched: dict[int, tuple[Step, str]]
    ) -> FieldChange | None:
        if change.entity == "note":
            current, where = self.current_value(session, change)
            if current != change.new:
                raise EditError(where, "la note a été modifiée depuis : l'annulation n'est plus possible")
            return note_ops.apply_edit(session, Edit("note", change.key, change.field, change.old), "", self.user,
                                       lambda day, where: self._check_note_lock(session, day, where))
        if change.is_structural:
            if change.new is not None:  # undo a creation: a removal (refused when it holds locked facts)
                row = session.get(Step if change.entity == "step" else Indicator, int(change.key))
                if row is not None:
                    self._check_removal(session, change.entity, change.key, describe(row, change.entity, None))
                snapshots.delete(session, change.entity, int(change.key))
            else:  # undo a removal
                snapshots.restore(session, change.entity, change.old)
            session.flush()
            return FieldChange(change.entity, change.key, STRUCTURE_FIELD, change.new, change.old, change.action_id)
        if change.entity == "step" and change.field == "number":
            step = self._load(session, "step", change.key)
            step.number = change.old
            return FieldChange("step", change.key, "number", change.new, change.old, change.action_id)
        current, where = self.current_value(session, change)
        if current != change.new:
            raise EditError(where, "la valeur a été modifiée depuis (import, conflit arbitré ou autre saisie) : "
                                   "l'annulation n'est plus possible, la valeur actuelle est conservée")
        return self._apply_one(session, Edit(change.entity, change.key, change.field, change.old), touched)

    def current_value(self, session: Session, change: FieldChange) -> tuple[Any, str]:
        """The value a field holds now, and where it is (undo, and the undo of an import, check that nobody changed
        it since)."""
        if change.entity == "note":
            return note_ops.current(session, change.key, change.field), note_ops.where(
                note_ops.load(session, change.key), field=change.field)
        if change.entity == "target":
            return targets.current_target(session, change.key, change.field)
        if change.entity == "value":
            indicator_id, period = split_value_key(change.key)
            indicator = self._load(session, "indicator", str(indicator_id))
            row = session.scalar(select(IndicatorValue).where(
                IndicatorValue.indicator_id == indicator_id, IndicatorValue.period == period))
            where = f"{describe(indicator, 'indicator', None)} · {period} · {field_label('value', change.field)}"
            empty = None if change.field == "value" else ""
            return (getattr(row, change.field) if row is not None else empty), where
        row = self._load(session, change.entity, change.key)
        where = describe(row, change.entity, change.field)
        if change.entity == "action" and change.field == "referents":
            return [person.name for person in row.referents], where
        return getattr(row, change.field), where

    # -- period lock (core.period_lock) -------------------------------------------------------
    def _check_lock(self, session: Session, entity: str, key: str, field: str, where: str) -> None:
        """Refuse changing a value a validated comité locked, unless correcting (then remember it)."""
        if self._locks is None:
            self._locks = load_locks(session)
        lock = self._locks.get((entity, key, field))
        if lock is None:
            return
        if not self._correcting:
            raise LockedError(where, lock)
        self._corrected.append(lock)

    def _check_note_lock(self, session: Session, day: Any, where: str) -> None:
        """Refuse a note of a period a validated comité closed (adding, correcting, withdrawing it), unless
        correcting (core.period_lock.note_lock)."""
        if self._comites is None:
            self._comites = validated_comites(session)
        lock = note_lock(day, self._comites) if self._comites else None
        if lock is None:
            return
        if not self._correcting:
            raise LockedError(where, lock)
        self._corrected.append(lock)

    def _check_removal(self, session: Session, entity: str, key: str, where: str) -> None:
        """Refuse removing an étape or indicator holding facts a validated comité locked, unless correcting."""
        if self._locks is None:
            self._locks = load_locks(session)
        lock = removal_lock(self._locks, entity, key) if self._locks else None
        if lock is None:
            return
        if not self._correcting:
            raise LockedError(where, lock)
        self._corrected.append(lock)

    def _lock_origin(self, origin: str) -> str:
        if not self._corrected:
            return origin
        return max(self._corrected, key=lambda lock: lock.comite_date).correction_origin()

    # -- helpers -----------------------------------------------------------------------------
    def _record(self, session: Session, changes: ChangeSet, origin: str, author: str | None = None,
                import_id: int | None = None) -> None:
        if not changes:
            return
        now = datetime.now().replace(microsecond=0)
        for change in changes.changes:
            session.add(JournalEntry(
                at=now, user=self.user, origin=origin, entity=change.entity, entity_key=change.key,
                action_id=change.action_id, field=change.field, old=encode(change.old), new=encode(change.new),
                author=author or "", import_id=import_id,
            ))
        # Only what référents report is a « mise à jour »: assignment, document and structure changes are not
        # (a fiche whose référent was just named must still show that nobody has reported on it).
        for action_id in {c.action_id for c in changes.changes if counts_as_update(c.entity, c.field)}:
            action = session.get(Action, action_id)
            if action is not None:
                action.updated_at = now
                action.updated_by = author or self.user

    @staticmethod
    def _load(session: Session, entity: str, key: str) -> Any:
        model = {"action": Action, "step": Step, "indicator": Indicator}.get(entity)
        if model is None:
            raise EditError("", f"type d'élément inconnu « {entity} »")
        row = session.get(model, int(key))
        if row is None:
            raise EditError("", f"{field_label(entity, STRUCTURE_FIELD)} n° {key} introuvable (supprimé entre-temps ?)")
        return row

    @staticmethod
    def _person(session: Session, name: str, where: str = "référent") -> Person:
        """The person called `name`, matched as assign_referent does (case and accents folded): « elodie martin »
        is « Élodie Martin ». A name matching two recorded people is refused with both names; a new name is added."""
        person = session.scalar(select(Person).where(Person.name == name))
        if person is not None:
            return person
        wanted = fold(name)
        matches = [p for p in session.scalars(select(Person).order_by(Person.id)) if fold(p.name) == wanted]
        if len(matches) > 1:
            both = " et ".join(f"« {p.name} »" for p in matches)
            raise EditError(where, f"« {name} » peut désigner {both} : écrivez le nom exactement comme "
                                   f"l'une de ces personnes")
        person = matches[0] if matches else None
        if person is None:
            problem = people.name_problem(name)
            if problem is not None:
                raise EditError(where, problem)
            person = Person(name=name, service="")
            session.add(person)
            session.flush()
        return person


def describe(row: Any, entity: str, field: str | None) -> str:
    """'fiche 12 · étape 2 · fin réelle' — where an edit happens, in the users' words."""
    if isinstance(row, Action):
        parts = [f"fiche {row.number}"]
    elif isinstance(row, Step):
        parts = [f"fiche {row.action.number}", f"étape {row.number}"]
    elif isinstance(row, Indicator):
        parts = [f"fiche {row.action.number}", f"indicateur {row.number}"]
    else:
        parts = []
    if field:
        parts.append(field_label(entity, field))
    return " · ".join(parts)

