"""Parser for the Schéma Départemental des Services aux Familles 2020-2023 (table rows)."""
from __future__ import annotations

import re
from pathlib import Path

from .common import catalogue, collapse, empty_action, ordered_action, read_lines, tidy_text

SOURCE_NAME = "sdsf-lozere-2020-2023.txt"
PLAN = {
    "code": "SDSF",
    "title": "Schéma Départemental des Services aux Familles",
    "period_start": 2020,
    "period_end": 2023,
    "level1_label": "Thématique",
}

# The source prints thématique names in capitals without accents; the catalogue uses
# the names as written in the document's prose.
THEMATIQUE_TITLES = {
    "PETITE-ENFANCE": "Petite enfance",
    "ENFANCE - JEUNESSE": "Enfance - Jeunesse",
    "PARENTALITE": "Parentalité",
    "ANIMATION DE LA VIE SOCIALE": "Animation de la vie sociale",
    "ACCES AUX DROITS": "Accès aux droits",
    "PARTICIPATION DES USAGERS": "Participation des usagers",
    "MOBILITE": "Mobilité",
    "LAICITE": "Laïcité",
    "DEVELOPPEMENT DURABLE": "Développement durable",
}

# Multi-word actors that the space-separated "Acteurs" column cannot delimit by itself.
KNOWN_ACTORS = (
    "Fédération Régionale des Centres Sociaux",
    "Fédération Départementale des Foyers Ruraux",
    "Fédération départementale des Foyers ruraux",
    "Association Le Clos du Nid",
    "Partenaires CTG",
    "Cité Cap'",
)
ACTOR_JOINERS = {"de", "des", "du", "d'", "la", "le", "les", "et", "à", "aux", "au", "selon"}

THEMATIQUE_RE = re.compile(r"^THEMATIQUE : (.+?)\s*$")
AXE_RE = re.compile(r"^Axe (\d+)\s*:\s*(.*)$", re.S)
ACTION_RE = re.compile(r"^Action (\d+)\s*:\s*(.*)$", re.S)
EMBEDDED_ACTION_RE = re.compile(r"^Action \d+\s*:")
ITEM_SPLIT_RE = re.compile(r"(?:^|\s+)(?:-|•|➤)\s+")


# ------------------------------------------------------------------ cells
def cell_segments(cell: str) -> list[str]:
    """Strip the HTML fragments of a cell; <p> paragraphs become separate segments."""
    text = re.sub(r"\s*\^\{(\w+)\}", r"\1", cell)
    text = re.sub(r"</p>", "\n", text)
    text = re.sub(r"</?(?:p|ul|li|ol)\b[^>]*>", " ", text)
    return [collapse(seg) for seg in text.split("\n") if collapse(seg)]


def has_list(cell: str) -> bool:
    return "<ul" in cell


def row_cells(line: str) -> list[str]:
    cells = line.split("\t")
    return (cells + [""] * 4)[:4]


def is_separator(cells: list[str]) -> bool:
    return all(re.fullmatch(r"\s*-*\s*", c) for c in cells)


# ------------------------------------------------------------------ rows -> raw actions
def new_action(number: int, cells: list[str], first: str) -> dict:
    return {"printed": number, "raw": list(cells), "cells": [[first]] + [
        cell_segments(c) for c in cells[1:]]}


def extend_cell(target: list[str], segments: list[str]) -> None:
    """The first continued paragraph finishes the cell's last (wrapped) paragraph."""
    if target and segments:
        target[-1] = f"{target[-1]} {segments[0]}"
        segments = segments[1:]
    target.extend(segments)


def continue_action(thematique: dict, cells: list[str]) -> None:
    """A wrapped row (page break inside a table row) continues the current action cell by
    cell; an 'Action n :' paragraph inside it starts the next action (its other cells'
    first paragraph still belongs to the previous action)."""
    action = thematique["axes"][-1]["actions"][-1]
    segments = [cell_segments(c) for c in cells]
    split_at = next((i for i, s in enumerate(segments[0]) if EMBEDDED_ACTION_RE.match(s)), None)
    if split_at is None:
        for index, segs in enumerate(segments):
            extend_cell(action["cells"][index], segs)
            action["raw"][index] += " " + cells[index]
        return
    extend_cell(action["cells"][0], segments[0][:split_at])
    for index in range(1, 4):
        extend_cell(action["cells"][index], segments[index][:1])
    m = ACTION_RE.match(segments[0][split_at])
    nxt = {"printed": int(m.group(1)), "raw": list(cells),
           "cells": [[m.group(2)] + segments[0][split_at + 1:]] + [
               segments[index][1:] for index in range(1, 4)]}
    thematique["axes"][-1]["actions"].append(nxt)


def read_table(lines: list[str]) -> list[dict]:
    thematiques: list[dict] = []
    for raw in lines:
        if m := THEMATIQUE_RE.match(raw.strip()):
            thematiques.append({"key": m.group(1), "axes": []})
            continue
        if "\t" not in raw or not thematiques:
            continue
        cells = row_cells(raw)
        if is_separator(cells) or cells[0].startswith("Axes et Actions"):
            continue
        first = " ".join(cell_segments(cells[0]))
        if m := AXE_RE.match(first):
            thematiques[-1]["axes"].append(
                {"number": int(m.group(1)), "title": tidy_text(m.group(2)), "actions": []})
        elif m := ACTION_RE.match(first):
            thematiques[-1]["axes"][-1]["actions"].append(new_action(int(m.group(1)), cells, m.group(2)))
        elif thematiques[-1]["axes"] and thematiques[-1]["axes"][-1]["actions"]:
            continue_action(thematiques[-1], cells)
    return thematiques


# ------------------------------------------------------------------ fields
def split_title(text: str, listed: bool) -> tuple[str, list[str]]:
    """Action text -> (title, sous-actions) using the '-', '•', '➤' item markers."""
    parts = [tidy_text(p) for p in ITEM_SPLIT_RE.split(text)]
    head, items = parts[0], [p for p in parts[1:] if p]
    if listed and not items and ":" in head:  # <ul> whose items lost their markers
        head, rest = head.split(":", 1)[0], head.split(":", 1)[1]
        items = [tidy_text(rest)] if rest.strip() else []
    head = re.sub(r"\s*:\s*$", "", head).strip()
    if not head and items:
        head, items = items[0], items[1:]
    return head.rstrip(" ,;"), items


def resultat_text(segments: list[str]) -> str:
    lines = []
    for seg in segments:
        seg = re.sub(r"(?:^|\s+)-\s+(?=\S)", "\n- ", seg).strip()
        lines.append(seg)
    return tidy_text("\n".join(lines))


def split_actors(text: str) -> list[str]:
    actors: list[str] = []
    for chunk in text.split(","):
        protected = chunk
        for index, name in enumerate(KNOWN_ACTORS):
            protected = protected.replace(name, f"\x00{index}\x00")
        tokens = re.findall(r"\x00\d+\x00|\([^)]*\)|\S+", protected)
        current: list[str] = []
        for token in tokens:
            joins = current and (token.startswith("(") or token[0].islower()
                                 or current[-1] in ACTOR_JOINERS)
            if token.startswith("\x00") or not joins:
                if current:
                    actors.append(" ".join(current))
                current = [token]
            else:
                current.append(token)
        if current:
            actors.append(" ".join(current))
    restored = []
    for actor in actors:
        actor = re.sub(r"\x00(\d+)\x00", lambda m: KNOWN_ACTORS[int(m.group(1))], actor)
        actor = actor.strip(" .,;")
        if actor:
            restored.append(actor)
    return restored


def build_action(raw: dict, number: int) -> dict:
    cells = raw["cells"]
    title, sous_actions = split_title(" ".join(cells[0]), has_list(raw["raw"][0]))
    calendrier = collapse(" ".join(cells[2]))
    action = empty_action()
    action.update({
        "number": number,
        "label": f"Action {raw['printed']}",
        "title": title,
        "etapes": [{"number": 1, "label": title, "calendrier": calendrier}],
        "sous_actions": sous_actions,
        "resultat_attendu": resultat_text(cells[1]),
        "calendrier": calendrier,
        "acteurs": split_actors(" ".join(cells[3])),
    })
    return ordered_action(action)


def parse(sources: Path) -> dict:
    thematiques = read_table(read_lines(sources / SOURCE_NAME))
    orientations = []
    number = 0
    for index, thematique in enumerate(thematiques, start=1):
        axes = []
        for axe in thematique["axes"]:
            actions = []
            for raw in axe["actions"]:
                number += 1
                actions.append(build_action(raw, number))
            axes.append({"number": axe["number"], "title": axe["title"], "actions": actions})
        orientations.append({"number": index, "title": THEMATIQUE_TITLES[thematique["key"]],
                             "axes": axes})
    return catalogue(dict(PLAN), orientations)
