from __future__ import annotations

from django.core.management.base import BaseCommand

from gongkai.portal.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Create the demo county (如皋市) with staff, catalog and guides; prints the logins."

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        from gongkai.search.registry import indexing_paused

        with indexing_paused():
            logins = seed_demo()
        if not logins:
            self.stdout.write("演示数据已存在，跳过。")
            return
        self.stdout.write(self.style.SUCCESS(f"演示数据已创建。所有演示账号密码：{DEMO_PASSWORD}"))
        for username, role, org in logins:
            self.stdout.write(f"  {username:<16} {role:<8} {org}")
