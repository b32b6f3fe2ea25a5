"""Import operations: a batch applied as one undoable operation, a batch from files, imports undone."""

from __future__ import annotations

import pytest

from sdus_desktop.exchange.conflicts import open_conflicts
from sdus_desktop.exchange.import_apply import BackupFailed
from sdus_desktop.exchange.import_undo import UndoImportError, list_imports
from sdus_desktop.ops import imports
from sdus_desktop.store.queries import load_action
from sdus_desktop.store.services import Services
from tests.exchange.helpers import edit_copy, export
from tests.support.dbtools import db_fingerprint


def _fiche(db, action_id: int = 1):  # type: ignore[no-untyped-def]
    with db.reading() as session:
        action = load_action(session, action_id)
        return action.status, action.avancement, action.bilan


def _returns(db, tmp_path):  # type: ignore[no-untyped-def]
    """Two workbooks: one fills fiche 1, the other is damaged (refused)."""
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    good = edit_copy(summary.path, tmp_path / "retour.xlsx", {"Fiches": {"E2": "En cours", "F2": 40}})
    bad = edit_copy(summary.path, tmp_path / "abime.xlsx", {"Fiches": {"F2": "beaucoup"}})
    return good, bad


def test_apply_imports_returns_the_batch_its_import_ids_and_undoes_in_one_step(db, services: Services, tmp_path):
    good, bad = _returns(db, tmp_path)
    previews = imports.prepare_imports(db, [good, bad])
    done = imports.apply_imports(services, previews)
    assert [r.preview.file_name for r in done.value.applied] == ["retour.xlsx"]
    assert [r.preview.file_name for r in done.value.refused] == ["abime.xlsx"]
    assert done.value.refused[0].report is not None and done.value.refused[0].report.exists()
    assert done.value.count == 2 and done.value.backup is not None and done.backup == done.value.backup
    [record] = list_imports(db)
    assert done.import_ids == (record.id,) and done.undoable
    assert done.imports and done.campaign and not done.conflicts and not done.structure
    assert _fiche(db)[:2] == ("en_cours", 40)
    undone = imports.undo_imports(services, done.import_ids)
    assert len(undone.changeset) == 2 and undone.imports and undone.conflicts and not undone.undoable
    assert _fiche(db)[:2] == ("non_demarree", 0)
    assert undone.value[0].record_id == record.id and undone.backup is not None
    with pytest.raises(UndoImportError, match="déjà été annulé"):
        imports.undo_imports(services, done.import_ids)


def test_nothing_importable_takes_no_backup_and_is_not_undoable(db, services: Services, tmp_path):
    _good, bad = _returns(db, tmp_path)
    done = imports.apply_imports(services, imports.prepare_imports(db, [bad]))
    assert not done.changeset and not done.undoable and done.import_ids == () and done.backup is None
    assert done.campaign and [r.preview.file_name for r in done.value.refused] == ["abime.xlsx"]


def test_a_backup_that_fails_refuses_the_batch_with_nothing_written(db, db_path, services: Services, tmp_path,
                                                                    monkeypatch):
    good, _bad = _returns(db, tmp_path)
    previews = imports.prepare_imports(db, [good])
    before = db_fingerprint(db_path)

    def fail(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise BackupFailed("sauvegarde impossible")

    monkeypatch.setattr(imports, "backup_before_import", fail)
    with pytest.raises(BackupFailed):
        imports.apply_imports(services, previews)
    assert db_fingerprint(db_path) == before


def test_import_files_runs_the_whole_batch_and_a_dry_run_writes_nothing(db, db_path, tmp_path):
    good, bad = _returns(db, tmp_path)
    Services(db, "central").set("action", 1, "avancement", 10)   # changed on both sides → a conflict
    services = Services(db, "central")
    before = db_fingerprint(db_path)
    trial = imports.import_files(services, [good, bad], dry_run=True)
    assert db_fingerprint(db_path) == before and not trial.changeset and not trial.flags
    done = imports.import_files(services, [good, bad])
    assert done.value.applied == 1 and done.value.conflicts == 1 and len(done.value.refused) == 1
    assert done.imports and done.conflicts and done.campaign and done.backup is not None
    assert [c.field for c in done.changeset.changes] == ["status"] and len(open_conflicts(db)) == 1
