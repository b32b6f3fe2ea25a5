"""Period lock on notes de suivi: a note dated on or before a validated comité is neither added, corrected nor
withdrawn by a référent (Services, a returned workbook, the CLI import); central mode corrects it, journaled as a
correction."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from sdus_desktop.cli.main import main
from sdus_desktop.core.period_lock import note_lock
from sdus_desktop.exchange import workbook_layout as L
from sdus_desktop.exchange.import_plan import prepare_import
from sdus_desktop.store import readmodel
from sdus_desktop.store.comite_snapshots import freeze, validate, withdraw
from sdus_desktop.store.models import JournalEntry
from sdus_desktop.store.period_locks import LockedError
from sdus_desktop.store.services import Services
from tests.exchange.helpers import edit_copy, export
from tests.store.test_services import first_action
from tests.support.dbtools import db_fingerprint

COMITE = date(2026, 3, 12)
CLOSED = "période arrêtée par le comité du 12/03/2026 (validé)"


def _notes(db, action_id):  # type: ignore[no-untyped-def]
    return readmodel.notes_for_actions(db.path, [action_id]).get(action_id, [])


@pytest.fixture
def closed(db):  # type: ignore[no-untyped-def]
    """Fiche 12 with a note of 05/01/2026 and one of 20/03/2026 by Jeanne; the comité of 12/03/2026 validated."""
    jeanne = Services(db, "Jeanne Référente")
    action = first_action(db, 12)
    old = int(jeanne.add_note(action.id, "05/01/2026", "Avant le comité").changes[0].key)
    new = int(jeanne.add_note(action.id, "20/03/2026", "Après le comité").changes[0].key)
    info = freeze(db, "Marie Dupont", COMITE, now=datetime(2026, 3, 12, 9, 0))
    validate(db, "Paul Martin", info.id, now=datetime(2026, 3, 13, 9, 0))
    return jeanne, action, old, new, info.id


def test_note_lock_names_the_latest_comite_that_closed_the_date() -> None:
    comites = [(date(2025, 10, 1), 1), (date(2026, 3, 12), 2)]
    assert note_lock(date(2026, 3, 13), comites) is None
    lock = note_lock(date(2026, 3, 12), comites)   # the comité's own day is closed
    assert lock is not None and (lock.comite_date, lock.snapshot_id, lock.kind) == (date(2026, 3, 12), 2, "note")
    assert note_lock(date(2025, 1, 1), comites).snapshot_id == 2  # type: ignore[union-attr]
    assert note_lock(date(2025, 1, 1), []) is None


def test_a_referent_cannot_add_correct_or_withdraw_a_note_of_the_closed_period(db, closed) -> None:  # type: ignore[no-untyped-def]
    jeanne, action, old, new, _ = closed
    before = db_fingerprint(db.path)
    with pytest.raises(LockedError) as refused:
        jeanne.add_note(action.id, "12/03/2026", "Ajoutée trop tard")
    assert refused.value.where == "fiche 12 · nouvelle note · date de la note"
    assert CLOSED in refused.value.reason and "datez la note d'après le 12/03/2026" in refused.value.reason
    with pytest.raises(LockedError, match="fiche 12 · note du 05/01/2026"):
        jeanne.edit_note(old, {"text": "Réécrite"})
    with pytest.raises(LockedError, match="fiche 12 · note du 05/01/2026"):
        jeanne.edit_note(old, {"note_date": "25/03/2026"})   # moving it out of the period is a change too
    with pytest.raises(LockedError, match="fiche 12 · note du 20/03/2026"):
        jeanne.edit_note(new, {"note_date": "01/03/2026"})   # nor is a note moved into it
    with pytest.raises(LockedError):
        jeanne.remove_note(old)
    assert db_fingerprint(db.path) == before
    # After the comité, notes stay open to their author.
    jeanne.edit_note(new, {"text": "Après le comité, corrigée"})
    added = jeanne.add_note(action.id, "13/03/2026", "Le lendemain")
    jeanne.remove_note(int(added.changes[0].key))
    assert [n.text for n in _notes(db, action.id)] == ["Après le comité, corrigée", "Avant le comité"]


def test_central_mode_corrects_a_closed_note_journaled_as_a_correction(db, closed) -> None:  # type: ignore[no-untyped-def]
    _, action, old, _, snapshot = closed
    central = Services(db, "Marie Dupont")
    with pytest.raises(LockedError):   # no confirmation yet: refused like anyone
        central.edit_note(old, {"text": "Corrigée"}, central=True)
    with central.correcting_locks():
        corrected = central.edit_note(old, {"text": "Corrigée"}, central=True)
    with pytest.raises(LockedError):   # undoing the correction is a correction too
        central.revert(corrected)
    with central.correcting_locks():
        central.remove_note(old, central=True)
    with db.reading() as session:
        origins = [e.origin for e in session.query(JournalEntry).filter(
            JournalEntry.entity == "note", JournalEntry.entity_key == str(old)).order_by(JournalEntry.id)]
    assert origins[-2:] == ["correction (comité du 12/03/2026 verrouillé)"] * 2
    assert [n.text for n in _notes(db, action.id)] == ["Après le comité"]
    withdraw(db, "Paul Martin", snapshot)   # the period opens again
    assert Services(db, "Jeanne Référente").add_note(action.id, "01/02/2026", "Rouverte").changes


def _workbook_with_note(db, tmp_path, day: str):  # type: ignore[no-untyped-def]
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[12])
    from tests.exchange.test_workbook_notes import _free_row

    free = _free_row(summary.path)
    cells = {"Fiches": {"H2": "Bilan nouveau"},
             L.SHEET_NOTES: {f"B{free}": "SDUS", f"C{free}": 12, f"E{free}": day, f"G{free}": "Note tardive"}}
    return edit_copy(summary.path, tmp_path / "retour-jeanne.xlsx", cells), free


def test_a_workbook_adding_a_note_of_the_closed_period_is_refused_with_its_cell(db, closed, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, free = _workbook_with_note(db, tmp_path, "10/03/2026")
    before = db_fingerprint(db.path)
    preview = prepare_import(db, path)
    assert not preview.ok
    assert preview.errors == [
        f"« retour-jeanne.xlsx » {L.SHEET_NOTES}!E{free} · fiche 12 · date de la note : 10/03/2026 — {CLOSED} : "
        "une note datée du 12/03/2026 ou d'avant ne s'ajoute, ne se corrige ni ne se retire plus. Datez la note "
        "d'après le 12/03/2026 ou videz la ligne pour importer le reste du classeur ; une note arrêtée se corrige "
        "par l'équipe centrale (mode « Équipe centrale »)."]
    assert db_fingerprint(db.path) == before
    (tmp_path / "apres").mkdir()
    later, _ = _workbook_with_note(db, tmp_path / "apres", "13/03/2026")   # the day after: an open period
    assert prepare_import(db, later).ok


def test_the_cli_import_refuses_it_too_and_changes_nothing(db, db_path, closed, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path, free = _workbook_with_note(db, tmp_path, "12/03/2026")
    before = db_fingerprint(db_path)
    assert main(["--db", str(db_path), "--user", "Équipe centrale", "import", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{L.SHEET_NOTES}!E{free} · fiche 12 · date de la note : 12/03/2026 — {CLOSED}" in out
    assert db_fingerprint(db_path) == before
