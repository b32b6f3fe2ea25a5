"""sdus comite figer / comparer / liste, and sdus report --comite."""

from __future__ import annotations

from openpyxl import load_workbook

from sdus_desktop.cli.main import main
from sdus_desktop.store.database import Database
from tests.support.comite_year import first_half, second_half


def _run(db_path, *argv: str) -> int:  # type: ignore[no-untyped-def]
    return main(["--db", str(db_path), "--user", "Paul Martin", *argv])


def test_freeze_compare_and_list(db_path, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert _run(db_path, "comite", "liste") == 0
    assert "Aucun comité figé" in capsys.readouterr().out
    assert _run(db_path, "comite", "comparer") == 1
    assert "aucun comité figé : figez d'abord" in capsys.readouterr().err
    db = Database.open(db_path)
    ids = first_half(db)
    assert _run(db_path, "comite", "figer", "--date", "12/03/2026") == 0
    assert "État figé pour le comité du 12/03/2026 : 140 fiche(s), n° 1." in capsys.readouterr().out
    assert _run(db_path, "comite", "figer", "--date", "12/3/26") == 1
    assert "déjà figé" in capsys.readouterr().err
    second_half(db, ids)
    db.close()
    assert _run(db_path, "comite", "figer", "--date", "15/10/2026", "--plan", "sdus") == 0
    capsys.readouterr()
    assert _run(db_path, "comite", "liste") == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0].startswith("n° 1 · comité du 12/03/2026 · figé le ") and listed[0].endswith("par Paul Martin · 140 fiche(s)")
    assert listed[1].startswith("n° 2 · comité du 15/10/2026 (SDUS)")
    assert _run(db_path, "comite", "comparer", "1", "15/10/2026") == 0
    out = capsys.readouterr().out
    assert out.startswith("Du comité du 12/03/2026 au comité du 15/10/2026 (SDUS) : 1 fiche(s) sur 74 ont changé")
    assert "SDUS 12 — " in out and "  ◐ En cours → ● Réalisée" in out and "  avancement 30 % → 100 %" in out
    assert "  ● réalisée : 2. " in out and "  → décalée : 3. " in out
    assert "nouveau bilan : Diagnostic partagé avec l'ARS ; fiche réflexe diffusée." in out
    assert _run(db_path, "comite", "comparer", "--plan", "SDUS") == 0  # the last SDUS comité (n° 2) and now
    assert "Du comité du 15/10/2026 (SDUS) à maintenant : Aucun changement pour les 74 fiche(s)" in capsys.readouterr().out
    assert _run(db_path, "comite", "comparer") == 0  # both plans: n° 2 covers the SDUS only, so n° 1
    assert capsys.readouterr().out.startswith("Du comité du 12/03/2026 à maintenant : 1 fiche(s) sur 140 ont changé")
    assert _run(db_path, "comite", "figer", "--date", "31/02/2026") == 1
    assert "--date :" in capsys.readouterr().err
    assert _run(db_path, "comite", "comparer", "7") == 1
    assert "aucun état figé « 7 »" in capsys.readouterr().err
    out_xlsx = tmp_path / "comite.xlsx"
    assert _run(db_path, "report", str(out_xlsx), "--plan", "SDUS", "--comite", "1") == 0
    assert load_workbook(out_xlsx)["Évolutions"]["A1"].value == "Évolutions — depuis le comité du 12/03/2026"
    assert _run(db_path, "report", str(out_xlsx), "--comite", "01/01/2020") == 1
    assert "--comite : aucun état figé" in capsys.readouterr().err


def test_calendar_command(db_path, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    out = tmp_path / "calendrier.pdf"
    assert _run(db_path, "calendrier", str(out), "--plan", "SDSF") == 0
    pages = len(PdfReader(str(out)).pages)
    assert capsys.readouterr().out == f"Calendrier des étapes écrit ({pages} page(s) A3) : {out}\n"
    assert PdfReader(str(out)).metadata.title.startswith("Calendrier des étapes — SDSF — au ")
    assert _run(db_path, "calendrier", str(tmp_path / "x.xlsx")) == 1
    assert "utilisez .pdf" in capsys.readouterr().err
    assert _run(db_path, "calendrier", str(out), "--plan", "XYZ") == 1


def test_validate_locks_and_withdraw_unlocks_from_the_command_line(db_path, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.store.changes import Edit
    from sdus_desktop.store.queries import load_action
    from sdus_desktop.store.services import Services
    from tests.exchange.helpers import edit_copy, row_of

    db = Database.open(db_path)
    with db.reading() as session:
        indicator = load_action(session, 1).indicators[0].id
    Services(db, "Paul Martin").apply([Edit("value", f"{indicator}:2025", "value", "40")])
    db.close()
    assert main(["--db", str(db_path), "export", str(tmp_path / "c.xlsx"), "--plan", "SDUS", "--fiche", "1"]) == 0
    assert _run(db_path, "comite", "figer", "--date", "12/03/2026") == 0
    assert _run(db_path, "comite", "valider", "1", "--le", "10/03/2026") == 1
    assert "date de validation 10/03/2026 : attendue entre le jour du comité (12/03/2026) et aujourd'hui" in \
        capsys.readouterr().err
    assert _run(db_path, "comite", "valider", "12/03/2026", "--le", "14/03/2026") == 0
    assert capsys.readouterr().out.startswith(
        "Comité du 12/03/2026 validé le 14/03/2026 (saisi par Paul Martin) : valeurs verrouillées")
    assert _run(db_path, "comite", "liste") == 0
    assert capsys.readouterr().out.rstrip().endswith("· 140 fiche(s) · validé le 14/03/2026 (saisi par Paul Martin) : "
                                                     "valeurs verrouillées")
    row = row_of(tmp_path / "c.xlsx", "Indicateurs", f"V{indicator}:2025")
    returned = edit_copy(tmp_path / "c.xlsx", tmp_path / "retour.xlsx", {"Indicateurs": {f"I{row}": "45"}})
    assert _run(db_path, "import", str(returned)) == 1
    out = capsys.readouterr()
    assert f"« retour.xlsx » Indicateurs!I{row} · fiche 1 · indicateur 1 · 2025 · valeur : 45 au lieu de 40 — valeur " \
           "arrêtée par le comité du 12/03/2026 (validé)" in out.out + out.err
    assert _run(db_path, "comite", "valider", "1", "--retirer") == 0
    assert "Validation du comité du 12/03/2026 retirée" in capsys.readouterr().out
    assert _run(db_path, "comite", "valider", "1", "--retirer") == 1
    assert "n'est pas validé" in capsys.readouterr().err
    assert _run(db_path, "import", str(returned)) == 0
