from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand

from gongkai.search.services import search_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index from the database, with a progress bar."

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        start = time.perf_counter()

        def progress(done: int, total: int) -> None:
            width = 40
            filled = width * done // max(total, 1)
            rate = done / max(time.perf_counter() - start, 1e-6)
            sys.stdout.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} ({rate:.0f} 条/秒)"
            )
            sys.stdout.flush()

        count = search_rebuild(progress=progress)
        self.stdout.write(f"\n索引重建完成：{count} 条，用时 {time.perf_counter() - start:.1f} 秒")
