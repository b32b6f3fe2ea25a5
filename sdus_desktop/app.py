"""`sdus-desktop` / `python -m sdus_desktop`: the GUI entry point. Everything Qt lives in sdus_desktop.ui
(see ui/application.py); this module only hands over, so that nothing outside ui imports PySide6."""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    from sdus_desktop.ui.application import main as run_application

    return run_application(argv)


if __name__ == "__main__":
    raise SystemExit(main())
