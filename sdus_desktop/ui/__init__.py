"""Qt user interface (PySide6). Only this package imports PySide6."""
