"""Plan definition workbooks: template, export, import of a new plan, round trip, avenants."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sdus_desktop.exchange import plan_layout as L
from sdus_desktop.exchange.plan_import import import_plan_file
from sdus_desktop.exchange.plan_lifecycle import definition_of
from sdus_desktop.exchange.plan_workbook import write_definition
from sdus_desktop.store import readmodel
from sdus_desktop.store.database import Database
from sdus_desktop.store.services import Services
from tests.exchange.plan_helpers import edit, fill_template, find_row, follow_up_snapshot, sha, without_fiches


def export_plan(db: Database, code: str, out: Path) -> Path:
    definition = definition_of(db, code)
    assert definition is not None
    return write_definition(definition, out)


def test_template_has_readme_validations_and_one_sheet_per_level(tmp_path: Path) -> None:
    out = write_definition(None, tmp_path / "modele.xlsx")
    workbook = load_workbook(out)
    assert workbook.sheetnames == [L.SHEET_README, *L.DATA_SHEETS]
    assert "avenant" in " ".join(str(c.value) for c in workbook[L.SHEET_README]["A"] if c.value)
    assert [c.value for c in workbook[L.SHEET_FICHES][1]] == list(L.FICHE_COLUMNS)
    kinds = [v for v in workbook[L.SHEET_INDICATORS].data_validations.dataValidation if v.type == "list"]
    assert kinds and "oui/non" in kinds[0].formula1
    states = [v for v in workbook[L.SHEET_PLAN].data_validations.dataValidation if v.type == "list"]
    assert any("clos" in v.formula1 for v in states)
    numbers = [v for v in workbook[L.SHEET_ETAPES].data_validations.dataValidation if v.type == "whole"]
    assert numbers


def test_round_trip_of_both_shipped_plans_is_a_no_op(db: Database, db_path: Path, tmp_path: Path) -> None:
    for code in ("SDUS", "SDSF"):
        out = export_plan(db, code, tmp_path / f"{code}.xlsx")
        before = sha(db_path)
        result = import_plan_file(db, out, "Équipe centrale")
        assert result.ok and not result.changed, result.report_lines()
        assert sha(db_path) == before
        assert "déjà conforme" in result.report_lines()[0]


def test_new_plan_from_the_template_works_everywhere(db: Database, db_path: Path, tmp_path: Path) -> None:
    template = write_definition(None, tmp_path / "modele.xlsx")
    filled = fill_template(template, tmp_path / "pdi.xlsx")
    preview = import_plan_file(db, filled, "Équipe centrale", dry_run=True)
    assert preview.ok and preview.created and not preview.applied
    assert "Nouveau plan PDI" in preview.lines[0] and "10 fiche(s), 30 étape(s)" in preview.lines[0]
    result = import_plan_file(db, filled, "Équipe centrale")
    assert result.ok and result.applied and result.backup is not None and result.backup.exists()
    plans = {p.code: p for p in readmodel.load_plans(db_path)}
    pdi = plans["PDI"]
    assert [len(o.axes) for o in pdi.orientations] == [2, 2, 2]
    fiches = [a for o in pdi.orientations for x in o.axes for a in x.actions]
    assert sorted(a.number for a in fiches) == list(range(1, 11))
    first = next(a for a in fiches if a.number == 1)
    assert first.pilotage == ["Conseil départemental", "Pôle emploi 1"]
    assert first.problematique == "Problématique de la fiche 1 : « accès » & <suivi>."
    assert [s.calendrier for s in first.steps] == ["1er semestre 2025", "2025/2026", "2e semestre 2025"]
    assert [i.kind for i in first.indicators] == ["nombre", "oui_non"]
    with closing(sqlite3.connect(db_path)) as connection:
        origins = {row[0] for row in connection.execute("SELECT DISTINCT origin FROM journal")}
    assert origins == {"plan pdi.xlsx"}
    # the new plan in the other outputs: référent workbook, PDF, comité workbook
    from sdus_desktop.exchange.comite_workbook import write_comite_workbook
    from sdus_desktop.exchange.workbook_export import write_referent_workbook
    from sdus_desktop.reports.fiche_pdf import write_fiches

    summary = write_referent_workbook(db, tmp_path / "referent.xlsx", plan_code="PDI")
    assert summary.steps == 30
    returned = load_workbook(tmp_path / "referent.xlsx")
    returned["Fiches"]["E2"], returned["Fiches"]["F2"] = "En cours", 40
    returned.save(tmp_path / "referent-retour.xlsx")
    from sdus_desktop.exchange.consolidate import import_many

    batch = import_many(db, [tmp_path / "referent-retour.xlsx"], "Référent", dry_run=False, expected_plan="PDI")
    assert not batch.refused and batch.results[0].summary().startswith("2 modification(s)")
    assert write_fiches(db, tmp_path / "pdi.pdf", "PDI", today=date(2026, 1, 15)) == 10
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "pdi.pdf").pages[:2])
    assert "ORIENTATION 1" in text and "AXE 1" in text and "« accès » & <suivi>" in text
    write_comite_workbook(db, tmp_path / "comite.xlsx")
    fiches_sheet = load_workbook(tmp_path / "comite.xlsx")["Fiches"]
    axes = {(row[3], row[11]) for row in fiches_sheet.iter_rows(min_row=2, values_only=True) if row[0] == "PDI"}
    assert ("Orientation 2 · Axe 1", "Axe 1 de l'orientation 2 : « agir »") in axes
    # and back: exporting the new plan then importing it changes nothing
    again = export_plan(db, "PDI", tmp_path / "pdi-export.xlsx")
    assert not import_plan_file(db, again, "Équipe centrale").changed


def _follow_up(services: Services, db_path: Path) -> None:
    """Statuses, dates, values and bilans on fiches 1, 2, 73 and 74 of the SDUS."""
    plans = {p.code: p for p in readmodel.load_plans(db_path)}
    fiches = {a.number: a for o in plans["SDUS"].orientations for x in o.axes for a in x.actions}
    for number in (1, 2, 73, 74):
        action = fiches[number]
        services.set("action", action.id, "status", "en_cours")
        services.set("action", action.id, "bilan", f"Bilan de la fiche {number}")
        services.set("step", action.steps[0].id, "actual_start", "15/03/2020")
        services.set("step", action.steps[0].id, "comment", "commencée")
        if action.indicators:
            services.set("value", f"{action.indicators[0].id}:2021", "value", "12")


def test_avenant_keeps_follow_up_data_identical(db: Database, db_path: Path, services: Services,
                                                 tmp_path: Path) -> None:
    _follow_up(services, db_path)
    exported = export_plan(db, "SDUS", tmp_path / "sdus.xlsx")
    f1 = find_row(exported, L.SHEET_FICHES, **{"N°": 1})
    f74 = find_row(exported, L.SHEET_FICHES, **{"N°": 74})
    e2 = [find_row(exported, L.SHEET_ETAPES, **{"N° fiche": 2, "N°": n}) for n in (1, 2)]
    gone = [find_row(exported, L.SHEET_ETAPES, **{"N° fiche": 74, "N°": n}) for n in (1, 2, 3)]
    gone.append(find_row(exported, L.SHEET_ETAPES, **{"N° fiche": 1, "N°": 3}))  # one étape removed
    ind74 = [find_row(exported, L.SHEET_INDICATORS, **{"N° fiche": 74, "N°": n}) for n in (1, 2)]
    changed = edit(exported, tmp_path / "avenant.xlsx",
                   {L.SHEET_FICHES: {f"N{f1}": "Nouvelle méthodologie, issue de l'avenant n°1."},
                    L.SHEET_ETAPES: {f"C{e2[0]}": 2, f"C{e2[1]}": 1}},
                   delete_rows={L.SHEET_FICHES: [f74], L.SHEET_ETAPES: gone, L.SHEET_INDICATORS: ind74},
                   append={L.SHEET_FICHES: [[None, 75, "Action N°75", 4, 4, "Former les agents à l'outil de suivi"]],
                           L.SHEET_ETAPES: [[75, None, 1, "Former les référents", "2026 et suivantes"]]})
    before = follow_up_snapshot(db_path)
    preview = import_plan_file(db, changed, "Équipe centrale", dry_run=True)
    assert preview.ok, preview.errors
    assert follow_up_snapshot(db_path) == before
    text = "\n".join(preview.lines)
    assert "Fiche 1 : méthodologie modifié(e)" in text
    assert "Fiche 2 : étape 1 renuméroté(e) 2" in text and "Fiche 2 : étape 2 renuméroté(e) 1" in text
    assert "Fiche 74 archivée" in text and "Fiche 75 ajoutée" in text
    assert "Fiche 1 : étape 3 archivé(e)" in text
    result = import_plan_file(db, changed, "Équipe centrale")
    assert result.applied and result.backup is not None
    after = follow_up_snapshot(db_path)
    for name in ("action", "step", "value", "referent"):
        assert [row for row in after[name] if row[0] in {r[0] for r in before[name]}] == before[name], name
    assert after["journal"][: len(before["journal"])] == before["journal"]
    with closing(sqlite3.connect(db_path)) as connection:
        assert connection.execute("SELECT archived, status, bilan FROM action WHERE number = 74 AND plan_id = "
                                  "(SELECT id FROM plan WHERE code='SDUS')").fetchone() == (1, "en_cours",
                                                                                          "Bilan de la fiche 74")
        # the removed étape is archived; an archived fiche keeps its étapes as they were
        assert connection.execute("SELECT count(*) FROM step WHERE archived = 1").fetchone() == (1,)
        origins = {row[0] for row in connection.execute("SELECT origin FROM journal WHERE id > ?",
                                                         (before["journal"][-1][0],))}
    assert origins == {"plan avenant.xlsx"}
    plans = {p.code: p for p in readmodel.load_plans(db_path)}
    fiches = {a.number: a for o in plans["SDUS"].orientations for x in o.axes for a in x.actions}
    assert 74 not in fiches and fiches[75].steps[0].calendrier == "2026 et suivantes"
    assert fiches[1].methodologie == "Nouvelle méthodologie, issue de l'avenant n°1."
    assert [s.comment for s in fiches[1].steps] == ["commencée", ""]
    # putting fiche 74 back (same number, no key) restores it with its follow-up
    restored = edit(exported, tmp_path / "retour.xlsx", {})
    assert import_plan_file(db, restored, "Équipe centrale").applied
    fiches = {a.number: a for o in readmodel.load_plans(db_path)[0].orientations for x in o.axes for a in x.actions}
    assert fiches[74].bilan == "Bilan de la fiche 74" and len(fiches[74].steps) == 3


def test_catalogue_release_shape_renumbers_axes_without_archiving(db: Database, db_path: Path,
                                                                  tmp_path: Path) -> None:
    """Axes renumbered within their orientation (an old database had 1..16): matched by title, renumbered."""
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("UPDATE axe SET number = number + 4 * (SELECT number - 1 FROM orientation o "
                           "WHERE o.id = axe.orientation_id) WHERE orientation_id IN (SELECT id FROM orientation "
                           "WHERE plan_id = (SELECT id FROM plan WHERE code = 'SDUS'))")
    exported = export_plan(db, "SDUS", tmp_path / "sdus.xlsx")
    assert find_row(exported, L.SHEET_AXES, **{"N° axe": 16})
    from sdus_desktop.exchange.plan_import import apply_definition
    from sdus_desktop.exchange.plan_model import from_catalogue
    from sdus_desktop.store.locations import seed_dir
    from sdus_desktop.store.seed import load_catalogue

    outcome, _ = apply_definition(db, from_catalogue(load_catalogue(seed_dir() / "sdus.json")), "x", "catalogue")
    assert not outcome.errors
    assert any("Axe 5 renuméroté 1" in line for line in outcome.lines)
    assert not any("archivé" in line for line in outcome.lines)
    with closing(sqlite3.connect(db_path)) as connection:
        assert connection.execute("SELECT max(number), count(*), sum(archived) FROM axe WHERE orientation_id IN "
                                  "(SELECT id FROM orientation WHERE plan_id = 1)").fetchone() == (4, 16, 0)


def test_cli_plan_template_export_import(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sdus_desktop.cli.main import main

    base = ["--db", str(db_path)]
    assert main([*base, "plan", "template", str(tmp_path / "modele.xlsx")]) == 0
    assert main([*base, "plan", "export", str(tmp_path / "sdsf.xlsx"), "--plan", "sdsf"]) == 0
    assert "66 fiche(s), 66 étape(s)" in capsys.readouterr().out
    assert main([*base, "plan", "import", str(tmp_path / "sdsf.xlsx")]) == 0
    assert "déjà conforme" in capsys.readouterr().out
    filled = fill_template(tmp_path / "modele.xlsx", tmp_path / "pdi.xlsx")
    before = sha(db_path)
    assert main([*base, "plan", "import", str(filled), "--dry-run"]) == 0
    assert "Essai : rien n'a été écrit." in capsys.readouterr().out and sha(db_path) == before
    assert main([*base, "plan", "import", str(filled)]) == 0
    out = capsys.readouterr().out
    assert "Création du plan PDI" in out and "Sauvegarde avant changement" in out
    broken = edit(filled, tmp_path / "casse.xlsx", {L.SHEET_FICHES: {"B3": 1}})
    assert main([*base, "plan", "import", str(broken)]) == 1
    assert "Fiches!B3 : numéro en double" in capsys.readouterr().out
    assert main([*base, "plan", "export", str(tmp_path / "x.xlsx"), "--plan", "NOPE"]) == 1
    assert "plan « NOPE » introuvable" in capsys.readouterr().err


def test_cli_state_following_plan_and_catalogue(db_path: Path, services: Services, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from sdus_desktop.cli.main import main

    base = ["--db", str(db_path)]
    fiches = {a.number: a for o in readmodel.load_plans(db_path)[1].orientations for x in o.axes for a in x.actions}
    services.set("action", fiches[1].id, "status", "realisee")
    services.set("action", fiches[2].id, "status", "abandonnee")
    assert main([*base, "plan", "suivant", "SDSF2", "--plan", "SDSF", "--debut", "2024", "--fin", "2027",
                 "--fiches-en-cours"]) == 0
    assert "Lié au plan précédent SDSF : 64 fiche(s) non terminée(s) reprise(s)" in capsys.readouterr().out
    plans = {p.code: p for p in readmodel.load_plans(db_path)}
    following = plans["SDSF2"]
    numbers = sorted(a.number for o in following.orientations for x in o.axes for a in x.actions)
    assert numbers == list(range(3, 67)) and following.previous_code == "SDSF"
    assert (following.period_start, following.period_end, following.state) == (2024, 2027, "en_cours")
    assert all(a.status == "non_demarree" and a.bilan == "" for o in following.orientations for x in o.axes
               for a in x.actions)
    assert main([*base, "plan", "suivant", "SDSF2", "--plan", "SDSF", "--debut", "2024", "--fin", "2027"]) == 1
    assert "existe déjà" in capsys.readouterr().out
    assert main([*base, "plan", "suivant", "SDUS2", "--plan", "SDUS", "--debut", "2024", "--fin", "2028"]) == 0
    assert "structure seule (orientations et axes)" in capsys.readouterr().out
    structure = {p.code: p for p in readmodel.load_plans(db_path)}["SDUS2"]
    assert [[x.number for x in o.axes] for o in structure.orientations] == [[1, 2, 3, 4]] * 4
    assert not any(x.actions for o in structure.orientations for x in o.axes)
    assert main([*base, "plan", "etat", "SDSF", "clos"]) == 0
    assert "Plan SDSF clos." in capsys.readouterr().out
    assert {p.code: p.state for p in readmodel.load_plans(db_path)}["SDSF"] == "clos"
    # a closed plan stays printable and exportable
    assert main([*base, "plan", "export", str(tmp_path / "sdsf.xlsx"), "--plan", "SDSF"]) == 0
    assert main([*base, "print", str(tmp_path / "sdsf.pdf"), "--plan", "SDSF"]) == 0
    assert (tmp_path / "sdsf.pdf").stat().st_size > 10_000
    assert main([*base, "plan", "catalogue"]) == 0
    assert "à jour" in capsys.readouterr().out
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("UPDATE meta SET value = '2026.11.1' WHERE key = 'catalogue_version:SDSF'")
    before = sha(db_path)
    assert main([*base, "plan", "catalogue", "--dry-run"]) == 0
    assert "aucun changement" in capsys.readouterr().out and sha(db_path) == before
    assert main([*base, "plan", "catalogue"]) == 0
    with closing(sqlite3.connect(db_path)) as connection:
        assert connection.execute("SELECT value FROM meta WHERE key = 'catalogue_version:SDSF'").fetchone() == \
            ("2026.11.2",)
        # the release kept the plan closed (a release never changes the state)
        assert connection.execute("SELECT state FROM plan WHERE code = 'SDSF'").fetchone() == ("clos",)


def test_old_database_gets_plan_state_and_archive_flags(tmp_path: Path) -> None:
    """Revision 0001 database (old catalogue): the migration adds state/link and archived flags to every row."""
    import shutil

    path = tmp_path / "ancienne.sqlite"
    shutil.copyfile(Path(__file__).parents[1] / "data" / "sdus_rev0001.sqlite", path)
    Database.open(path).close()
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT DISTINCT state, previous_code FROM plan").fetchall() == [("en_cours", "")]
        for table in ("orientation", "axe", "action", "step", "indicator"):
            assert connection.execute(f"SELECT DISTINCT archived FROM {table}").fetchall() == [(0,)], table
    plans = readmodel.load_plans(path)
    assert sum(len(x.actions) for o in plans[0].orientations for x in o.axes) == 74


def test_start_up_release_check_stays_light(db_path: Path) -> None:
    """pending_releases runs at every start: plain sqlite3 and the catalogues' first bytes, no SQLAlchemy."""
    import subprocess
    import sys

    from sdus_desktop.exchange import plan_release
    from sdus_desktop.store import seed

    assert plan_release.CATALOGUE_FILES == seed.CATALOGUE_FILES
    code = ("import sys; from pathlib import Path; from sdus_desktop.store.database import Database; "
            "from sdus_desktop.exchange.plan_release import pending_releases; "
            f"print(pending_releases(Database(Path({str(db_path)!r})))); "
            "print(sorted(m for m in ('sqlalchemy', 'openpyxl', 'alembic') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["[]", "[]"]


def test_plan_state_spellings_in_the_workbook_and_the_cli(db_path: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from sdus_desktop.cli.main import main

    base = ["--db", str(db_path)]
    template = write_definition(None, tmp_path / "modele.xlsx")
    filled = fill_template(template, tmp_path / "pdi.xlsx")
    hyphen = edit(filled, tmp_path / "pdi-tiret.xlsx", {L.SHEET_PLAN: {"B7": "En-Cours"}})
    assert main([*base, "plan", "import", str(hyphen)]) == 0
    assert {p.code: p.state for p in readmodel.load_plans(db_path)}["PDI"] == "en_cours"
    wrong = edit(filled, tmp_path / "pdi-faux.xlsx", {L.SHEET_PLAN: {"B7": "archivé"}})
    assert main([*base, "plan", "import", str(wrong)]) == 1
    assert "Plan!B7 : état « archivé » inconnu (« en cours » ou « clos »)" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main([*base, "plan", "etat", "--help"])
    assert "« en cours » ou « clos »" in capsys.readouterr().out
    assert main([*base, "plan", "etat", "PDI", "CLOS"]) == 0
    assert "Plan PDI clos." in capsys.readouterr().out
    for spelling in ("en-cours", "en cours", "En_Cours"):
        assert main([*base, "plan", "etat", "PDI", spelling]) == 0
        assert {p.code: p.state for p in readmodel.load_plans(db_path)}["PDI"] == "en_cours"
        assert main([*base, "plan", "etat", "PDI", "clos"]) == 0
    capsys.readouterr()
    assert main([*base, "plan", "etat", "PDI", "archivé"]) == 1
    assert "état « archivé » inconnu (« en cours » ou « clos »)" in capsys.readouterr().err


def test_orientations_without_axe_are_refused_with_their_cells(db: Database, db_path: Path, tmp_path: Path) -> None:
    filled = fill_template(write_definition(None, tmp_path / "modele.xlsx"), tmp_path / "pdi.xlsx")
    extra = edit(filled, tmp_path / "pdi-sans-axe.xlsx", {},
                 append={L.SHEET_GROUPS: [[4, "Orientation sans axe"], [5, "Une autre"]]})
    before = sha(db_path)
    result = import_plan_file(db, extra, "test")
    assert not result.ok and sha(db_path) == before
    assert result.errors == [
        "Orientations!A5 : orientation 4 sans axe : ajoutez ses axes dans la feuille « Axes » ou retirez-la",
        "Orientations!A6 : orientation 5 sans axe : ajoutez ses axes dans la feuille « Axes » ou retirez-la"]


def test_unknown_previous_plan_is_refused_and_a_new_plan_shows_its_state(db: Database, db_path: Path,
                                                                         tmp_path: Path) -> None:
    filled = fill_template(write_definition(None, tmp_path / "modele.xlsx"), tmp_path / "pdi.xlsx")
    unknown = edit(filled, tmp_path / "pdi-inconnu.xlsx", {L.SHEET_PLAN: {"B8": "NEXISTEPAS"}})
    before = sha(db_path)
    for dry_run in (True, False):
        result = import_plan_file(db, unknown, "test", dry_run=dry_run)
        assert result.errors == ["Plan!B8 : plan précédent « NEXISTEPAS » inconnu (plans : SDUS, SDSF)"]
        assert sha(db_path) == before
    itself = edit(filled, tmp_path / "pdi-soi.xlsx", {L.SHEET_PLAN: {"B8": "pdi"}})
    assert import_plan_file(db, itself, "test").errors == [
        "Plan!B8 : plan précédent « PDI » : un plan ne peut pas se suivre lui-même"]
    closed = edit(filled, tmp_path / "pdi-clos.xlsx", {L.SHEET_PLAN: {"B7": "clos", "B8": "sdsf"}})
    preview = import_plan_file(db, closed, "test", dry_run=True)
    assert preview.ok and any(line.startswith("État : créé clos : il n'apparaîtra ni dans l'arborescence ni dans "
                                              "le tableau de bord") and line.endswith("il suit le plan SDSF.")
                              for line in preview.lines)
    assert "État : créé en cours ; pas de plan précédent." in import_plan_file(db, filled, "test", dry_run=True).lines


def _emptied_sdus(db: Database, tmp_path: Path) -> Path:
    """The reviewer's case: SDUS exported, every data row of Fiches, Étapes and Indicateurs deleted."""
    return without_fiches(export_plan(db, "SDUS", tmp_path / "sdus.xlsx"), tmp_path / "sdus-vide.xlsx")


def test_emptied_fiches_sheet_is_summarised_warned_and_refused_without_the_flag(
        db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sdus_desktop.cli.main import main

    emptied = _emptied_sdus(db, tmp_path)
    preview = import_plan_file(db, emptied, "test", dry_run=True)
    assert preview.ok and preview.lines[0].startswith("ATTENTION : cet avenant archive 74 fiches sur 74, toutes les "
                                                      "fiches du plan.")
    assert preview.lines[1] == "Fiches : 0 fiche ajoutée, 0 fiche modifiée, 74 fiches archivées sur 74"
    assert preview.lines[2].startswith("Étapes : 0 étape ajoutée, 0 étape modifiée, ")
    assert preview.lines[3].startswith("Indicateurs : 0 indicateur ajouté, 0 indicateur modifié, ")
    before = sha(db_path)
    base = ["--db", str(db_path)]
    assert main([*base, "plan", "import", str(emptied)]) == 1
    out = capsys.readouterr().out
    assert "refusé sans confirmation explicite, rien n'a été modifié" in out and "74 fiches archivées sur 74" in out
    assert "relancez avec --archiver-tout" in out and sha(db_path) == before
    assert main([*base, "plan", "import", str(emptied), "--essai"]) == 0
    assert "--archiver-tout" in capsys.readouterr().out and sha(db_path) == before
    assert main([*base, "plan", "import", str(emptied), "--archiver-tout"]) == 0
    assert "Appliqué." in capsys.readouterr().out
    with closing(sqlite3.connect(db_path)) as connection:
        assert connection.execute("SELECT count(*), sum(archived) FROM action WHERE plan_id = 1").fetchone() == (74, 74)


def test_a_small_avenant_has_counts_and_no_warning(db: Database, tmp_path: Path) -> None:
    exported = export_plan(db, "SDUS", tmp_path / "sdus.xlsx")
    changed = edit(exported, tmp_path / "sdus-2.xlsx", {L.SHEET_FICHES: {"F2": "Nouvel intitulé"}})
    result = import_plan_file(db, changed, "test")
    assert result.applied and not result.warning
    assert result.lines[0] == "Fiches : 0 fiche ajoutée, 1 fiche modifiée, 0 fiche archivée sur 74"
