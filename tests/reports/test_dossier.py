"""The comité de suivi dossier: cover, contents, outline, synthesis, changes since a date, metadata."""

from __future__ import annotations

import argparse
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from sdus_desktop.cli import cmd_report
from sdus_desktop.cli.main import CliError, Context
from sdus_desktop.reports.dossier import write_dossier
from sdus_desktop.reports.layout import GenerationCancelled
from sdus_desktop.store.queries import iter_actions, load_action, load_plans
from tests.reports.pdftools import flat_text, outline_tree, pages_text

TODAY = date(2026, 11, 22)


def _action_id(db, plan: str, number: int) -> int:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return next(a.id for a in iter_actions(load_plans(session, plan)) if a.number == number)


@pytest.fixture
def edited(db, services):  # type: ignore[no-untyped-def]
    """Fiche 5 en cours with a step done, fiche 9 réalisée, a value entered: the journal has rows today."""
    five, nine = _action_id(db, "SDUS", 5), _action_id(db, "SDUS", 9)
    with db.reading() as session:
        step = load_action(session, five).steps[0].id
    services.set("action", five, "status", "en cours")
    services.set("step", step, "status", "réalisée")
    services.set("step", step, "actual_end", "2/2/2024")
    services.set("action", nine, "status", "Réalisée")
    services.set("action", nine, "bilan", "Charte signée & diffusée <partout>")
    indicator = services.add_indicator(nine, "Taux de couverture", "pourcentage").changes[0].key
    services.set("value", f"{indicator}:2023", "value", "45,5")
    return db


@pytest.mark.slow
def test_dossier_for_sdus(edited, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "comite.pdf"
    assert write_dossier(edited, out, "SDUS", since=datetime(2026, 1, 1), today=TODAY) == 74
    pages = pages_text(out)
    cover = " ".join(pages[0].split())
    assert "Comité de suivi" in cover and "Schéma Départemental Unique des Solidarités (SDUS 2019-2023)" in cover
    assert "Dossier édité le 22/11/2026" in cover and "Évolutions depuis le 01/01/2026" in cover
    assert "Page 1 /" not in pages[0]  # no footer number on the cover
    assert "Sommaire" in pages[1] and "Synthèse" in pages[1]
    assert f"Page 2 / {len(pages)}" in pages[1]
    text = flat_text(out)
    # synthesis: counts by status per orientation and axe (72 non démarrées, 1 en cours, 1 réalisée)
    assert "Synthèse au 22/11/2026" in text
    assert "Total SDUS 72 1 1 · · 74" in text
    assert "Orientation 1 : Mieux accompagner les personnes vers et dans l'autonomie 15 1 1 · · 17" in text
    assert "Axe 1 : Garantir l'accueil social de proximité pour tous 4 1 · · · 5" in text
    assert "Axe 2 : Favoriser l'inclusion numérique et l'accès aux droits 3 · 1 · · 4" in text
    assert "Étapes en retard" in text and "étape(s) dont la fin prévue est dépassée" in text
    # what changed since the date: net changes per fiche, readable
    assert "Depuis le 01/01/2026 2 fiche(s) sur 74 ont changé" in text
    # « Depuis le … » right after the summary title, before the counts and the late étapes
    assert text.index("Synthèse au 22/11/2026") < text.index("Depuis le 01/01/2026 2 fiche(s)") < text.index(
        "Total SDUS") < text.index("étape(s) dont la fin prévue est dépassée")
    synthesis = next(i for i, page in enumerate(pages) if "Synthèse au 22/11/2026" in page)
    assert synthesis <= 5 and "Depuis le 01/01/2026" in " ".join(pages[synthesis].split())
    # late étapes: per axe the 3 most overdue fiches (+ those late since the date), the others named
    assert "les 3 plus en retard ; les autres sont nommées" in text
    assert re.search(r"… et \d+ autre\(s\) fiche\(s\) en retard \(n° [\d, ]+\) : voir leur page", text)
    assert "SDUS 5 ◐ En cours" not in text  # the before → after pair, never one value alone
    assert "SDUS 5 ○ Non démarrée → ◐ En cours" in text
    assert "● réalisée : 1." in text and "(le 02/02/2024)" in text
    assert "SDUS 9 ○ Non démarrée → ● Réalisée" in text
    assert "Charte signée & diffusée <partout>" in text
    assert re.search(r"\d+\. Taux de couverture — 2023 : 45,5 %", text)
    # every fiche follows, with its heading
    assert sum("ACTION N°" in page for page in pages) >= 74
    # outline: Synthèse, then orientation → axe → fiche
    tree = outline_tree(out)
    assert tree[0][0] == "Synthèse"
    orientations = tree[1:]
    assert [node[0].split(" :")[0] for node in orientations] == [f"Orientation {n}" for n in range(1, 5)]
    first_axe = orientations[0][1][0]
    assert first_axe[0].startswith("Axe 1 : Garantir l'accueil social de proximité")
    assert first_axe[1][0][0].startswith("Action n°1 — Structurer le maillage territorial")
    assert sum(len(axe[1]) for node in orientations for axe in node[1]) == 74
    reader = PdfReader(str(out))
    assert reader.metadata.title == "Comité de suivi SDUS — 22/11/2026"
    assert reader.metadata.author == "Département de la Lozère — SDUS Desktop"
    assert "Dossier du comité de suivi" in reader.metadata.subject
    assert reader.trailer["/Root"]["/Lang"] == "fr-FR"


def test_table_of_contents_gives_the_right_pages(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "sommaire.pdf"
    write_dossier(db, out, "SDUS", fiches=[12, 40], today=TODAY)
    pages = pages_text(out)
    contents = " ".join(pages[1].split())
    # pypdf extracts each line's leader dots and page number just before the line's text
    listed = {int(number): label for number, label in re.findall(r"(\d+) (Synthèse|Action n°\d+)", contents)}
    found = {label: number for number, label in listed.items()}
    assert found["Synthèse"] == 3
    for number in (12, 40):
        target = next(i for i, page in enumerate(pages) if f"ACTION N°{number}" in page) + 1
        assert found[f"Action n°{number}"] == target


def test_both_plans_get_a_plan_level_in_the_outline(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "deux.pdf"
    assert write_dossier(db, out, None, fiches=[3], today=TODAY) == 2
    tree = outline_tree(out)
    assert [node[0] for node in tree] == [
        "Synthèse",
        "SDUS — Schéma Départemental Unique des Solidarités",
        "SDSF — Schéma Départemental des Services aux Familles",
    ]
    assert tree[2][1][0][0].startswith("Thématique")
    text = flat_text(out)
    assert "Total SDUS · · · · · 1" not in text  # counts cover the selection only
    assert "Total SDUS 1 · · · · 1" in text and "Total SDSF 1 · · · · 1" in text


@pytest.mark.slow
def test_cancelled_dossier_leaves_no_file(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "sortie" / "comite.pdf"
    calls: list[int] = []

    def progress(done: int, total: int) -> bool:
        calls.append(done)
        return len(calls) < 10

    with pytest.raises(GenerationCancelled):
        write_dossier(db, out, "SDUS", progress=progress)
    assert len(calls) == 10
    assert list(out.parent.iterdir()) == []


def _report(db_path: Path, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--user")
    cmd_report.configure(parser)
    return cmd_report.run(Context(parser.parse_args(["--db", str(db_path), *argv])))


def test_report_command_writes_the_pdf(db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "dossier.pdf"
    assert _report(db_path, str(out), "--plan", "SDUS", "--since", "1/1/26", "--fiche", "1", "2") == 0
    assert "Dossier du comité de suivi écrit" in capsys.readouterr().out
    assert "Évolutions depuis le 01/01/2026" in pages_text(out)[0]
    with pytest.raises(CliError, match="fiche\\(s\\) 80 introuvable\\(s\\) dans SDUS"):
        _report(db_path, str(tmp_path / "x.pdf"), "--plan", "SDUS", "--fiche", "80")
