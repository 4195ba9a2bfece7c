"""manage.py restore FOLDER — put a backup back (gongkai.core.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.backup import backup_restore


class Command(BaseCommand):
    help = "从备份恢复数据库和上传文件（会覆盖目标数据库，请先停止站点）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("folder", help="backup 命令生成的备份目录")
        parser.add_argument("--database-url", help="恢复到另一个数据库（默认本站数据库）")
        parser.add_argument("--media-root", help="恢复上传文件到另一个目录（默认 MEDIA_ROOT）")
        parser.add_argument("--yes", action="store_true", help="确认覆盖目标数据库")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            raise CommandError("恢复会覆盖目标数据库。确认请加 --yes")
        try:
            counts = backup_restore(
                folder=Path(options["folder"]),
                database_url=options.get("database_url"),
                media_root=Path(options["media_root"]) if options.get("media_root") else None,
            )
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"恢复失败：{exc}") from exc
        self.stdout.write(
            f"恢复完成：{len(counts)} 张表，{sum(counts.values())} 行，与备份清单一致"
        )
