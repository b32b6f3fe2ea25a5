"""Read a plan definition workbook (.xlsx, or .ods through LibreOffice) into a PlanDefinition.

Every cell is checked and each problem is reported with its place (« Fiches!B14 : numéro en
double »). The reader never stops at the first error: the whole workbook is read, so that the
central team corrects everything at once. Any error → no definition (nothing can be applied).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sdus_desktop.core.indicators import IndicatorKind
from sdus_desktop.core.plan_states import EN_COURS, parse_state, state_label, unknown_state
from sdus_desktop.exchange import plan_layout as L
from sdus_desktop.exchange.normalize import clean_text
from sdus_desktop.exchange.plan_model import (
    FICHE_LIST_FIELDS,
    FICHE_TEXT_FIELDS,
    AxeDef,
    EtapeDef,
    FicheDef,
    GroupDef,
    IndicatorDef,
    PlanDefinition,
    PlanInfo,
)

_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$")
_MAX_ERRORS_KEPT = 500


@dataclass
class PlanReadResult:
    file_name: str
    definition: PlanDefinition | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.definition is not None and not self.errors


class _Errors(list[str]):
    def add(self, place: str, message: str) -> None:
        if len(self) < _MAX_ERRORS_KEPT:
            self.append(f"{place} : {message}" if place else message)


def read_definition(path: Path) -> PlanReadResult:
    """Read and check a definition workbook; `ok` only when every cell is valid."""
    from sdus_desktop.exchange.plan_files import open_definition_workbook

    path = Path(path)
    result = PlanReadResult(path.name)
    opened = open_definition_workbook(path)
    if opened.error:
        result.errors.append(opened.error)
        return result
    try:
        errors = _Errors()
        definition = _read(opened.sheets, errors)
        result.errors = list(errors)
        result.definition = definition if not errors else None
    finally:
        opened.close()
    return result


# -- cells ---------------------------------------------------------------------------------------
@dataclass
class _Cell:
    sheet: str
    row: int
    column: int
    value: Any
    formula: bool

    @property
    def place(self) -> str:
        from openpyxl.utils import get_column_letter

        return f"{self.sheet}!{get_column_letter(self.column)}{self.row}"


def _text(cell: _Cell, errors: _Errors, *, required: bool = False, limit: int = L.MAX_TEXT) -> str:
    if cell.formula:
        errors.add(cell.place, "formule refusée : saisissez le texte lui-même")
        return ""
    if isinstance(cell.value, bool):
        errors.add(cell.place, "texte attendu, trouvé une valeur VRAI/FAUX")
        return ""
    text = clean_text(cell.value)
    if required and not text:
        errors.add(cell.place, "cellule vide : ce texte est obligatoire")
    elif len(text) > limit:
        errors.add(cell.place, f"texte trop long ({len(text)} caractères ; {limit} au plus)")
        return ""
    return text


def _integer(cell: _Cell, errors: _Errors, what: str, *, required: bool = True,
             low: int = 1, high: int = 100_000) -> int | None:
    if cell.formula:
        errors.add(cell.place, "formule refusée : saisissez le nombre lui-même")
        return None
    value = cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.add(cell.place, f"{what} manquant")
        return None
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer() or isinstance(value, str) and re.fullmatch(r"\s*\d{1,9}\s*", value):
        number = int(value)
    if number is None or not low <= number <= high:
        errors.add(cell.place, f"{what} invalide « {clean_text(value)} » (nombre entier de {low} à {high})")
        return None
    return number


def split_lines_list(text: str) -> list[str]:
    """A list cell: one item per line; a line starting with « - » is a sub-item of the previous one."""
    items: list[str] = []
    for line in (ln.strip() for ln in text.split("\n")):
        if not line:
            continue
        if line.startswith("- ") and items:
            items[-1] += "\n" + line
        else:
            items.append(line)
    return items


# -- sheets --------------------------------------------------------------------------------------
def _rows(sheet: Any, name: str, columns: tuple[str, ...], errors: _Errors) -> list[list[_Cell]]:
    """Data rows (blank rows skipped) after checking the header row. Values are read without cell objects
    (the slow part of openpyxl); formula cells are found separately in the sheet's XML."""
    rows: list[list[_Cell]] = []
    blank = 0
    width = len(columns)
    formulas: set[tuple[int, int]] = getattr(sheet, "formula_cells", set())
    for index, raw in enumerate(sheet.iter_rows(max_col=width, values_only=True), start=1):
        cells = [_Cell(name, index, column, value, (index, column) in formulas)
                 for column, value in enumerate(raw, start=1)]
        cells += [_Cell(name, index, column, None, False) for column in range(len(cells) + 1, width + 1)]
        if index == 1:
            for cell, expected in zip(cells, columns, strict=True):
                found = clean_text(cell.value)
                if found.casefold() != expected.casefold():
                    errors.add(cell.place, f"colonne « {expected} » attendue, trouvé « {found} » "
                                           "(repartez du modèle : sdus plan template)")
            continue
        if all(c.value is None or (isinstance(c.value, str) and not c.value.strip()) for c in cells):
            blank += 1
            if blank > L.MAX_ROWS:  # formatted but empty rows by the million: stop reading, refuse
                errors.add(f"{name}!A{index}", f"plus de {L.MAX_ROWS} lignes vides : classeur refusé")
                break
            continue
        if len(rows) >= L.MAX_ROWS:
            errors.add(f"{name}!A{index}", f"plus de {L.MAX_ROWS} lignes : classeur refusé")
            break
        rows.append(cells)
    return rows


def _read(sheets: dict[str, Any], errors: _Errors) -> PlanDefinition | None:
    info = _read_plan(sheets[L.SHEET_PLAN], errors)
    definition = PlanDefinition(info)
    seen_groups: dict[int, str] = {}
    for cells in _rows(sheets[L.SHEET_GROUPS], L.SHEET_GROUPS, L.GROUP_COLUMNS, errors):
        number = _integer(cells[0], errors, "numéro d'orientation")
        title = _text(cells[1], errors, required=True, limit=L.MAX_TITLE)
        if number is not None:
            if number in seen_groups:
                errors.add(cells[0].place, f"numéro en double (déjà en {seen_groups[number]})")
            else:
                seen_groups[number] = cells[0].place
                definition.groups.append(GroupDef(number, title, cells[0].place))
    if not definition.groups and not any(e.startswith(f"{L.SHEET_GROUPS}!") for e in errors):
        errors.add(f"{L.SHEET_GROUPS}!A2", "aucune orientation : un plan a au moins un premier niveau")
    seen_axes: dict[tuple[int, int], str] = {}
    groups_with_rows: set[int] = set()
    for cells in _rows(sheets[L.SHEET_AXES], L.SHEET_AXES, L.AXE_COLUMNS, errors):
        group = _integer(cells[0], errors, "numéro d'orientation")
        groups_with_rows.add(group or 0)
        number = _integer(cells[1], errors, "numéro d'axe")
        title = _text(cells[2], errors, required=True, limit=L.MAX_TITLE)
        if group is not None and group not in seen_groups:
            errors.add(cells[0].place, f"orientation {group} absente de la feuille « {L.SHEET_GROUPS} »")
        elif group is not None and number is not None:
            if (group, number) in seen_axes:
                errors.add(cells[1].place, f"numéro en double (axe {number} de l'orientation {group} déjà en "
                                           f"{seen_axes[(group, number)]})")
            else:
                seen_axes[(group, number)] = cells[1].place
                definition.axes.append(AxeDef(group, number, title, cells[1].place))
    if not definition.axes and not any(e.startswith(f"{L.SHEET_AXES}!") for e in errors):
        errors.add(f"{L.SHEET_AXES}!A2", "aucun axe : un plan a au moins un axe")
    elif definition.axes:  # an orientation without axe cannot hold fiches (a row with an error is not « none »)
        for orientation in definition.groups:
            if orientation.number not in groups_with_rows:
                errors.add(orientation.place, f"orientation {orientation.number} sans axe : ajoutez ses axes dans la feuille "
                                        f"« {L.SHEET_AXES} » ou retirez-la")
    fiches = _read_fiches(sheets[L.SHEET_FICHES], seen_axes, errors)
    definition.fiches = sorted(fiches.values(), key=lambda f: f.number)
    _read_etapes(sheets[L.SHEET_ETAPES], fiches, errors)
    _read_indicators(sheets[L.SHEET_INDICATORS], fiches, errors)
    return None if errors else definition


def _read_plan(sheet: Any, errors: _Errors) -> PlanInfo:
    values: dict[str, _Cell] = {}
    rows = {index: list(raw) for index, raw in enumerate(sheet.iter_rows(min_row=1, max_row=len(L.PLAN_ROWS) + 1,
                                                                          max_col=2), start=1)}
    formulas: set[tuple[int, int]] = getattr(sheet, "formula_cells", set())
    for offset, (name, label) in enumerate(L.PLAN_ROWS, start=2):
        raw = rows.get(offset, [])
        head = clean_text(getattr(raw[0], "value", None)) if raw else ""
        if head.casefold() != label.casefold():
            errors.add(f"{L.SHEET_PLAN}!A{offset}", f"« {label} » attendu, trouvé « {head} »")
        cell = raw[1] if len(raw) > 1 else None
        values[name] = _Cell(L.SHEET_PLAN, offset, 2, getattr(cell, "value", None),
                             getattr(cell, "data_type", "n") == "f" or (offset, 2) in formulas)
    code = _text(values["code"], errors, required=True, limit=16)
    if code and not _CODE_RE.match(code):
        errors.add(values["code"].place, f"code « {code} » invalide (lettres, chiffres, « - » ou « _ », "
                                         "16 caractères au plus)")
    title = _text(values["title"], errors, required=True, limit=L.MAX_TITLE)
    start = _integer(values["period_start"], errors, "année de début", low=2000, high=2100)
    end = _integer(values["period_end"], errors, "année de fin", low=2000, high=2100)
    if start is not None and end is not None and end < start:
        errors.add(values["period_end"].place, f"l'année de fin ({end}) précède l'année de début ({start})")
    level1 = _text(values["level1_label"], errors, required=True, limit=32)
    state_text = _text(values["state"], errors) or state_label(EN_COURS)
    state = parse_state(state_text)
    if state is None:
        errors.add(values["state"].place, unknown_state(state_text))
    previous = _text(values["previous_code"], errors, limit=16)
    return PlanInfo(code.upper(), title, start or 0, end or 0, level1, state or EN_COURS, previous.upper())


def _read_fiches(sheet: Any, axes: dict[tuple[int, int], str], errors: _Errors) -> dict[int, FicheDef]:
    fiches: dict[int, FicheDef] = {}
    keys: dict[int, str] = {}
    for cells in _rows(sheet, L.SHEET_FICHES, L.FICHE_COLUMNS, errors):
        key = _integer(cells[0], errors, "clé", required=False)
        number = _integer(cells[1], errors, "numéro de fiche")
        label = _text(cells[2], errors, limit=32)
        group = _integer(cells[3], errors, "numéro d'orientation")
        axe = _integer(cells[4], errors, "numéro d'axe")
        title = _text(cells[5], errors, required=True, limit=L.MAX_TITLE)
        texts: dict[str, Any] = {}
        for (name, _), cell in zip(FICHE_TEXT_FIELDS, cells[6:], strict=True):
            text = _text(cell, errors)
            texts[name] = split_lines_list(text) if name in FICHE_LIST_FIELDS else text
        if group is not None and axe is not None and (group, axe) not in axes:
            errors.add(cells[4].place, f"axe {axe} de l'orientation {group} absent de la feuille « {L.SHEET_AXES} »")
        if key is not None:
            if key in keys:
                errors.add(cells[0].place, f"clé en double (déjà en {keys[key]})")
            keys[key] = cells[0].place
        if number is None:
            continue
        if number in fiches:
            errors.add(cells[1].place, f"numéro en double (fiche {number} déjà en {fiches[number].place})")
            continue
        fiches[number] = FicheDef(number, title, group or 0, axe or 0, label, texts, key=key, place=cells[1].place)
    return fiches  # no fiche yet is allowed: a plan being prepared (« Préparer le plan suivant ») has none


def _children(sheet: Any, name: str, columns: tuple[str, ...], fiches: dict[int, FicheDef],
              errors: _Errors) -> list[tuple[FicheDef, int | None, int, list[_Cell]]]:
    """Rows of a per-fiche sheet: (fiche, key, number, cells), with duplicates and unknown fiches refused."""
    out = []
    numbers: dict[tuple[int, int], str] = {}
    keys: dict[tuple[int, int], str] = {}
    for cells in _rows(sheet, name, columns, errors):
        fiche_number = _integer(cells[0], errors, "numéro de fiche")
        key = _integer(cells[1], errors, "clé", required=False)
        number = _integer(cells[2], errors, "numéro")
        if fiche_number is None or number is None:
            continue
        fiche = fiches.get(fiche_number)
        if fiche is None:
            errors.add(cells[0].place, f"fiche {fiche_number} absente de la feuille « {L.SHEET_FICHES} »")
            continue
        if (fiche_number, number) in numbers:
            errors.add(cells[2].place, f"numéro en double (fiche {fiche_number}, n° {number} déjà en "
                                       f"{numbers[(fiche_number, number)]})")
            continue
        numbers[(fiche_number, number)] = cells[2].place
        if key is not None:
            if (fiche_number, key) in keys:
                errors.add(cells[1].place, f"clé en double (déjà en {keys[(fiche_number, key)]})")
            keys[(fiche_number, key)] = cells[1].place
        out.append((fiche, key, number, cells))
    return out


def _read_etapes(sheet: Any, fiches: dict[int, FicheDef], errors: _Errors) -> None:
    for fiche, key, number, cells in _children(sheet, L.SHEET_ETAPES, L.ETAPE_COLUMNS, fiches, errors):
        label = _text(cells[3], errors, required=True)
        calendrier = _text(cells[4], errors, limit=200)
        fiche.etapes.append(EtapeDef(number, label, calendrier, key=key, place=cells[2].place))
    for fiche in fiches.values():
        fiche.etapes.sort(key=lambda e: e.number)


def _read_indicators(sheet: Any, fiches: dict[int, FicheDef], errors: _Errors) -> None:
    for fiche, key, number, cells in _children(sheet, L.SHEET_INDICATORS, L.INDICATOR_COLUMNS, fiches, errors):
        label = _text(cells[3], errors, required=True)
        kind_text = _text(cells[4], errors) or "texte"
        try:
            kind = IndicatorKind.from_label(kind_text).value
        except ValueError as error:
            errors.add(cells[4].place, str(error))
            kind = "texte"
        target = _text(cells[5], errors, limit=200)
        fiche.indicators.append(IndicatorDef(number, label, kind, target, key=key, place=cells[2].place))
    for fiche in fiches.values():
        fiche.indicators.sort(key=lambda i: i.number)
