"""Notes de suivi printed: the fiche PDF (last 12 months by default, or a chosen period) and the comité dossier
(since its « depuis » date), read back with pdftotext."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from sdus_desktop.reports.dossier import write_dossier
from sdus_desktop.reports.fiche_pdf import write_fiches
from sdus_desktop.reports.notes_flowables import NotesPeriod
from sdus_desktop.store.comite_snapshots import freeze
from sdus_desktop.store.database import Database
from sdus_desktop.store.services import Services
from tests.store.test_services import first_action

TODAY = date(2026, 11, 22)
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) absent")


def _text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


@pytest.fixture
def noted(db: Database, services: Services):  # type: ignore[no-untyped-def]
    action = first_action(db, 12)
    services.add_note(action.id, "10/03/2025", "Ancienne note de 2025")
    services.add_note(action.id, "15/01/2026", "Réunion à Mende & <partenaires> : « accord »")
    comite = freeze(db, "Marie Dupont", date(2026, 6, 1))
    services.add_note(action.id, "02/06/2026", "Présentée au comité", comite.id)
    withdrawn = services.add_note(action.id, "03/06/2026", "Note retirée")
    services.remove_note(int(withdrawn.changes[0].key))
    return action


def test_the_fiche_prints_the_notes_of_the_last_twelve_months_newest_first(db, noted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "fiche.pdf"
    write_fiches(db, out, "SDUS", [12], today=TODAY)
    text = _text(out)
    assert "Notes de suivi (depuis le 22/11/2025)" in text
    assert "Réunion à Mende & <partenaires> : «" in text and "Marie Dupont" in text
    assert "(comité du 01/06/2026)" in text
    assert text.index("02/06/2026") < text.index("15/01/2026")
    assert "Ancienne note de 2025" not in text and "Note retirée" not in text


def test_the_fiche_prints_every_note_or_a_chosen_period(db, noted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "toutes.pdf"
    write_fiches(db, out, "SDUS", [12], today=TODAY, notes=NotesPeriod())
    text = _text(out)
    assert "Notes de suivi (toutes)" in text and "Ancienne note de 2025" in text
    write_fiches(db, out, "SDUS", [12], today=TODAY, notes=NotesPeriod(date(2025, 1, 1), date(2025, 12, 31)))
    text = _text(out)
    assert "Notes de suivi (du 01/01/2025 au 31/12/2025)" in text and "Ancienne note de 2025" in text
    assert "Présentée au comité" not in text
    write_fiches(db, out, "SDUS", [3], today=TODAY)
    assert "Aucune note de suivi sur cette période." in _text(out)


def test_the_dossier_prints_the_notes_since_the_last_comite(db, noted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "dossier.pdf"
    write_dossier(db, out, "SDUS", fiches=[12], today=TODAY)
    text = _text(out)
    assert "Notes de suivi (depuis le 01/06/2026)" in text and "Présentée au comité" in text
    assert "1 nouvelle(s) note(s) de suivi" in text          # « Depuis le dernier comité »
    assert "Réunion à Mende" not in text
    write_dossier(db, out, "SDUS", fiches=[12], today=TODAY, since=datetime(2026, 1, 1))
    text = _text(out)
    assert "Notes de suivi (depuis le 01/01/2026)" in text and "Réunion à Mende" in text
