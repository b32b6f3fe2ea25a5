"""Issue 9, defects 1, 2 and 10: copies of one export, re-sends, batches, edits between preview and apply."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from sdus_desktop.exchange.conflicts import open_conflicts
from sdus_desktop.exchange.consolidate import import_many
from sdus_desktop.exchange.import_apply import apply_preview, import_workbook
from sdus_desktop.exchange.import_batch import apply_batch, prepare_batch
from sdus_desktop.exchange.import_plan import prepare_import
from sdus_desktop.store.database import Database
from sdus_desktop.store.queries import load_action
from sdus_desktop.store.services import Services
from tests.exchange.helpers import edit_copy, export
from tests.support.dbtools import db_fingerprint


def _fiche(db: Database, action_id: int = 1) -> tuple[str, int, str]:
    with db.reading() as session:
        action = load_action(session, action_id)
        return action.status, action.avancement, action.bilan


def _two_copies(db: Database, folder: Path) -> tuple[Path, Path]:
    summary = export(db, folder, plan_code="SDUS", fiches=[1])
    a = edit_copy(summary.path, folder / "a.xlsx", {"Fiches": {"E2": "En cours", "H2": "bilan de A"}})
    b = edit_copy(summary.path, folder / "b.xlsx", {"Fiches": {"E2": "Reportée", "F2": 30}})
    return a, b


def test_an_older_copy_never_reverts_what_a_newer_copy_brought(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    older = edit_copy(summary.path, tmp_path / "ancienne.xlsx", {"Fiches": {"F2": 10}})
    newer = edit_copy(older, tmp_path / "nouvelle.xlsx", {"Fiches": {"E2": "En cours", "H2": "bilan"}})
    assert import_workbook(db, newer, "central").applied == 3
    result = import_workbook(db, older, "central")   # re-sent afterwards: it carries the exported status
    assert result.applied == 0 and result.conflicts_queued == 0
    assert _fiche(db) == ("en_cours", 10, "bilan")


@pytest.mark.parametrize("order", ["ab", "ba"])
def test_two_copies_changing_one_cell_differently_conflict_whatever_the_order(db, tmp_path, order):
    a, b = _two_copies(db, tmp_path)
    first, second = (a, b) if order == "ab" else (b, a)
    import_workbook(db, first, "central")
    result = import_workbook(db, second, "central")
    assert result.conflicts_queued == 1
    [conflict] = open_conflicts(db)
    assert "statut" in conflict.where
    status = "en_cours" if order == "ab" else "reportee"
    assert _fiche(db) == (status, 30, "bilan de A")   # the other cells of both copies applied


def test_a_copy_re_sent_after_its_import_is_a_no_op_even_after_a_central_correction(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    sent = edit_copy(summary.path, tmp_path / "envoi.xlsx", {"Fiches": {"E2": "En cours"}})
    import_workbook(db, sent, "central")
    Services(db, "central").set("action", 1, "status", "realisee")
    resaved = edit_copy(sent, tmp_path / "envoi-bis.xlsx", {})   # same content, other bytes
    preview = prepare_import(db, resaved)
    assert preview.ok and not preview.changes and not preview.conflicts
    import_workbook(db, resaved, "central")
    assert _fiche(db)[0] == "realisee" and not open_conflicts(db)


def test_a_re_saved_copy_does_not_queue_an_open_conflict_again(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    Services(db, "central").set("action", 1, "bilan", "central")
    sent = edit_copy(summary.path, tmp_path / "envoi.xlsx", {"Fiches": {"H2": "référent"}})
    assert import_workbook(db, sent, "central").conflicts_queued == 1
    resaved = edit_copy(sent, tmp_path / "envoi-bis.xlsx", {"Fiches": {"F2": 5}})
    result = import_workbook(db, resaved, "central")
    assert result.applied == 1 and result.conflicts_queued == 0
    assert len(open_conflicts(db)) == 1


@pytest.mark.parametrize("order", ["ab", "ba"])
def test_a_batch_preview_simulates_the_whole_batch_and_apply_does_the_same(db, db_path, tmp_path, order):
    a, b = _two_copies(db, tmp_path)
    files = [a, b] if order == "ab" else [b, a]
    before = db_fingerprint(db_path)
    dry = import_many(db, files, "central", dry_run=True)
    assert db_fingerprint(db_path) == before
    planned = {r.preview.file_name: (len(r.preview.changes), len(r.preview.conflicts)) for r in dry.results}
    assert planned == {"a.xlsx": (1, 1), "b.xlsx": (1, 1)}
    batch = import_many(db, files, "central")
    applied = {r.preview.file_name: (r.applied, r.conflicts_queued) for r in batch.results}
    assert applied == planned
    assert _fiche(db) == ("non_demarree", 30, "bilan de A")   # the disputed status waits for a person
    assert sorted(c.theirs for c in open_conflicts(db)) == ["En cours", "Reportée"]
    assert any("modifié autrement dans « " in notice for r in batch.results for notice in r.preview.notices)


def test_the_same_edit_in_two_files_of_a_batch_is_applied_once(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    a = edit_copy(summary.path, tmp_path / "a.xlsx", {"Fiches": {"E2": "En cours"}})
    b = edit_copy(summary.path, tmp_path / "b.xlsx", {"Fiches": {"E2": "En cours", "F2": 40}})
    previews = prepare_batch(db, [a, b])
    assert sum(len(p.changes) for p in previews) == 2 and not any(p.conflicts for p in previews)
    batch = import_many(db, [b, a], "central")
    assert batch.applied == 2 and batch.conflicts == 0
    assert _fiche(db)[:2] == ("en_cours", 40)


def test_an_edit_saved_between_preview_and_apply_becomes_a_conflict(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    sent = edit_copy(summary.path, tmp_path / "envoi.xlsx", {"Fiches": {"H2": "du référent"}})
    preview = prepare_import(db, sent)
    assert len(preview.changes) == 1
    Services(db, "central").set("action", 1, "bilan", "saisi pendant l'aperçu")
    result = apply_preview(db, preview, "central", {})
    assert result.applied == 0 and result.conflicts_queued == 1
    assert _fiche(db)[2] == "saisi pendant l'aperçu"
    assert any("modifiée depuis l'aperçu" in notice for notice in result.preview.notices)


def test_one_file_imported_twice_at_once_is_recorded_once(db, db_path, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    Services(db, "central").set("action", 1, "bilan", "central")
    sent = edit_copy(summary.path, tmp_path / "envoi.xlsx", {"Fiches": {"H2": "référent", "F2": 50}})
    previews = [prepare_batch(db, [sent]) for _ in range(2)]
    outcomes: list = []

    def run(preview) -> None:
        other = Database.open(db_path)
        try:
            outcomes.extend(apply_batch(other, preview, "central"))
        finally:
            other.close()

    threads = [threading.Thread(target=run, args=(p,)) for p in previews]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(len(o.changeset) for o in outcomes) == [0, 1]
    assert sum(o.conflicts_queued for o in outcomes) == 1
    assert len(open_conflicts(db)) == 1


def _label_row(path: Path) -> int:
    from openpyxl import load_workbook

    sheet = load_workbook(path)["Lisez-moi"]
    return next(cell.row for cell in sheet["A"] if cell.value == "Rempli par (votre nom) :")


def test_the_journal_names_the_author_apart_from_who_imported(db, tmp_path):
    from sdus_desktop.core.attribution import who_made
    from sdus_desktop.store.readmodel import journal_for_action

    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    row = _label_row(summary.path)
    typed = edit_copy(summary.path, tmp_path / "retour.xlsx",
                      {"Fiches": {"H2": "bilan"}, "Lisez-moi": {f"B{row}": "  Jeanne   Typée "}})
    result = import_workbook(db, typed, "Marie Centrale")
    assert result.applied == 1
    [entry] = journal_for_action(db.path, 1)
    assert (entry.author, entry.user) == ("Jeanne Typée", "Marie Centrale")
    assert who_made(entry.user, entry.author) == "Jeanne Typée (importé par Marie Centrale)"
    assert entry.import_id is not None
    with db.reading() as session:
        assert load_action(session, 1).updated_by == "Jeanne Typée"


def test_the_author_defaults_to_the_referent_the_workbook_was_made_for(db, tmp_path):
    from sdus_desktop.store.readmodel import journal_for_action

    Services(db, "central").set("action", 1, "referents", ["Claire Martin"])
    summary = export(db, tmp_path, plan_code="SDUS", referent="Claire Martin")
    returned = edit_copy(summary.path, tmp_path / "retour.xlsx", {"Fiches": {"H2": "vu"}})
    import_workbook(db, returned, "Marie Centrale")
    assert journal_for_action(db.path, 1)[0].author == "Claire Martin"
