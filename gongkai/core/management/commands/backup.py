"""manage.py backup DIR — database, uploaded files and a manifest (gongkai.core.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.backup import backup_create


class Command(BaseCommand):
    help = "备份数据库、上传文件和清单到指定目录（站点运行中也可执行）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("target", help="备份存放目录，如 /srv/backups")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            folder = backup_create(target_dir=Path(options["target"]))
        except (OSError, ValueError) as exc:
            raise CommandError(f"备份失败：{exc}") from exc
        self.stdout.write(f"备份完成：{folder}")
