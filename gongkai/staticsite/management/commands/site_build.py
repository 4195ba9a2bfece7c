"""manage.py site_build [--all]: write the public pages to SITE_ROOT (docs/static-site.md)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "生成静态页面：首页、信息、栏目首页和目录事项页写入 SITE_ROOT"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--all", action="store_true", help="全部重新生成（默认只生成缺少和过期的）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from gongkai.staticsite.services import site_build

        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            if done == total or done % 500 == 0:
                self.stdout.write(f"静态页面 {done}/{total}")

        report = site_build(everything=options["all"], progress=progress)
        took = time.monotonic() - started
        flush = report.flush
        self.stdout.write(
            f"静态页面：共 {report.expected} 个地址，本次生成 {flush.written} 个、"
            f"移除 {flush.removed} 个、失败 {flush.failed} 个，用时 {took:.1f} 秒"
        )
        if flush.failed:
            raise CommandError("以下页面未能生成：\n" + "\n".join(flush.errors[:20]))
