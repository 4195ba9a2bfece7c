"""A text progress bar for long management commands (search rebuild, law import)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable


def progress_bar(label: str = "", unit: str = "条") -> Callable[[int, int], None]:
    """``progress(done, total)`` redraws one line: bar, counts and rate since the bar was made."""
    start = time.perf_counter()
    prefix = f"{label} " if label else ""

    def progress(done: int, total: int) -> None:
        width = 40
        filled = width * done // max(total, 1)
        rate = done / max(time.perf_counter() - start, 1e-6)
        bar = "#" * filled + "." * (width - filled)
        sys.stdout.write(f"\r{prefix}[{bar}] {done}/{total} ({rate:.0f} {unit}/秒)")
        sys.stdout.flush()

    return progress
