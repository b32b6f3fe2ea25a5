"""Re-import of a référent workbook: three-way merge, conflicts, journal, backup, no-op re-import."""

from __future__ import annotations

import shutil
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import func, select

from sdus_desktop.exchange.import_apply import KEEP_MINE, TAKE_THEIRS, import_workbook, report_path
from sdus_desktop.exchange.import_plan import prepare_import
from sdus_desktop.exchange.merge import Outcome, merge_cell
from sdus_desktop.store.models import Conflict, ImportRecord, JournalEntry
from sdus_desktop.store.queries import load_action
from tests.exchange.helpers import edit_copy, export
from tests.support.dbtools import db_fingerprint


def test_merge_rules():
    assert merge_cell("a", "a", "a") is Outcome.UNCHANGED
    assert merge_cell("a", "b", "a") is Outcome.UNCHANGED      # changed in the database only: keep it
    assert merge_cell("a", "a", "c") is Outcome.APPLY
    assert merge_cell("a", "c", "c") is Outcome.ALREADY
    assert merge_cell("a", "b", "c") is Outcome.CONFLICT
    assert merge_cell(None, None, "x") is Outcome.APPLY


def _step_ids(db, action_id=1):
    with db.reading() as session:
        return [step.id for step in load_action(session, action_id).steps]


def test_edits_in_the_workbook_are_applied_exactly(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    steps = _step_ids(db)
    edited = edit_copy(summary.path, tmp_path / "retour.xlsx", {
        "Fiches": {"E2": "en COURS", "F2": "40 %", "G2": "Paul Roux;Claire Martin", "H2": "Bien avancé"},
        "Étapes": {"J3": "30/06/2021", "K3": "réalisée", "I3": "15/3/21", "L3": "  ok  "},
        "Indicateurs": {"I2": "12,5", "J2": "source : CAF"},
    })
    preview = prepare_import(db, edited)
    assert preview.ok and not preview.conflicts
    assert "fiche 1 · étape 2 · fin réelle : — → 30/06/2021" in [c.text() for c in preview.changes]
    assert len(preview.changes) == 10
    result = import_workbook(db, edited, "Équipe centrale")
    assert result.applied == 10 and result.backup is not None and result.backup.exists()
    with db.reading() as session:
        action = load_action(session, 1)
        assert (action.status, action.avancement, action.bilan) == ("en_cours", 40, "Bien avancé")
        assert [p.name for p in action.referents] == ["Claire Martin", "Paul Roux"]
        step = next(s for s in action.steps if s.id == steps[1])
        assert (step.actual_start, step.actual_end, step.status, step.comment) == (
            date(2021, 3, 15), date(2021, 6, 30), "realisee", "ok")
        value = action.indicators[0].values[0]
        assert (value.period, value.value, value.comment) == ("2019", "12.5", "source : CAF")
        origins = set(session.scalars(select(JournalEntry.origin)))
        assert origins == {f"import retour.xlsx (export {summary.export_id})"}
        assert session.scalar(select(func.count()).select_from(JournalEntry)) == 10
        record = session.scalar(select(ImportRecord))
        assert (record.applied, record.conflicts, record.export_id) == (10, 0, summary.export_id)


def test_reimporting_the_same_file_is_a_no_op(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    edited = edit_copy(summary.path, tmp_path / "retour.xlsx", {"Fiches": {"F2": 30}})
    assert import_workbook(db, edited, "A").applied == 1
    before = db_fingerprint(db.path)
    again = import_workbook(db, edited, "A")
    assert again.applied == 0 and again.preview.already_imported_at is not None
    assert "déjà importé le" in again.summary()
    assert db_fingerprint(db.path) == before


def test_unchanged_workbook_changes_nothing_and_database_edits_are_kept(db, services, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1, 2])
    services.set("action", 1, "status", "Réalisée")          # changed in the database since the export
    preview = prepare_import(db, summary.path)
    assert preview.ok and preview.changes == [] and preview.conflicts == []


def test_both_sides_changed_is_a_conflict_never_applied_silently(db, services, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    services.set("action", 1, "status", "Réalisée")
    services.set("action", 1, "avancement", 50)
    edited = edit_copy(summary.path, tmp_path / "retour.xlsx", {
        "Fiches": {"E2": "Reportée", "F2": 50, "H2": "nouveau bilan"}})
    preview = prepare_import(db, edited)
    assert [c.text() for c in preview.conflicts] == [
        "fiche 1 · statut : à l'export Non démarrée ; base Réalisée ; classeur Reportée"]
    assert [c.text() for c in preview.changes] == ["fiche 1 · bilan / commentaire : — → nouveau bilan"]
    result = import_workbook(db, edited, "A")
    assert result.applied == 1 and result.conflicts_queued == 1
    with db.reading() as session:
        assert load_action(session, 1).status == "realisee"
        conflict = session.scalar(select(Conflict))
        assert (conflict.field, conflict.base, conflict.mine, conflict.theirs, conflict.resolved_at) == (
            "status", '"non_demarree"', '"realisee"', '"reportee"', None)


def test_conflict_decisions_made_in_the_preview(db, services, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    services.set("action", 1, "status", "Réalisée")
    services.set("action", 1, "bilan", "vu en comité")
    edited = edit_copy(summary.path, tmp_path / "retour.xlsx", {"Fiches": {"E2": "Reportée", "H2": "à revoir"}})
    decisions = {("action", "1", "status"): TAKE_THEIRS, ("action", "1", "bilan"): KEEP_MINE}
    result = import_workbook(db, edited, "A", decisions=decisions)
    assert result.applied == 1 and result.conflicts_queued == 0
    with db.reading() as session:
        action = load_action(session, 1)
        assert (action.status, action.bilan) == ("reportee", "vu en comité")
        assert sorted(session.scalars(select(Conflict.resolution))) == ["mine", "theirs"]


def test_deleted_rows_delete_nothing_and_new_period_rows_add_values(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    workbook = load_workbook(summary.path)
    steps = workbook["Étapes"]
    steps.delete_rows(2, 2)
    values = workbook["Indicateurs"]
    free = summary.values + 2
    for column, value in ((2, "SDUS"), (3, 1), (4, 2), (7, "2022 T3"), (9, "oui")):
        values.cell(free, column).value = value
    workbook.save(tmp_path / "retour.xlsx")
    before_steps = _step_ids(db)
    result = import_workbook(db, tmp_path / "retour.xlsx", "A")
    assert [c.text() for c in result.preview.changes] == ["fiche 1 · indicateur 2 · 2022-T3 · valeur : — → Oui"]
    with db.reading() as session:
        action = load_action(session, 1)
        assert [s.id for s in action.steps] == before_steps
        assert [(v.period, v.value) for v in action.indicators[1].values] == [("2022-T3", "oui")]


def test_cell_errors_refuse_everything_and_write_a_report(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    edited = edit_copy(summary.path, tmp_path / "retour.xlsx", {
        "Fiches": {"F2": 30}, "Étapes": {"H2": "31/02/2020", "K3": "fini"}})
    before = db_fingerprint(db.path)
    result = import_workbook(db, edited, "A")
    assert result.refused and result.applied == 0
    assert result.preview.errors == [
        "Étapes!H2 : date invalide « 31/02/2020 » (ce jour n'existe pas) (SDUS · fiche 1 · étape 1)",
        "Étapes!K3 : statut inconnu « fini » (valeurs possibles : « À faire », « En cours », « Réalisée », "
        "« Abandonnée ») (SDUS · fiche 1 · étape 2)",
    ]
    assert db_fingerprint(db.path) == before
    report = report_path(edited).read_text(encoding="utf-8")
    assert "Étapes!H2 : date invalide « 31/02/2020 »" in report and "rien n'a été importé" in report


def test_real_date_cells_numbers_and_percent_formats(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[2, 39])  # fiche 39: a "Taux …" indicator
    workbook = load_workbook(summary.path)
    steps = workbook["Étapes"]
    steps["I2"].value = date(2020, 2, 3)
    steps["J2"].value = 43900           # a serial number typed in a date cell without date format
    steps["J2"].number_format = "General"
    values = workbook["Indicateurs"]
    percent_row = next(r for r in range(2, summary.values + 2) if values.cell(r, 6).value == "Pourcentage")
    values.cell(percent_row, 9).value = 0.455
    values.cell(percent_row, 9).number_format = "0.0%"
    workbook.save(tmp_path / "retour.xlsx")
    preview = prepare_import(db, tmp_path / "retour.xlsx")
    texts = [c.text() for c in preview.changes]
    assert texts[:2] == ["fiche 2 · étape 1 · début réel : — → 03/02/2020",
                         "fiche 2 · étape 1 · fin réelle : — → 10/03/2020"]
    assert texts[2] == "fiche 39 · indicateur 1 · 2019 · valeur : — → 45,5 %"


def test_libreoffice_style_copy_in_another_folder_imports_the_same(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDSF")
    copy = tmp_path / "copie" / "SDSF retour.xlsx"
    copy.parent.mkdir()
    shutil.copyfile(summary.path, copy)
    preview = prepare_import(db, copy)
    assert preview.ok and preview.changes == [] and preview.origin.startswith("import SDSF retour.xlsx (export ")


def test_a_workbook_saved_with_the_1904_date_system_imports_the_same(db, services, tmp_path):
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    services.set("step", 1, "actual_end", "15/03/2021")
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    workbook = load_workbook(summary.path)
    workbook.epoch = CALENDAR_MAC_1904   # as Excel for Mac may save it: date serials shift by 1462 days
    workbook.save(tmp_path / "mac.xlsx")
    import zipfile

    with zipfile.ZipFile(tmp_path / "mac.xlsx") as archive:
        assert b'date1904="1"' in archive.read("xl/workbook.xml")
    preview = prepare_import(db, tmp_path / "mac.xlsx")
    assert preview.ok and preview.changes == [] and preview.conflicts == []


def test_a_fin_reelle_with_an_open_etat_is_imported_as_sent_and_said(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    open_etat = edit_copy(summary.path, tmp_path / "ouvert.xlsx", {"Étapes": {"J3": "30/06/2021", "K3": "en cours"}})
    preview = prepare_import(db, open_etat)
    said = [n for n in preview.notices if "Étapes!J3" in n]
    assert said == ["Étapes!J3 (fiche 1 · étape 2 « " + said[0].split("« ", 1)[1].split(" »", 1)[0] + " ») : fin réelle "
                    "30/06/2021 mais état « En cours » : l'étape n'est pas marquée réalisée. Si elle est terminée, "
                    "choisissez « Réalisée » dans le classeur ou sur la fiche."]
    import_workbook(db, open_etat, "Équipe centrale")
    with db.reading() as session:
        step = next(s for s in load_action(session, 1).steps if s.number == 2)
        assert (step.actual_end, step.status) == (date(2021, 6, 30), "en_cours")   # as sent: nothing guessed
    done = edit_copy(summary.path, tmp_path / "fini.xlsx", {"Étapes": {"J4": "30/06/2021", "K4": "réalisée"}})
    assert not [n for n in prepare_import(db, done).notices if "fin réelle" in n]
