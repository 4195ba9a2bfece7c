"""双公示 from 办件 data: finished 行政许可 and 行政处罚 cases with a 决定文书号, the natural
person masked, searchable by 文书号, item or company name only; the 7-working-day limit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from gongkai.catalog.choices import PowerCategory
from gongkai.catalog.models import PowerItem
from gongkai.core.workdays import HolidayCalendar
from gongkai.services import rules
from gongkai.services.ingest import cases_ingest
from gongkai.services.tests.helpers import case_row, node_row, source_make

pytestmark = pytest.mark.django_db


def test_seven_working_days_by_hand() -> None:
    """Decided Monday 2026-11-02: working days 3, 4, 5, 6, 9, 10, 11 → 2026-11-11."""
    decided = dt.datetime(2026, 11, 2, 10, tzinfo=dt.UTC)
    assert rules.double_disclosure_due(decided, HolidayCalendar()) == dt.date(2026, 11, 11)
    assert rules.double_disclosure_due(None, HolidayCalendar()) is None


def test_licensing_and_penalties_are_published_with_persons_masked(world) -> None:  # type: ignore[no-untyped-def]
    penalty = PowerItem.objects.create(
        name="对违法建设的处罚", code="TEST-CF-1", category=PowerCategory.PENALTY,
        basis="《中华人民共和国城乡规划法》第六十四条", organisation=world.planning,
    )  # fmt: skip
    source = source_make(world.planning)
    permit = world.permit_power.code
    cases_ingest(
        source=source,
        cases=[
            case_row("XK-1", permit, decision_no="示规许〔2026〕1号", result="准予许可"),
            case_row("XK-2", permit, decision_no=""),  # no decision number: nothing to publish
            case_row("XK-3", permit, decision_no="示规许〔2026〕3号"),  # still open
            case_row(
                "CF-1",
                penalty.code,
                decision_no="示罚〔2026〕7号",
                result="罚款5万元",
                applicant_name="示例建材有限公司",
                applicant_is_company=True,
            ),
        ],
        nodes=[
            node_row("XK-1", "a", "受理", "2026-11-02T09:00:00+08:00"),
            node_row("XK-1", "b", "作出决定", "2026-11-02T15:00:00+08:00"),
            node_row("XK-1", "c", "送达", "2026-11-04T10:00:00+08:00"),
            node_row("XK-2", "a", "办结", "2026-11-02T15:00:00+08:00"),
            node_row("XK-3", "a", "受理", "2026-11-02T09:00:00+08:00"),
            node_row("CF-1", "a", "作出决定", "2026-11-05T10:00:00+08:00"),
            node_row("CF-1", "b", "送达", "2026-11-06T10:00:00+08:00"),
        ],
    )
    c = Client()
    licensing = c.get("/shuanggongshi/").content.decode()
    assert "示规许〔2026〕1号" in licensing and "张**" in licensing and "张三丰" not in licensing
    assert "2026-11-02" in licensing and "2026-11-11" in licensing  # decided, and due
    assert "示规许〔2026〕3号" not in licensing and "XK-2" not in licensing
    assert "示罚〔2026〕7号" not in licensing
    penalties = c.get("/shuanggongshi/?kind=penalty").content.decode()
    assert (
        "示罚〔2026〕7号" in penalties
        and "示例建材有限公司" in penalties
        and "罚款5万元" in penalties
    )
    assert "示规许" not in penalties
    assert "示罚〔2026〕7号" in c.get("/shuanggongshi/?kind=penalty&q=建材").content.decode()
    # a natural person cannot be found by their name
    assert "示规许〔2026〕1号" not in c.get("/shuanggongshi/?q=张三丰").content.decode()
    assert c.get("/shuanggongshi/?kind=nope&page=x").status_code == 200


def test_double_disclosure_api(world) -> None:  # type: ignore[no-untyped-def]
    source = source_make(world.planning)
    cases_ingest(
        source=source,
        cases=[case_row("XK-9", world.permit_power.code, decision_no="示规许〔2026〕9号")],
        nodes=[
            node_row("XK-9", "a", "作出决定", "2026-11-02T15:00:00+08:00"),
            node_row("XK-9", "b", "送达", "2026-11-04T10:00:00+08:00"),
        ],
    )
    c = Client()
    got = c.get("/api/v1/shuanggongshi/?kind=licensing").json()
    assert got["count"] == 1
    row = got["results"][0]
    assert row["decision_no"] == "示规许〔2026〕9号" and row["party"] == "张**"
    assert row["decided_on"] == "2026-11-02" and row["disclose_by"] == "2026-11-11"
    assert c.get("/api/v1/shuanggongshi/?kind=penalty").json()["count"] == 0
    assert c.get("/api/v1/shuanggongshi/").status_code == 400  # kind is required
