"""The CLI's bad-input error, in its own module so that `python -m sdus_desktop.cli.main` and the frozen
`sdus` (which run main.py as __main__) catch the same class the commands raise."""

from __future__ import annotations

from sdus_desktop.cli.parser import EXIT_BAD_INPUT


class CliError(Exception):
    """Bad input: printed in French on stderr, exit code 1 (or .code)."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code
