"""Dialogs sized for the screen they open on: the size a dialog asks for, but never larger than the available
area of its screen (a 1024×600 laptop has room for 1024×552 once the taskbar is counted; at 150 % scaling,
683×368 logical pixels). `available_geometry` is the one place that reads the screen (tests replace it)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

FRAME = (16, 48)  # a window's frame and title bar around its contents, at most (Windows at 150 %: 8 + 40)


def available_geometry(widget: QWidget) -> QRect | None:
    """The available area (without the taskbar) of the screen `widget` (or its parent) is on."""
    anchor = widget.parentWidget() or widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def room_for(widget: QWidget) -> tuple[int, int] | None:
    """The largest contents size (width, height) a window may have on `widget`'s screen, its frame counted."""
    area = available_geometry(widget)
    if area is None:
        return None
    return area.width() - FRAME[0], area.height() - FRAME[1]


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to width × height, or to what its (parent's) screen leaves, whichever is smaller."""
    room = room_for(widget)
    if room is not None:
        width, height = min(width, room[0]), min(height, room[1])
    widget.resize(width, height)


def scrolling_body(dialog: QWidget) -> tuple[QVBoxLayout, QVBoxLayout]:
    """The dialog's layout in two parts: `body` (returned first) inside a frameless scroll area that scrolls only
    when the screen is too small for it, and `outer`, the dialog's own layout, for what must stay in view (the
    buttons). On a 1024×600 screen at 150 % a tall form scrolls; its « OK » stays reachable."""
    outer = QVBoxLayout(dialog)
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes through its fields, not the area itself
    inner = QWidget()
    body = QVBoxLayout(inner)
    body.setContentsMargins(0, 0, 0, 0)
    area.setWidget(inner)
    outer.addWidget(area, 1)
    return body, outer
