"""Write a file through a temporary file in the target folder, then rename: a failure leaves no partial file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(out: Path, render: Callable[[str], None], *, prefix: str = ".sdus-",
                     on_failure: Callable[[], None] | None = None) -> None:
    """`render(temporary_path)` writes the content; then it replaces `out`. On any failure (folder missing or
    read-only, disk full, cancel) the temporary file is removed, `on_failure()` runs, and the error propagates."""
    out = Path(out)
    temporary: str | None = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=prefix, suffix=out.suffix, dir=out.parent)
        os.close(handle)
        render(temporary)
        os.replace(temporary, out)
    except BaseException:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        if on_failure is not None:
            on_failure()
        raise
