"""Paragraph styles, colours and the helpers that turn user text into safe flowables.

All user text goes through `esc` (reportlab reads & and < as markup); multi-line document fields are
split into paragraphs, and lines starting with "- ", "➢", "•" or "*" become real bullets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from sdus_desktop.reports.fonts import BOLD, FAMILY, register_fonts

# The Schéma's palette: dark teal headings, light tint for labels and boxes.
INK = "#1f2a30"
ACCENT = "#1d5b79"
ACCENT_LIGHT = "#e3eef4"
RULE = "#9db7c6"
MUTED = "#5b6b73"
LATE = "#a3330f"
SUIVI_BG = "#fff7e0"
SUIVI_RULE = "#c99a1c"

_BULLET = re.compile(r"^\s*(?:[-–—•*➢▪►]|\uf0d8|\uf0b7)\s*")


def esc(text: object) -> str:
    """User text made literal for a Paragraph; line breaks kept."""
    text = str(text or "").replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    return escape(text).replace("\n", "<br/>")


@dataclass(frozen=True)
class Styles:
    body: Any
    small: Any
    muted: Any
    cell: Any
    cell_bold: Any
    number: Any
    number_bold: Any
    cell_head: Any
    head_small: Any
    label: Any
    bullet: Any
    section: Any
    action_number: Any
    action_title: Any
    cover_title: Any
    cover_sub: Any
    h1: Any
    h2: Any
    late: Any
    toc: list[Any]


@lru_cache(maxsize=1)
def styles() -> Styles:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    base = ParagraphStyle("sdus-body", fontName=FAMILY, fontSize=9.5, leading=12.5, textColor=HexColor(INK),
                          spaceAfter=3)

    def derive(name: str, **changes: Any) -> Any:
        return ParagraphStyle(name, parent=base, **changes)

    return Styles(
        body=base,
        small=derive("sdus-small", fontSize=8, leading=10),
        muted=derive("sdus-muted", fontSize=8, leading=10, textColor=HexColor(MUTED)),
        cell=derive("sdus-cell", fontSize=8.5, leading=10.5, spaceAfter=0),
        cell_bold=derive("sdus-cell-bold", fontName=BOLD, fontSize=8.5, leading=10.5, spaceAfter=0),
        number=derive("sdus-number", fontSize=8.5, leading=10.5, spaceAfter=0, alignment=TA_CENTER),
        number_bold=derive("sdus-number-bold", fontName=BOLD, fontSize=8.5, leading=10.5, spaceAfter=0,
                           alignment=TA_CENTER),
        cell_head=derive("sdus-cell-head", fontName=BOLD, fontSize=8.5, leading=10.5, spaceAfter=0,
                         textColor=HexColor("#ffffff")),
        head_small=derive("sdus-head-small", fontName=BOLD, fontSize=6.5, leading=8, spaceAfter=0,
                          textColor=HexColor("#ffffff")),
        label=derive("sdus-label", fontName=BOLD, fontSize=8.5, leading=10.5, spaceAfter=0,
                     textColor=HexColor(ACCENT)),
        bullet=derive("sdus-bullet", leftIndent=12, bulletIndent=2, spaceAfter=2, bulletFontName=FAMILY),
        section=derive("sdus-section", fontName=BOLD, fontSize=10.5, leading=13, textColor=HexColor(ACCENT),
                       spaceBefore=8, spaceAfter=3),
        action_number=derive("sdus-action-number", fontName=BOLD, fontSize=15, leading=19,
                             textColor=HexColor(ACCENT), spaceAfter=2),
        action_title=derive("sdus-action-title", fontName=BOLD, fontSize=12, leading=15, spaceAfter=8),
        cover_title=derive("sdus-cover-title", fontName=BOLD, fontSize=24, leading=30, alignment=TA_CENTER,
                           textColor=HexColor(ACCENT), spaceAfter=14),
        cover_sub=derive("sdus-cover-sub", fontSize=13, leading=18, alignment=TA_CENTER, spaceAfter=8),
        h1=derive("sdus-h1", fontName=BOLD, fontSize=16, leading=20, textColor=HexColor(ACCENT), spaceAfter=8),
        h2=derive("sdus-h2", fontName=BOLD, fontSize=12, leading=15, textColor=HexColor(ACCENT),
                  spaceBefore=10, spaceAfter=5),
        late=derive("sdus-late", fontSize=8.5, leading=10.5, spaceAfter=0, textColor=HexColor(LATE)),
        toc=[
            derive("sdus-toc0", fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=0, rightIndent=30),
            derive("sdus-toc1", fontSize=9.5, leading=12, leftIndent=14, spaceAfter=0, rightIndent=30),
            derive("sdus-toc2", fontSize=8.5, leading=10.5, leftIndent=28, spaceAfter=0, rightIndent=30),
            derive("sdus-toc3", fontSize=8, leading=10, leftIndent=42, spaceAfter=0, rightIndent=30, textColor=HexColor(MUTED)),
        ],
    )


_PARAGRAPH: type | None = None


def paragraph_class() -> type:
    """Paragraph that remembers its last line breaking: tables wrap each cell two or three times at the
    same width (measure, split, draw), and breaking lines is the costliest step of a fiche."""
    global _PARAGRAPH
    if _PARAGRAPH is None:
        from reportlab.platypus import Paragraph

        class RememberingParagraph(Paragraph):
            _remembered: tuple[float, tuple[float, float], Any] | None = None

            def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
                remembered = self._remembered
                if remembered is not None and remembered[0] == available_width:
                    self.width = available_width
                    self.blPara = remembered[2]
                    self.height = remembered[1][1]
                    return remembered[1]
                size = super().wrap(available_width, available_height)
                self._remembered = (available_width, size, self.blPara)
                return size

        _PARAGRAPH = RememberingParagraph
    return _PARAGRAPH


def para(text: object, style: Any) -> Any:
    """A Paragraph of literal user text."""
    return paragraph_class()(esc(text), style)


def markup(html: str, style: Any) -> Any:
    """A Paragraph of markup built by this package (user parts already escaped)."""
    return paragraph_class()(html, style)


def text_flowables(text: str, *, empty: str = "—") -> list[Any]:
    """A document field: one paragraph per line, bullet lines as bullets; an em dash when empty."""
    st = styles()
    lines = [line.strip() for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    if not lines or lines == ["-"]:
        return [para(empty, st.muted)]
    out = []
    for line in lines:
        match = _BULLET.match(line)
        if match and len(line) > match.end():
            out.append(bullet_paragraph(line[match.end():]))
        else:
            out.append(para(line, st.body))
    return out


def bullet_paragraph(text: str) -> Any:
    return paragraph_class()(esc(text), styles().bullet, bulletText="•")


def bullet_list(items: list[str], *, empty: str = "—") -> list[Any]:
    kept = [item.strip() for item in items if item and item.strip()]
    if not kept:
        return [para(empty, styles().muted)]
    return [bullet_paragraph(_BULLET.sub("", item, count=1) or item) for item in kept]


def colour(hex_text: str) -> Any:
    from reportlab.lib.colors import HexColor

    return HexColor(hex_text)
