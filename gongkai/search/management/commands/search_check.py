from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from gongkai.search.services import search_check


class Command(BaseCommand):
    help = "Report documents missing from, stale in, or left over in the search index."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--fix", action="store_true", help="re-index what is wrong")

    def handle(self, *args, fix: bool, **options) -> None:  # type: ignore[no-untyped-def]
        report = search_check()
        for name in ("missing", "stale", "extra"):
            keys = getattr(report, name)
            label = {"missing": "缺失", "stale": "过期", "extra": "多余"}[name]
            self.stdout.write(
                f"{label}：{len(keys)}" + (f"（{', '.join(keys[:20])}…）" if keys else "")
            )
        if report.ok:
            self.stdout.write(self.style.SUCCESS("索引与数据库一致"))
            return
        if fix:
            from gongkai.search.services import search_rebuild

            search_rebuild()
            self.stdout.write(self.style.SUCCESS("已重建索引"))
            return
        raise CommandError(
            "索引与数据库不一致：运行 manage.py search_check --fix 或 search_rebuild"
        )
