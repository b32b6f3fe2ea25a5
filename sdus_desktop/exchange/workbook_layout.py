"""Layout of the référent workbook, shared by export and import (see docs/workbook-format.md).

Visible sheets carry a reference column ("Réf.", hidden) with the stable row id; the hidden sheet
"_sdus" carries the format, the export id, the source database id, the scope and, per row id, the
exported (base) values used by the three-way merge on import.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sdus_desktop.core import fields as f

FORMAT = "sdus-classeur-referent"
# 2: the « Notes de suivi » sheet (exchange.workbook_notes). Format 1 workbooks (no notes) are still imported.
VERSION = 2
NOTES_SINCE_VERSION = 2

SHEET_README = "Lisez-moi"
SHEET_ACTIONS = "Fiches"
SHEET_STEPS = "Étapes"
SHEET_VALUES = "Indicateurs"
SHEET_NOTES = "Notes de suivi"
SHEET_LISTS = "Listes"
SHEET_HIDDEN = "_sdus"

NAME_ACTION_STATUSES = "ListeStatuts"
NAME_STEP_STATUSES = "ListeEtats"

# Hidden sheet: key/value rows first, then one row per exported row id.
META_KEYS = ("format", "version", "export_id", "database_id", "scope", "exported_at", "exported_by", "rows",
             "checksum")
ROWS_HEADER_ROW = len(META_KEYS) + 2
FIRST_BASE_ROW = ROWS_HEADER_ROW + 1

# The hidden base of a row is JSON split into cells of BASE_CHUNK characters (a cell holds 32 767 at most).
BASE_CHUNK = 32_000
# Key of the base holding the numbers the row showed at export ([plan, fiche, étape | indicateur, période]):
# the visible cells must still say the same, or the row was moved away from its hidden key (partial sort).
SHOWN = "_shown"
# Key of the base holding the reference texts the row showed at export (Intitulé, Libellé, Calendrier,
# Indicateur, Type, Cible: header → text). Not imported: a cell that no longer says the same was changed in the
# workbook (a change made in the database since the export is not the référent's).
REFS = "_refs"

# « Lisez-moi »: the person who filled the workbook types their name beside this label (the journal's author).
FILLED_BY_LABEL = "Rempli par (votre nom) :"

# Blank, unlocked rows left at the bottom of "Indicateurs" for values of new periods.
FREE_VALUE_ROWS = 60

# Column kinds: how a cell is written and read back.
ID = "id"            # row reference (hidden column)
REF = "ref"          # reference text shown for context, never read back
PLAN = "plan"        # plan code (read only for new rows)
NUMBER = "number"    # fiche / étape / indicateur number (read only for new rows)
PERIOD = "period"    # reporting period (read only for new rows)
TEXT = "text"
LIST = "list"        # "A ; B" ↔ ["A", "B"]
ACTION_STATUS = "action_status"
STEP_STATUS = "step_status"
PERCENT = "percent"  # avancement 0–100
DATE = "date"
VALUE = "value"      # indicator value, depends on the indicator's kind


@dataclass(frozen=True)
class Column:
    header: str
    kind: str
    field: str | None = None   # entity field written back on import (editable columns only)
    width: float = 12
    wrap: bool = False

    @property
    def editable(self) -> bool:
        return self.field is not None


# Field kinds (core.fields) → column kinds; a field's unit shown in its header.
_COLUMN_KIND = {f.TEXT: TEXT, f.LIST: LIST, f.ACTION_STATUS: ACTION_STATUS, f.STEP_STATUS: STEP_STATUS,
                f.PERCENT: PERCENT, f.DATE: DATE, f.INDICATOR_VALUE: VALUE}
_UNIT = {f.PERCENT: " (%)"}


def field_header(spec: f.Field) -> str:
    """The header of a field's column: the declaration's `header` when it has one, else its label with a
    capital (and its unit: « Avancement (%) »). Import finds columns by these texts: changing one changes the
    workbook format."""
    if spec.header:
        return spec.header
    return spec.label[:1].upper() + spec.label[1:] + _UNIT.get(spec.kind, "")


def _field(entity: str, name: str, width: float, wrap: bool = False) -> Column:
    """The editable column of a declared workbook field: header and kind from its declaration."""
    spec = f.spec(entity, name)
    assert spec is not None and spec.workbook, f"{entity}.{name} is not a declared workbook field"
    return Column(field_header(spec), _COLUMN_KIND[spec.kind], name, width=width, wrap=wrap)


ACTION_COLUMNS = (
    Column("Réf.", ID, width=9),
    Column("Plan", PLAN, width=7),
    Column("N° fiche", NUMBER, width=8),
    Column("Intitulé", REF, width=60, wrap=True),
    _field("action", "status", width=16),
    _field("action", "avancement", width=14),
    _field("action", "referents", width=26, wrap=True),
    _field("action", "bilan", width=60, wrap=True),
)

STEP_COLUMNS = (
    Column("Réf.", ID, width=9),
    Column("Plan", PLAN, width=7),
    Column("N° fiche", NUMBER, width=8),
    Column("N° étape", NUMBER, width=8),
    Column("Libellé", REF, width=55, wrap=True),
    Column("Calendrier", REF, width=16, wrap=True),
    _field("step", "planned_start", width=12),
    _field("step", "planned_end", width=12),
    _field("step", "actual_start", width=12),
    _field("step", "actual_end", width=12),
    _field("step", "status", width=13),
    _field("step", "comment", width=45, wrap=True),
)

VALUE_COLUMNS = (
    Column("Réf.", ID, width=9),
    Column("Plan", PLAN, width=7),
    Column("N° fiche", NUMBER, width=8),
    Column("N° indicateur", NUMBER, width=11),
    Column("Indicateur", REF, width=50, wrap=True),
    Column("Type", REF, width=12),
    Column("Période", PERIOD, width=10),
    Column("Cible", REF, width=18, wrap=True),
    _field("value", "value", width=14),
    _field("value", "comment", width=45, wrap=True),
)

SHEET_COLUMNS: dict[str, tuple[Column, ...]] = {
    SHEET_ACTIONS: ACTION_COLUMNS,
    SHEET_STEPS: STEP_COLUMNS,
    SHEET_VALUES: VALUE_COLUMNS,
}
SHEET_ENTITY = {SHEET_ACTIONS: "action", SHEET_STEPS: "step", SHEET_VALUES: "value"}
# Columns a référent fills in on a new "Indicateurs" row (unlocked in the free rows).
NEW_VALUE_ROW_HEADERS = ("Plan", "N° fiche", "N° indicateur", "Période", "Valeur", "Commentaire")

# « Notes de suivi »: the fiche's notes (read only: a note is never rewritten by a workbook), then free rows where
# the référent adds notes (plan, n° de fiche, date, texte). Not in SHEET_COLUMNS: a format 1 workbook has none.
NOTE_COLUMNS = (
    Column("Réf.", ID, width=9),
    Column("Plan", PLAN, width=7),
    Column("N° fiche", NUMBER, width=8),
    Column("Intitulé de la fiche", REF, width=36, wrap=True),
    Column("Date", DATE, "note_date", width=12),
    Column("Auteur", REF, width=20, wrap=True),
    Column("Note", TEXT, "text", width=70, wrap=True),
    Column("Comité", REF, width=16, wrap=True),
)
NEW_NOTE_ROW_HEADERS = ("Plan", "N° fiche", "Date", "Note")
FREE_NOTE_ROWS = 40

_PREFIX = {"action": "F", "step": "E", "value": "V", "note": "N"}
_ENTITY_OF_PREFIX = {prefix: entity for entity, prefix in _PREFIX.items()}


def row_ref(entity: str, key: str) -> str:
    """Stable row id written in the "Réf." column: F12 (fiche id 12), E345 (étape), V17:2021 (valeur)."""
    return f"{_PREFIX[entity]}{key}"


def parse_row_ref(text: str) -> tuple[str, str] | None:
    """(entity, key) of a row id, or None when the text is not one."""
    text = text.strip()
    if len(text) < 2 or text[0] not in _ENTITY_OF_PREFIX:
        return None
    entity, key = _ENTITY_OF_PREFIX[text[0]], text[1:]
    if entity == "value":
        indicator, _, period = key.partition(":")
        return (entity, key) if indicator.isdigit() and period else None
    return (entity, key) if key.isdigit() else None


def column_letter(index: int) -> str:
    """Spreadsheet letter of a 1-based column index (A, B, …, AA)."""
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def place(sheet: str, column: int, row: int) -> str:
    return f"{sheet}!{column_letter(column)}{row}"


def checksum(meta: dict[str, Any], bases: list[tuple[str, str]]) -> str:
    """Integrity digest of the hidden sheet (detects damage, not tampering)."""
    digest = hashlib.sha256()
    for key in META_KEYS[:-1]:
        digest.update(f"{key}={meta.get(key)}\n".encode())
    for ref, base in bases:
        digest.update(f"{ref}\t{base}\n".encode())
    return digest.hexdigest()


def wrapped_lines(text: str, width: float) -> int:
    """Lines a text takes in a wrapped cell of `width` characters (a generous estimate)."""
    per_line = max(1, int(width * 1.1) - 2)
    return sum(max(1, -(-len(paragraph) // per_line)) for paragraph in text.split("\n"))
