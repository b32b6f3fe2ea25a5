"""Fault suite (issue 9): read-only folder and file, full disk, zero-byte, damaged and newer bases — each told in French,
the base unchanged, reading still possible where the file is intact. Real mounts (tmpfs) when run as root."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sdus_desktop.cli.main import main
from sdus_desktop.store.backup import backup_database
from tests.exchange.helpers import edit_copy, export
from tests.store.test_backups import _checkpoint, damage
from tests.support.dbtools import db_fingerprint


def _mount(folder: Path, size: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=True)


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("monter un petit tmpfs demande les droits root (lecture seule et disque plein réels)")
    folder = tmp_path / "montage"
    try:
        _mount(folder, "4m")
    except (subprocess.CalledProcessError, OSError):
        pytest.skip("montage tmpfs impossible ici (conteneur sans CAP_SYS_ADMIN)")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def _returned_workbook(db_path: Path, tmp_path: Path) -> Path:
    from sdus_desktop.store.database import Database

    db = Database.open(db_path)
    try:
        summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    finally:
        db.close()
    return edit_copy(summary.path, tmp_path / "retour.xlsx", {"Fiches": {"H2": "du référent"}})


def test_read_only_folder_reads_and_refuses_writes_naming_the_cause(db_path, tmp_path, tmpfs, capsys):
    workbook = _returned_workbook(db_path, tmp_path)
    _checkpoint(db_path)
    shutil.copyfile(db_path, tmpfs / "sdus.sqlite")
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    base = tmpfs / "sdus.sqlite"
    before = base.read_bytes()
    assert main(["--db", str(base), "info"]) == 0
    assert main(["--db", str(base), "check"]) == 0
    assert "Base intacte" in capsys.readouterr().out
    assert main(["--db", str(base), "import", str(workbook)]) == 1
    err = capsys.readouterr().err
    assert "lecture seule" in err and "endommag" not in err and "lisible" not in err
    assert main(["--db", str(base), "backup"]) == 1
    assert "lecture seule" in capsys.readouterr().err
    assert base.read_bytes() == before


@pytest.fixture
def read_only_file() -> Iterator[Callable[[Path], None]]:
    """Makes a file read-only for this process: its mode when not root (root ignores it), else the immutable
    flag (chattr +i), else a read-only bind mount of the file; undone at the end."""
    undo: list[list[str]] = []

    def make(path: Path) -> None:
        if os.geteuid() != 0:
            path.chmod(0o444)
        elif shutil.which("chattr") and subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0:
            undo.append(["chattr", "-i", str(path)])
        elif shutil.which("mount") and subprocess.run(["mount", "--bind", str(path), str(path)],
                                                      capture_output=True).returncode == 0:
            undo.append(["umount", "-l", str(path)])
            if subprocess.run(["mount", "-o", "remount,ro,bind", str(path)], capture_output=True).returncode != 0:
                pytest.skip("no read-only bind mount here (and no chattr +i): root can write any file")
        else:
            pytest.skip("neither chattr +i nor a bind mount works here: root can write any file")
        assert not os.access(path, os.W_OK), "the file should now refuse writing"

    yield make
    for command in reversed(undo):
        subprocess.run(command, check=False)


def test_read_only_file_reads_and_refuses_writes_naming_the_cause(db_path, tmp_path, read_only_file, capsys):
    from sdus_desktop.store.changes import EditError
    from sdus_desktop.store.database import Database
    from sdus_desktop.store.services import Services

    workbook = _returned_workbook(db_path, tmp_path)
    _checkpoint(db_path)
    read_only_file(db_path)
    before = db_path.read_bytes()
    assert main(["--db", str(db_path), "info"]) == 0
    assert main(["--db", str(db_path), "check"]) == 0
    assert "Base intacte" in capsys.readouterr().out
    assert main(["--db", str(db_path), "import", str(workbook)]) == 1
    err = "".join(capsys.readouterr())
    assert "« sdus.sqlite » est en lecture seule" in err and "rien n'a été importé" in err
    assert "endommag" not in err and "lisible" not in err
    assert main(["--db", str(db_path), "plan", "etat", "SDSF", "clos"]) == 1   # a plan change too
    assert "« sdus.sqlite » est en lecture seule" in "".join(capsys.readouterr())
    db = Database.open(db_path)
    try:
        assert db.read_only is not None and "lecture seule" in db.read_only
        with pytest.raises(EditError, match="base ouverte en lecture seule .* rien n'a été enregistré"):
            Services(db, "Marie Dupont").set("action", 1, "bilan", "saisi sur un fichier en lecture seule")
    finally:
        db.close()
    assert main(["--db", str(db_path), "backup"]) == 0   # reading works: a copy can still be made
    assert "Sauvegarde vérifiée écrite" in capsys.readouterr().out
    assert db_path.read_bytes() == before


def test_full_disk_reads_and_refuses_writes_naming_the_cause(db_path, tmp_path, tmpfs, capsys):
    workbook = _returned_workbook(db_path, tmp_path)
    _checkpoint(db_path)
    base = tmpfs / "sdus.sqlite"
    shutil.copyfile(db_path, base)
    with open(tmpfs / "remplissage", "wb") as filler:
        try:
            while True:
                filler.write(b"\0" * 65536)
        except OSError:
            pass
    before = base.read_bytes()
    assert main(["--db", str(base), "info"]) == 0
    capsys.readouterr()
    assert main(["--db", str(base), "import", str(workbook)]) == 1
    err = capsys.readouterr().err
    assert "disque est plein" in err and "endommag" not in err
    assert not (tmpfs / "sdus.sqlite.verrou").exists()
    assert base.read_bytes() == before


def test_disk_full_during_a_backup_leaves_nothing_and_imports_nothing(db_path, tmp_path, tmpfs, capsys):
    workbook = _returned_workbook(db_path, tmp_path)
    _checkpoint(db_path)
    base = tmpfs / "sdus.sqlite"
    shutil.copyfile(db_path, base)
    free = shutil.disk_usage(tmpfs).free
    size = base.stat().st_size
    with open(tmpfs / "remplissage", "wb") as filler:   # room to open and lock, not for a copy
        filler.write(b"\0" * max(0, free - 300_000))
    assert shutil.disk_usage(tmpfs).free < size
    before = db_fingerprint(base)
    code = main(["--db", str(base), "import", str(workbook)])
    out, err = capsys.readouterr()
    assert code == 1 and "rien n'a été importé" in out + err
    assert db_fingerprint(base) == before
    folder = tmpfs / "sauvegardes"
    assert not folder.exists() or list(folder.iterdir()) == []


def test_zero_byte_damaged_and_newer_bases_are_refused_unchanged(db_path, tmp_path, capsys):
    empty = tmp_path / "vide.sqlite"
    empty.write_bytes(b"")
    assert main(["--db", str(empty), "info"]) == 1
    assert "est vide (0 octet)" in capsys.readouterr().err and empty.stat().st_size == 0

    backup_database(db_path, "manuelle")
    _checkpoint(db_path)
    damage(db_path)
    damaged = db_path.read_bytes()
    for command in (["init"], ["backup"], ["check"]):
        assert main(["--db", str(db_path), *command]) == 1
        assert "endommagée" in capsys.readouterr().err
    assert db_path.read_bytes() == damaged

    newer = tmp_path / "recente.sqlite"
    shutil.copyfile(db_path.parent / "sauvegardes" / next(iter(os.listdir(db_path.parent / "sauvegardes"))), newer)
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.close()
    before = db_fingerprint(newer)
    assert main(["--db", str(newer), "info"]) == 1
    assert "version plus récente" in capsys.readouterr().err
    assert db_fingerprint(newer) == before
