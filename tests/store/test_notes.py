"""Notes de suivi in the store: written, corrected, withdrawn through Services, journaled, undone and redone."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from sdus_desktop.core.fields import STRUCTURE_FIELD
from sdus_desktop.core.limits import MAX_CELL_TEXT
from sdus_desktop.store import readmodel
from sdus_desktop.store.changes import Edit, EditError, decode
from sdus_desktop.store.comite_snapshots import freeze
from sdus_desktop.store.database import Database
from sdus_desktop.store.models import Action, JournalEntry, Note
from sdus_desktop.store.services import Services
from tests.store.test_services import first_action


def _notes(db: Database, action_id: int, removed: bool = False) -> list[readmodel.Note]:
    return readmodel.notes_for_actions(db.path, [action_id], removed=removed).get(action_id, [])


def test_a_note_is_written_signed_journaled_and_counts_as_an_update(db: Database, services: Services) -> None:
    action = first_action(db, 12)
    changes = services.add_note(action.id, "03/02/2026", "  Réunion partenariale à Mende : œuvre commune.\r\n ")
    assert len(changes) == 1 and changes.changes[0].field == STRUCTURE_FIELD and changes.changes[0].old is None
    [note] = _notes(db, action.id)
    assert (note.note_date, note.author, note.text, note.created_by, note.removed) == (
        date(2026, 2, 3), "Marie Dupont", "Réunion partenariale à Mende : œuvre commune.", "Marie Dupont", False)
    with db.reading() as session:
        entry = session.scalars(select(JournalEntry).where(JournalEntry.entity == "note")).one()
        fiche = session.get(Action, action.id)
        assert fiche is not None and fiche.updated_by == "Marie Dupont" and fiche.updated_at is not None
    assert decode(entry.new)["text"] == note.text and entry.action_id == action.id and entry.field == STRUCTURE_FIELD


def test_notes_read_newest_first_and_withdrawn_ones_are_hidden(db: Database, services: Services) -> None:
    action = first_action(db, 3)
    for day, text in (("01/03/2026", "mars"), ("15/01/2026", "janvier"), ("01/03/2026", "mars bis")):
        services.add_note(action.id, day, text)
    assert [n.text for n in _notes(db, action.id)] == ["mars bis", "mars", "janvier"]
    removed = services.remove_note(_notes(db, action.id)[1].id)
    assert removed.changes[0].new is None
    assert [n.text for n in _notes(db, action.id)] == ["mars bis", "janvier"]
    assert [n.text for n in _notes(db, action.id, removed=True)] == ["mars bis", "mars", "janvier"]


@pytest.mark.parametrize(("day", "text", "message"), [
    ("", "texte", "date manquante"),
    ("31/02/2026", "texte", "31/02/2026"),
    ("03/02/2026", "   ", "ne peut pas être vide"),
    ("03/02/2026", "x" * (MAX_CELL_TEXT + 1), "texte trop long"),
])
def test_a_refused_note_says_where_and_writes_nothing(db: Database, services: Services, day: str, text: str,
                                                      message: str) -> None:
    action = first_action(db, 5)
    with pytest.raises(EditError, match=message) as refused:
        services.add_note(action.id, day, text)
    assert refused.value.where.startswith(f"fiche {action.number} · nouvelle note")
    assert _notes(db, action.id, removed=True) == []


def test_a_note_of_the_longest_cell_is_kept_whole(db: Database, services: Services) -> None:
    action = first_action(db, 5)
    text = ("é" * (MAX_CELL_TEXT - 1)) + "!"
    services.add_note(action.id, date(2026, 1, 2), text)
    assert _notes(db, action.id)[0].text == text


def test_undo_and_redo_of_add_edit_and_remove(db: Database, services: Services) -> None:
    action = first_action(db, 7)
    added = services.add_note(action.id, "10/10/2026", "première version")
    note_id = int(added.changes[0].key)
    undone = services.revert(added)
    assert _notes(db, action.id) == []
    services.revert(undone)   # redo: the same note back
    assert [(n.id, n.text) for n in _notes(db, action.id)] == [(note_id, "première version")]

    edited = services.edit_note(note_id, {"text": "seconde version", "note_date": "11/10/2026"})
    assert {c.field for c in edited.changes} == {"text", "note_date"}
    services.revert(edited)
    assert [(n.note_date, n.text) for n in _notes(db, action.id)] == [(date(2026, 10, 10), "première version")]

    removed = services.remove_note(note_id)
    services.revert(removed)
    assert [n.id for n in _notes(db, action.id)] == [note_id]


def test_undo_is_refused_when_the_note_changed_since(db: Database, services: Services) -> None:
    action = first_action(db, 7)
    added = services.add_note(action.id, "10/10/2026", "texte")
    services.edit_note(int(added.changes[0].key), {"text": "corrigé"})
    edit = services.edit_note(int(added.changes[0].key), {"text": "corrigé encore"})
    services.edit_note(int(added.changes[0].key), {"text": "autre"})
    with pytest.raises(EditError, match="modifiée depuis"):
        services.revert(edit)


def test_only_the_author_or_central_mode_corrects_or_withdraws_a_note(db: Database, services: Services) -> None:
    action = first_action(db, 8)
    note_id = int(services.add_note(action.id, "01/01/2026", "de Marie").changes[0].key)
    other = Services(db, "Paul Martin")
    with pytest.raises(EditError, match=r"seul son auteur \(Marie Dupont\)"):
        other.edit_note(note_id, {"text": "de Paul"})
    with pytest.raises(EditError, match="seul son auteur"):
        other.remove_note(note_id)
    assert other.edit_note(note_id, {"text": "corrigé par l'équipe centrale"}, central=True)
    assert Services(db, "marie dupont").remove_note(note_id)   # case and accents do not make another person
    assert _notes(db, action.id) == []


def test_a_withdrawn_note_is_not_edited(db: Database, services: Services) -> None:
    action = first_action(db, 8)
    note_id = int(services.add_note(action.id, "01/01/2026", "texte").changes[0].key)
    services.remove_note(note_id)
    with pytest.raises(EditError, match="retirée"):
        services.edit_note(note_id, {"text": "nouveau"})


def test_a_note_tied_to_a_frozen_comite(db: Database, services: Services) -> None:
    action = first_action(db, 9)
    comite = freeze(db, "Marie Dupont", date(2026, 6, 15))
    note_id = int(services.add_note(action.id, "15/06/2026", "présentée en comité", comite.id).changes[0].key)
    assert _notes(db, action.id)[0].comite_snapshot_id == comite.id
    with pytest.raises(EditError, match="comité n° 999 introuvable"):
        services.edit_note(note_id, {"comite_snapshot_id": 999})
    services.edit_note(note_id, {"comite_snapshot_id": None})
    assert _notes(db, action.id)[0].comite_snapshot_id is None


def test_an_import_author_signs_the_note_and_the_journal(db: Database, services: Services) -> None:
    action = first_action(db, 10)
    with db.transaction() as session:
        changes = services.apply_in(session, [Edit("note", "new:abc", STRUCTURE_FIELD, {
            "action_id": action.id, "note_date": date(2026, 4, 1), "text": "du classeur"})],
            "import x.xlsx (export 1)", author="Jeanne Référente")
    assert changes.changes[0].new["author"] == "Jeanne Référente"
    with db.reading() as session:
        note = session.scalars(select(Note)).one()
        entry = session.scalars(select(JournalEntry).where(JournalEntry.entity == "note")).one()
    assert (note.author, note.created_by, entry.author, entry.user) == (
        "Jeanne Référente", "Marie Dupont", "Jeanne Référente", "Marie Dupont")
