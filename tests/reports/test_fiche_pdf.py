"""Fiche PDFs: every section and value present, user text literal, footer, pagination, fonts, metadata."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from sdus_desktop.reports.fiche_pdf import write_fiches
from sdus_desktop.reports.layout import GenerationCancelled
from sdus_desktop.reports.selection import FicheSelectionError
from sdus_desktop.store.queries import iter_actions, load_action, load_plans
from tests.reports.pdftools import flat_text, outline_tree, pages_text

TODAY = date(2026, 11, 22)


def _action_id(db, plan: str, number: int) -> int:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return next(a.id for a in iter_actions(load_plans(session, plan)) if a.number == number)


def test_fiche_12_has_every_section_and_its_suivi(db, services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    action_id = _action_id(db, "SDUS", 12)
    with db.reading() as session:
        action = load_action(session, action_id)
        first_step = action.steps[0].id
    services.set("action", action_id, "status", "en cours")
    services.set("action", action_id, "avancement", "35 %")
    services.set("action", action_id, "referents", ["Jeanne Roux"])
    services.set("action", action_id, "bilan", "Groupe de travail réuni deux fois.")
    services.set("step", first_step, "status", "Réalisée")
    services.set("step", first_step, "actual_end", "15/3/21")
    indicator = services.add_indicator(action_id, "Nombre de saisines DECLIC", "nombre", "40").changes[0].key
    services.set("value", f"{indicator}:2021", "value", "12,5")
    services.set("value", f"{indicator}:2022-T2", "value", "7")
    out = tmp_path / "fiche.pdf"

    assert write_fiches(db, out, "SDUS", [12], today=TODAY) == 1

    text = flat_text(out)
    for expected in (
        "ACTION N°12", "Réponse Accompagnée Pour Tous", "Pilotage de l'action", "Conseil départemental, ARS",
        "Participation des citoyens", "Partenaires", "structures du secteur médico-social", "Public",
        "Professionnels", "Rappel de la problématique", "tables tactiques MAIA",
        "Points de vigilance ou difficulté", "Objectifs", "• Articuler et organiser les passerelles",
        "Méthodologie", "• Rédaction d'une synthèse", "Modalités de mise en œuvre", "Étape Libellé Calendrier",
        "Dates réelles", "État", "Diagnostic des process existants", "… → 15/03/2021", "● Réalisée",
        "Indicateurs d'évaluation et de résultat", "Rédaction effective du diagnostic",
        "Nombre de saisines DECLIC 40", "12,5", "T2 : 7", "Modalités de suivi", "Sondage auprès des structures",
        "Incidence financière", "SUIVI AU 22/11/2026", "◐ En cours", "35 %", "Jeanne Roux",
        "par Marie Dupont", "Groupe de travail réuni deux fois.", "Étapes en retard",
        "⚠ Étape 2 : Rédiger un texte interne", "fin prévue le 31/12/2019",
        "Orientation 1 : Mieux accompagner les personnes vers et dans l'autonomie",
        "Axe 3 : Garantir l'accompagnement adapté",
    ):
        assert expected in text, expected
    assert "⚠ Étape 1" not in text  # a réalisée step is not late
    pages = pages_text(out)
    assert len(pages) == 2
    assert "Page 1 / 2" in pages[0] and "Page 2 / 2" in pages[1]
    assert "Schéma Départemental Unique des Solidarités · imprimé le 22/11/2026" in pages[1]
    assert outline_tree(out)[0][0].startswith("Orientation 1")


def test_user_text_prints_literally(db, services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    action_id = _action_id(db, "SDUS", 3)
    services.set("action", action_id, "title", "Projet <b>R&D</b> « œuvres » l’été")
    services.set("action", action_id, "bilan", "a < b & c > d\n- point <i>un</i>")
    out = tmp_path / "echappe.pdf"
    write_fiches(db, out, "SDUS", [3], today=TODAY)
    text = flat_text(out)
    assert "Projet <b>R&D</b> « œuvres » l’été" in text
    assert "a < b & c > d" in text
    assert "• point <i>un</i>" in text
    assert PdfReader(str(out)).metadata.title == "SDUS — Action n°3 : Projet <b>R&D</b> « œuvres » l’été"


def test_fonts_are_embedded_with_all_four_faces(db, services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    action_id = _action_id(db, "SDUS", 1)
    services.set("action", action_id, "bilan", "<b>gras</b>")  # literal: escaped, not bold
    out = tmp_path / "polices.pdf"
    write_fiches(db, out, "SDUS", [1], today=TODAY)
    fonts = set()
    for page in PdfReader(str(out)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= fonts
    assert all(name.startswith("DejaVuSans") for name in fonts), fonts


@pytest.mark.slow
def test_long_text_and_thirty_steps_paginate(db, services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    action_id = _action_id(db, "SDUS", 20)
    long_text = " ".join(f"Phrase numéro {n} d'un rappel de la problématique très détaillé." for n in range(400))
    services.set("action", action_id, "problematique", long_text)
    services.set("action", action_id, "bilan", long_text[:6000])
    for n in range(30):
        label = f"Étape ajoutée {n + 1} " + "avec un libellé long " * (60 if n == 7 else 3)
        services.add_step(action_id, label, calendrier="2024")
    out = tmp_path / "longue.pdf"
    write_fiches(db, out, "SDUS", [20], today=TODAY)
    pages = pages_text(out)
    assert len(pages) >= 6
    assert f"Page {len(pages)} / {len(pages)}" in pages[-1]
    text = flat_text(out)
    assert "Phrase numéro 399 d'un rappel" in text
    assert "Étape ajoutée 30" in text
    # the table header is repeated on every page the étapes table runs over
    steps_pages = [p for p in pages if "○ À faire" in p]
    assert len(steps_pages) >= 2
    assert all("Étape Libellé Calendrier Dates réelles État" in " ".join(p.split()) for p in steps_pages)


def test_sdsf_action_prints_its_own_fields(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "sdsf.pdf"
    write_fiches(db, out, "SDSF", [1], today=TODAY)
    text = flat_text(out)
    for expected in ("ACTION 1", "Thématique 1", "Objectif / résultat attendu",
                     "Réaliser cette action sur les 10 communautés de communes", "Calendrier", "2020-2023",
                     "Acteurs", "CCSS", "Modalités de mise en œuvre", "SUIVI AU 22/11/2026"):
        assert expected in text, expected
    assert "Rappel de la problématique" not in text
    assert "Schéma Départemental des Services aux Familles" in text


@pytest.mark.slow
def test_whole_plan_one_fiche_per_page_run(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "sdus.pdf"
    assert write_fiches(db, out, "SDUS", today=TODAY) == 74
    pages = pages_text(out)
    starts = [i for i, page in enumerate(pages) if "ACTION N°" in page]
    assert len(starts) == 74
    tree = outline_tree(out)
    assert [node[0].split(" :")[0] for node in tree] == [f"Orientation {n}" for n in range(1, 5)]
    assert sum(len(axe[1]) for node in tree for axe in node[1]) == 74


def test_unknown_fiche_number_is_refused_in_french(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FicheSelectionError, match="fiche\\(s\\) 99 introuvable\\(s\\) dans SDUS"):
        write_fiches(db, tmp_path / "x.pdf", "SDUS", [99])
    assert not (tmp_path / "x.pdf").exists()


def test_cancel_leaves_no_file(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 3

    out = tmp_path / "sortie" / "annule.pdf"
    with pytest.raises(GenerationCancelled):
        write_fiches(db, out, "SDUS", progress=progress)
    assert seen[-1] == (3, 74)
    assert list(out.parent.iterdir()) == []


def test_printing_does_not_write_to_the_database(db, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.support.dbtools import db_fingerprint

    before = db_fingerprint(db_path)
    write_fiches(db, tmp_path / "lecture.pdf", None, [70])
    assert db_fingerprint(db_path) == before
