"""The demo's 办事服务 and 办件 (issue 14; docs/demo.md#services): the extra guides, the
handbook (banshi.yaml) through the import staff use, and 200 cases that flow in through the
中间库 connector from a demo middle database — an SQLite file written here in the layout of a
department's approval system (pinyin column names, mapped like a real source)."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from pathlib import Path

import yaml
from django.conf import settings
from django.utils import timezone

from gongkai.demo.guides import seed_service_guides
from gongkai.services.rules import time_limit_rule

MIDDLE_MAPPING = {
    "cases": {
        "table": "v_bj_banjian",
        "changed": "gxsj",
        "key": "bjbh",
        "columns": {
            "number": "bjbh",
            "item_code": "sxbm",
            "item_name": "sxmc",
            "applicant_name": "sqrmc",
            "applicant_is_company": "sqrlx",
            "applicant_id": "zjhm",
            "applicant_phone": "lxdh",
            "query_code": "cxm",
            "received_at": "slsj",
            "result": "bjjg",
            "decision_no": "wsh",
        },
    },
    "nodes": {
        "table": "v_bj_huanjie",
        "changed": "gxsj",
        "key": "hjid",
        "columns": {
            "key": "hjid",
            "case_number": "bjbh",
            "name": "hjmc",
            "occurred_at": "blsj",
            "office": "blcs",
            "note": "blyj",
        },
    },
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = [
    "建华",
    "秀英",
    "志强",
    "桂兰",
    "海燕",
    "春梅",
    "国平",
    "晓东",
    "玉兰",
    "卫东",
    "丽娟",
    "文杰",
]
COMPANIES = [
    "如皋市%s餐饮有限公司",
    "如皋市%s商贸有限公司",
    "江苏%s建设工程有限公司",
    "如皋市%s便利店",
]
SHOPS = ["福寿", "水绘", "长寿", "花木", "海阳", "白蒲", "雉水", "龙游"]
CITIZEN_PHONE = "13800000000"  # 张三, the demo's public user (county.py)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _id_number(rng: random.Random) -> str:
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(20000))
    body = f"320682{birth:%Y%m%d}{rng.randrange(1000):03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]
    return body + check


def _work_time(day: dt.date, rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(8 + rng.randrange(9), rng.randrange(60)))


def _next_workday(day: dt.date, n: int) -> dt.date:
    from gongkai.core.workdays import add_working_days

    return add_working_days(day, n).due


def middle_database_write(path: Path, *, today: dt.date, count: int = 200) -> list[tuple[str, str]]:
    """The demo middle database: ``count`` cases with 2–5 nodes each over the demo services.
    Returns (number, 查询码) of the cases filed with the demo citizen's phone."""
    from gongkai.services.models import Service

    rng = random.Random(14)
    services = list(Service.objects.select_related("power_item", "service_item").order_by("code"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE v_bj_banjian (bjbh TEXT PRIMARY KEY, sxbm TEXT, sxmc TEXT, sqrmc TEXT, "
        "sqrlx TEXT, zjhm TEXT, lxdh TEXT, cxm TEXT, slsj TEXT, bjjg TEXT, wsh TEXT, "
        "gxsj TEXT NOT NULL)"
    )
    conn.execute(
        "CREATE TABLE v_bj_huanjie (hjid INTEGER PRIMARY KEY, bjbh TEXT, hjmc TEXT, blsj TEXT, "
        "blcs TEXT, blyj TEXT, gxsj TEXT NOT NULL)"
    )
    mine: list[tuple[str, str]] = []
    node_id = 0
    now = dt.datetime.combine(today, dt.time(8, 0))
    for i in range(1, count + 1):
        service = services[i % len(services)]
        item = service.item
        company = service.for_company and not service.for_person
        received = today - dt.timedelta(days=rng.randrange(1, 100))
        number = f"RG{received:%Y%m%d}{i:04d}"
        code = "".join(rng.choice(CODE_ALPHABET) for _ in range(6))
        if company:
            name = rng.choice(COMPANIES) % rng.choice(SHOPS)
            phone = f"139{rng.randrange(10**8):08d}"
        else:
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            phone = CITIZEN_PHONE if i in (7, 58, 133) else f"139{rng.randrange(10**8):08d}"
        if phone == CITIZEN_PHONE:
            name = "张三"
            mine.append((number, code))
        fate = rng.random()
        rule = time_limit_rule(item.promised_time_limit)
        budget = rule.days if rule is not None and rule.unit == "wd" else 5
        if fate >= 0.80 and budget < 3:
            fate = 0.5  # 即办 and one-day services do not stay open
        if fate >= 0.80:  # still open: mostly received in the last days
            received = today - dt.timedelta(days=rng.randrange(1, 12))
            number = f"RG{received:%Y%m%d}{i:04d}"
            if phone == CITIZEN_PHONE:
                mine[-1] = (number, code)
        review = rng.randint(0, budget // 2)
        decide = rng.randint(0, (budget - review) // 2)
        steps = [("窗口受理", 0)]
        result, decision = "", ""
        if fate < 0.05:
            steps.append(("不予受理", min(1, budget)))
            result = "不予受理：申请事项不属于本机关职权范围"
        else:
            steps += [("科室审查", review), ("作出决定", decide)]
            if fate < 0.80:
                left = budget - review - decide
                late = fate > 0.74  # a few close after their promised date
                steps += [
                    ("办结", left + rng.randint(2, 5) if late else rng.randint(0, left)),
                    ("送达", 0),
                ]
                result = "准予许可" if service.power_item_id else "已办结"
                decision = f"皋审许〔{received.year}〕{i}号" if service.power_item_id else ""
        at = _work_time(received, rng)
        day = received
        rows = []
        for title, gap in steps:
            day = _next_workday(day, gap) if gap else day
            at = max(at, _work_time(day, rng))
            if at >= now:
                break
            node_id += 1
            rows.append(
                (
                    node_id,
                    number,
                    title,
                    at.isoformat(sep=" "),
                    _office(item),
                    "",
                    at.isoformat(sep=" "),
                )
            )
        if len(rows) < len(steps):
            result, decision = "", ""
        changed = rows[-1][3] if rows else _work_time(received, rng).isoformat(sep=" ")
        conn.execute(
            "INSERT INTO v_bj_banjian VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                number,
                service.code,
                item.name,
                name,
                "法人" if company else "自然人",
                "" if company else _id_number(rng),
                phone,
                code,
                _work_time(received, rng).replace(hour=8, minute=30).isoformat(sep=" "),
                result,
                decision,
                changed,
            ),
        )
        conn.executemany("INSERT INTO v_bj_huanjie VALUES (?,?,?,?,?,?,?)", rows)
    conn.commit()
    conn.close()
    return mine


def _office(item: object) -> str:
    org = item.organisation  # type: ignore[attr-defined]
    return f"{org.short_name}审批服务科"


def seed_services(county) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Guides, handbook, sources and the 200 cases; the demo citizen's phone is verified."""
    from gongkai.services.connector import source_pull
    from gongkai.services.services import handbook_import, source_create

    seed_service_guides(county.orgs)
    data = yaml.safe_load((Path(__file__).parent / "banshi.yaml").read_text(encoding="utf-8"))
    plan = handbook_import(actor=county.office, data=data)
    if plan.errors:
        raise RuntimeError("; ".join(plan.errors))
    path = Path(settings.DEMO_MIDDLE_DB)
    mine = middle_database_write(path, today=timezone.localdate())
    source, _ = source_create(
        actor=county.office,
        organisation=county.orgs["行政审批局"],
        code="rg-zwfw",
        name="如皋市政务服务中间库",
        engine="sqlite",
        dsn=f"sqlite:///{path}",
        mapping=MIDDLE_MAPPING,
    )
    run = source_pull(source_id=source.pk)
    if run.status != "ok":
        raise RuntimeError(f"demo middle database: {run.error}")
    source_create(
        actor=county.office,
        organisation=county.orgs["公安局"],
        code="ga-hz",
        name="公安户政业务系统（推送）",
    )
    seed_penalties(county)
    from gongkai.accounts.models import User

    User.objects.filter(phone=CITIZEN_PHONE).update(phone_verified_at=timezone.now())
    return {"source": source, "citizen_cases": mine}


PENALTIES = [  # (party, is a 法人, days ago decided, fine)
    ("如皋市鑫达建材有限公司", True, 41, "罚款人民币8万元，限期拆除违法建筑"),
    ("王*军", False, 33, "罚款人民币1.2万元，限期补办规划许可"),
    ("如皋市长江镇兴业五金加工厂", True, 20, "罚款人民币3万元"),
    ("李*华", False, 12, "责令限期改正，罚款人民币5000元"),
    ("南通恒泰置业有限公司", True, 4, "罚款人民币15万元，没收违法收入"),
]


def seed_penalties(county) -> None:  # type: ignore[no-untyped-def]
    """The 城管 enforcement system pushes its closed 行政处罚 cases: they go through the same
    ingest as the push API, and the 双公示 page publishes them."""
    from gongkai.services.ingest import cases_ingest
    from gongkai.services.services import source_create

    source, _ = source_create(
        actor=county.office,
        organisation=county.orgs["城管局"],
        code="cg-zf",
        name="城市管理综合执法办案系统（推送）",
    )
    today = timezone.localdate()
    cases, nodes = [], []
    for i, (party, company, ago, result) in enumerate(PENALTIES, start=1):
        decided = _work_time(_next_workday(today - dt.timedelta(days=ago), 0), random.Random(i))
        opened = decided - dt.timedelta(days=28)
        number = f"CGZF{decided:%Y%m%d}{i:03d}"
        name = party if company else party.replace("*", "建")
        cases.append(
            {
                "number": number,
                "item_code": "320682-CF-0001",
                "item_name": "对未取得建设工程规划许可证进行建设的处罚",
                "applicant_name": name,
                "applicant_is_company": company,
                "received_at": opened.isoformat(),
                "result": result,
                "decision_no": f"皋城管罚决字〔{decided.year}〕{40 + i}号",
                "changed_at": decided.isoformat(),
            }
        )
        for k, (title, back) in enumerate(
            (("立案", 28), ("调查取证", 21), ("告知", 10), ("作出决定", 0), ("送达", -1))
        ):
            nodes.append(
                {
                    "key": f"{number}-{k}",
                    "case_number": number,
                    "name": title,
                    "occurred_at": (decided - dt.timedelta(days=back)).isoformat(),
                    "office": "规划执法大队",
                }
            )
    got = cases_ingest(source=source, cases=cases, nodes=nodes)
    if got.errors:
        raise RuntimeError("; ".join(got.errors))
