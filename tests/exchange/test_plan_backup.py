"""Every plan change (avenant, catalogue release, plan state) is preceded by a verified backup (store.backup:
temporary name, quick_check, rename); when it cannot be made or verified the change is refused in French and
nothing is written."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from sdus_desktop.cli.main import main
from sdus_desktop.exchange import plan_layout as L
from sdus_desktop.exchange.plan_import import import_plan_file
from sdus_desktop.exchange.plan_lifecycle import definition_of
from sdus_desktop.exchange.plan_workbook import write_definition
from sdus_desktop.store import backup as backup_module
from sdus_desktop.store.backup import PARTIAL_PREFIX, list_backups
from sdus_desktop.store.database import Database
from tests.exchange.plan_helpers import edit, find_row
from tests.support.dbtools import db_fingerprint


def _avenant(db: Database, tmp_path: Path) -> Path:
    definition = definition_of(db, "SDUS")
    assert definition is not None
    exported = write_definition(definition, tmp_path / "sdus.xlsx")
    row = find_row(exported, L.SHEET_FICHES, **{"N°": 1})
    return edit(exported, tmp_path / "avenant.xlsx", {L.SHEET_FICHES: {f"N{row}": "Méthodologie de l'avenant."}})


def test_a_plan_change_leaves_a_verified_backup_named_for_its_reason(db: Database, db_path: Path,
                                                                     tmp_path: Path) -> None:
    result = import_plan_file(db, _avenant(db, tmp_path), "Équipe centrale")
    assert result.applied and result.backup is not None
    copies = list_backups(db_path)
    assert [info.path for info in copies] == [result.backup]
    assert copies[0].verified() and copies[0].reason_text == "avant un changement de plan"
    with closing(sqlite3.connect(result.backup)) as connection:   # the state before the avenant
        assert connection.execute("SELECT methodologie FROM action WHERE id = 1").fetchone() != \
            ("Méthodologie de l'avenant.",)


def test_a_plan_change_whose_backup_cannot_be_written_is_refused_unchanged(db: Database, db_path: Path,
                                                                           tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    avenant = _avenant(db, tmp_path)
    (db_path.parent / "sauvegardes").write_text("un fichier à la place du dossier des sauvegardes")
    with closing(sqlite3.connect(db_path)) as connection, connection:   # a release one version behind
        connection.execute("UPDATE action SET title = 'Ancien intitulé' WHERE id = 1")
        connection.execute("UPDATE meta SET value = '2000.1' WHERE key = 'catalogue_version:SDUS'")
    before = db_fingerprint(db_path)
    base = ["--db", str(db_path)]
    assert main([*base, "plan", "import", str(avenant)]) == 1
    out = capsys.readouterr().out
    assert "« avenant.xlsx » refusé" in out
    assert "sauvegarde de la base avant le changement de plan impossible" in out
    assert "un fichier porte déjà ce nom à la place d'un dossier" in out and "rien n'a été modifié" in out
    assert main([*base, "plan", "catalogue"]) == 1
    assert "Refusé : sauvegarde de la base avant le changement de plan impossible" in capsys.readouterr().out
    assert main([*base, "plan", "etat", "SDSF", "clos"]) == 1
    assert "rien n'a été modifié" in capsys.readouterr().err
    assert db_fingerprint(db_path) == before


def test_a_backup_that_does_not_verify_refuses_the_plan_change(db: Database, db_path: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    avenant = _avenant(db, tmp_path)
    real = backup_module.quick_check

    def copy_unreadable(path: Path, *, full: bool = False) -> str | None:
        return "page 2 illisible" if path.name.startswith(PARTIAL_PREFIX) else real(path, full=full)

    monkeypatch.setattr(backup_module, "quick_check", copy_unreadable)
    before = db_fingerprint(db_path)
    result = import_plan_file(db, avenant, "Équipe centrale")
    assert not result.ok and not result.applied and result.backup is None
    assert len(result.errors) == 1 and "ne se relit pas (page 2 illisible)" in result.errors[0]
    assert "Rien n'a été modifié" in result.errors[0]
    assert result.report_lines()[0] == "« avenant.xlsx » refusé : 1 erreur(s), rien n'a été modifié."
    assert db_fingerprint(db_path) == before
    assert list((db_path.parent / "sauvegardes").iterdir()) == []   # no partial copy left behind
