from __future__ import annotations

from django.core.management.base import BaseCommand

from gongkai.demo.county import DEMO_PASSWORD
from gongkai.demo.seed import seed_demo


class Command(BaseCommand):
    help = "创建演示县（如皋市）：机构、账号、目录、办事指南、政府信息、依申请公开和法律法规库。"

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        from gongkai.search.registry import indexing_paused
        from gongkai.staticsite.services import site_publishing_paused

        # one index rebuild and one site build afterwards (scripts/start), not a job per record
        with indexing_paused(), site_publishing_paused():
            logins = seed_demo()
        if not logins:
            self.stdout.write("演示数据已存在，跳过。")
            return
        self.stdout.write(self.style.SUCCESS(f"演示数据已创建。所有演示账号密码：{DEMO_PASSWORD}"))
        for username, role, org in logins:
            self.stdout.write(f"  {username:<16} {role:<8} {org}")
