"""Who made a change, as shown in the Historique, the comité outputs and the journal exports (pure)."""

from __future__ import annotations


def who_made(user: str, author: str | None) -> str:
    """"Claire Martin (importé par Marie Dupont)" when a workbook's référent made the change and someone else
    recorded it; otherwise the person who made it."""
    if author and author != user:
        return f"{author} (importé par {user})"
    return user
