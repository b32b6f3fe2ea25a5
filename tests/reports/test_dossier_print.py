"""The dossier's synthesis fit to present: status headers whole, late étapes grouped by axe with totals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sdus_desktop.reports.dossier import write_dossier
from sdus_desktop.store.late_groups import late_by_axe
from sdus_desktop.store.queries import load_plans
from tests.reports.pdftools import pages_text

TODAY = date(2026, 11, 30)


def test_synthesis_headers_and_late_steps_by_axe(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "dossier.pdf"
    write_dossier(db, out, "SDUS", fiches=list(range(1, 20)), today=TODAY)
    pages = pages_text(out)
    synthesis = "\n".join(page for page in pages if "Comité de suivi · Synthèse" in page)
    lines = synthesis.splitlines()
    for word in ("Abandonnée", "démarrée", "Réalisée", "Reportée"):
        assert any(word in line for line in lines), word  # never « Abandonn » / « ée » on two lines
    assert not any(line.strip() in ("e", "ée", "onnée") or line.rstrip().endswith(("Abandonn", "Abandonné"))
                   for line in lines)
    with db.reading() as session:
        groups = late_by_axe(load_plans(session, "SDUS"), TODAY)
    selected = [g for g in groups if any(f.action_number < 20 for f in g.fiches)]
    flat = " ".join(synthesis.split())
    steps = sum(len(f.steps) for g in selected for f in g.fiches if f.action_number < 20)
    fiches = sum(1 for g in selected for f in g.fiches if f.action_number < 20)
    assert f"{steps} étape(s) dont la fin prévue est dépassée" in flat and f"dans {fiches} fiche(s)" in flat
    for group in selected:
        assert f"{group.label} —" in flat
    first = selected[0].fiches[0]
    assert f"SDUS {first.action_number}" in flat and f"{len(first.steps)} (n° {first.step_numbers})" in flat
    assert f"⚠ {first.oldest.days_late} j" in flat
    assert flat.count("SDUS · Orientation") == len(selected)  # one band per axe, not one line per step


def test_status_columns_fit_their_longest_word() -> None:
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from sdus_desktop.core.statuses import ActionStatus
    from sdus_desktop.reports.styles import styles
    from sdus_desktop.reports.synthesis import CELL_PADDING_PT, status_column_mm

    head = styles().head_small
    inner = status_column_mm() * mm - 2 * CELL_PADDING_PT
    assert stringWidth("Abandonnée", head.fontName, head.fontSize) <= inner
    assert all(stringWidth(w, head.fontName, head.fontSize) <= inner for s in ActionStatus for w in s.label.split())


def test_late_by_axe_orders_and_totals(db, services) -> None:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        groups = late_by_axe(load_plans(session, "SDUS"), TODAY)
    assert groups and all(group.fiches for group in groups)
    for group in groups:
        delays = [fiche.oldest.days_late for fiche in group.fiches]
        assert delays == sorted(delays, reverse=True)
        assert group.step_count == sum(len(fiche.steps) for fiche in group.fiches)
    with db.reading() as session:
        none = late_by_axe(load_plans(session, "SDUS"), date(2000, 1, 1))
    assert none == []
