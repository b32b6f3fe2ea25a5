"""`sdus print`: fiches to PDF, --plan and --fiche, French refusals with exit code 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from sdus_desktop.cli.main import main
from tests.reports.pdftools import flat_text, pages_text


def test_print_one_fiche(db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "fiche.pdf"
    assert main(["--db", str(db_path), "print", str(out), "--plan", "sdus", "--fiche", "12"]) == 0
    assert "1 fiche(s) imprimée(s)" in capsys.readouterr().out
    text = flat_text(out)
    assert "ACTION N°12" in text and "ACTION N°13" not in text


def test_number_in_both_plans_needs_plan(db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "ambigu.pdf"
    assert main(["--db", str(db_path), "print", str(out), "--fiche", "12"]) == 1
    error = capsys.readouterr().err
    assert "ce numéro existe dans le SDUS et dans le SDSF" in error and "--plan SDUS --fiche 12" in error
    assert not out.exists()


def test_number_only_in_sdus_prints_without_plan(db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "seule.pdf"
    assert main(["--db", str(db_path), "print", str(out), "--fiche", "70"]) == 0
    assert "ACTION N°70" in flat_text(out)


def test_refusals(db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--db", str(db_path), "print", str(tmp_path / "a.txt")]) == 1
    assert "utilisez un fichier .pdf" in capsys.readouterr().err
    assert main(["--db", str(db_path), "print", str(tmp_path / "a.pdf"), "--plan", "XYZ"]) == 1
    assert "plan inconnu « XYZ »" in capsys.readouterr().err
    assert main(["--db", str(db_path), "print", str(tmp_path / "a.pdf"), "--plan", "SDSF", "--fiche", "67"]) == 1
    assert "fiche(s) 67 introuvable(s) dans SDSF (numéros de 1 à 66)" in capsys.readouterr().err


@pytest.mark.slow
def test_print_whole_sdsf(db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "sdsf.pdf"
    assert main(["--db", str(db_path), "print", str(out), "--plan", "SDSF"]) == 0
    pages = pages_text(out)
    assert sum("Objectif / résultat attendu" in page for page in pages) == 66
