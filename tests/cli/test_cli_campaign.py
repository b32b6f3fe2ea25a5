"""sdus referents / sdus collecte: bulk assignment, preparing a collection, its follow-up."""

from __future__ import annotations

from sdus_desktop.cli.main import main


def test_assign_prepare_follow(db_path, tmp_path, capsys):
    db = ["--db", str(db_path)]
    assert main([*db, "referents"]) == 0
    assert "Aucun référent désigné" in capsys.readouterr().out
    assert main([*db, "referents", "assigner", "Marie Dupont", "--pilote", "mda", "--plan", "SDUS"]) == 0
    assert "4 fiche(s)" in capsys.readouterr().out
    assert main([*db, "referents", "assigner", "Paul Roux", "--fiche", "1", "2", "--plan", "SDUS"]) == 0
    assert main([*db, "referents", "assigner", "Paul Roux", "--fiche", "3"]) == 1
    assert "précisez le plan" in capsys.readouterr().err
    assert main([*db, "referents", "assigner", "Personne", "--pilote", "Inconnu"]) == 1
    assert "pilotes connus" in capsys.readouterr().err
    assert main([*db, "referents", "liste"]) == 0
    listing = capsys.readouterr().out
    assert "Marie Dupont : 4 fiche(s)" in listing and "Paul Roux : 2 fiche(s) — SDUS 1, SDUS 2" in listing

    out = tmp_path / "collecte"
    assert main([*db, "collecte", "creer", str(out), "--plan", "SDUS", "--nom", "Juin"]) == 0
    assert "2 classeur(s) écrit(s)" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == [
        f"Collecte SDUS - Marie Dupont - {_today()}.xlsx", f"Collecte SDUS - Paul Roux - {_today()}.xlsx"]
    assert main([*db, "collecte", "suivi"]) == 0
    text = capsys.readouterr().out
    assert "manquant : 2" in text and "- Paul Roux : Collecte SDUS - Paul Roux" in text
    assert main([*db, "collecte", "renvoyer", "Paul Roux", "1"]) == 0
    assert "(renvoi 2)" in capsys.readouterr().out
    assert main([*db, "collecte", "suivi", "1", "--relance"]) == 0
    assert capsys.readouterr().out.startswith("Collecte « Juin »")
    assert main([*db, "collecte", "suivi", "7"]) == 1
    assert "collecte n° 7 introuvable" in capsys.readouterr().err


def test_follow_up_without_campaign(db_path, capsys):
    assert main(["--db", str(db_path), "collecte", "suivi"]) == 1
    assert "aucune collecte préparée" in capsys.readouterr().err


def _today() -> str:
    from datetime import date

    return date.today().isoformat()


def test_assign_checks_the_name_first_and_refuses_a_comma(db_path, capsys):
    db = ["--db", str(db_path)]
    assert main([*db, "referents", "assigner", "", "--fiche", "1"]) == 1
    err = capsys.readouterr().err
    assert "nom vide" in err and "précisez le plan" not in err
    assert main([*db, "referents", "assigner", "Dupont, Marie", "--fiche", "14", "--plan", "SDUS"]) == 1
    assert "écrivez « Marie Dupont »" in capsys.readouterr().err
    assert main([*db, "referents", "assigner", "Paul Roux", "--fiche", "999", "--plan", "SDUS"]) == 1
    err = capsys.readouterr().err
    assert "aucune fiche n° 999" in err and err.lower().count("rien n'a été modifié") == 1
    assert main([*db, "referents", "liste"]) == 0
    assert "Aucun référent désigné" in capsys.readouterr().out


def test_check_reports_a_name_recorded_before_the_rule(db_path, capsys):
    from sdus_desktop.store import campaigns
    from sdus_desktop.store.database import Database
    from sdus_desktop.store.models import Person
    from sdus_desktop.store.services import Services

    db = Database.open(db_path)
    try:
        with db.transaction() as session:
            session.add(Person(name="Dupont, Marie", service=""))
        Services(db, "test").assign_referent("Dupont, Marie", campaigns.fiches_by_number(db, [14], "SDUS"))
    finally:
        db.close()
    assert main(["--db", str(db_path), "check"]) == 0
    out = capsys.readouterr().out
    assert "1 nom(s) de référent à corriger" in out and "SDUS 14" in out and "écrivez « Marie Dupont »" in out
