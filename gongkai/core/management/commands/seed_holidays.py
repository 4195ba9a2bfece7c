from __future__ import annotations

from django.core.management.base import BaseCommand

from gongkai.core.holidays import holidays_seed_from_package


class Command(BaseCommand):
    help = (
        "Load years that the installed chinese-calendar package covers and the holiday table "
        "lacks (after upgrading the package). Years already in the table are never touched."
    )

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        loaded = holidays_seed_from_package()
        if loaded:
            self.stdout.write(
                self.style.SUCCESS(f"已导入 {', '.join(map(str, loaded))} 年节假日安排")
            )
        else:
            self.stdout.write("没有需要导入的新年度。")
