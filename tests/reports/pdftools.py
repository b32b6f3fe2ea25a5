"""Reading back the PDFs the reports write: text per page, outline titles, metadata."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def flat_text(path: Path) -> str:
    """All text, with line breaks and repeated spaces folded so wrapped phrases can be searched."""
    return " ".join(" ".join(pages_text(path)).split())


def outline_tree(path: Path) -> list[Any]:
    """The outline as nested [title, [children…]] lists."""
    def walk(items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for item in items:
            if isinstance(item, list):
                out[-1][1].extend(walk(item))
            else:
                out.append([item.title, []])
        return out

    return walk(PdfReader(str(path)).outline)
