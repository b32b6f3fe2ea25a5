"""Deciding a conflict with a third value typed in place, or by keeping both texts; each decision journaled."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from sdus_desktop.exchange.conflicts import (
    ORIGIN_BOTH,
    ORIGIN_TYPED,
    ConflictError,
    open_conflicts,
    resolve_both,
    resolve_typed,
)
from sdus_desktop.exchange.import_apply import import_workbook
from sdus_desktop.exchange.import_plan import prepare_import
from sdus_desktop.store.changes import decode
from sdus_desktop.store.database import Database
from sdus_desktop.store.models import Conflict, ImportRecord, JournalEntry
from sdus_desktop.store.queries import load_action
from sdus_desktop.store.services import EditError, Services
from tests.exchange.helpers import edit_copy, export
from tests.support.dbtools import db_fingerprint


def _conflict(db: Database, tmp_path, cells: dict, central: dict) -> int:
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    for field, value in central.items():
        Services(db, "central").set("action", 1, field, value)
    returned = edit_copy(summary.path, tmp_path / "retour.xlsx", {"Fiches": cells})
    assert import_workbook(db, returned, "A").conflicts_queued == 1
    return open_conflicts(db)[0].id


def _journal(db: Database) -> list[tuple[str, str, str | None]]:
    with db.reading() as session:
        return [(j.origin, j.field, j.new) for j in session.scalars(select(JournalEntry).order_by(JournalEntry.id))]


def _decision(db: Database, conflict_id: int) -> tuple[str | None, str | None]:
    with db.reading() as session:
        row = session.get(Conflict, conflict_id)
        return row.resolution, row.resolved_by


def test_a_typed_third_value_is_parsed_saved_journaled_and_decides_the_conflict(db, tmp_path):
    conflict_id = _conflict(db, tmp_path, {"F2": 80}, {"avancement": 10})
    changes = resolve_typed(db, "Chargée", conflict_id, "45 %")
    assert [(c.field, c.old, c.new) for c in changes.changes] == [("avancement", 10, 45)]
    with db.reading() as session:
        assert load_action(session, 1).avancement == 45
    origin, field, _new = _journal(db)[-1]
    assert origin.startswith(ORIGIN_TYPED) and field == "avancement"
    assert _decision(db, conflict_id) == ("typed", "Chargée")
    assert open_conflicts(db) == []
    with pytest.raises(ConflictError, match="déjà arbitré"):
        resolve_typed(db, "Chargée", conflict_id, "50")


def test_a_refused_typed_value_says_where_and_changes_nothing(db, db_path, tmp_path):
    conflict_id = _conflict(db, tmp_path, {"F2": 80}, {"avancement": 10})
    before = db_fingerprint(db_path)
    with pytest.raises(EditError) as refused:
        resolve_typed(db, "Chargée", conflict_id, "cent vingt")
    assert "fiche 1" in str(refused.value)
    assert db_fingerprint(db_path) == before
    assert [c.id for c in open_conflicts(db)] == [conflict_id]


def test_keeping_both_bilans_joins_them_with_a_dated_line_naming_the_author(db, tmp_path):
    conflict_id = _conflict(db, tmp_path, {"H2": "Texte du référent."}, {"bilan": "Texte de l'équipe centrale."})
    assert open_conflicts(db)[0].joinable
    resolve_both(db, "Chargée", conflict_id, today=date(2026, 11, 30))
    with db.reading() as session:
        bilan = load_action(session, 1).bilan
        author = session.scalars(select(ImportRecord)).one().author or "retour.xlsx"
    assert bilan == ("Texte de l'équipe centrale.\n\n"
                     f"— repris du classeur de {author}, le 30/11/2026\nTexte du référent.")
    origin, field, new = _journal(db)[-1]
    assert origin.startswith(ORIGIN_BOTH) and field == "bilan" and decode(new) == bilan
    assert _decision(db, conflict_id) == ("both", "Chargée")
    # a later copy of the same workbook does not reopen the decided conflict
    again = edit_copy(tmp_path / "retour.xlsx", tmp_path / "retour2.xlsx", {"Fiches": {}})
    assert not prepare_import(db, again).conflicts


def test_both_texts_beyond_a_cell_are_refused_unchanged(db, db_path, tmp_path):
    conflict_id = _conflict(db, tmp_path, {"H2": "r" * 20_000}, {"bilan": "c" * 20_000})
    before = db_fingerprint(db_path)
    with pytest.raises(EditError, match="trop longs"):
        resolve_both(db, "Chargée", conflict_id)
    assert db_fingerprint(db_path) == before


def test_keeping_both_is_only_for_texts(db, db_path, tmp_path):
    conflict_id = _conflict(db, tmp_path, {"F2": 80}, {"avancement": 10})
    assert not open_conflicts(db)[0].joinable
    before = db_fingerprint(db_path)
    with pytest.raises(ConflictError, match="ne vaut que pour un texte"):
        resolve_both(db, "Chargée", conflict_id)
    assert db_fingerprint(db_path) == before
