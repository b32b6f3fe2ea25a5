"""Guard against a broken Qt binding: PySide6 6.12.0 on CPython 3.11 drops a reference to None on every
void Qt call, and the interpreter aborts ("none_dealloc") once the count reaches zero. pyproject.toml caps
PySide6 below 6.12; this test fails loudly if an installed release has the defect."""

import sys

import pytest
from PySide6.QtWidgets import QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_qt_calls_keep_none_refcount(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("é")
        label.clear()
    assert sys.getrefcount(None) >= before - 50
