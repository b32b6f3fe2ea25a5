"""Checks of the shipped catalogue (db/seed/*.json) and, when the source texts are
available, of its fidelity to them and of the extractor's reproducibility."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parents[2]
SEED = REPO / "db/seed"
SOURCES = REPO.parent / "shared" / "sources"
SDUS_SOURCE = SOURCES / "sdus-lozere-schema-unique-des-solidarites.txt"
SDSF_SOURCE = SOURCES / "sdsf-lozere-2020-2023.txt"

ACTION_KEYS = [
    "number", "label", "title", "pilotage", "participation_citoyens", "partenaires",
    "public", "problematique", "vigilance", "objectifs", "methodologie", "etapes",
    "indicateurs", "modalites_suivi", "incidence_financiere", "sous_actions",
    "resultat_attendu", "calendrier", "acteurs",
]
KINDS = {"nombre", "pourcentage", "oui_non", "texte"}


def load(name: str) -> dict:
    return json.loads((SEED / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sdus() -> dict:
    return load("sdus.json")


@pytest.fixture(scope="module")
def sdsf() -> dict:
    return load("sdsf.json")


def actions(data: dict) -> list[dict]:
    return [a for o in data["orientations"] for ax in o["axes"] for a in ax["actions"]]


def by_number(data: dict) -> dict[int, dict]:
    return {a["number"]: a for a in actions(data)}


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)


def norm(text: str) -> str:
    """Whitespace-normalised text (the extractor also drops blanks before ',' and ')')."""
    return re.sub(r"\s+(?=[,)])", "", re.sub(r"\s+", " ", text)).strip()


def requires(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"source not available: {path}")


# ------------------------------------------------------------------ format
@pytest.mark.parametrize("name,code,start,end,level1", [
    ("sdus.json", "SDUS", 2019, 2023, "Orientation"),
    ("sdsf.json", "SDSF", 2020, 2023, "Thématique"),
])
def test_header_and_key_order(name, code, start, end, level1):
    data = load(name)
    assert list(data) == ["format", "version", "catalogue_version", "plan", "orientations"]
    assert data["format"] == "sdus-catalogue" and data["version"] == 1
    assert data["catalogue_version"] == "2026.11.2"
    assert data["plan"]["code"] == code
    assert (data["plan"]["period_start"], data["plan"]["period_end"]) == (start, end)
    assert data["plan"]["level1_label"] == level1
    for action in actions(data):
        assert list(action) == ACTION_KEYS
        for etape in action["etapes"]:
            assert list(etape) == ["number", "label", "calendrier"]
        for indicateur in action["indicateurs"]:
            assert list(indicateur) == ["label", "kind"] and indicateur["kind"] in KINDS


def test_pretty_printed_utf8():
    text = (SEED / "sdus.json").read_text(encoding="utf-8")
    assert text.startswith('{\n  "format": "sdus-catalogue",')
    assert "é" in text and "\\u00e9" not in text


# ------------------------------------------------------------------ counts
def test_sdus_counts(sdus):
    assert [o["number"] for o in sdus["orientations"]] == [1, 2, 3, 4]
    # axes are numbered 1..4 within their orientation, as printed (« ORIENTATION 2 … AXE 1 »)
    assert [[ax["number"] for ax in o["axes"]] for o in sdus["orientations"]] == [[1, 2, 3, 4]] * 4
    assert [len(o["axes"]) for o in sdus["orientations"]] == [4, 4, 4, 4]
    assert [a["number"] for a in actions(sdus)] == list(range(1, 75))
    assert all(a["label"] == f"Action N°{a['number']}" for a in actions(sdus))


def test_sdus_structure(sdus):
    titles = [o["title"] for o in sdus["orientations"]]
    assert titles == [
        "Mieux accompagner les personnes vers et dans l'autonomie",
        "Adapter l'offre d'accueil, d'accompagnement et d'insertion en fonction des besoins des publics",
        "Renforcer la prévention, la cohésion sociale et le travail ensemble",
        "Gouvernance",
    ]
    axes = {4 * (o["number"] - 1) + ax["number"]: ax for o in sdus["orientations"] for ax in o["axes"]}
    assert axes[1]["title"] == "Garantir l'accueil social de proximité pour tous"
    assert axes[2]["title"] == "Favoriser l'inclusion numérique et l'accès aux droits"
    assert axes[6]["title"] == ("Adapter l'offre à la prise en charge des personnes en situation "
                                "de handicap et aux besoins de leurs aidants")
    assert axes[16]["title"] == "Adapter l'organisation du Conseil départemental"
    members = {n: [a["number"] for a in ax["actions"]] for n, ax in axes.items()}
    assert members[1] == [1, 2, 3, 4, 5]
    assert members[5] == list(range(18, 27))
    assert members[7] == list(range(38, 46))
    assert members[11] == [60, 61, 62, 63]  # part III listing (fiche 63's page header says axe 4)
    assert members[12] == [64, 65]
    assert members[16] == [71, 72, 73, 74]


def test_sdsf_counts(sdsf):
    assert len(sdsf["orientations"]) == 9
    assert [o["title"] for o in sdsf["orientations"]] == [
        "Petite enfance", "Enfance - Jeunesse", "Parentalité", "Animation de la vie sociale",
        "Accès aux droits", "Participation des usagers", "Mobilité", "Laïcité",
        "Développement durable",
    ]
    # The source prints 21 "Axe n :" rows (4+4+4+3+2+1+1+1+1).
    assert [len(o["axes"]) for o in sdsf["orientations"]] == [4, 4, 4, 3, 2, 1, 1, 1, 1]
    per_theme = [sum(len(ax["actions"]) for ax in o["axes"]) for o in sdsf["orientations"]]
    assert per_theme == [18, 13, 14, 8, 6, 2, 1, 2, 2]
    assert [a["number"] for a in actions(sdsf)] == list(range(1, 67))
    for o in sdsf["orientations"]:
        assert [ax["number"] for ax in o["axes"]] == list(range(1, len(o["axes"]) + 1))
        for ax in o["axes"]:
            labels = [a["label"] for a in ax["actions"]]
            assert labels == [f"Action {i}" for i in range(1, len(labels) + 1)]


# ------------------------------------------------------------------ sampled content
EXPECTED_CALENDRIERS = {
    1: ["2019", "2020", "2021-2022"],
    2: ["2019", "2019", "2020", "2020- 2021", "2021"],
    4: ["2019", "Fin 2019", "Fin 2019", "2020", "2021"],
    9: ["1er semestre 2019", "1er semestre 2019", "2e semestre 2019", "2020", "2020-2022"],
    10: ["1er semestre 2019", "1er semestre 2019", "1er semestre 2019", "2020"],
    13: ["1er semestre 2019", "Fin 2019"],
    17: ["Début 2020", "Fin 2020", "Deuxième semestre 2021"],
    21: ["1er semestre 2019", "1er semestre 2019", "2e semestre 2019-2020", "2020-2021", "2022"],
    29: ["Premier semestre 2020", "Deuxième semestre 2020", "À compter de 2021"],
    32: ["Premier semestre 2019", "Premier semestre 2020", "Premier semestre 2021"],
    37: ["2019", "2019", "2020"],
    49: ["Juin 2019", "Septembre 2019", "2020 / 2021"],
    59: ["2020", "2020 et suivantes"],
    62: ["2020", "2020", "2021"],
    66: ["2019-2020"],
    74: ["2019 -2022", "2019 -2022", "2019 -2022"],
}
EXPECTED_INDICATOR_COUNTS = {1: 2, 2: 5, 4: 4, 9: 4, 10: 4, 13: 3, 17: 3, 62: 7, 74: 2}


@pytest.mark.parametrize("number,calendriers", sorted(EXPECTED_CALENDRIERS.items()))
def test_sdus_etape_calendriers(sdus, number, calendriers):
    etapes = by_number(sdus)[number]["etapes"]
    assert [e["calendrier"] for e in etapes] == calendriers
    assert [e["number"] for e in etapes] == list(range(1, len(calendriers) + 1))


@pytest.mark.parametrize("number,count", sorted(EXPECTED_INDICATOR_COUNTS.items()))
def test_sdus_indicator_counts(sdus, number, count):
    assert len(by_number(sdus)[number]["indicateurs"]) == count


def test_sdus_fiche_1_and_2_details(sdus):
    f1, f2 = by_number(sdus)[1], by_number(sdus)[2]
    assert f1["pilotage"] == ["Conseil départemental"]
    assert f1["partenaires"][:3] == ["CIAS", "MSAP", "communes"]
    assert f1["public"] == "Tout public"
    assert f1["indicateurs"] == [
        {"label": "Nombre de rencontres multi-partenariales", "kind": "nombre"},
        {"label": "Élaboration effective de la charte", "kind": "oui_non"},
    ]
    assert f1["incidence_financiere"] == ""
    assert f2["pilotage"] == ["Conseil départemental", "Lozère Développement"]
    assert "Communes et EPCI" in f2["partenaires"]
    assert f2["objectifs"][3].endswith("l'organisation de prise en charge globale et coordonnée.")
    assert f2["methodologie"].startswith("- Désigner des référents par structure\n- Définir")
    assert f2["etapes"][0]["label"] == ("Définir les différents niveaux d'accueil et leurs missions\n"
                                        "Désigner des référents par structure")
    assert f2["modalites_suivi"] == "Réunion des référents de structures"


def test_sdus_interleaved_columns(sdus):
    fiches = by_number(sdus)
    assert fiches[4]["etapes"][2]["label"].startswith(
        "Rencontrer l'autorité compétente (Région) pour connaître son offre et les perspectives")
    assert fiches[10]["etapes"][2]["label"].startswith(
        "Informer les professionnels en interne et les partenaires (associations, institutions)")
    assert fiches[37]["etapes"][1]["label"] == (
        "Construire une convention de partenariat entre le ou les établissements concernés, "
        "le Département (services Prévention santé, ASE) et la MDPH")
    assert fiches[6]["partenaires"] == [] and fiches[6]["public"] == "Tous publics"
    assert fiches[15]["public"] == ""  # no "Public" block in the source
    assert fiches[13]["indicateurs"][-1]["label"] == "Outils mis en place"  # after a page break
    assert fiches[21]["incidence_financiere"] == "réalisation de supports support de communication"
    assert fiches[29]["pilotage"] == ["Conseil départemental", "Services d'Aide A Domicile"]
    assert fiches[50]["incidence_financiere"] == ""  # stray header fragment removed


def test_sdsf_samples(sdsf):
    acts = by_number(sdsf)
    assert acts[2]["title"] == "Mettre en œuvre les engagements pris dans le cadre des CTG"
    assert acts[2]["sous_actions"][0] == ("Mont-Lozère : pallier le déficit d'offre d'accueil "
                                          "petite-enfance sur le bassin Mont-Lozère et Goulet")
    assert len(acts[2]["sous_actions"]) == 3
    assert acts[2]["acteurs"] == ["CCSS", "MSA", "Département"]
    assert acts[7]["acteurs"] == ["CCSS", "DDCSPP", "Département", "Cité Cap'", "MDPH",
                                  "UDAF (PIF et RAM)", "CAMSP", "MSA", "EN"]
    assert acts[21]["title"] == "Travailler en partenariat autour d'une offre d'accueil pour les 11-17 ans."
    assert acts[21]["acteurs"] == ["CCSS", "DDCSPP", "MSA"]
    assert acts[40]["label"] == "Action 2"  # parentalité axe 3, starts mid-line in the source
    assert acts[40]["title"].startswith("Encourager la création de nouvelles associations")
    assert acts[41]["sous_actions"][-1] == "Endeuillées par la perte d'un enfant ou d'un conjoint"
    assert acts[42]["resultat_attendu"].endswith("dans l'entreprise ou l'exploitation agricole.")
    assert acts[53]["acteurs"] == ["CCSS", "Fédération départementale des Foyers ruraux",
                                   "Fédération Régionale des Centres Sociaux"]


def test_sdsf_etape_and_no_indicators(sdsf):
    for action in actions(sdsf):
        assert action["etapes"] == [{"number": 1, "label": action["title"],
                                     "calendrier": action["calendrier"]}]
        assert action["indicateurs"] == []
        assert re.fullmatch(r"20\d\d(-20\d\d)?", action["calendrier"]), action["number"]
        assert action["title"] and action["acteurs"]
        assert action["pilotage"] == [] and action["problematique"] == ""


def test_sdus_has_no_sdsf_fields(sdus):
    for action in actions(sdus):
        assert (action["sous_actions"], action["resultat_attendu"], action["calendrier"],
                action["acteurs"]) == ([], "", "", [])
        assert action["title"] and action["pilotage"]


# ------------------------------------------------------------------ noise
NOISE = [
    (re.compile(r"Page \d+ / \d+"), "page number"),
    (re.compile(r"ORIENTATION\s+\d"), "running orientation header"),
    (re.compile(r"(?:^|\s)AXE\s+\d"), "running axe header"),
    (re.compile(r"  "), "double space"),
    (re.compile(r"[a-zà-ÿ]- [a-zà-ÿ]"), "hyphenation artefact"),
    (re.compile(r"</?[a-z]+[^>]*>"), "HTML tag"),
    (re.compile(r"\^\{"), "superscript markup"),
    (re.compile(r"\t"), "tab"),
]


@pytest.mark.parametrize("name", ["sdus.json", "sdsf.json"])
def test_no_noise_in_any_string(name):
    for action in actions(load(name)):
        for text in strings(action):
            assert text == text.strip(), (action["number"], text)
            assert "➢" not in text, (action["number"], text)
            for pattern, what in NOISE:
                assert not pattern.search(text), (what, action["number"], text)


@pytest.mark.parametrize("name", ["sdus.json", "sdsf.json"])
def test_list_items_are_clean(name):
    for action in actions(load(name)):
        for key in ("pilotage", "partenaires", "objectifs", "sous_actions", "acteurs"):
            for item in action[key]:
                assert item and not item.endswith(",") and not item.startswith(("-", "•", "➤"))
        for indicateur in action["indicateurs"]:
            assert not indicateur["label"].startswith(("-", "➢"))


# ------------------------------------------------------------------ against the sources
def test_every_sdus_title_is_in_the_source(sdus):
    requires(SDUS_SOURCE)
    source = norm(SDUS_SOURCE.read_text(encoding="utf-8"))
    for action in actions(sdus):
        assert norm(action["title"]) in source, action["number"]


def test_sdus_source_has_74_fiches():
    requires(SDUS_SOURCE)
    numbers = re.findall(r"(?m)^\s*ACTION N°(\d+)\s*$", SDUS_SOURCE.read_text(encoding="utf-8"))
    assert [int(n) for n in numbers] == list(range(1, 75))


def test_sdus_calendriers_are_in_the_source(sdus):
    requires(SDUS_SOURCE)
    source = norm(SDUS_SOURCE.read_text(encoding="utf-8"))
    for action in actions(sdus):
        for etape in action["etapes"]:
            for part in re.findall(r"20\d\d", etape["calendrier"]):
                assert part in source
            assert etape["calendrier"], (action["number"], etape)


def test_every_sdsf_title_and_calendrier_is_in_the_source(sdsf):
    requires(SDSF_SOURCE)
    text = SDSF_SOURCE.read_text(encoding="utf-8")
    source = norm(re.sub(r"<[^>]+>", " ", text))
    assert len(re.findall(r"Action \d+\s*:", text)) == 66
    for action in actions(sdsf):
        # rows wrapped over a page break are re-joined, so only the title's start is
        # contiguous in the source text
        assert norm(action["title"])[:20] in source, action["number"]
        assert action["calendrier"] in source


def test_extractor_check_is_reproducible():
    requires(SDUS_SOURCE)
    requires(SDSF_SOURCE)
    result = subprocess.run(
        [sys.executable, str(REPO / "tools/extract_catalogue.py"), "--check"],
        capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
