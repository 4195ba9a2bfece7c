"""Demo 惠民资金 (docs/demo.md): two programmes whose payment lists are written as the xlsx a
town's accountant keeps and go through the same upload → preview → confirm → review that staff
use. The demo citizen 张三 (13800000000) is paid by both and has saved their identity."""

from __future__ import annotations

import datetime as dt
import io
import random
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook

from gongkai.accounts.validators import id_check_char

CITIZEN_NAME = "张三"
CITIZEN_BIRTH = "19430315"  # 83 this year: the 80–89 band of 高龄津贴
VILLAGES = {
    "长江镇": ["丁家埭村", "永平村"],
    "白蒲镇": ["白蒲社区", "林梓社区"],
    "搬经镇": ["搬经社区", "夏堡社区"],
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡"
GIVEN = [
    "建国",
    "秀英",
    "桂兰",
    "志强",
    "玉梅",
    "德明",
    "凤英",
    "长林",
    "金凤",
    "海军",
    "美华",
    "卫东",
]

GENGDI = {
    "code": "gengdi",
    "name": "耕地地力保护补贴",
    "basis": "《中华人民共和国农业法》第三十八条；财政部 农业农村部《农业相关转移支付资金管理办法》（财农〔2023〕11号）",
    "standard": "按确权到户的承包耕地面积发放，2026年度每亩110元；通过“一卡通”打卡发放。",
    "description": "支持耕地地力保护，引导农民加强农业生态资源保护。补贴对象为拥有耕地承包权的种地农民；已作为畜牧养殖场使用、改为林地等非农用途的耕地不予补贴。",
    "phone": "0513-87522483",
}
GAOLING = {
    "code": "gaoling",
    "name": "高龄津贴",
    "basis": "《中华人民共和国老年人权益保障法》第三十三条；《江苏省老年人权益保障条例》",
    "standard": "80—89周岁每人每月50元；90—99周岁每人每月150元；100周岁及以上每人每月500元。",
    "description": "本市户籍、年满80周岁的老年人按月享受高龄津贴，由民政局按月打卡发放。",
    "phone": "0513-87532206",
}


def _id(rng: random.Random, birth: str) -> str:
    first17 = f"320682{birth}{rng.randrange(1000):03d}"
    return first17 + id_check_char(first17)


def citizen_id() -> str:
    return _id(random.Random(2026), CITIZEN_BIRTH)


def _sheet(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "发放名单"
    ws.append(["项目名称", "发放期次", "姓名", "身份证号", "村（社区）", "金额（元）", "发放日期"])
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _people(rng: random.Random, n: int, *, old: bool) -> list[tuple[str, str, str]]:
    people = []
    villages = [v for vs in VILLAGES.values() for v in vs]
    for _ in range(n):
        year = rng.randint(1927, 1946) if old else rng.randint(1950, 1985)
        birth = f"{year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        people.append((name, _id(rng, birth), rng.choice(villages)))
    return people


def _gaoling_amount(id_number: str, today: dt.date) -> Decimal:
    age = today.year - int(id_number[6:10])
    if age >= 100:
        return Decimal("500.00")
    if age >= 90:
        return Decimal("150.00")
    return Decimal("50.00")


def _month_end(today: dt.date, back: int) -> tuple[str, dt.date]:
    y, m = today.year, today.month - back
    while m <= 0:
        y, m = y - 1, m + 12
    return f"{y}年{m}月", dt.date(y, m, 20)


def seed_ledgers(county) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from gongkai.accounts.models import User
    from gongkai.ledgers.services import (
        batch_act,
        identity_save,
        payments_import_apply,
        payments_import_plan,
        programme_create,
    )

    rng = random.Random(1402)
    today = timezone.localdate()
    office = county.office
    nyj, mzj = county.orgs["农业农村局"], county.orgs["民政局"]
    gengdi = programme_create(actor=office, organisation=nyj, **GENGDI)
    gaoling = programme_create(actor=office, organisation=mzj, **GAOLING)
    me = citizen_id()

    # 耕地地力保护补贴: one yearly list, paid in the spring
    farmers = [*_people(rng, 60, old=False), (CITIZEN_NAME, me, "丁家埭村")]
    year = today.year if today.month >= 5 else today.year - 1
    rows = []
    for name, id_number, village in farmers:
        mu = Decimal(rng.randint(12, 90)) / 10
        rows.append(
            [GENGDI["name"], f"{year}年度", name, id_number, village,
             float((mu * 110).quantize(Decimal("0.01"))), dt.date(year, 4, 28)]
        )  # fmt: skip
    editor = county.editors["农业农村局"]
    imp = payments_import_plan(
        actor=editor, programme=gengdi, file_name=f"{year}年耕地地力保护补贴发放名单.xlsx",
        content=_sheet(rows),
    )  # fmt: skip
    for batch in payments_import_apply(actor=editor, imp=imp):
        batch_act(actor=county.reviewers["农业农村局"], batch=batch, action="approve")

    # 高龄津贴: monthly lists; the newest waits for its 审核人
    elders = [*_people(rng, 40, old=True), (CITIZEN_NAME, me, "丁家埭村")]
    editor = county.editors["民政局"]
    for back in (3, 2, 1):
        period, paid = _month_end(today, back)
        rows = [
            [GAOLING["name"], period, n, i, v, float(_gaoling_amount(i, today)), paid]
            for n, i, v in elders
        ]
        imp = payments_import_plan(
            actor=editor, programme=gaoling, file_name=f"{period}高龄津贴发放名单.xlsx",
            content=_sheet(rows),
        )  # fmt: skip
        for batch in payments_import_apply(actor=editor, imp=imp):
            if back > 1:
                batch_act(actor=county.reviewers["民政局"], batch=batch, action="approve")

    citizen = User.objects.get(phone="13800000000")
    identity_save(user=citizen, id_number=me, name=CITIZEN_NAME)
    return {"programmes": [gengdi, gaoling], "citizen_id": me}
