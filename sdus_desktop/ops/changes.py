"""What an operation changed: the ChangeSet written plus what kinds of views must refresh and how to undo it.

Light on purpose (no SQLAlchemy): the main window imports it at start-up to type its `changed` signal.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Generic, TypeVar

from sdus_desktop.store.changes import ChangeSet

T = TypeVar("T")
FLAGS = ("structure", "plan", "conflicts", "campaign", "imports", "snapshots")


@dataclass(frozen=True, kw_only=True)
class OpChanges:
    """Returned by every operation (ops.*) and carried by the main window's `changed` signal.

    changeset: the journaled field changes (empty for an operation that writes no fiche field, or when nothing
    needed changing). Flags: `structure` — steps, indicators or fiches added, removed or renumbered;
    `plan` — plans created, amended, closed or the catalogue released (everything is read again);
    `conflicts` — the « Conflits à arbitrer » queue; `campaign` — collection campaigns (sent, returned, refused);
    `imports` — the import history; `snapshots` — frozen comités (all of them: everything()). Undo: `undoable` (the GUI records it on its
    undo stack), by reverting `changeset`, or, when `import_ids` is set, by undoing those imports."""

    changeset: ChangeSet = field(default_factory=ChangeSet)
    structure: bool = False
    plan: bool = False
    conflicts: bool = False
    campaign: bool = False
    imports: bool = False
    snapshots: bool = False
    undoable: bool = False
    import_ids: tuple[int, ...] = ()
    backup: Path | None = None   # the verified copy taken before the operation, if it took one

    @classmethod
    def of(cls, changeset: ChangeSet, *, undoable: bool = True) -> OpChanges:
        """A plain edit (Services call): structural when it created or removed a step or indicator."""
        moved = any(change.entity == "step" and change.field == "number" for change in changeset.changes)
        return cls(changeset=changeset, structure=changeset.structural or moved, undoable=undoable)

    @classmethod
    def everything(cls) -> OpChanges:
        """The whole base replaced (a backup restored): every view reads everything again."""
        return cls(structure=True, plan=True, conflicts=True, campaign=True, imports=True, snapshots=True)

    @property
    def action_ids(self) -> set[int]:
        return self.changeset.action_ids

    @property
    def reload_all(self) -> bool:
        """Every fiche must be read again (plans changed); a structure change reloads the fiches it touched."""
        return self.plan

    @property
    def flags(self) -> set[str]:
        return {name for name in FLAGS if getattr(self, name)}

    def __bool__(self) -> bool:
        return bool(self.changeset) or bool(self.flags)

    def merged(self, other: OpChanges) -> OpChanges:
        """Both operations' changes (e.g. the files of one import batch), undone together."""
        changeset = ChangeSet([*self.changeset.changes, *other.changeset.changes])
        flags = {name: getattr(self, name) or getattr(other, name) for name in FLAGS}
        return replace(self, changeset=changeset, **flags, undoable=self.undoable and other.undoable,
                       import_ids=self.import_ids + other.import_ids, backup=self.backup or other.backup)


@dataclass(frozen=True, kw_only=True)
class OpChangesWith(OpChanges, Generic[T]):
    """OpChanges plus what the operation produced for the person to read (a summary, a file written…)."""

    value: T
