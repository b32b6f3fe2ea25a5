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
