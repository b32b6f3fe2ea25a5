"""Menu entries contributed to the main window (filled in by the owning feature)."""


def install(window) -> None:  # type: ignore[no-untyped-def]
    """Add this feature's actions to window.menus; called once by MainWindow.__init__."""
