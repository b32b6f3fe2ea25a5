"""The embedded TTF family (DejaVu Sans, four faces) that carries every French glyph (É, œ, «», ’, •, ◐, ⚠).

The TTFs ship in resources/fonts/ with their licence; registration is done once per process.
"""

from __future__ import annotations

from pathlib import Path

FAMILY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

_FILES = {
    FAMILY: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
_registered = False


def fonts_dir() -> Path:
    from sdus_desktop.store.locations import resources_dir

    return resources_dir() / "fonts"


def register_fonts() -> str:
    """Register the four faces as one family (so <b> and <i> work in paragraphs); return the family name."""
    global _registered
    if _registered:
        return FAMILY
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = fonts_dir()
    for name, file_name in _FILES.items():
        path = folder / file_name
        if not path.exists():
            raise FileNotFoundError(f"police introuvable : {path} (réinstallez l'application)")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(FAMILY, normal=FAMILY, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    for bold, italic, face in ((0, 0, FAMILY), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(FAMILY, bold, italic, face)
    _registered = True
    return FAMILY
