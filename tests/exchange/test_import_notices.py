"""What a référent workbook brings is saved exactly or refused with its place, and what the application would not
save so (or does not read) is said: percent-formatted cells, unfinished fiches « Réalisée », étapes started while
« À faire », reference columns edited."""

from __future__ import annotations

from openpyxl import load_workbook

from sdus_desktop.exchange.import_apply import import_workbook
from sdus_desktop.exchange.import_plan import prepare_import
from sdus_desktop.exchange.workbook_read import shown_percent
from sdus_desktop.store.queries import load_action
from tests.exchange.helpers import edit_copy, export, row_of


def _percent_cells(source, target, cells):
    """Numbers typed in percent-formatted cells, as Excel stores them ({"Fiches": {"F2": (0.45, "0%")}})."""
    workbook = load_workbook(source)
    for sheet, values in cells.items():
        for ref, (value, number_format) in values.items():
            workbook[sheet][ref].value = value
            workbook[sheet][ref].number_format = number_format
    workbook.save(target)
    return target


def _percent_row(path):
    workbook = load_workbook(path, read_only=True)
    try:
        rows = list(workbook["Indicateurs"].iter_rows(min_col=6, max_col=6, values_only=True))
    finally:
        workbook.close()
    return next(number for number, (kind,) in enumerate(rows, start=1) if kind == "Pourcentage")


def test_shown_percent_is_exact_and_french():
    assert shown_percent(0.45) == "45 %"
    assert shown_percent(0.075) == "7,5 %"
    assert shown_percent(1) == "100 %"
    assert shown_percent(0.455) == "45,5 %"
    assert shown_percent(0.0) == "0 %"
    assert shown_percent(0.29) == "29 %"   # 0.29 * 100 is 28.999999999999996 in floats


def test_percent_formatted_avancement_imports_what_the_cell_shows(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1, 2])
    edited = _percent_cells(summary.path, tmp_path / "retour.xlsx", {"Fiches": {"F2": (0.45, "0%")}})
    preview = prepare_import(db, edited)
    assert preview.errors == [] and preview.notices == []
    assert [c.text() for c in preview.changes] == ["fiche 1 · avancement : 0 % → 45 %"]
    assert import_workbook(db, edited, "Équipe centrale").applied == 1
    with db.reading() as session:
        assert load_action(session, 1).avancement == 45


def test_percent_formatted_avancement_refused_with_the_shown_text(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1, 2])
    edited = _percent_cells(summary.path, tmp_path / "retour.xlsx", {"Fiches": {"F3": (0.075, "0.0%")}})
    preview = prepare_import(db, edited)
    assert preview.errors == ["Fiches!F3 : avancement invalide « 7,5 % » (un nombre entier entre 0 et 100) "
                              "(SDUS · fiche 2)"]


def test_percent_formatted_indicator_value(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[39])   # a « Pourcentage » indicator
    row = _percent_row(summary.path)
    edited = _percent_cells(summary.path, tmp_path / "retour.xlsx", {"Indicateurs": {f"I{row}": (0.29, "0%")}})
    preview = prepare_import(db, edited)
    assert preview.errors == []
    assert [c.text() for c in preview.changes] == ["fiche 39 · indicateur 1 · 2019 · valeur : — → 29 %"]
    assert [c.new for c in preview.changes] == ["29"]
    too_big = _percent_cells(summary.path, tmp_path / "trop.xlsx", {"Indicateurs": {f"I{row}": (12.5, "0%")}})
    assert prepare_import(db, too_big).errors == [
        f"Indicateurs!I{row} : « 1250 % » : un pourcentage doit être compris entre 0 et 1000 "
        "(SDUS · fiche 39 · indicateur 1 · 2019)"]


def test_an_untouched_export_says_nothing(db, services, tmp_path):
    services.set("action", 39, "status", "en_cours")
    summary = export(db, tmp_path, plan_code="SDUS")
    preview = prepare_import(db, summary.path)
    assert preview.ok and preview.changes == [] and preview.notices == []


def test_fiche_realisee_unfinished_is_imported_as_sent_and_said(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1, 2])
    edited = edit_copy(summary.path, tmp_path / "retour.xlsx", {
        "Fiches": {"E3": "Réalisée", "F3": 45},
        "Étapes": {"K5": "Réalisée", "J5": "30/06/2019", "K6": "Abandonnée", "K7": "En cours"},
    })
    preview = prepare_import(db, edited)
    assert preview.errors == []
    assert preview.notices == [
        "Fiches!E3 (fiche 2) : statut « Réalisée » mais avancement 45 % et 3 étapes non terminées (n° 3, 4, 5) : "
        "importé tel quel. Si la fiche est terminée, mettez l'avancement à 100 % et passez ces étapes à « Réalisée » "
        "ou « Abandonnée » (dans le classeur ou sur la fiche) ; sinon choisissez un autre statut."]
    result = import_workbook(db, edited, "Équipe centrale")
    assert result.preview.notices == preview.notices
    with db.reading() as session:
        action = load_action(session, 2)
        assert (action.status, action.avancement) == ("realisee", 45)
        assert [step.status for step in action.steps] == ["realisee", "abandonnee", "en_cours", "a_faire", "a_faire"]

    # A later workbook that does not touch these fields says nothing about them.
    again = export(db, tmp_path, "encore.xlsx", plan_code="SDUS", fiches=[2])
    bilan = edit_copy(again.path, tmp_path / "bilan.xlsx", {"Fiches": {"H2": "Bilan"}})
    later = prepare_import(db, bilan)
    assert [c.text() for c in later.changes] == ["fiche 2 · bilan / commentaire : — → Bilan"] and later.notices == []


def test_fiche_realisee_at_100_with_open_steps_and_steps_reopened(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[13])
    edited = edit_copy(summary.path, tmp_path / "retour.xlsx", {
        "Fiches": {"E2": "Réalisée", "F2": 100}, "Étapes": {"K2": "Réalisée"}})
    preview = prepare_import(db, edited)
    assert preview.notices == [
        "Fiches!E2 (fiche 13) : statut « Réalisée » mais 1 étape non terminée (n° 2) : importé tel quel. Si la "
        "fiche est terminée, passez ces étapes à « Réalisée » ou « Abandonnée » (dans le classeur ou sur la "
        "fiche) ; sinon choisissez un autre statut."]
    complete = edit_copy(summary.path, tmp_path / "complet.xlsx", {
        "Fiches": {"E2": "Réalisée", "F2": 100}, "Étapes": {"K2": "Réalisée", "K3": "Abandonnée"}})
    assert prepare_import(db, complete).notices == []


def test_step_started_while_a_faire_is_imported_as_sent_and_said(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    edited = edit_copy(summary.path, tmp_path / "retour.xlsx", {
        "Étapes": {"I3": "03/02/2020", "I4": "01/02/2021", "K4": "En cours"}})
    preview = prepare_import(db, edited)
    assert preview.errors == []
    assert preview.notices == [
        "Étapes!I3 (fiche 1 · étape 2) : début réel 03/02/2020 mais état « À faire » : importé tel quel. Si "
        "l'étape a commencé, choisissez « En cours » dans le classeur ou sur la fiche ; sinon videz le début réel."]
    assert [c.text() for c in preview.changes][0] == "fiche 1 · étape 2 · début réel : — → 03/02/2020"


def test_a_fin_reelle_with_a_faire_is_said_once(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    edited = edit_copy(summary.path, tmp_path / "retour.xlsx", {"Étapes": {"I2": "03/02/2019", "J2": "30/06/2019"}})
    notices = prepare_import(db, edited).notices
    assert len(notices) == 1 and notices[0].startswith("Étapes!J2 (fiche 1 · étape 1 « Identifier les structures")
    assert "fin réelle 30/06/2019 mais état « À faire »" in notices[0]


def test_reference_columns_changed_are_said_and_kept(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1, 2, 39])
    row = _percent_row(summary.path)
    with db.reading() as session:
        title = load_action(session, 2).title
        step_id = load_action(session, 1).steps[1].id
    step_row = row_of(summary.path, "Étapes", f"E{step_id}")
    edited = edit_copy(summary.path, tmp_path / "retour.xlsx", {
        "Fiches": {"D3": "Un autre intitulé", "H3": "Bilan"},
        "Étapes": {f"F{step_row}": "2020-2021"},
        "Indicateurs": {f"H{row}": "80 %", f"F{row}": "Nombre"},
    })
    preview = prepare_import(db, edited)
    assert preview.errors == []
    assert preview.notices == [
        f"Fiches!D3 (fiche 2) : l'intitulé a été modifié dans le classeur ; cette colonne n'est pas importée "
        f"(valeur conservée : « {title} »). Demandez la modification à l'équipe centrale.",
        f"Étapes!F{step_row} (fiche 1 · étape 2) : le calendrier a été modifié dans le classeur ; cette colonne "
        "n'est pas importée (valeur conservée : « 2020 »). Demandez la modification à l'équipe centrale.",
        f"Indicateurs!F{row} (fiche 39 · indicateur 1 · 2019) : le type a été modifié dans le classeur ; cette "
        "colonne n'est pas importée (valeur conservée : « Pourcentage »). Demandez la modification à l'équipe "
        "centrale.",
        f"Indicateurs!H{row} (fiche 39 · indicateur 1 · 2019) : la cible a été modifiée dans le classeur ; cette "
        "colonne n'est pas importée (valeur conservée : vide). Demandez la modification à l'équipe centrale.",
    ]
    assert import_workbook(db, edited, "Équipe centrale").applied == 1
    with db.reading() as session:
        assert load_action(session, 2).title == title and load_action(session, 2).bilan == "Bilan"


def test_a_changed_fiche_number_is_still_an_error(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1, 2])
    preview = prepare_import(db, edit_copy(summary.path, tmp_path / "retour.xlsx", {"Fiches": {"C3": 7}}))
    assert len(preview.errors) == 1 and preview.errors[0].startswith("Fiches!C3 : cette ligne montre SDUS · fiche 7")
    assert preview.notices == []


def _first_free(path, sheet):
    workbook = load_workbook(path, read_only=True)
    try:
        rows = list(workbook[sheet].iter_rows(min_col=1, max_col=1, values_only=True))
    finally:
        workbook.close()
    return next(number for number, row in enumerate(rows, start=1) if number > 1 and row[0] is None)


def test_notes_reference_columns_and_new_rows_say_what_is_not_read(db, services, tmp_path):
    with db.reading() as session:
        action = load_action(session, 12)
    services.add_note(action.id, "05/01/2026", "Note déjà là")
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[12])
    assert prepare_import(db, summary.path).notices == []
    free_note, free_value = _first_free(summary.path, "Notes de suivi"), _first_free(summary.path, "Indicateurs")
    edited = edit_copy(summary.path, tmp_path / "retour.xlsx", {
        "Notes de suivi": {"F2": "Jeanne", "C2": 13,
                           f"B{free_note}": "SDUS", f"C{free_note}": 12, f"E{free_note}": "12/02/2026",
                           f"G{free_note}": "Nouvelle note", f"F{free_note}": "Jeanne Référente"},
        "Indicateurs": {f"C{free_value}": 12, f"D{free_value}": 1, f"G{free_value}": "2030",
                        f"I{free_value}": "Oui", f"E{free_value}": "mon indicateur"},
    })
    preview = prepare_import(db, edited)
    assert preview.errors == []
    assert preview.notices == [
        f"Indicateurs!E{free_value} (fiche 12 · indicateur 1 · 2030) : colonne « Indicateur » remplie sur une "
        "nouvelle ligne ; elle n'est pas importée (« mon indicateur » ignoré).",
        "Notes de suivi!C2 (fiche 12 · note du 05/01/2026) : le n° de fiche a été modifié dans le classeur ; cette "
        "colonne n'est pas importée (valeur conservée : « 12 »). Demandez la modification à l'équipe centrale.",
        "Notes de suivi!F2 (fiche 12 · note du 05/01/2026) : l'auteur a été modifié dans le classeur ; cette "
        "colonne n'est pas importée (valeur conservée : « Marie Dupont »). Demandez la modification à l'équipe "
        "centrale.",
        f"Notes de suivi!F{free_note} (fiche 12) : colonne « Auteur » remplie sur une nouvelle ligne ; elle n'est "
        "pas importée (« Jeanne Référente » ignoré). L'auteur d'une note ajoutée par classeur est le nom indiqué "
        "dans « Rempli par » (feuille « Lisez-moi »).",
    ]


def test_a_title_renamed_centrally_since_the_export_is_not_blamed_on_the_workbook(db, tmp_path):
    from sdus_desktop.store.models import Action

    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1, 2])
    with db.transaction() as session:   # the central team renames fiche 2 after the export (an avenant, say)
        session.get(Action, load_action(session, 2).id).title = "Intitulé de l'avenant"
    untouched = edit_copy(summary.path, tmp_path / "retour.xlsx", {"Fiches": {"H3": "Bilan"}})
    assert prepare_import(db, untouched).notices == []   # the référent changed no title
    renamed = edit_copy(summary.path, tmp_path / "renomme.xlsx", {"Fiches": {"D3": "Mon intitulé"}})
    assert prepare_import(db, renamed).notices == [
        "Fiches!D3 (fiche 2) : l'intitulé a été modifié dans le classeur ; cette colonne n'est pas importée "
        "(valeur conservée : « Intitulé de l'avenant »). Demandez la modification à l'équipe centrale."]
