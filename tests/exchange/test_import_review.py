"""Review findings on import: later copies of one export, unreadable files, backups, cleared cells, deleted steps."""

from __future__ import annotations

import errno
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from sdus_desktop.exchange.conflicts import open_conflicts, resolve
from sdus_desktop.exchange.consolidate import import_many
from sdus_desktop.exchange.import_apply import KEEP_MINE, import_workbook
from sdus_desktop.exchange.import_plan import prepare_import
from sdus_desktop.store.database import Database
from sdus_desktop.store.queries import load_action
from sdus_desktop.store.services import Services
from tests.exchange.helpers import edit_copy, export
from tests.support.dbtools import db_fingerprint


def _action(db: Database, action_id: int = 1):
    with db.reading() as session:
        action = load_action(session, action_id)
        return action.avancement, action.bilan, action.status


def test_a_later_copy_of_the_same_export_does_not_reapply_what_the_central_team_corrected(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    first = edit_copy(summary.path, tmp_path / "v1.xlsx", {"Fiches": {"F2": 80}})
    assert import_workbook(db, first, "A").applied == 1
    Services(db, "central").set("action", 1, "avancement", 0)   # back to the exported value
    second = edit_copy(first, tmp_path / "v2.xlsx", {"Fiches": {"H2": "bilan ajouté"}})
    preview = prepare_import(db, second)
    assert [c.text() for c in preview.changes] == ["fiche 1 · bilan / commentaire : — → bilan ajouté"]
    assert not preview.conflicts
    import_workbook(db, second, "A")
    assert _action(db)[:2] == (0, "bilan ajouté")


def test_a_conflict_decided_in_favour_of_the_base_is_not_reopened_by_a_later_copy(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    Services(db, "central").set("action", 1, "avancement", 10)
    first = edit_copy(summary.path, tmp_path / "v1.xlsx", {"Fiches": {"F2": 80}})
    result = import_workbook(db, first, "A")
    assert result.conflicts_queued == 1
    resolve(db, "central", [open_conflicts(db)[0].id], KEEP_MINE)
    second = edit_copy(first, tmp_path / "v2.xlsx", {"Fiches": {"H2": "suite"}})
    preview = prepare_import(db, second)
    assert not preview.conflicts and [c.field for c in preview.changes] == ["bilan"]
    # another export's workbook still merges against its own exported base
    other = export(db, tmp_path, "autre.xlsx", plan_code="SDUS", fiches=[1])
    assert prepare_import(db, edit_copy(other.path, tmp_path / "autre2.xlsx", {"Fiches": {"F2": 80}})).changes


def test_an_unreadable_file_is_refused_in_french_and_the_batch_goes_on(db, tmp_path, monkeypatch):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    good = edit_copy(summary.path, tmp_path / "bon.xlsx", {"Fiches": {"H2": "vu"}})
    locked = edit_copy(summary.path, tmp_path / "verrouille.xlsx", {"Fiches": {"F2": 50}})
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self.name == locked.name:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    batch = import_many(db, [locked, good], "A")
    refused, applied = batch.results
    assert refused.refused and refused.preview.refused.startswith(f"impossible de lire « {locked} » : accès refusé")
    assert "Permission denied" not in refused.preview.refused
    assert applied.applied == 1 and _action(db)[1] == "vu"


@pytest.mark.parametrize("failure", [PermissionError(errno.EACCES, "Permission denied"),
                                     sqlite3.OperationalError("unable to open database file")])
def test_a_failed_backup_applies_nothing_and_says_so_in_french(db, tmp_path, monkeypatch, failure):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    edited = edit_copy(summary.path, tmp_path / "retour.xlsx", {"Fiches": {"F2": 50}})

    def broken(reason):
        raise failure

    monkeypatch.setattr(db, "backup", broken)
    before = db_fingerprint(db.path)
    for result in (import_workbook(db, edited, "A"), *import_many(db, [edited], "A").results):
        assert result.refused and result.applied == 0
        assert result.preview.refused.startswith("sauvegarde de la base avant l'import impossible (")
        assert "rien n'a été importé" in result.preview.refused
        assert "denied" not in result.preview.refused and "unable" not in result.preview.refused
    assert db_fingerprint(db.path) == before


def test_clearing_planned_dates_means_the_calendrier(db, services, tmp_path):
    with db.reading() as session:
        first, second = (step.id for step in load_action(session, 1).steps[:2])
    services.set("step", second, "planned_start", "15/03/2020")   # an override on step 2 only
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    edited = edit_copy(summary.path, tmp_path / "retour.xlsx",
                       {"Étapes": {"G2": None, "H2": None, "G3": None}})
    preview = prepare_import(db, edited)
    assert preview.ok, preview.errors
    assert [(c.key, c.field, c.new) for c in preview.changes] == [(str(second), "planned_start", None)]
    assert preview.changes[0].text() == "fiche 1 · étape 2 · début prévu : 15/03/2020 → date du calendrier"
    import_workbook(db, edited, "A")
    with db.reading() as session:
        steps = {step.id: step for step in load_action(session, 1).steps}
        assert steps[second].planned_start is None and steps[first].planned_start is None
    again = prepare_import(db, edit_copy(edited, tmp_path / "encore.xlsx", {"Fiches": {"H2": "x"}}))
    assert [c.field for c in again.changes] == ["bilan"]   # no phantom change at the next import


def test_clearing_avancement_is_an_error_with_its_place(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1, 2])
    preview = prepare_import(db, edit_copy(summary.path, tmp_path / "retour.xlsx", {"Fiches": {"F3": None}}))
    assert preview.errors == ["Fiches!F3 : avancement vide — indiquez un nombre entre 0 et 100 (SDUS · fiche 2)"]


def test_edits_to_a_step_deleted_since_the_export_are_quoted(db, services, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    with db.reading() as session:
        removed = load_action(session, 1).steps[1].id
    services.remove_step(removed)
    edited = edit_copy(summary.path, tmp_path / "retour.xlsx",
                       {"Étapes": {"K3": "Réalisée", "L3": "fait en mars", "J3": date(2021, 3, 31)}})
    preview = prepare_import(db, edited)
    assert preview.ok and not preview.changes
    [notice] = preview.notices
    assert notice.startswith("« Étapes » ligne 3 (fiche 1 · étape 2 « ")
    assert "cette étape a été supprimée de la base depuis l'export" in notice
    assert "fin réelle : 31/03/2021 ; état : Réalisée ; commentaire : fait en mars" in notice
    assert f"  - {notice}" in preview.report_lines()


def test_clearing_a_status_is_an_error_with_its_place(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1, 2])
    preview = prepare_import(db, edit_copy(summary.path, tmp_path / "retour.xlsx", {"Fiches": {"E2": None}}))
    assert preview.errors == ["Fiches!E2 : statut vide — choisissez une valeur dans la liste de la cellule (SDUS · fiche 1)"]


def test_an_indicator_value_error_names_the_fiche_the_indicator_and_the_period(db, tmp_path):
    from openpyxl import load_workbook

    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1, 2])
    sheet = load_workbook(summary.path, read_only=True)["Indicateurs"]
    plan, fiche, number, period = (sheet[f"{column}2"].value for column in "BCDG")
    preview = prepare_import(db, edit_copy(summary.path, tmp_path / "retour.xlsx",
                                           {"Indicateurs": {"I2": "beaucoup"}}))
    [error] = preview.errors
    assert error.startswith("Indicateurs!I2 : ")
    assert error.endswith(f" ({plan} · fiche {fiche} · indicateur {number} · {period})"), error
