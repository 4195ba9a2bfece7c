"""``manage.py laws_import [folder]``: load a folder of legal texts into the 法律法规库."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gongkai.core.progress import progress_bar
from gongkai.laws.services import laws_import, laws_index


class Command(BaseCommand):
    help = "导入法律法规文本文件夹（语料格式：标题、公布/施行日期、章、条），并更新搜索索引。"

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("folder", nargs="?", default=settings.LAW_CORPUS_DIR)
        parser.add_argument(
            "--reindex", action="store_true", help="重建全部法律法规的索引（默认只索引有变化的）"
        )

    def handle(self, *args, folder: str, reindex: bool, **options) -> None:  # type: ignore[no-untyped-def]
        root = Path(folder)
        if not root.is_dir():
            raise CommandError(f"找不到法律法规文件夹：{root}")
        start = time.perf_counter()
        report = laws_import(root=root, progress=progress_bar("导入", "件"))
        imported = time.perf_counter() - start
        self.stdout.write(
            f"\n导入完成：新增 {report.created} 部，更新 {report.updated} 部，"
            f"未变 {report.unchanged} 部，用时 {imported:.1f} 秒"
        )
        for source, reason in report.errors:
            self.stderr.write(f"未导入 {source}：{reason}")
        start = time.perf_counter()
        indexed = laws_index(
            pks=None if reindex else report.law_ids, progress=progress_bar("索引", "件")
        )
        self.stdout.write(f"\n索引完成：{indexed} 部，用时 {time.perf_counter() - start:.1f} 秒")
