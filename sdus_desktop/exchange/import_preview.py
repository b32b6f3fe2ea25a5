"""What an import would do: changes, conflicts, errors (the preview shown before anything is written)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sdus_desktop.exchange.import_history import import_origin
from sdus_desktop.exchange.normalize import display, label
from sdus_desktop.store.changes import Edit

if TYPE_CHECKING:
    from sdus_desktop.exchange.workbook_read import WorkbookContent


@dataclass(frozen=True)
class CellChange:
    entity: str
    key: str
    field: str
    old: Any          # canonical database value
    new: Any          # canonical workbook value
    where: str        # "fiche 12 · étape 2"
    place: str        # "Étapes!J12"
    kind: str | None = None
    action_id: int = 0

    @property
    def field_label(self) -> str:
        return label(self.entity, self.field)

    def show(self, value: Any) -> str:
        if value is None and self.entity == "step" and self.field in ("planned_start", "planned_end"):
            return "date du calendrier"  # no override: the planned date is derived from the calendrier
        return display(self.entity, self.field, value, self.kind)

    def text(self) -> str:
        """"fiche 12 · étape 2 · fin réelle : — → 30/06/2021"."""
        return f"{self.where} · {self.field_label} : {self.show(self.old)} → {self.show(self.new)}"

    def edit(self) -> Edit:
        return Edit(self.entity, self.key, self.field, self.new)


@dataclass(frozen=True)
class CellConflict:
    change: CellChange   # old = the database now (mine), new = the workbook (theirs)
    base: Any            # value at export time
    action_id: int

    @property
    def decision_key(self) -> tuple[str, str, str]:
        return (self.change.entity, self.change.key, self.change.field)

    def text(self) -> str:
        change = self.change
        return (f"{change.where} · {change.field_label} : à l'export {change.show(self.base)} ; "
                f"base {change.show(change.old)} ; classeur {change.show(change.new)}")


@dataclass
class ImportPreview:
    path: Path
    sha256: str
    export_id: str = ""
    scope_text: str = ""
    changes: list[CellChange] = field(default_factory=list)
    conflicts: list[CellConflict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    already_imported_at: datetime | None = None
    refused: str | None = None   # whole-file refusal (not a workbook, other database, damaged…)
    agreed: list[CellChange] = field(default_factory=list, repr=False)   # edits the database already holds
    content: WorkbookContent | None = field(default=None, repr=False, compare=False)   # the workbook read

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def origin(self) -> str:
        return import_origin(self.file_name, self.export_id)

    @property
    def ok(self) -> bool:
        return self.refused is None and not self.errors

    def summary(self) -> str:
        if self.refused:
            return f"refusé : {self.refused}"
        if self.errors:
            return f"refusé : {len(self.errors)} erreur(s), rien n'est importé"
        if self.already_imported_at is not None:
            return f"déjà importé le {self.already_imported_at:%d/%m/%Y à %H:%M} : rien à faire"
        return f"{len(self.changes)} modification(s), {len(self.conflicts)} conflit(s)"

    def report_lines(self) -> list[str]:
        lines = [f"Import de « {self.file_name} »" + (f" (export {self.export_id})" if self.export_id else "")]
        if self.scope_text:
            lines.append(f"Périmètre : {self.scope_text}")
        lines.append(f"Résultat : {self.summary()}")
        if self.refused:
            return lines
        if self.errors:
            lines += ["", "Cellules à corriger (rien n'a été importé) :", *(f"  - {e}" for e in self.errors)]
        if self.changes:
            lines += ["", "Modifications :", *(f"  - {c.text()}" for c in self.changes)]
        if self.conflicts:
            lines += ["", "Conflits (modifiés dans la base et dans le classeur) :",
                      *(f"  - {c.text()}" for c in self.conflicts)]
        if self.notices:
            lines += ["", "Remarques :", *(f"  - {n}" for n in self.notices)]
        return lines
