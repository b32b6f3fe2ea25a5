"""`sdus export OUT.xlsx`, `sdus import FICHIER…` (batch, dry run, exit codes) and `sdus conflits`."""

from __future__ import annotations

from sdus_desktop.cli.main import main
from sdus_desktop.store.database import Database
from sdus_desktop.store.queries import load_action
from tests.exchange.helpers import edit_copy
from tests.support.dbtools import db_fingerprint


def _sdus(db_path, *args):
    return main(["--db", str(db_path), "--user", "Équipe centrale", *args])


def test_export_import_and_conflict_queue(db_path, tmp_path, capsys):
    first, second = tmp_path / "claire.xlsx", tmp_path / "paul.xlsx"
    assert _sdus(db_path, "export", str(first), "--plan", "sdus", "--fiche", "1", "2") == 0
    assert _sdus(db_path, "export", str(second), "--plan", "SDUS", "--fiche", "2") == 0
    out = capsys.readouterr().out
    assert "Classeur référent écrit" in out and "SDUS · fiches 1, 2 (2 fiche(s))" in out
    edit_copy(first, first, {"Fiches": {"E3": "Réalisée", "F2": 20}})
    edit_copy(second, second, {"Fiches": {"E2": "Reportée"}})
    junk = tmp_path / "notes.xlsx"
    junk.write_text("pas un classeur")

    before = db_fingerprint(db_path)
    assert _sdus(db_path, "import", str(first), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "fiche 2 · statut : Non démarrée → Réalisée" in out and "Essai : rien n'a été écrit." in out
    assert db_fingerprint(db_path) == before

    code = _sdus(db_path, "import", str(tmp_path / "*.xlsx"))
    out = capsys.readouterr().out
    assert code == 1  # a refused file wins over the conflict left
    # both workbooks changed fiche 2's status differently: a conflict in each, whatever the file order
    assert "claire.xlsx : 1 modification(s) appliquée(s), 1 conflit(s) à arbitrer" in out
    assert "notes.xlsx : refusé : « notes.xlsx » n'est pas un classeur Excel (.xlsx)" in out
    assert "paul.xlsx : 0 modification(s) appliquée(s), 1 conflit(s) à arbitrer" in out
    assert "Total : 3 classeur(s), 1 modification(s) appliquée(s), 2 conflit(s), 1 refusé(s)." in out

    assert _sdus(db_path, "conflits") == 3
    out = capsys.readouterr().out
    assert "n° 1 · SDUS · fiche 2 · statut : base de données Non démarrée ; classeur Réalisée" in out
    assert "n° 2 · SDUS · fiche 2 · statut : base de données Non démarrée ; classeur Reportée" in out
    assert _sdus(db_path, "conflits", "--prendre-classeur", "2") == 0
    assert _sdus(db_path, "conflits", "--garder-base", "1") == 0
    assert "Aucun conflit à arbitrer." in capsys.readouterr().out
    assert _sdus(db_path, "conflits", "--garder-base", "1") == 1
    assert "conflit(s) déjà arbitré(s) : n° 1" in capsys.readouterr().err
    database = Database.open(db_path)
    with database.reading() as session:
        assert load_action(session, 2).status == "reportee"
    database.close()


def test_import_exits_3_when_conflicts_are_left(db_path, tmp_path, capsys):
    workbook = tmp_path / "retour.xlsx"
    assert _sdus(db_path, "export", str(workbook), "--plan", "SDSF", "--fiche", "5") == 0
    edit_copy(workbook, workbook, {"Fiches": {"H2": "vu par la CAF"}})
    database = Database.open(db_path)
    from sdus_desktop.store.services import Services

    with database.reading() as session:
        action_id = next(a.id for a in [load_action(session, i) for i in range(75, 141)] if a.number == 5)
    Services(database, "Marie").set("action", action_id, "bilan", "vu en réunion")
    database.close()
    capsys.readouterr()
    assert _sdus(db_path, "import", str(workbook)) == 3
    out = capsys.readouterr().out
    assert "1 conflit(s) à arbitrer : voir « sdus conflits »." in out
    assert _sdus(db_path, "import", str(workbook)) == 0
    assert "déjà importé le" in capsys.readouterr().out


def test_import_of_missing_files_is_a_french_error(db_path, tmp_path, capsys):
    assert _sdus(db_path, "import", str(tmp_path / "vide" / "*.xlsx")) == 1
    assert "aucun classeur .xlsx trouvé" in capsys.readouterr().err


def test_batch_summary_lists_the_first_errors_of_each_refused_file(db_path, tmp_path, capsys):
    workbook = tmp_path / "lot" / "claire.xlsx"
    workbook.parent.mkdir()
    assert _sdus(db_path, "export", str(workbook), "--plan", "SDUS", "--fiche", "1", "2") == 0  # 8 étapes
    edit_copy(workbook, workbook, {"Étapes": {f"J{row}": "31/02/2021" for row in range(2, 10)}})
    edit_copy(workbook, tmp_path / "lot" / "copie.xlsx", {"Étapes": {"J3": "fin mars"}})
    capsys.readouterr()
    assert _sdus(db_path, "import", str(workbook.parent), "--dry-run") == 1
    out = capsys.readouterr().out
    listed = [line for line in out.splitlines() if line.startswith("    - ")]
    assert len(listed) == 5 + 5  # at most five errors under each file…
    assert "    - Étapes!J2 : date invalide « 31/02/2021 » (ce jour n'existe pas) (SDUS · fiche 1 · étape 1)" in listed
    assert out.count("    … et 3 autre(s) erreur(s) : voir le rapport") == 2  # 8 errors in each file
    assert "    - Étapes!J3 : date invalide « fin mars » (format attendu : jj/mm/aaaa) (SDUS · fiche 1 · étape 2)" in listed


def _two_conflicts(db_path, tmp_path):
    """Two conflicts on fiche 1: avancement (n° 1) and bilan (n° 2)."""
    out = tmp_path / "claire.xlsx"
    assert _sdus(db_path, "export", str(out), "--plan", "SDUS", "--fiche", "1") == 0
    database = Database.open(db_path)
    from sdus_desktop.store.services import Services

    Services(database, "central").set("action", 1, "avancement", 10)
    Services(database, "central").set("action", 1, "bilan", "Bilan central.")
    database.close()
    edit_copy(out, out, {"Fiches": {"F2": 80, "H2": "Bilan de Claire."}})
    assert _sdus(db_path, "import", str(out)) == 3


def test_conflicts_decided_with_a_typed_value_or_both_texts(db_path, tmp_path, capsys):
    _two_conflicts(db_path, tmp_path)
    capsys.readouterr()
    before = db_fingerprint(db_path)
    assert _sdus(db_path, "conflits", "--saisir", "1", "cent vingt") == 1
    assert "fiche 1" in capsys.readouterr().err
    assert _sdus(db_path, "conflits", "--garder-les-deux", "1") == 1
    assert "ne vaut que pour un texte" in capsys.readouterr().err
    assert _sdus(db_path, "conflits", "--saisir", "x", "45") == 1
    assert "n'est pas un numéro de conflit" in capsys.readouterr().err
    assert db_fingerprint(db_path) == before
    assert _sdus(db_path, "conflits", "--saisir", "1", "45 %") == 0
    assert "conflit n° 1 arbitré : valeur saisie (1 modification(s))." in capsys.readouterr().out
    assert _sdus(db_path, "conflits", "--garder-les-deux", "2") == 0
    out = capsys.readouterr().out
    assert "les deux textes gardés" in out and "Aucun conflit à arbitrer." in out
    database = Database.open(db_path)
    with database.reading() as session:
        action = load_action(session, 1)
        assert action.avancement == 45
        assert action.bilan.startswith("Bilan central.\n\n— repris du classeur de ")
        assert action.bilan.endswith("\nBilan de Claire.")
    database.close()


def test_a_bilan_on_several_lines_stays_on_its_line(db_path, tmp_path, capsys):
    workbook = tmp_path / "retour.xlsx"
    assert _sdus(db_path, "export", str(workbook), "--plan", "SDSF", "--fiche", "5") == 0
    edit_copy(workbook, workbook, {"Fiches": {"H2": "vu par la CAF\nrelance en mai"}})
    database = Database.open(db_path)
    from sdus_desktop.store.services import Services

    with database.reading() as session:
        action_id = next(a.id for a in [load_action(session, i) for i in range(75, 141)] if a.number == 5)
    Services(database, "Marie").set("action", action_id, "bilan", "vu en réunion\nà suivre")
    database.close()
    capsys.readouterr()
    assert _sdus(db_path, "import", str(workbook)) == 3
    out = capsys.readouterr().out
    assert "vu par la CAF ⏎ relance en mai" in out and "\nrelance en mai" not in out
    assert _sdus(db_path, "conflits") == 3
    out = capsys.readouterr().out
    listed = [line for line in out.splitlines() if line.startswith("  n° ")]
    assert len(listed) == 1 and "vu en réunion ⏎ à suivre" in listed[0] and "vu par la CAF ⏎ relance en mai" in listed[0]
    assert "\nà suivre" not in out and "\nrelance en mai" not in out


def test_dry_run_prints_the_remarks(db_path, tmp_path, capsys):
    first, second = tmp_path / "claire.xlsx", tmp_path / "paul.xlsx"
    assert _sdus(db_path, "export", str(first), "--plan", "SDUS", "--fiche", "13") == 0
    assert _sdus(db_path, "export", str(second), "--plan", "SDUS", "--fiche", "1") == 0
    edit_copy(first, first, {"Fiches": {"E2": "Réalisée", "D2": "Autre titre"}})
    edit_copy(second, second, {"Étapes": {"I2": "03/02/2019"}})
    capsys.readouterr()
    before = db_fingerprint(db_path)
    assert _sdus(db_path, "import", str(first), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "Remarques :" in out
    assert ("  - Fiches!E2 (fiche 13) : statut « Réalisée » mais avancement 0 % et 2 étapes non terminées (n° 1, 2) : "
            "importé tel quel.") in out
    assert "  - Fiches!D2 (fiche 13) : l'intitulé a été modifié dans le classeur ; cette colonne n'est pas importée" in out
    assert _sdus(db_path, "import", str(first), str(second), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "claire.xlsx : à appliquer : 1 modification(s), 0 conflit(s)\n    remarque : Fiches!D2 (fiche 13)" in out
    assert ("    remarque : Étapes!I2 (fiche 1 · étape 1) : début réel 03/02/2019 mais état « À faire » : importé "
            "tel quel.") in out
    assert db_fingerprint(db_path) == before
