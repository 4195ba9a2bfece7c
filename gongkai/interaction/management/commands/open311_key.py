"""Register an Open311 client and print its api_key once (docs/interaction.md#open311)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.interaction.open311 import open311_client_create


class Command(BaseCommand):
    help = "登记一个 Open311 接入应用并显示其 api_key（只显示这一次）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="应用名称")
        parser.add_argument("--contact", default="", help="联系人")

    def handle(self, *args: Any, **options: Any) -> None:
        client, key = open311_client_create(name=options["name"], contact=options["contact"])
        self.stdout.write(f"已登记 {client.name}，api_key：{key}")
