"""Dialogs sized for the screen they open on: the size a dialog asks for, but never larger than the available
area of its screen (a 1024×600 laptop has room for 1024×552 once the taskbar is counted)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME = (16, 48)  # a window's frame and title bar around its contents, at most (Windows at 150 %: 8 + 40)


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to width × height, or to what its (parent's) screen leaves, whichever is smaller."""
    anchor = widget.parentWidget() or widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        width = min(width, area.width() - FRAME[0])
        height = min(height, area.height() - FRAME[1])
    widget.resize(width, height)
