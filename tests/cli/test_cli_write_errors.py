"""Writing to a folder that cannot hold the file: a French message saying what to do, no noise, no partial file."""

from __future__ import annotations

import errno
import gc
import subprocess
import sys
from pathlib import Path

import pytest

from sdus_desktop.cli.main import main

ENGLISH = ("File exists", "Not a directory", "No such file", "Permission denied", "No space left", "Traceback")
RUN = "import sys; from sdus_desktop.cli.main import main; sys.exit(main(sys.argv[1:]))"


@pytest.mark.parametrize("command", [["export", "classeur.xlsx", "--fiche", "1"], ["export", "donnees.json"],
                                     ["report", "comite.xlsx"], ["print", "fiches.pdf", "--plan", "SDUS",
                                                                          "--fiche", "1"]])
def test_writing_under_a_file_fails_in_french_without_noise(db_path, tmp_path, command):
    blocker = tmp_path / "pas-un-dossier"
    blocker.write_text("un fichier, pas un dossier")
    out = blocker / command[1]
    args = ["--db", str(db_path), "--user", "Équipe centrale", command[0], str(out), *command[2:]]
    done = subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2], timeout=120)
    assert done.returncode == 1
    assert done.stderr.startswith(f"sdus : impossible d'écrire « {out} » : un fichier porte déjà ce nom à la place "
                                  "d'un dossier : choisissez un autre chemin"), done.stderr
    assert "Exception ignored" not in done.stderr
    assert not any(text in done.stderr + done.stdout for text in ENGLISH)


def test_a_failed_workbook_save_leaves_no_file_and_no_stream_open(db_path, tmp_path, monkeypatch, capsys):
    from openpyxl import Workbook

    def disk_full(self, filename):
        Path(filename).write_bytes(b"PK partiel")
        raise OSError(errno.ENOSPC, "No space left on device")

    noise: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", noise.append)
    monkeypatch.setattr(Workbook, "save", disk_full)
    folder = tmp_path / "sortie"
    folder.mkdir()
    assert main(["--db", str(db_path), "export", str(folder / "classeur.xlsx"), "--fiche", "1"]) == 1
    gc.collect()
    assert "le disque est plein : libérez de la place" in capsys.readouterr().err
    assert list(folder.iterdir()) == [] and noise == []


def test_no_error_report_for_a_missing_file_or_a_file_that_is_no_workbook(db_path, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    other = tmp_path / "passwd"
    other.write_text("root:x:0:0")
    assert main(["--db", str(db_path), "import", "nothere.xlsx"]) == 1
    assert "fichier introuvable" in capsys.readouterr().out
    assert main(["--db", str(db_path), "import", str(other)]) == 1
    assert not list(tmp_path.glob("*.erreurs.txt"))


@pytest.mark.parametrize("many", [False, True])
def test_an_unwritable_report_is_said_and_the_errors_printed(db_path, tmp_path, monkeypatch, capsys, many):
    from sdus_desktop.exchange import import_apply

    bad = tmp_path / "retour.xlsx"
    bad.write_bytes(b"pas un classeur")
    files = [bad, tmp_path / "absent.xlsx"] if many else [bad]
    real = import_apply.report_path

    def read_only(workbook: Path) -> Path:
        class Refusing(type(real(workbook))):  # type: ignore[misc]
            def write_text(self, *args, **kwargs):  # type: ignore[no-untyped-def]
                raise PermissionError(errno.EROFS, "Read-only file system", str(self))
        return Refusing(real(workbook))

    monkeypatch.setattr(import_apply, "report_path", read_only)
    assert main(["--db", str(db_path), "import", *map(str, files)]) == 1
    out = capsys.readouterr().out
    assert "rapport d'erreurs non écrit à côté du classeur" in out.lower() and "lecture seule" in out
    assert "retour.xlsx" in out and not (tmp_path / "retour.xlsx.erreurs.txt").exists()
    assert not any(word in out for word in ENGLISH)


def test_a_closed_pipe_ends_quietly(db_path):
    script = (f'"{sys.executable}" -c "{RUN}" --db "{db_path}" info | head -c 0; echo "status=${{PIPESTATUS[0]}}" >&2')
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2], timeout=120)
    assert done.stderr == "status=141\n"
