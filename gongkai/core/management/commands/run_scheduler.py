from __future__ import annotations

import logging
import time

from django.core.management.base import BaseCommand

from gongkai.core.jobs import SCHEDULES, scheduler_tick

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Enqueue periodic jobs (hourly/daily) for the background workers."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--once", action="store_true", help="one tick, then exit")
        parser.add_argument("--interval", type=int, default=30, help="seconds between ticks")

    def handle(self, *args, once: bool, interval: int, **options) -> None:  # type: ignore[no-untyped-def]
        names = ", ".join(f"{s.name} ({s.every})" for s in SCHEDULES)
        self.stdout.write(f"scheduler: {len(SCHEDULES)} schedules: {names}")
        while True:
            for name in scheduler_tick():
                logger.info("enqueued periodic job %s", name)
            if once:
                return
            time.sleep(interval)
