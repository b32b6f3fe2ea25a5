"""Parser for the Schéma Départemental Unique des Solidarités (part IV, fiches actions)."""
from __future__ import annotations

import re
from pathlib import Path

from .common import (
    CAL_TRAILING_FULL_RE,
    CAL_TRAILING_HEAD_RE,
    bullet_list,
    catalogue,
    collapse,
    empty_action,
    guess_indicator_kind,
    is_calendar_piece,
    name_list,
    nested_items,
    normalise_bullets,
    ordered_action,
    read_lines,
    reflow,
    split_items,
    tidy_text,
)

SOURCE_NAME = "sdus-lozere-schema-unique-des-solidarites.txt"
PLAN = {
    "code": "SDUS",
    "title": "Schéma Départemental Unique des Solidarités",
    "period_start": 2019,
    "period_end": 2023,
    "level1_label": "Orientation",
}

PART_IV_RE = re.compile(r"^\s*IV\.\s+LES FICHES ACTIONS\s*$")
ANNEXES_RE = re.compile(r"^\s*ANNEXES\s*$")
PAGE_RE = re.compile(r"^\s*Page \d+ / \d+\s*$")
RUNNING_ORIENTATION_RE = re.compile(r"^\s*ORIENTATION\s+\d+\s*$")
AXE_HEADER_RE = re.compile(r"^\s*AXE\s+(\d+)\s+(.*)$")
ACTION_RE = re.compile(r"^\s*ACTION N°\s*(\d+)\s*$")
ETAPE_RE = re.compile(r"^\s*Étape\s*(\d*)\s*(.*)$")
PART3_ORIENTATION_RE = re.compile(r"^\s*III\.(\d)\s+Orientation\s+(\d)\s*:\s*(.*)$")
PART3_AXE_RE = re.compile(r"^\s*III\.(\d)\.(\d)\s+Axe\s+(\d)\s*:\s*(.*)$")
PART3_FICHE_RE = re.compile(r"^\s*N°(\d+)\s+–")

# Section headings of a fiche (matched on the whole, whitespace-collapsed line).
HEADINGS = (
    ("pilotage", re.compile(r"^Pilotage de l'action$")),
    ("participation_citoyens", re.compile(r"^Participation des citoyens$")),
    ("partenaires", re.compile(r"^Partenaires$")),
    ("public", re.compile(r"^Public$")),
    ("problematique", re.compile(r"^Rappel de la problématique$")),
    ("vigilance", re.compile(r"^Points de vigilance ou difficultés?$")),
    ("objectifs", re.compile(r"^Objectifs$")),
    ("methodologie", re.compile(r"^Méthodologie$")),
    ("modalites", re.compile(r"^Modalités? de mise en œuvre$")),
    ("indicateurs", re.compile(r"^Indicateurs d'évaluation et de résultats?$")),
    ("modalites_suivi", re.compile(r"^Modalités? de suivi$")),
    ("incidence_financiere", re.compile(r"^Incidence financière(?:\s*:\s*(?P<rest>.*))?$")),
)
PARTENAIRES_PUBLIC_RE = re.compile(r"^Partenaires Public$")


# ------------------------------------------------------------------ part III
def _heading_with_continuation(lines: list[str], index: int, first: str) -> str:
    """A heading's text plus its wrapped continuation lines (up to the next blank line)."""
    parts = [first]
    for raw in lines[index + 1:]:
        if not raw.strip():
            break
        parts.append(raw)
    return tidy_text(" ".join(collapse(p) for p in parts))


def parse_part3(lines: list[str]) -> tuple[dict[int, str], dict[int, tuple[int, int]]]:
    """Orientation titles and the fiche -> (orientation, axe in orientation) listing."""
    titles: dict[int, str] = {}
    fiche_axe: dict[int, tuple[int, int]] = {}
    current = None
    for i, raw in enumerate(lines):
        if m := PART3_ORIENTATION_RE.match(raw):
            titles[int(m.group(1))] = _heading_with_continuation(lines, i, m.group(3))
        elif m := PART3_AXE_RE.match(raw):
            current = (int(m.group(1)), int(m.group(3)))
        elif (m := PART3_FICHE_RE.match(raw)) and current:
            fiche_axe[int(m.group(1))] = current
    return titles, fiche_axe


# ------------------------------------------------------------------ part IV
def strip_page_noise(lines: list[str]) -> list[tuple[str, object]]:
    """Drop page numbers and running headers; turn 'AXE n title' headers into events.
    Returns a list of ("line", text) and ("axe", (number, title)) items."""
    out: list[tuple[str, object]] = []
    continuations: set[str] = set()  # wrapped second lines of AXE headers seen so far
    i = 0
    while i < len(lines):
        raw = lines[i]
        if PAGE_RE.match(raw) or _is_orphan_header_fragment(lines, i, continuations):
            i += 1
        elif RUNNING_ORIENTATION_RE.match(raw):
            i += 1
            while i < len(lines) and lines[i].strip():  # the orientation title lines
                i += 1
        elif m := AXE_HEADER_RE.match(raw):
            out.append(("axe", (int(m.group(1)), _heading_with_continuation(lines, i, m.group(2)))))
            i += 1
            while i < len(lines) and lines[i].strip():
                continuations.add(collapse(lines[i]))
                i += 1
        else:
            out.append(("line", raw))
            i += 1
    return out


def _is_orphan_header_fragment(lines: list[str], i: int, continuations: set[str]) -> bool:
    """The second line of an 'AXE n' page header whose first line the PDF lost, e.g.
    ' l'enfance et de la petite-enfance' standing alone just before 'ACTION N°51'."""
    if collapse(lines[i]) not in continuations:
        return False
    following = next((raw for raw in lines[i + 1:] if raw.strip()), "")
    return bool(ACTION_RE.match(following))


def split_fiches(events: list[tuple[str, object]]) -> list[dict]:
    """Group lines into fiches, remembering the AXE header in force for each."""
    fiches: list[dict] = []
    axe = None
    for kind, value in events:
        if kind == "axe":
            axe = value
        elif m := ACTION_RE.match(value):
            fiches.append({"number": int(m.group(1)), "axe": axe, "lines": []})
        elif fiches:
            fiches[-1]["lines"].append(value)
    return fiches


def split_sections(lines: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    title: list[str] = []
    sections: dict[str, list[str]] = {}
    current = None
    for raw in lines:
        text = collapse(raw)
        if PARTENAIRES_PUBLIC_RE.match(text):
            sections.setdefault("partenaires", [])
            current = "public"
            sections.setdefault(current, [])
            continue
        for key, regex in HEADINGS:
            if m := regex.match(text):
                current = key
                sections.setdefault(key, [])
                rest = m.groupdict().get("rest")
                if rest:
                    sections[key].append(rest)
                break
        else:
            if current is None:
                title.append(raw)
            else:
                sections[current].append(raw)
    return title, sections


# ------------------------------------------------------------------ étapes
def extract_calendar(lines: list[str]) -> tuple[list[str], str]:
    """Separate the calendrier (right-hand column, interleaved by the PDF) from the label."""
    label: list[str] = []
    pieces: list[str] = []
    for raw in lines:
        text = collapse(raw)
        if text and is_calendar_piece(text):
            pieces.append(text)
            label.append("")
        else:
            label.append(raw)
    calendar = " ".join(pieces)
    if not calendar:
        for i, raw in enumerate(label):
            if m := CAL_TRAILING_FULL_RE.match(collapse(raw)):
                label[i], calendar = m.group("text"), m.group("cal")
                break
    elif re.match(r"^(?:\d|semestre|trimestre)", calendar):
        for i, raw in enumerate(label):
            if m := CAL_TRAILING_HEAD_RE.match(collapse(raw)):
                label[i], calendar = m.group("text"), f"{m.group('cal')} {calendar}"
                break
    return label, collapse(calendar)


def parse_etapes(lines: list[str]) -> list[dict]:
    chunks: list[tuple[str, list[str]]] = []
    for raw in lines:
        if m := ETAPE_RE.match(raw):
            chunks.append((m.group(1), [m.group(2)]))
        elif chunks:
            chunks[-1][1].append(raw)
    etapes = []
    for index, (printed, chunk) in enumerate(chunks, start=1):
        label_lines, calendar = extract_calendar(chunk)
        label = normalise_bullets(reflow(label_lines, width=62, sentence_break=True)).replace("\n\n", "\n")
        etapes.append({
            "number": int(printed) if printed else index,
            "label": label,
            "calendrier": calendar,
        })
    return etapes


# ------------------------------------------------------------------ fields
def text_field(lines: list[str]) -> str:
    return normalise_bullets(reflow(lines, width=80))


def short_field(lines: list[str]) -> str:
    text = reflow(lines, width=40).replace("\n\n", "\n")
    return "" if text in {"-", "–"} else text


def objectifs_field(lines: list[str]) -> list[str]:
    if any(collapse(raw).startswith("➢") for raw in lines):
        return bullet_list(lines)
    return split_items(reflow(lines, width=80).replace("\n\n", "\n"))


def indicateurs_field(lines: list[str]) -> list[dict]:
    if any(collapse(raw).startswith("➢") for raw in lines):
        labels = bullet_list(lines)
    else:  # one indicator per line; lower-case lines and open parentheses continue it
        labels = nested_items(reflow(lines, width=float("inf")).replace("\n\n", "\n"))
    return [{"label": label, "kind": guess_indicator_kind(label)} for label in labels]


def build_action(fiche: dict) -> dict:
    title_lines, sections = split_sections(fiche["lines"])
    get = lambda key: sections.get(key, [])  # noqa: E731
    action = empty_action()
    action.update({
        "number": fiche["number"],
        "label": f"Action N°{fiche['number']}",
        "title": tidy_text(" ".join(collapse(t) for t in title_lines if t.strip())),
        "pilotage": name_list(get("pilotage"), co_pilots=True),
        "participation_citoyens": short_field(get("participation_citoyens")),
        "partenaires": name_list(get("partenaires")),
        "public": short_field(get("public")),
        "problematique": text_field(get("problematique")),
        "vigilance": text_field(get("vigilance")),
        "objectifs": objectifs_field(get("objectifs")),
        "methodologie": text_field(get("methodologie")),
        "etapes": parse_etapes(get("modalites")),
        "indicateurs": indicateurs_field(get("indicateurs")),
        "modalites_suivi": text_field(get("modalites_suivi")),
        "incidence_financiere": text_field(get("incidence_financiere")),
    })
    return ordered_action(action)


# ------------------------------------------------------------------ assembly
# Fiches whose "AXE n" page header in part IV disagrees with the part III listing.
# Part III (the structured presentation of each axe and its fiches) wins for these.
KNOWN_MISPLACED_HEADERS = {
    63: "fiche 63 carries the 'AXE 4 Renforcer les dispositifs de prévention' header in "
        "part IV but part III lists N°63 under orientation 3 axe 3 (coordination), which "
        "matches its subject (mutualisation entre partenaires)",
}


def locate_in_part4(fiches: list[dict]) -> tuple[list[tuple[int, int]], dict]:
    """(orientation, axe in orientation) of every fiche from the AXE headers: the orientation
    changes when the printed axe number restarts. Also the first title seen for each axe."""
    places: list[tuple[int, int]] = []
    titles: dict[tuple[int, int], str] = {}
    orientation, previous = 0, None
    for fiche in fiches:
        local, title = fiche["axe"]
        if previous is None or local < previous:
            orientation += 1
        previous = local
        places.append((orientation, local))
        titles.setdefault((orientation, local), title)
    return places, titles


def assemble(fiches: list[dict], orientation_titles: dict[int, str],
             fiche_axe: dict[int, tuple[int, int]]) -> list[dict]:
    """Orientations 1..4, axes numbered 1..4 within their orientation (as printed: « ORIENTATION 2
    … AXE 1 », « III.2.1 Axe 1 »), fiches in their axe."""
    places, axe_titles = locate_in_part4(fiches)
    grouped: dict[tuple[int, int], list[dict]] = {}
    for fiche, place in zip(fiches, places, strict=True):
        listed = fiche_axe.get(fiche["number"], place)
        if listed != place and fiche["number"] not in KNOWN_MISPLACED_HEADERS:
            raise ValueError(f"fiche {fiche['number']}: part IV puts it in {place}, "
                             f"part III in {listed}")
        grouped.setdefault(listed, []).append(build_action(fiche))
    orientations: list[dict] = []
    for o_number in sorted({o for o, _ in grouped}):
        orientation = {"number": o_number, "title": orientation_titles[o_number], "axes": []}
        for local in sorted(a for o, a in grouped if o == o_number):
            actions = sorted(grouped[(o_number, local)], key=lambda a: a["number"])
            orientation["axes"].append({"number": local,
                                        "title": axe_titles[(o_number, local)],
                                        "actions": actions})
        orientations.append(orientation)
    return orientations


def parse(sources: Path) -> dict:
    lines = read_lines(sources / SOURCE_NAME)
    start = next(i for i, raw in enumerate(lines) if PART_IV_RE.match(raw))
    end = next(i for i in range(start, len(lines)) if ANNEXES_RE.match(lines[i]))
    orientation_titles, fiche_axe = parse_part3(lines[:start])
    fiches = split_fiches(strip_page_noise(lines[start + 1:end]))
    return catalogue(dict(PLAN), assemble(fiches, orientation_titles, fiche_axe))
