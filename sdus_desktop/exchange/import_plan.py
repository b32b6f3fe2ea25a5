"""Plan an import without writing anything: validate every editable cell, merge it three ways."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sdus_desktop.core.indicators import parse_period
from sdus_desktop.core.lateness import effective_period
from sdus_desktop.core.limits import check_text_length
from sdus_desktop.core.oserrors import describe_os_error
from sdus_desktop.core.validation import check_order
from sdus_desktop.exchange import workbook_layout as L
from sdus_desktop.exchange.import_checks import ImportChecks, field_place, row_label
from sdus_desktop.exchange.import_history import CellKey
from sdus_desktop.exchange.import_preview import CellChange, CellConflict, ImportPreview
from sdus_desktop.exchange.merge import Outcome, merge_cell
from sdus_desktop.exchange.normalize import canonical_cell, canonical_db, clean_text, display, label
from sdus_desktop.exchange.safety import WorkbookRefused, check_workbook_file
from sdus_desktop.exchange.workbook_read import SheetRow, WorkbookContent, read_workbook
from sdus_desktop.exchange.workbook_scope import Action, Indicator, Step, action_base, step_base
from sdus_desktop.store import imports, readmodel
from sdus_desktop.store.changes import split_value_key, value_key
from sdus_desktop.store.database import Database
from sdus_desktop.store.progress import iter_actions

if TYPE_CHECKING:
    from sdus_desktop.store.session import Session


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def prepare_import(db: Database, path: Path, expected_plan: str | None = None) -> ImportPreview:
    """The preview of importing `path` alone; never writes. Refusals end up in preview.refused."""
    from sdus_desktop.exchange.import_batch import prepare_batch

    return prepare_batch(db, [path], expected_plan)[0]


def read_import(db: Database, path: Path, expected_plan: str | None = None) -> ImportPreview:
    """Check and read `path` (no merge yet): a preview holding the workbook content, or its refusal."""
    path = Path(path)
    try:
        check_workbook_file(path)
        preview = ImportPreview(path, file_sha256(path))
        content = read_workbook(path)
        _check_origin(db, content, expected_plan)
    except (WorkbookRefused, OSError) as refusal:
        return ImportPreview(path, _sha256_or_empty(path), refused=_refusal_text(refusal, path))
    preview.export_id = content.export_id
    preview.scope_text = content.scope.describe()
    preview.content = content
    return preview


def current_state(db: Database) -> list[tuple[str, Action]]:
    """Every fiche of the database now, with its plan code (the read model: plain DB-API, no ORM)."""
    plans = readmodel.load_plans(db.path)
    return [(plan.code, action) for plan in plans for action in iter_actions([plan])]


def plan_import(preview: ImportPreview, state: list[tuple[str, Action]], seen: dict[CellKey, list[Any]],
                imported_at: datetime | None) -> ImportPreview:
    """A fresh preview of the read workbook against `state`: changes, conflicts, errors (nothing written).

    `seen`: per cell, the workbook values earlier imports of the same export applied or decided;
    `imported_at`: when this very file (same bytes) was imported, if it was."""
    content = preview.content
    assert content is not None
    fresh = ImportPreview(preview.path, preview.sha256, export_id=preview.export_id, scope_text=preview.scope_text,
                          content=content)
    if imported_at is not None:
        fresh.already_imported_at = imported_at
        return fresh
    _Planner(_State(state, content), content, fresh, seen).run()
    return fresh


def imported_at(session: Session, sha256: str) -> datetime | None:
    """When a file with these bytes was imported (and not undone), or None."""
    return imports.imported_at(session, sha256)


def _refusal_text(refusal: Exception, path: Path) -> str:
    """A refusal in French: the WorkbookRefused text, or what to do about a file that cannot be read."""
    if isinstance(refusal, OSError):
        return describe_os_error(refusal, path, writing=False) + "."
    return str(refusal)


def _sha256_or_empty(path: Path) -> str:
    try:
        return file_sha256(path) if path.is_file() else ""
    except OSError:
        return ""


def _check_origin(db: Database, content: WorkbookContent, expected_plan: str | None) -> None:
    name = content.path.name
    if content.meta.get("database_id") != db.database_id:
        raise WorkbookRefused(
            f"« {name} » a été exporté depuis une autre base SDUS Desktop : il ne peut être importé que dans la base "
            "d'où il provient. Demandez un classeur exporté de cette base.")
    if expected_plan and expected_plan.upper() not in content.scope.plans:
        raise WorkbookRefused(f"« {name} » concerne le plan {' et '.join(content.scope.plans)}, pas le plan "
                              f"{expected_plan.upper()} : choisissez le bon plan ou le bon fichier.")


_PLANNED = ("planned_start", "planned_end")


@dataclass
class _Target:
    entity: str
    key: str
    where: str
    action_id: int
    current: dict[str, Any]   # canonical database values by field
    kind: str | None = None
    empty: dict[str, Any] = field(default_factory=dict)   # what an empty cell means, when not "nothing"

    def filled(self, name: str, value: Any) -> Any:
        """An empty planned date stands for the calendrier's date (the export shows it when not overridden)."""
        return self.empty[name] if value is None and name in self.empty else value


class _State:
    """The database as it is now, indexed for the rows of the workbook."""

    def __init__(self, actions: list[tuple[str, Action]], content: WorkbookContent) -> None:
        self.multi_plan = len(content.scope.plans) > 1
        self.plan_of: dict[int, str] = {}
        self.actions: dict[int, Action] = {}
        self.steps: dict[int, tuple[Action, Step]] = {}
        self.indicators: dict[int, tuple[Action, Indicator]] = {}
        self.by_number: dict[tuple[str, int], Action] = {}
        for code, action in actions:
            self.plan_of[action.id] = code
            self.actions[action.id] = action
            self.by_number[(code, action.number)] = action
            for step in action.steps:
                self.steps[step.id] = (action, step)
            for indicator in action.indicators:
                self.indicators[indicator.id] = (action, indicator)

    def numbers(self, entity: str, key: str) -> list[Any] | None:
        """[plan, fiche, étape | indicateur, période] of an element as the database numbers it now."""
        if entity == "action":
            action = self.actions.get(int(key))
            return None if action is None else [self.plan_of[action.id], action.number]
        if entity == "step":
            found = self.steps.get(int(key))
            if found is None:
                return None
            return [self.plan_of[found[0].id], found[0].number, found[1].number]
        indicator_id, period = split_value_key(key)
        pair = self.indicators.get(indicator_id)
        return None if pair is None else [self.plan_of[pair[0].id], pair[0].number, pair[1].number, period]

    def fiche(self, action: Action) -> str:
        prefix = f"{self.plan_of[action.id]} · " if self.multi_plan else ""
        return f"{prefix}fiche {action.number}"

    def target(self, entity: str, key: str) -> _Target | None:
        if entity == "action":
            action = self.actions.get(int(key))
            return None if action is None else _Target(entity, key, self.fiche(action), action.id, action_base(action))
        if entity == "step":
            found = self.steps.get(int(key))
            if found is None:
                return None
            action, step = found
            start, end = effective_period(step.calendrier, None, None)
            empty = {name: canonical_db(entity, name, day) for name, day in zip(_PLANNED, (start, end), strict=True)}
            return _Target(entity, key, f"{self.fiche(action)} · étape {step.number}", action.id, step_base(step),
                           empty=empty)
        indicator_id, period = split_value_key(key)
        pair = self.indicators.get(indicator_id)
        if pair is None:
            return None
        action, indicator = pair
        stored = next((v for v in indicator.values if v.period == period), None)
        current = {"value": stored.value if stored else None,
                   "comment": canonical_db("value", "comment", stored.comment) if stored else ""}
        return _Target(entity, key, f"{self.fiche(action)} · indicateur {indicator.number} · {period}", action.id,
                       current, indicator.kind)


class _Planner:
    def __init__(self, state: _State, content: WorkbookContent, preview: ImportPreview,
                 seen: dict[CellKey, list[Any]]) -> None:
        self.state, self.content, self.preview = state, content, preview
        self.seen_by_import = seen   # values earlier imports of this export applied or decided, per cell
        self.scope_ids = set(content.scope.action_ids)
        self.seen: dict[str, str] = {}   # row key → where it was seen ("Étapes ligne 5")
        self.checks = ImportChecks(state)   # remarks: combinations the application would not save, columns not read

    def run(self) -> None:
        new_rows: list[SheetRow] = []
        for row in self.content.rows:
            if not row.ref:
                if row.sheet == L.SHEET_VALUES:
                    new_rows.append(row)
                else:
                    self.error(row.cells[L.SHEET_COLUMNS[row.sheet][2].header].place,
                               "ligne ajoutée : seules de nouvelles périodes d'indicateurs peuvent être ajoutées "
                               "(feuille « Indicateurs »). Supprimez cette ligne.")
                continue
            self.existing_row(row)
        for row in new_rows:
            self.new_value_row(row)
        self.preview.notices.extend(self.checks.finish())

    def error(self, place: str, message: str, row: SheetRow | None = None) -> None:
        """« Fiches!F2 : avancement invalide « 150 » (SDUS · fiche 12) »: the cell, what is wrong, and the element
        its row stands for when known."""
        self.preview.errors.append(f"{place} : {message}{f' ({_row_key(row)})' if row is not None else ''}")

    def existing_row(self, row: SheetRow) -> None:
        ref_place = row.cells["Réf."].place
        parsed = L.parse_row_ref(row.ref)
        entity = L.SHEET_ENTITY[row.sheet]
        if parsed is None or parsed[0] != entity or row.ref not in self.content.bases:
            self.error(ref_place, f"référence de ligne inconnue « {row.ref} » (ligne copiée d'un autre classeur "
                                  "ou d'une autre feuille ?). Supprimez cette ligne.")
            return
        if not self.first_time(row.ref, row, ref_place):
            return
        base = self.content.bases[row.ref]
        if not self.numbers_match(row, entity, parsed[1], base):
            return
        self.merge_row(row, entity, parsed[1], base)

    def numbers_match(self, row: SheetRow, entity: str, key: str, base: dict[str, Any]) -> bool:
        """The plan, fiche, étape / indicateur and période a row shows must be those of its hidden key: a sort
        of some columns only, or swapped cells, would otherwise send values to another element."""
        headers = _SHOWN_HEADERS[entity]
        shown = [row.text(header) for header in headers]
        expected = base.get(L.SHOWN)
        if expected is None:   # a workbook from before numbers were recorded: what the database says now
            expected = self.state.numbers(entity, key)
            if expected is None:
                return True
        expected = [str(value) for value in expected]
        if shown == expected:
            return True
        wrong = next(i for i, (a, b) in enumerate(zip(shown, expected, strict=True)) if a != b)
        self.error(row.cells[headers[wrong]].place,
                   f"cette ligne montre {_numbers_text(entity, shown)} mais sa référence cachée est celle de "
                   f"{_numbers_text(entity, expected)} : des colonnes ont été triées ou déplacées sans les autres. "
                   "Annulez ce tri (ou triez toute la feuille, colonne Réf. comprise), ou exportez un nouveau "
                   "classeur ; rien n'est importé tant que les lignes ne correspondent pas.")
        return False

    def first_time(self, key: str, row: SheetRow, place: str) -> bool:
        here = f"« {row.sheet} » ligne {row.row}"
        if key in self.seen:
            self.error(place, f"ligne en double : même élément que {self.seen[key]}. Gardez une seule de ces lignes.")
            return False
        self.seen[key] = here
        return True

    def new_value_row(self, row: SheetRow) -> None:
        place_fiche = row.cells["N° fiche"].place
        plans = self.content.scope.plans
        code = row.text("Plan").upper() or (plans[0] if len(plans) == 1 else "")
        if code not in plans:
            self.error(row.cells["Plan"].place, f"plan « {row.text('Plan')} » absent de ce classeur "
                                                f"(attendu : {' ou '.join(plans)}).")
            return
        try:
            fiche, number = int(row.text("N° fiche")), int(row.text("N° indicateur"))
            period = parse_period(row.text("Période"))
        except ValueError as error:
            detail = str(error) if "période" in str(error) else "n° de fiche et n° d'indicateur attendus (nombres)"
            self.error(place_fiche, f"nouvelle ligne d'indicateur incomplète : {detail}.")
            return
        action = self.state.by_number.get((code, fiche))
        if action is None or action.id not in self.scope_ids:
            self.error(place_fiche, f"la fiche {fiche} ({code}) est hors du périmètre de ce classeur : "
                                    "seules ses fiches peuvent être modifiées.")
            return
        indicator = next((i for i in action.indicators if i.number == number), None)
        if indicator is None:
            self.error(row.cells["N° indicateur"].place, f"la fiche {fiche} n'a pas d'indicateur n° {number}.")
            return
        key = value_key(indicator.id, period)
        ref = L.row_ref("value", key)
        if not self.first_time(ref, row, place_fiche):
            return
        self.merge_row(row, "value", key, self.content.bases.get(ref, {"value": None, "comment": ""}))

    def merge_row(self, row: SheetRow, entity: str, key: str, base: dict[str, Any]) -> None:
        target = self.state.target(entity, key)
        theirs: dict[str, Any] = {}
        for column in L.SHEET_COLUMNS[row.sheet]:
            if not column.editable:
                continue
            assert column.field is not None
            cell = row.cells[column.header]
            if cell.formula:
                self.error(cell.place, f"formule interdite dans une cellule à remplir « {cell.value} » : saisissez "
                                       "la valeur elle-même.", row)
                continue
            if cell.error:
                self.error(cell.place, f"valeur d'erreur « {cell.value} » : saisissez une valeur.", row)
                continue
            try:
                kind = target.kind if target is not None else "texte"
                theirs[column.field] = canonical_cell(entity, column.field, cell.value, kind)
                check_text_length(theirs[column.field])
            except ValueError as error:
                exported = base.get(column.field)
                if isinstance(exported, str) and exported and clean_text(cell.value) == exported:
                    theirs[column.field] = exported  # a value an older version stored (« Infinity »), sent back as is
                else:
                    self.error(cell.place, str(error), row)
        # The base is what THIS workbook carried when exported (its hidden sheet): never what an earlier import
        # of another copy applied, so an older copy cannot revert a newer one and two copies that changed a
        # cell differently meet as a conflict.
        if target is None:
            self.removed_element(row, entity, base, theirs)
            return
        final = dict(target.current)
        for name, value in theirs.items():
            wanted = target.filled(name, value)
            exported = target.filled(name, base.get(name))
            if wanted != exported and self._seen(entity, key, name, target, wanted):
                continue   # a copy re-sent: this very edit was already imported (or decided) from this export
            outcome = merge_cell(exported, target.current.get(name), wanted)
            change = CellChange(entity, key, name, target.current.get(name), value, target.where,
                                field_place(row, name), target.kind, action_id=target.action_id)
            if outcome is Outcome.APPLY:
                self.preview.changes.append(change)
                final[name] = wanted
            elif outcome is Outcome.ALREADY:
                self.preview.agreed.append(change)
            elif outcome is Outcome.CONFLICT:
                self.preview.conflicts.append(CellConflict(change, base.get(name), target.action_id))
        if entity == "step":
            self.check_dates(row, final)
        self.checks.planned(row, entity, key, target.where, target.current, final)
        self.checks.reference_cells(row, entity, key, target.where, base.get(L.REFS))

    def _seen(self, entity: str, key: str, name: str, target: _Target, wanted: Any) -> bool:
        return any(target.filled(name, value) == wanted for value in self.seen_by_import.get((entity, key, name), ()))

    def removed_element(self, row: SheetRow, entity: str, base: dict[str, Any], theirs: dict[str, Any]) -> None:
        """A row whose element was deleted from the database since the export: say what is dropped."""
        dropped = [f"{label(entity, name)} : {display(entity, name, value)}"
                   for name, value in theirs.items()
                   if value != base.get(name) and not (value is None and name in _PLANNED)]
        if not dropped:
            return
        what = {"action": "cette fiche a été supprimée", "step": "cette étape a été supprimée",
                "value": "cet indicateur a été supprimé"}[entity]
        self.preview.notices.append(
            f"« {row.sheet} » ligne {row.row} ({row_label(row, self.state.multi_plan)}) : {what} de la base "
            f"depuis l'export ; valeurs du classeur non importées — {' ; '.join(dropped)}. "
            "Reportez-les à la main si elles valent encore.")

    def check_dates(self, row: SheetRow, final: dict[str, Any]) -> None:
        for start, end, header, what in (("actual_start", "actual_end", "Fin réelle", "dates réelles"),
                                         ("planned_start", "planned_end", "Fin prévue", "dates prévues")):
            try:
                check_order(_day(final.get(start)), _day(final.get(end)), what)
            except ValueError as error:
                self.error(row.cells[header].place, str(error), row)


_SHOWN_HEADERS = {
    "action": ("Plan", "N° fiche"),
    "step": ("Plan", "N° fiche", "N° étape"),
    "value": ("Plan", "N° fiche", "N° indicateur", "Période"),
}


def _numbers_text(entity: str, numbers: list[str]) -> str:
    parts = [f"{numbers[0]} · fiche {numbers[1]}"]
    if entity == "step":
        parts.append(f"étape {numbers[2]}")
    elif entity == "value":
        parts.append(f"indicateur {numbers[2]} · {numbers[3]}")
    return " · ".join(parts)


def _row_key(row: SheetRow) -> str:
    """"SDUS · fiche 12 · étape 2" (or "· indicateur 1 · 2024"), from the row's reference columns."""
    parts = [row.text("Plan"), f"fiche {row.text('N° fiche')}"]
    if row.sheet == L.SHEET_STEPS:
        parts.append(f"étape {row.text('N° étape')}")
    elif row.sheet == L.SHEET_VALUES:
        parts += [f"indicateur {row.text('N° indicateur')}", row.text("Période")]
    return " · ".join(part for part in parts if part)


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None
