"""`sdus print … --notes-depuis JJ/MM/AAAA`: the notes de suivi printed in the fiche PDF — the last 12 months by
default, since the date given, or all (« toutes »); a date that cannot be read is refused in French, no file."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from sdus_desktop.cli.main import main
from sdus_desktop.store.database import Database
from sdus_desktop.store.services import Services
from tests.reports.pdftools import flat_text
from tests.store.test_services import first_action


def pdf_text(path: Path) -> str:
    """The PDF's text as pdftotext reads it (poppler), else pypdf; spaces folded."""
    if shutil.which("pdftotext"):
        raw = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                             text=True).stdout
        return " ".join(raw.split())
    return flat_text(path)


@pytest.fixture
def noted(db_path: Path) -> dict[str, date]:
    """Fiche 12 (SDUS) with a note of two years ago, one of 300 days ago and one of last week."""
    today = date.today()
    days = {"ancienne": today - timedelta(days=730), "annee": today - timedelta(days=300),
            "recente": today - timedelta(days=7)}
    db = Database.open(db_path)
    try:
        services = Services(db, "Marie Dupont")
        action = first_action(db, 12)
        for word, day in days.items():
            services.add_note(action.id, day.strftime("%d/%m/%Y"), f"Note {word} de suivi")
    finally:
        db.close()
    return days


def _print(db_path: Path, out: Path, *extra: str) -> int:
    return main(["--db", str(db_path), "print", str(out), "--plan", "SDUS", "--fiche", "12", *extra])


def test_the_last_12_months_by_default_or_since_the_date_given(db_path, tmp_path, noted, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "defaut.pdf"
    assert _print(db_path, out) == 0
    text = pdf_text(out)
    assert "Note recente de suivi" in text and "Note annee de suivi" in text
    assert "Note ancienne de suivi" not in text
    since = noted["annee"] + timedelta(days=1)
    out = tmp_path / "depuis.pdf"
    assert _print(db_path, out, "--notes-depuis", since.strftime("%d/%m/%Y")) == 0
    text = pdf_text(out)
    assert f"Notes de suivi (depuis le {since.strftime('%d/%m/%Y')})" in text
    assert "Note recente de suivi" in text and "Note annee de suivi" not in text
    out = tmp_path / "toutes.pdf"
    assert _print(db_path, out, "--notes-depuis", noted["ancienne"].strftime("%d%m%Y")) == 0   # core.dates forms
    assert "Note ancienne de suivi" in pdf_text(out)
    out = tmp_path / "tout.pdf"
    assert _print(db_path, out, "--notes-depuis", "toutes") == 0
    text = pdf_text(out)
    assert "Notes de suivi (toutes)" in text and "Note ancienne de suivi" in text


def test_a_date_that_cannot_be_read_is_refused_and_nothing_written(db_path, tmp_path, noted, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "refus.pdf"
    assert _print(db_path, out, "--notes-depuis", "31/02/2026") == 1
    error = capsys.readouterr().err
    assert "--notes-depuis : date invalide « 31/02/2026 »" in error and "« toutes »" in error
    assert not out.exists()
