"""Turn raw user input into the stored value of a field, or raise ValueError with a French message.

Everything comes from the field's declaration (core.fields): its kind says how to parse, `required` refuses
an empty text, and a field that cannot be edited (an étape's number: see Services.move_step) is refused."""

from __future__ import annotations

from typing import Any

from sdus_desktop.core.field_values import parse
from sdus_desktop.core.fields import spec


def coerce(entity: str, field: str, raw: Any, indicator_kind: str | None = None) -> Any:
    """Stored value for (entity, field). A value cell of an indicator needs the indicator's kind."""
    found = spec(entity, field)
    if found is None:
        raise ValueError(f"champ inconnu « {field} » pour {entity}")
    return parse(found, raw, indicator_kind)
