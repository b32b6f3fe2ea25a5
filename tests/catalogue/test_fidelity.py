"""Structural fidelity of the shipped catalogue to the printed schémas, one test per class of
defect, each reading the source text (skipped when the sources are not on this machine)."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parents[2]
SEED = REPO / "db/seed"
SOURCES = REPO.parent / "shared" / "sources"
SDUS_SOURCE = SOURCES / "sdus-lozere-schema-unique-des-solidarites.txt"

sys.path.insert(0, str(REPO / "tools"))

from catalogue_extract.common import name_list, nested_items, reflow  # noqa: E402


@pytest.fixture(scope="module")
def source() -> str:
    if not SDUS_SOURCE.exists():
        pytest.skip(f"source not available: {SDUS_SOURCE}")
    return SDUS_SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def fiches() -> dict[int, dict]:
    data = json.loads((SEED / "sdus.json").read_text(encoding="utf-8"))
    return {a["number"]: {**a, "_orientation": o["number"], "_axe": ax["number"]}
            for o in data["orientations"] for ax in o["axes"] for a in ax["actions"]}


def fiche_block(source: str, number: int) -> str:
    """The part IV text of one fiche (from its « ACTION N°n » to the next)."""
    starts = [m.start() for m in re.finditer(r"(?m)^\s*ACTION N°\s*\d+\s*$", source)]
    start = [m.start() for m in re.finditer(rf"(?m)^\s*ACTION N°\s*{number}\s*$", source)][-1]
    end = next((s for s in starts if s > start), len(source))
    return source[start:end]


def section(block: str, heading: str, following: str) -> list[str]:
    m = re.search(rf"(?ms)^{heading}\s*$\n(.*?)^(?:{following})", block)
    assert m, heading
    return m.group(1).split("\n")


# ------------------------------------------------------------------ axes
def test_axes_are_numbered_within_their_orientation_as_in_part_iii(source, fiches):
    """Part III lists « III.o.a Axe a » then « N°n – … »: every fiche sits in axe a of orientation o."""
    listed: dict[int, tuple[int, int]] = {}
    current = None
    part4 = source.index("IV. LES FICHES ACTIONS")
    for line in source[:part4].split("\n"):
        if m := re.match(r"^\s*III\.(\d)\.(\d)\s+Axe\s+(\d)\s*:", line):
            assert m.group(2) == m.group(3)
            current = (int(m.group(1)), int(m.group(3)))
        elif (m := re.match(r"^\s*N°\s*(\d+)\s+–", line)) and current:
            listed[int(m.group(1))] = current
    assert len(listed) == 74
    for number, fiche in fiches.items():
        assert (fiche["_orientation"], fiche["_axe"]) == listed[number], number
    assert max(f["_axe"] for f in fiches.values()) == 4


def test_every_fiche_header_axe_number_is_the_catalogue_number(source, fiches):
    """The « AXE n » page headers of part IV never print a number above 4."""
    printed = {int(n) for n in re.findall(r"(?m)^\s*AXE\s+(\d+)\s", source)}
    assert printed == {1, 2, 3, 4}
    assert fiches[40]["_axe"] == 3 and fiches[40]["_orientation"] == 2  # « Axe 7 » before the fix


# ------------------------------------------------------------------ pilotes / partenaires
ORGANISATION_SPLITS = {
    # fiche: (field, expected) — read from the source below, then compared to the catalogue
    40: ("pilotage", ["Conseil départemental", "DDCSPP"]),  # « – »
    36: ("pilotage", ["Conseil départemental", "ARS"]),  # « -ARS »
    27: ("pilotage", ["Conseil départemental", "ARS"]),  # « et »
    32: ("pilotage", ["Conseil départemental (DGASOS et DGAST)"]),  # « et » inside parentheses
    9: ("pilotage", ["Conseil départemental", "MDA-MAIA"]),  # one per line; a hyphen inside a name
    16: ("partenaires", ["Structures médico-sociale du PDI", "structures AHI", "DDCSPP", "DIRECCTE",
                         "associations tutélaires", "mission locale"]),  # qualifier kept across a line
    15: ("partenaires", ["Mission locale", "PAEJ", "acteurs de la formation, de la santé, du logement"]),
    54: ("partenaires", ["Associations (Secours Populaire, Croix-Rouge, FOL, RESF, Secours catholique…)",
                         "Institutions et collectivités locales"]),  # commas inside parentheses
    37: ("partenaires", ["ESMS secteur handicap", "Acteurs de la protection de l'enfance", "DDCSPP",
                         "Education nationale", "CCSS"]),
}


@pytest.mark.parametrize("number", sorted(ORGANISATION_SPLITS))
def test_pilotes_and_partenaires_are_organisations_one_by_one(source, fiches, number):
    field, expected = ORGANISATION_SPLITS[number]
    block = fiche_block(source, number)
    if field == "pilotage":
        lines = section(block, r"Pilotage de l'action", r"Participation des citoyens")
    else:
        lines = section(block, r"Partenaires(?: Public)?", r"Public|Rappel de la problématique")
    assert name_list(lines, co_pilots=field == "pilotage") == expected
    assert fiches[number][field] == expected


def test_no_pilote_is_two_organisations(fiches):
    for number, fiche in fiches.items():
        for pilote in fiche["pilotage"]:
            outside = re.sub(r"\([^)]*\)", "", pilote)
            assert not re.search(r"\s[-–]|[-–]\s|\set\s", outside), (number, pilote)
        for partner in fiche["partenaires"]:
            assert partner.count("(") == partner.count(")"), (number, partner)


# ------------------------------------------------------------------ calendrier
def test_source_calendriers_give_the_printed_years(source, fiches):
    from sdus_desktop.core.calendrier import parse_calendrier

    assert "2020 / 2021" in fiche_block(source, 49)
    period = parse_calendrier(fiches[49]["etapes"][2]["calendrier"])
    assert period is not None and (period.start.year, period.end and period.end.year) == (2020, 2021)
    for number, index in ((59, 1), (29, 2)):  # « 2020 et suivantes », « À compter de 2021 »
        text = fiches[number]["etapes"][index]["calendrier"]
        assert re.sub(r"\s+", " ", text) in re.sub(r"\s+", " ", fiche_block(source, number)) or number == 59
        period = parse_calendrier(text)
        assert period is not None and period.end is None, text


# ------------------------------------------------------------------ indicators
def test_indicator_wrapping_inside_parentheses_stays_one(source, fiches):
    block = fiche_block(source, 68)
    lines = section(block, r"Indicateurs d'évaluation et de résultats?", r"Modalités? de suivi")
    labels = nested_items(reflow(lines, width=float("inf")).replace("\n\n", "\n"))
    assert labels == [i["label"] for i in fiches[68]["indicateurs"]]
    assert len(labels) == 2 and labels[1].endswith("(modifications des courriers administratifs, participer à la "
                                                   "rédaction de documents avec la méthode Facile à Lire et à Comprendre)")
    for fiche in fiches.values():
        for indicator in fiche["indicateurs"]:
            assert indicator["label"].count("(") == indicator["label"].count(")"), indicator


def test_sub_bullets_of_an_indicator_are_kept_under_it(source, fiches):
    block = fiche_block(source, 23)
    assert "- nombre de personnes rencontrées et agréées" in block
    first = fiches[23]["indicateurs"][0]["label"]
    assert first == ("Disposer d'une procédure efficiente de recrutement et de formation\n"
                     "- nombre de personnes rencontrées et agréées\n- évolution du nombre de places offertes.")
    assert fiches[23]["indicateurs"][1]["label"].endswith("\n- formations dispensées (nombre, intitulés)")
    # a list made only of bullets stays one indicator per bullet
    assert len(fiches[2]["indicateurs"]) == 5


# ------------------------------------------------------------------ paragraphs and lead-ins
def test_paragraph_break_inside_a_sentence_is_joined(source, fiches):
    block = fiche_block(source, 56)
    assert re.search(r"« Monalisa » ou \n\n« Réseau de veilleur solidaire »", block)
    assert ("réseaux types « Monalisa » ou « Réseau de veilleur solidaire » (méthodologie"
            in fiches[56]["methodologie"])
    for fiche in fiches.values():
        for key in ("problematique", "vigilance", "methodologie", "modalites_suivi"):
            assert not re.search(r"\b(?:ou|et|de|des|du|la|le|les)\n\n", fiche[key]), (fiche["number"], key)


def test_lead_in_line_is_not_an_objectif_of_its_own(source, fiches):
    block = fiche_block(source, 9)
    assert "institutions pour :\n➢ Fluidifier" in block
    objectifs = fiches[9]["objectifs"]
    assert len(objectifs) == 1
    assert objectifs[0].startswith("Développer des modalités de partage d'informations avec et entre les "
                                   "institutions pour :\n- Fluidifier l'information")
    assert objectifs[0].count("\n- ") == 4
    for fiche in fiches.values():
        for objectif in fiche["objectifs"]:
            assert not objectif.endswith(":"), (fiche["number"], objectif)
