"""New notes de suivi in the comité comparison: since a frozen comité, since a date (journal undone), and
against a comité frozen before notes existed."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sdus_desktop.core.comite_compare import compare
from sdus_desktop.store.comite_snapshots import changes_since, freeze
from sdus_desktop.store.comite_state import current_state
from sdus_desktop.store.database import Database
from sdus_desktop.store.services import Services
from tests.store.test_services import first_action

TODAY = date(2026, 11, 22)


def _fiche(since, action_id: int):  # type: ignore[no-untyped-def]
    return next((f for f in since.comparison.fiches if f.action_id == action_id), None)


def test_notes_written_since_the_frozen_comite_are_new(db: Database, services: Services) -> None:
    action = first_action(db, 12)
    services.add_note(action.id, "10/01/2026", "avant le comité")
    freeze(db, "Marie Dupont", date(2026, 6, 1))
    services.add_note(action.id, "02/06/2026", "Après : « décision » prise")
    since = changes_since(db, "SDUS", TODAY)
    assert since is not None and since.since == date(2026, 6, 1)
    fiche = _fiche(since, action.id)
    assert fiche is not None and fiche.notes == ["02/06/2026 · Marie Dupont : Après : « décision » prise"]
    assert "1 nouvelle(s) note(s) de suivi" in since.comparison.summary()
    assert fiche.notes_text(12) == "Note du 02/06/2026…"   # cut at 12 characters of the note


def test_since_a_date_the_journal_is_undone_for_notes(db: Database, services: Services) -> None:
    action = first_action(db, 12)
    kept = services.add_note(action.id, "10/01/2026", "déjà là")
    start = datetime.now().replace(microsecond=0) + timedelta(seconds=1)
    import time

    time.sleep(1.1)
    services.remove_note(int(kept.changes[0].key))       # withdrawn since: not a new note
    services.add_note(action.id, "02/06/2026", "écrite depuis")
    corrected = services.add_note(action.id, "03/06/2026", "premier jet")
    services.edit_note(int(corrected.changes[0].key), {"text": "relue"})
    since = changes_since(db, "SDUS", TODAY, since=start)
    assert since is not None
    fiche = _fiche(since, action.id)
    assert fiche is not None and fiche.notes == ["02/06/2026 · Marie Dupont : écrite depuis",
                                                 "03/06/2026 · Marie Dupont : relue"]


def test_a_comite_frozen_before_notes_existed_compares(db: Database, services: Services) -> None:
    action = first_action(db, 3)
    before = current_state(db.path, TODAY)
    for fiche in before["fiches"]:
        del fiche["notes"]
    services.add_note(action.id, "02/06/2026", "première note")
    comparison = compare(before, current_state(db.path, TODAY))
    fiche = next(f for f in comparison.fiches if f.action_id == action.id)
    assert fiche.notes == ["02/06/2026 · Marie Dupont : première note"] and bool(fiche)


def test_the_comite_workbook_row_shows_the_new_notes(db: Database, services: Services) -> None:
    from sdus_desktop.exchange.comite_since import HEADERS, fiche_cells

    action = first_action(db, 12)
    freeze(db, "Marie Dupont", date(2026, 6, 1))
    services.add_note(action.id, "02/06/2026", "écrite après le comité")
    since = changes_since(db, "SDUS", TODAY)
    assert since is not None
    fiche = _fiche(since, action.id)
    assert fiche is not None
    cells = fiche_cells(fiche)
    assert HEADERS[-1] == "Nouveau bilan, nouvelles notes"
    assert cells[-1] == "Note du 02/06/2026 · Marie Dupont : écrite après le comité"
