from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from gongkai.core.progress import progress_bar
from gongkai.search.services import search_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index from the database, with a progress bar."

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        count = search_rebuild(progress=progress_bar())
        self.stdout.write(f"\n索引重建完成：{count} 条，用时 {time.perf_counter() - start:.1f} 秒")
