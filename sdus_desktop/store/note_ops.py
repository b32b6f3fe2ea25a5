"""Writes of notes de suivi, inside the unit of work of a Services call (store.services routes "note" edits here).

Edits on the entity "note" (store.changes.Edit):
- field "(structure)", value a dict {action_id, note_date, text, comite_snapshot_id[, author]}, key NEW_NOTE (or
  "new:…", the key an import gives a note it adds): a note is written; with the key of an existing note (redo,
  undo of a withdrawal): that note is put back as the dict says;
- field "(structure)", value None: the note is withdrawn (`removed`; rows are never deleted);
- "note_date", "text", "comite_snapshot_id": one field of a note changed.
Each returns the FieldChange to journal (snapshots as in store.snapshots: plain JSON values).
`guard(day, where)` is called with each note date a write touches (the note's date, a new date, the date of a
note added or put back) before anything changes: Services refuses there a note of a period a validated comité
closed (core.period_lock), unless correcting in central mode.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from sdus_desktop.core.fields import STRUCTURE_FIELD
from sdus_desktop.core.limits import check_text_length
from sdus_desktop.core.notes import clean_text
from sdus_desktop.core.text import fold
from sdus_desktop.core.validation import format_date
from sdus_desktop.store.changes import Edit, EditError, FieldChange
from sdus_desktop.store.coercion import coerce
from sdus_desktop.store.models import Action, ComiteSnapshot, Note

NEW_NOTE = "new"
EDITABLE = ("note_date", "text", "comite_snapshot_id")
Guard = Callable[[date, str], None]


def _no_guard(_day: date, _where: str) -> None:
    return None


def snapshot(note: Note) -> dict[str, Any]:
    return {"id": note.id, "action_id": note.action_id, "note_date": note.note_date.isoformat(),
            "author": note.author, "text": note.text, "comite_snapshot_id": note.comite_snapshot_id}


def where(note: Note | None, action: Action | None = None, field: str | None = None) -> str:
    """« fiche 12 · note du 03/02/2026 · note de suivi » — where a note edit happens."""
    from sdus_desktop.core.fields import field_label

    fiche = action or (note.action if note is not None else None)
    parts = [f"fiche {fiche.number}"] if fiche is not None else []
    parts.append(f"note du {format_date(note.note_date)}" if note is not None else "nouvelle note")
    if field and field != STRUCTURE_FIELD:
        parts.append(field_label("note", field))
    return " · ".join(parts)


def apply_edit(session: Session, edit: Edit, author: str, user: str, guard: Guard = _no_guard) -> FieldChange | None:
    if edit.field == STRUCTURE_FIELD:
        if edit.value is None:
            return _withdraw(session, edit.key, guard)
        if not isinstance(edit.value, dict):
            raise EditError("note de suivi", "contenu de note illisible")
        if edit.key.isdigit():
            return _put_back(session, int(edit.key), edit.value, guard)
        return _create(session, edit.value, author, user, guard)
    if edit.field not in EDITABLE:   # the registry's refusal: « ne se modifie pas directement », unknown field
        try:
            coerce("note", edit.field, edit.value)
        except ValueError as error:
            raise EditError("note de suivi", str(error)) from None
        raise EditError("note de suivi", f"le champ « {edit.field} » d'une note ne se modifie pas directement")
    note = load(session, edit.key)
    place = where(note, field=edit.field)
    if note.removed:
        raise EditError(place, "cette note a été retirée : elle ne se modifie plus")
    new = _value(session, edit.field, edit.value, place)
    old = getattr(note, edit.field)
    if old == new:
        return None
    guard(note.note_date, place)
    if edit.field == "note_date":
        guard(new, place)
    setattr(note, edit.field, new)
    journaled_old = old.isoformat() if isinstance(old, date) else old
    journaled_new = new.isoformat() if isinstance(new, date) else new
    return FieldChange("note", str(note.id), edit.field, journaled_old, journaled_new, note.action_id)


def current(session: Session, key: str, field: str) -> Any:
    """The value a note's field holds now (its snapshot for "(structure)", None once withdrawn), journal form."""
    note = load(session, key)
    if field == STRUCTURE_FIELD:
        return None if note.removed else snapshot(note)
    value = getattr(note, field)
    return value.isoformat() if isinstance(value, date) else value


def check_author(session: Session, note_id: int, user: str, central: bool) -> None:
    """A note is corrected or withdrawn by its author, or in central mode; anyone else is refused."""
    note = load(session, str(note_id))
    if not central and fold(note.author) != fold(user):
        raise EditError(where(note), f"seul son auteur ({note.author or 'inconnu'}) ou l'équipe centrale (mode "
                                     "central) peut modifier ou retirer cette note ; ajoutez plutôt une nouvelle note")


def field_label_of(field: str) -> str:
    from sdus_desktop.core.fields import field_label

    return field_label("note", field)


def load(session: Session, key: str) -> Note:
    note = session.get(Note, int(key)) if str(key).isdigit() else None
    if note is None:
        raise EditError("", f"note de suivi n° {key} introuvable (retirée entre-temps ?)")
    return note


def _value(session: Session, field: str, raw: Any, place: str) -> Any:
    try:
        value = coerce("note", field, clean_text(raw) if field == "text" else raw)
        check_text_length(value)
    except ValueError as error:
        raise EditError(place, str(error)) from None
    if field == "comite_snapshot_id" and value is not None and session.get(ComiteSnapshot, value) is None:
        raise EditError(place, f"comité n° {value} introuvable : choisissez un comité figé dans la liste")
    return value


def _create(session: Session, data: dict[str, Any], author: str, user: str, guard: Guard) -> FieldChange:
    action = session.get(Action, int(data.get("action_id") or 0))
    if action is None:
        raise EditError("nouvelle note", f"fiche n° {data.get('action_id')} introuvable")
    place = where(None, action)
    values = {field: _value(session, field, data.get(field), place) for field in EDITABLE}
    writer = " ".join(str(data.get("author") or author).split())
    try:
        check_text_length(writer)
    except ValueError as error:
        raise EditError(place, f"auteur : {error}") from None
    guard(values["note_date"], f"{place} · {field_label_of('note_date')}")
    note = Note(action_id=action.id, author=writer, created_at=datetime.now().replace(microsecond=0),
                created_by=user, removed=False, **values)
    session.add(note)
    session.flush()
    return FieldChange("note", str(note.id), STRUCTURE_FIELD, None, snapshot(note), action.id)


def _put_back(session: Session, note_id: int, data: dict[str, Any], guard: Guard) -> FieldChange | None:
    note = load(session, str(note_id))
    if not note.removed:
        return None
    guard(note.note_date, where(note))
    note.note_date = date.fromisoformat(str(data["note_date"]))
    guard(note.note_date, where(note))
    note.text, note.author = str(data["text"]), str(data.get("author", note.author))
    comite = data.get("comite_snapshot_id")
    note.comite_snapshot_id = None
    if isinstance(comite, int) and session.get(ComiteSnapshot, comite) is not None:
        note.comite_snapshot_id = comite
    note.removed = False
    session.flush()
    return FieldChange("note", str(note.id), STRUCTURE_FIELD, None, snapshot(note), note.action_id)


def _withdraw(session: Session, key: str, guard: Guard) -> FieldChange | None:
    note = load(session, key)
    if note.removed:
        return None
    guard(note.note_date, where(note))
    note.removed = True
    session.flush()
    return FieldChange("note", str(note.id), STRUCTURE_FIELD, snapshot(note), None, note.action_id)
