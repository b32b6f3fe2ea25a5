"""Writes store/readmodel_schema.py — the read model's row classes — from the ORM models (store.models).

The read model must not import SQLAlchemy (start-up), so its classes are generated here from the mapped
tables: one slotted dataclass per model, the table's columns in table order with the models' annotations,
a decoder name per column whose stored form is not the Python value (JSON lists, dates, timestamps), and
the one-to-many and many-to-many relationships as child lists. tests/store/test_readmodel.py fails when the
committed file differs from what the models give: after changing store/models.py run

    python -m sdus_desktop.store.readmodel_gen
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import JSON, Boolean, Date, DateTime, inspect
from sqlalchemy.orm import RelationshipDirection

from sdus_desktop.store import models

TARGET = Path(__file__).with_name("readmodel_schema.py")
# The models the views read, leaves first.
MODELS: tuple[type[models.Base], ...] = (models.Person, models.IndicatorValue, models.IndicatorTarget,
          models.Indicator, models.Step, models.Action, models.Axe,
          models.Orientation, models.Plan, models.JournalEntry, models.Note)

HEADER = '''"""Row classes of the plain-sqlite3 read model (store.readmodel). GENERATED from store/models.py by
`python -m sdus_desktop.store.readmodel_gen` — do not edit: tests/store/test_readmodel.py checks it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar

Columns = tuple[tuple[str, str | None], ...]  # (column, decoder: "json", "date", "datetime", "bool" or None)


def _children() -> Any:
    return field(default_factory=list, repr=False, metadata={"children": True})
'''


def _annotation(model: type, name: str) -> str:
    for klass in model.__mro__:
        text = klass.__dict__.get("__annotations__", {}).get(name)
        if text is not None:
            match = re.fullmatch(r"Mapped\[(.*)\]", str(text))
            assert match, f"{model.__name__}.{name}: {text}"
            return match[1]
    raise KeyError(f"{model.__name__}.{name}")


def _decoder(column_type: object) -> str | None:
    if isinstance(column_type, JSON):
        return "json"
    if isinstance(column_type, DateTime):
        return "datetime"
    if isinstance(column_type, Date):
        return "date"
    if isinstance(column_type, Boolean):
        return "bool"
    return None


def render() -> str:
    blocks = [HEADER.rstrip()]
    for model in MODELS:
        mapper = inspect(model)
        columns = [(attribute.key, attribute.columns[0]) for attribute in mapper.column_attrs]
        children = [rel.key for rel in mapper.relationships
                    if rel.direction in (RelationshipDirection.ONETOMANY, RelationshipDirection.MANYTOMANY)]
        spec = ", ".join(f'("{key}", {_quoted(_decoder(column.type))})' for key, column in columns)
        lines = [
            "", "",
            "@dataclass(slots=True, eq=False)",
            f"class {model.__name__}:",
            f'    __tablename__: ClassVar[str] = "{model.__tablename__}"',
            f"    __columns__: ClassVar[Columns] = ({spec},)",
            *(f"    {key}: {_annotation(model, key)}" for key, _ in columns),
            *(f"    {key}: {_annotation(model, key)} = _children()" for key in children),
        ]
        blocks.append("\n".join(_wrap(line) for line in lines))
    return "\n".join(blocks) + "\n"


def _quoted(name: str | None) -> str:
    return "None" if name is None else f'"{name}"'


def _wrap(line: str, width: int = 110) -> str:
    """Long `__columns__` lines split after commas, within the project's line length."""
    if len(line) <= width:
        return line
    head, _, rest = line.partition("(")
    items = re.findall(r'\("[^"]+", [^)]+\)', rest)
    out, current = [], f"{head}("
    for item in items:
        if len(current) + len(item) + 2 > width:
            out.append(current.rstrip())
            current = "        "
        current += item + ", "
    out.append(current.rstrip().rstrip(",") + ",)")
    return "\n".join(out)


def main() -> None:
    TARGET.write_text(render(), encoding="utf-8")
    print(f"{TARGET} écrit")


if __name__ == "__main__":
    main()
