"""Text helpers shared by the SDUS and SDSF extractors (stdlib only)."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

CATALOGUE_FORMAT = "sdus-catalogue"
CATALOGUE_FORMAT_VERSION = 1
CATALOGUE_VERSION = "2026.11.2"

ACTION_KEYS = (
    "number", "label", "title",
    "pilotage", "participation_citoyens", "partenaires", "public",
    "problematique", "vigilance", "objectifs", "methodologie",
    "etapes", "indicateurs", "modalites_suivi", "incidence_financiere",
    "sous_actions", "resultat_attendu", "calendrier", "acteurs",
)
LIST_KEYS = {"pilotage", "partenaires", "objectifs", "etapes", "indicateurs",
             "sous_actions", "acteurs"}

# Words after which a PDF line break never ends an item / sentence.
CONNECTORS = {
    "de", "des", "du", "d'", "la", "le", "les", "l'", "et", "ou", "à", "a", "au",
    "aux", "en", "pour", "par", "sur", "avec", "dans", "un", "une", "A", "Pôle", "DD", "Conseil", "entre", "son", "sa", "ses", "leur", "leurs", "que", "qui",
}

BULLET_RE = re.compile(r"^(?:➢|➤|•|✔|\*|=>|-)\s*")
LIST_BULLET_RE = re.compile(r"^(?:➢|➤|•|✔|-)\s*")
UPPER_START_RE = re.compile(r"^[A-ZÀ-ÖØ-Þ«\"(0-9]")
LOWER_START_RE = re.compile(r"^[a-zß-öø-ÿœ(]")

# ---------------------------------------------------------------- calendrier
_YEAR = r"(?:19|20)\d\d"
_YEARS = rf"{_YEAR}(?:\s*(?:-|–|/|,)\s*{_YEAR})*"
_MONTHS = ("Janvier|Février|Mars|Avril|Mai|Juin|Juillet|Août|Septembre|"
           "Octobre|Novembre|Décembre")
_PERIOD = r"(?:1er|2e|2ème|Premier|Deuxième|Second)\s+(?:semestre|trimestre)"
_PREFIX = rf"(?:Fin|Début|Courant|À compter de|A compter de|{_MONTHS}|{_PERIOD})"
CAL_FULL_RE = re.compile(rf"^(?:{_PREFIX}\s+)?{_YEARS}$")
CAL_HEAD_RE = re.compile(rf"^(?:{_PERIOD}|Premier|Deuxième|Second|À compter de|Fin|Début)$")
CAL_SEMESTER_TAIL_RE = re.compile(rf"^(?:semestre|trimestre)\s+{_YEARS}$")
CAL_TRAILING_FULL_RE = re.compile(rf"^(?P<text>.*?\S)\s+(?P<cal>(?:{_PREFIX}\s+)?{_YEARS})$")
CAL_TRAILING_HEAD_RE = re.compile(rf"^(?P<text>.*?\S)\s+(?P<cal>{_PERIOD}|Premier|Deuxième)$")


def is_calendar_piece(text: str) -> bool:
    """True when a whole line is (part of) a calendrier: '2019', '1er semestre', 'semestre 2020'."""
    return bool(CAL_FULL_RE.match(text) or CAL_HEAD_RE.match(text)
                or CAL_SEMESTER_TAIL_RE.match(text))


# ---------------------------------------------------------------- whitespace
def collapse(text: str) -> str:
    """Collapse runs of blanks (justified PDF spacing) and trim."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\t", " ")
    return re.sub(r" {2,}", " ", text).strip()


def fix_inline_hyphenation(text: str) -> str:
    """'auto-  évaluation' / 'Co- pilotage' -> 'auto-évaluation' / 'Co-pilotage'."""
    return re.sub(r"(?<=[A-Za-zÀ-ÿ])- +(?=[a-zà-ÿ])", "-", text)


def last_word(text: str) -> str:
    words = text.split()
    return words[-1] if words else ""


def is_bullet(line: str) -> bool:
    return bool(BULLET_RE.match(line.strip())) and line.strip() not in {"-", ""}


def _join_kind(prev_raw: str, nxt: str, width: float, after_blank: bool,
               sentence_break: bool = False) -> str:
    """How to join two physical lines: '' (hyphen), ' ', '\\n' or '\\n\\n'."""
    prev = collapse(prev_raw)
    if is_bullet(nxt):
        return "\n"
    if LOWER_START_RE.match(nxt):
        return "" if re.search(r"[A-Za-zÀ-ÿ]-$", prev) else " "
    if after_blank:
        # A blank line inside a sentence (after « ou », « de »…, an open parenthesis or « « »)
        # is a page or column artefact, not a paragraph.
        if last_word(prev) in CONNECTORS or prev.endswith("«") or prev.count("(") > prev.count(")"):
            return " "
        return "\n\n"
    if last_word(prev) in CONNECTORS:
        return " "
    if len(prev_raw.rstrip()) < width or (sentence_break and prev.endswith(".")):
        return "\n"
    return " "


def reflow(lines: list[str], width: float = 80, sentence_break: bool = False) -> str:
    """Re-join PDF lines: paragraphs ('\\n\\n') on blank lines, a line break ('\\n') after a
    short line followed by a capitalised line or before a bullet, a space otherwise."""
    out = ""
    prev_raw = None
    after_blank = False
    for raw in lines:
        line = collapse(raw)
        if not line:
            after_blank = prev_raw is not None
            continue
        if prev_raw is None:
            out = line
        else:
            out += _join_kind(prev_raw, line, width, after_blank, sentence_break) + line
        prev_raw, after_blank = raw, False
    return tidy_text(out)


def normalise_bullets(text: str) -> str:
    """'➢ x' / '-x' at line start -> '- x' (the catalogue's bullet form)."""
    text = re.sub(r"(?m)^(?:➢|➤)\s*", "- ", text)
    return re.sub(r"(?m)^-(?=\S)", "- ", text)


def tidy_text(text: str) -> str:
    text = fix_inline_hyphenation(text)
    text = "\n".join(re.sub(r" {2,}", " ", ln).strip() for ln in text.split("\n"))
    text = re.sub(r"(?<=\S) +(?=[),])", "", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return "" if re.fullmatch(r"[.\-–…]*", text) else text


def split_items(text: str, bullet_re: re.Pattern = LIST_BULLET_RE) -> list[str]:
    """One item per line of a reflowed block, bullet markers removed, trailing commas stripped."""
    items = []
    for line in text.split("\n"):
        item = bullet_re.sub("", line.strip(), count=1).strip()
        item = item.rstrip(" ,;").strip()
        if item:
            items.append(item)
    return items


def bullet_list(lines: list[str], marker: str = "➢") -> list[str]:
    """Items of a '➢' list: every non-bullet line continues the current item (blank lines
    inside an item are PDF artefacts); text before the first bullet is its own item."""
    items: list[list[str]] = []
    current: list[str] = []
    for raw in lines:
        line = collapse(raw)
        if not line:
            continue
        if line.startswith(marker):
            if current:
                items.append(current)
            current = [line[len(marker):].strip()]
        elif current and LIST_BULLET_RE.match(line) and line not in {"-", "–"}:
            current.append("\n- " + LIST_BULLET_RE.sub("", line, count=1).rstrip(" ,;"))  # a sub-bullet
        else:
            current.append(line)
    if current:
        items.append(current)
    cleaned = [tidy_text(" ".join(x for x in item if x)).rstrip(" ,;") for item in items]
    cleaned = [item for item in cleaned if item]
    if len(cleaned) > 1 and not lines_start_with(lines, marker) and cleaned[0].endswith(":"):
        # a lead-in line (« … pour : ») heads the list: one item whose sub-items are the bullets
        return [cleaned[0] + "".join(f"\n- {item}" for item in cleaned[1:])]
    return cleaned


def lines_start_with(lines: list[str], marker: str) -> bool:
    """True when the first non-blank line is a bullet."""
    first = next((collapse(raw) for raw in lines if raw.strip()), "")
    return first.startswith(marker)


def nested_items(text: str) -> list[str]:
    """Items of a reflowed block, one per line, where a line left open inside parentheses goes on
    on the next line and bullets (« - ») under a plain line are its sub-items (kept as
    « \n- … » lines). When every line is a bullet, each bullet is an item."""
    logical: list[str] = []
    for line in (ln.strip() for ln in text.split("\n")):
        if not line:
            continue
        if logical and logical[-1].count("(") > logical[-1].count(")"):
            logical[-1] = tidy_text(f"{logical[-1]} {line}")
        else:
            logical.append(line)
    bullets = [is_bullet(line) for line in logical]
    if all(bullets) or not any(bullets):
        return split_items("\n".join(logical))
    items: list[str] = []
    head_is_plain = False
    for line, bullet in zip(logical, bullets, strict=True):
        clean = LIST_BULLET_RE.sub("", line, count=1).strip().rstrip(" ,;")
        if bullet and items and head_is_plain:
            items[-1] += f"\n- {clean}"
        elif clean:
            items.append(clean)
            head_is_plain = not bullet
    return items


def split_outside_parens(text: str, seps: str = ",") -> list[str]:
    parts, depth, buf = [], 0, ""
    for ch in text:
        if ch in "(«":
            depth += 1
        elif ch in ")»":
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            parts.append(buf)
            buf = ""
        else:
            buf += ch
    parts.append(buf)
    return parts


# A dash with a blank on at least one side separates two organisations ("Conseil départemental
# – DDCSPP", "SAAD- EHPA", "Conseil départemental -ARS"); a dash inside a word does not ("MDA-MAIA").
_DASH_SPLIT_RE = re.compile(r"\s+[-–]\s*|\s*[-–]\s+")
_AND_SPLIT_RE = re.compile(r"\s+(?:et|\+)\s+")
_PLUS_SPLIT_RE = re.compile(r"\s+\+\s+")
# A part starting with one of these words qualifies the previous noun ("acteurs de la formation,
# de la santé, du logement"): it stays with it.
_QUALIFIER_START_RE = re.compile(r"^(?:de|du|des|d'|d’|à|au|aux)\b", re.IGNORECASE)


def _split_outside_parens_re(text: str, regex: re.Pattern) -> list[str]:
    """Split on every match of regex that lies outside parentheses and « »."""
    parts: list[str] = []
    depth, last = 0, 0
    depth_at: list[int] = []
    for ch in text:
        if ch in "(«":
            depth += 1
        elif ch in ")»":
            depth = max(0, depth - 1)
        depth_at.append(depth)
    for m in regex.finditer(text):
        if depth_at[m.start()] == 0 and (m.start() == 0 or depth_at[m.start() - 1] == 0):
            parts.append(text[last:m.start()])
            last = m.end()
    parts.append(text[last:])
    return parts


_ACRONYM_START_RE = re.compile(r"^[A-ZÀ-Þ]{2,}\b")


def _partner_lines(lines: list[str]) -> list[str]:
    """Re-join the physical lines of a partenaires column into logical lines. A line break
    separates two names unless the next line starts in lower case, the previous one ends with a
    connector, or a comma-separated line ending with a common noun goes on with an acronym
    (« associations / AHI »)."""
    logical: list[str] = []
    for raw in lines:
        line = collapse(raw)
        if not line:
            continue
        if logical:
            prev = logical[-1]
            word = last_word(prev)
            if (LOWER_START_RE.match(line) or word in CONNECTORS or prev.endswith(",")
                    or prev.count("(") > prev.count(")")
                    or (not prev.endswith(",") and "," in prev and word[:1].islower()
                        and _ACRONYM_START_RE.match(line))):
                logical[-1] = tidy_text(f"{prev} {line}")
                continue
        logical.append(line)
    return logical


def _clean_name(item: str) -> str:
    return item.strip().strip(",;–-").strip()


def name_list(lines: list[str], co_pilots: bool = False) -> list[str]:
    """Pilotage / partenaires column → organisations one by one.

    Line breaks are layout, not separators (« structures / AHI » is one name), except in the
    pilotage column where each line names a pilote. Separators: commas and « . » + capital
    outside parentheses; a dash with a blank on one side; « + »; for pilotes also « et » outside
    parentheses (co-pilots). A part starting with « de », « du », « des »… qualifies the previous
    name and stays with it."""
    if co_pilots:
        raw_items = [collapse(raw) for raw in reflow(lines, float("inf")).replace("\n\n", "\n").split("\n")]
    else:
        raw_items = _partner_lines(lines)
    separators = [_DASH_SPLIT_RE, _AND_SPLIT_RE if co_pilots else _PLUS_SPLIT_RE]
    items: list[str] = []
    for line in raw_items:
        for part in split_outside_parens(line, ","):
            if items and _QUALIFIER_START_RE.match(part.strip()) and not co_pilots:
                items[-1] = f"{items[-1]}, {_clean_name(part)}"
                continue
            pieces = _split_outside_parens_re(part, re.compile(r"(?<=[)a-zà-ÿA-Z])\.\s+(?=[A-ZÀ-Þ])"))
            for regex in separators:
                pieces = [sub for piece in pieces for sub in _split_outside_parens_re(piece, regex)]
            for sub in pieces:
                item = _clean_name(sub)
                if item and not re.fullmatch(r"[.…]+", item):
                    items.append(item)
    return items


# ---------------------------------------------------------------- indicators
_OUI_NON_RE = re.compile(
    r"\b(effective?s?|effectivité|élaborée?s?|mise?s? en place|mise?s? en œuvre|"
    r"créée?s?|réalisée?s?|formalisée?s?|établie?s?|mise?s? en ligne|validée?s?|oui/non)\b",
    re.IGNORECASE)


def guess_indicator_kind(label: str) -> str:
    low = label.lower()
    if re.match(r"^(nombre|nb)\b", low):
        return "nombre"
    if low.startswith("taux") or "%" in low or "part de" in low or "pourcentage" in low:
        return "pourcentage"
    if _OUI_NON_RE.search(label):
        return "oui_non"
    return "texte"


# ---------------------------------------------------------------- output
def empty_action() -> dict:
    return {key: ([] if key in LIST_KEYS else "") for key in ACTION_KEYS}


def ordered_action(action: dict) -> dict:
    return {key: action[key] for key in ACTION_KEYS}


def catalogue(plan: dict, orientations: list[dict]) -> dict:
    return {
        "format": CATALOGUE_FORMAT,
        "version": CATALOGUE_FORMAT_VERSION,
        "catalogue_version": CATALOGUE_VERSION,
        "plan": plan,
        "orientations": orientations,
    }


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def iter_actions(data: dict):
    for orientation in data["orientations"]:
        for axe in orientation["axes"]:
            yield from axe["actions"]


def apply_corrections(data: dict, corrections: dict) -> None:
    """Apply {plan: {action number: {field: {"value": ..., "why": ...}}}}; fail loudly on
    corrections that no longer match anything (so they cannot silently go stale)."""
    plan_fixes = corrections.get(data["plan"]["code"], {})
    actions = {a["number"]: a for a in iter_actions(data)}
    for number, fields in plan_fixes.items():
        action = actions.get(int(number))
        if action is None:
            raise ValueError(f"correction for unknown action {data['plan']['code']} {number}")
        for field, fix in fields.items():
            if field not in action:
                raise ValueError(f"correction for unknown field {field!r} (action {number})")
            if not fix.get("why"):
                raise ValueError(f"correction {number}.{field} has no 'why'")
            action[field] = fix["value"]


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")
