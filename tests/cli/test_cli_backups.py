"""`sdus backup`, `sdus restore`, `sdus check`, damaged/empty bases at init, one writer (issue 9)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sdus_desktop.cli.main import main
from sdus_desktop.store.backup import list_backups
from sdus_desktop.store.lock import acquire, lock_path
from sdus_desktop.store.services import Services
from tests.store.test_backups import _checkpoint, damage
from tests.support.dbtools import db_fingerprint


def test_backup_list_restore_and_check(db, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Services(db, "central").set("action", 1, "bilan", "à garder")
    assert main(["--db", str(db_path), "backup"]) == 0
    assert "Sauvegarde vérifiée écrite" in capsys.readouterr().out
    saved = db_fingerprint(db_path)
    Services(db, "central").set("action", 1, "bilan", "erreur de saisie")
    assert main(["--db", str(db_path), "backup", "--liste"]) == 0
    out = capsys.readouterr().out
    assert "sauvegarde manuelle" in out and "vérifiée" in out
    [copy] = list_backups(db_path)
    assert main(["--db", str(db_path), "restore", str(copy.path)]) == 0
    out = capsys.readouterr().out
    assert "Sauvegarde restaurée" in out and "avant-restauration" in out
    assert db_fingerprint(db_path) == saved
    assert main(["--db", str(db_path), "check"]) == 0
    assert "Base intacte" in capsys.readouterr().out
    assert not lock_path(db_path).exists()


def test_damaged_base_check_init_and_restore_latest(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "backup"]) == 0
    _checkpoint(db_path)
    damage(db_path)
    damaged = db_path.read_bytes()
    capsys.readouterr()
    assert main(["--db", str(db_path), "check"]) == 1
    assert "est endommagée" in capsys.readouterr().err
    assert main(["--db", str(db_path), "init"]) == 1
    err = capsys.readouterr().err
    assert "endommagée" in err and "inchangée" not in err
    assert main(["--db", str(db_path), "backup"]) == 1   # a damaged base is never copied
    assert len(list_backups(db_path)) == 1 and db_path.read_bytes() == damaged
    assert main(["--db", str(db_path), "restore", "--derniere"]) == 0
    assert "endommagee" in capsys.readouterr().out
    assert main(["--db", str(db_path), "check"]) == 0


def test_init_refuses_a_zero_byte_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sdus.sqlite"
    path.write_bytes(b"")
    assert main(["--db", str(path), "init"]) == 1
    assert "est vide (0 octet)" in capsys.readouterr().err
    assert path.stat().st_size == 0


def test_a_second_writer_is_refused_with_who_holds_the_base(db_path: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; "
                               "from sdus_desktop.store.lock import acquire; acquire(Path(sys.argv[1])); "
                               "print('ok', flush=True); time.sleep(60)", str(db_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        before = db_fingerprint(db_path)
        assert main(["--db", str(db_path), "conflits", "--garder-base", "1"]) == 1
        err = capsys.readouterr().err
        assert "déjà ouverte en écriture par" in err and f"« {os.uname().nodename} »" in err
        assert db_fingerprint(db_path) == before
        assert main(["--db", str(db_path), "info"]) == 0   # reading still works
    finally:
        holder.kill()
        holder.wait()
    # the holder was killed: its lock is stale and taken over
    lock = acquire(db_path)
    assert json.loads(lock_path(db_path).read_text())["pid"] == os.getpid()
    lock.release()
    assert not lock_path(db_path).exists()


def test_restore_refuses_another_programs_database(db_path: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    other = tmp_path / "autre.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    before = db_fingerprint(db_path)
    assert main(["--db", str(db_path), "restore", str(other)]) != 0
    err = capsys.readouterr().err
    assert "n'est pas une sauvegarde de SDUS Desktop" in err and "La base n'a pas été modifiée." in err
    assert db_fingerprint(db_path) == before
    assert main(["--db", str(db_path), "info"]) == 0   # still the application's base
