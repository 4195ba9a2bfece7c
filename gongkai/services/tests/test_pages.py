"""办事服务 pages, the handbook import, 同码查询, the case pages for citizens and staff."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from conftest import client_for
from gongkai.services.ingest import cases_ingest
from gongkai.services.models import LifeEvent, Package, Service
from gongkai.services.services import handbook_import
from gongkai.services.tests.helpers import case_row, node_row, source_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def handbook(world):  # type: ignore[no-untyped-def]
    data = {
        "life_events": [
            {"slug": "jiuye", "name": "就业", "audience": "个人", "description": "求职、失业"},
            {"slug": "kaiban", "name": "开办", "audience": "企业"},
        ],
        "services": [
            {
                "code": world.jobless_service.code,
                "life_events": ["jiuye"],
                "channels": ["window", "online"],
                "online_url": "https://example.gov.cn/sy",
                "summary": "失业后按月领取失业保险金",
            },
            {
                "code": world.elder_service.code,
                "life_events": ["jiuye"],
                "channels": ["window"],
            },
            {
                "code": world.permit_power.code,
                "for_person": False,
                "for_company": True,
                "life_events": ["kaiban"],
                "channels": ["remote"],
                "remote_note": "全程网办，证照邮寄",
            },
        ],
        "packages": [
            {
                "slug": "shiye",
                "name": "失业一件事",
                "audience": "个人",
                "life_event": "jiuye",
                "organisation": world.finance.name,
                "steps": [
                    {"code": world.jobless_service.code},
                    {"code": world.elder_service.code, "note": "年满60周岁的"},
                ],
            }
        ],
    }
    plan = handbook_import(actor=world.office, data=data)
    assert not plan.errors, plan.errors
    return data


def test_import_plans_applies_and_is_idempotent(world, handbook) -> None:  # type: ignore[no-untyped-def]
    assert Service.objects.count() == 3 and Package.objects.count() == 1
    again = handbook_import(actor=world.office, data=handbook, dry_run=True)
    assert again.created == {} and again.updated == {"主题": 2, "服务": 3, "一件事": 1}
    bad = dict(handbook, services=[{"code": "NOPE-1"}], packages=[])
    plan = handbook_import(actor=world.office, data=bad)
    assert plan.errors == ["services 第1条：权责清单和公共服务清单中都没有编码为“NOPE-1”的事项"]
    with pytest.raises(PermissionDenied, match="政务公开办"):
        handbook_import(actor=world.planning_editor, data=handbook)


def test_public_pages(world, handbook) -> None:  # type: ignore[no-untyped-def]
    c = Client()
    index = c.get("/banshi/").content.decode()
    assert "就业" in index and "失业一件事" in index and "开办" not in index
    assert "开办" in c.get("/banshi/?for=company").content.decode()
    event = c.get("/banshi/theme/jiuye/").content.decode()
    assert "失业保险金申领" in event and "老年人优待证办理" in event
    page = c.get(f"/banshi/s/{world.jobless_service.code}/").content.decode()
    assert "办件统计" in page and "社会保障卡" in page and "网上办理" in page
    assert 'href="/laws/' in page  # the legal basis links to the law library
    pkg = c.get("/banshi/yijianshi/shiye/").content.decode()
    assert "一次性材料清单" in pkg and "年满60周岁的" in pkg
    assert c.get("/banshi/s/NOPE/").status_code == 404
    assert "没有这项办事服务" in c.get("/banshi/s/NOPE/").content.decode()
    listed = c.get("/banshi/list/?q=失业").content.decode()
    assert "失业保险金申领" in listed and "老年人优待证" not in listed
    assert c.get("/banshi/list/?org=abc").status_code == 200  # bad filter: all, no error


def test_one_material_listed_once_across_a_package(world, handbook) -> None:  # type: ignore[no-untyped-def]
    from gongkai.catalog.models import GuideMaterial
    from gongkai.services.selectors import package_materials, package_public_get

    GuideMaterial.objects.create(
        service_item=world.jobless_service, order=9, name="居民身份证（原件）", form="原件"
    )
    GuideMaterial.objects.create(
        service_item=world.elder_service, order=9, name="居民身份证", form="复印件"
    )
    merged = package_materials(package_public_get(slug="shiye"))
    ids = [m for m in merged if m.name.startswith("居民身份证")]
    assert len(ids) == 1 and ids[0].forms == ["原件", "复印件"] and len(ids[0].steps) == 2


def test_same_code_finds_every_page(world, handbook) -> None:  # type: ignore[no-untyped-def]
    page = Client().get(f"/tongma/?code={world.permit_power.code}").content.decode()
    assert "办事服务" in page and "办事指南" in page and "办件统计" in page
    assert "没有找到" in Client().get("/tongma/?code=ZZZ").content.decode()


def test_citizen_follows_a_case_by_number_and_code(world, handbook) -> None:  # type: ignore[no-untyped-def]
    source = source_make(world.planning)
    code = world.permit_power.code
    cases_ingest(
        source=source,
        cases=[case_row("RG-100", code)],
        nodes=[node_row("RG-100", "a", "窗口受理", "2026-09-28T09:05:00+08:00")],
    )
    c = Client()
    wrong = c.post("/banjian/", {"number": "RG-100", "code": "WRONG"})
    assert "办件编号或查询码不正确" in wrong.content.decode()
    assert c.get("/banjian/c/RG-100/").status_code == 404
    ok = c.post("/banjian/", {"number": "rg-100", "code": "ab12cd"})
    assert ok.status_code == 302
    page = c.get(ok["Location"]).content.decode()
    assert "窗口受理" in page and "张**" in page and "张三丰" not in page
    assert "2026-10-10" in page  # promised date on the law clock
    assert "/hudong/write/complaint/?case=RG-100" in page
    api = Client().post(
        "/api/v1/banjian/track",
        {"number": "RG-100", "code": "AB12CD"},
        content_type="application/json",
    )
    assert api.status_code == 200 and api.json()["applicant"] == "张**"
    assert (
        Client()
        .post(
            "/api/v1/banjian/track",
            {"number": "RG-100", "code": "x"},
            content_type="application/json",
        )
        .status_code
        == 404
    )


def test_my_cases_need_a_verified_phone(world, handbook) -> None:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    source = source_make(world.planning)
    cases_ingest(source=source, cases=[case_row("RG-200", world.permit_power.code)], nodes=[])
    citizen = world.citizen  # phone 13700000000, as on the case
    c = client_for(citizen)
    assert "验证手机号码" in c.get("/banjian/my/").content.decode()
    assert c.get("/banjian/c/RG-200/").status_code == 404
    citizen.phone_verified_at = timezone.now()
    citizen.save()
    mine = c.get("/banjian/my/").content.decode()
    assert "RG-200" in mine
    assert c.get("/banjian/c/RG-200/").status_code == 200


def test_phone_verification_with_a_code(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    sent: list[str] = []
    from gongkai.core import contact_code

    class Sms:
        def send(self, phone: str, text: str) -> None:
            sent.append(text)

    monkeypatch.setattr(contact_code, "get_sms_sender", lambda: Sms())
    citizen = world.citizen
    c = client_for(citizen)
    c.post("/accounts/phone/", {"send_code": "1"})
    code = sent[0].split("验证码 ")[1][:6]
    assert (
        "验证码不正确"
        in c.post(
            "/accounts/phone/", {"code": "000000" if code != "000000" else "111111"}
        ).content.decode()
    )
    done = c.post("/accounts/phone/", {"code": code, "next": "/banjian/my/"})
    assert done.status_code == 302 and done["Location"] == "/banjian/my/"
    citizen.refresh_from_db()
    assert citizen.phone_verified


def test_staff_see_sources_overdue_cases_and_messages(world, handbook) -> None:  # type: ignore[no-untyped-def]
    source = source_make(world.planning)
    cases_ingest(source=source, cases=[case_row("RG-300", world.permit_power.code)], nodes=[])
    staff = client_for(world.planning_editor)
    page = staff.get("/manage/banjian/").content.decode()
    assert source.name in page and "RG-300" in page  # overdue: promised 2026-10-10 has passed
    assert "RG-300" not in client_for(world.finance_editor).get("/manage/banjian/").content.decode()
    case = source.cases.get()
    detail = staff.get(f"/manage/banjian/{case.pk}/").content.decode()
    assert "张三丰" in detail  # staff see the applicant in full
    assert client_for(world.finance_editor).get(f"/manage/banjian/{case.pk}/").status_code == 404
    added = staff.post(
        "/manage/banjian/sources/add/",
        {
            "organisation": world.planning.pk,
            "code": "mid",
            "name": "中间库",
            "engine": "sqlite",
            "dsn": "sqlite:////tmp/none.sqlite3",
        },
        follow=True,
    ).content.decode()
    assert "推送签名密钥" in added and "只显示这一次" in added
    mid = type(source).objects.get(code="mid")
    bad = staff.post(
        f"/manage/banjian/sources/{mid.pk}/edit/",
        {"mapping": '{"cases": {"table": "x;y"}}'},
        follow=True,
    )
    assert "只能由字母" in bad.content.decode()
    assert LifeEvent.objects.count() == 2
