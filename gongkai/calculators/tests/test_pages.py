"""Calculators for the public, the API and the 政务公开办: results cite the version in force on
the day; only the office configures; a published version is never edited."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from conftest import client_for
from gongkai.calculators.services import calculator_create, calculator_version_create
from gongkai.demo.calculators import GAOLING_TABLES

pytestmark = pytest.mark.django_db
INPUTS = [{"key": "age", "label": "年龄", "kind": "number", "unit": "周岁", "min": 0, "max": 130}]
ITEMS = [
    {"label": "每月高龄津贴", "formula": 'band("高龄津贴标准", age)'},
    {"label": "全年合计", "formula": 'band("高龄津贴标准", age) * 12', "in_total": False},
]


@pytest.fixture
def calc(world):  # type: ignore[no-untyped-def]
    c = calculator_create(
        actor=world.office, slug="gaoling", name="高龄津贴计算器", organisation=world.finance
    )
    old = json.loads(json.dumps(GAOLING_TABLES))
    old["高龄津贴标准"]["bands"][0]["value"] = 30
    calculator_version_create(
        actor=world.office, calculator=c, effective_from=dt.date(2020, 1, 1),
        standard_title="旧标准", standard_source="示民发〔2019〕1号", inputs=INPUTS, tables=old, items=ITEMS,
    )  # fmt: skip
    calculator_version_create(
        actor=world.office, calculator=c, effective_from=dt.date(2024, 1, 1),
        standard_title="示例县高龄津贴发放标准", standard_source="示民发〔2023〕41号",
        inputs=INPUTS, tables=GAOLING_TABLES, items=ITEMS, result_label="每月可领",
    )  # fmt: skip
    return c


def test_result_cites_the_standard_in_force(calc) -> None:  # type: ignore[no-untyped-def]
    html = Client().get("/jisuan/gaoling/?age=85").content.decode()
    assert "50.00 元" in html and "600.00 元" in html and "（不计入每月可领）" in html
    assert "示例县高龄津贴发放标准" in html and "示民发〔2023〕41号" in html
    assert "高龄津贴标准：80—89周岁 → 50" in html
    assert calc.version_on(dt.date(2022, 6, 1)).standard_title == "旧标准"
    assert (
        "不在“高龄津贴标准”的任何一档内" in Client().get("/jisuan/gaoling/?age=70").content.decode()
    )
    bad = Client().get("/jisuan/gaoling/?age=二百").content.decode()
    assert "“年龄”应为数字" in bad
    assert "年龄" in Client().get("/jisuan/gaoling/").content.decode()
    assert Client().get("/jisuan/nope/").status_code == 404
    assert "高龄津贴计算器" in Client().get("/jisuan/").content.decode()


def test_api_compute(calc) -> None:  # type: ignore[no-untyped-def]
    c = Client()
    detail = c.get("/api/v1/calculators/gaoling/").json()
    assert (
        detail["standard"]["source"] == "示民发〔2023〕41号" and detail["inputs"][0]["key"] == "age"
    )
    got = c.post(
        "/api/v1/calculators/gaoling/compute", data=json.dumps({"inputs": {"age": "92"}}),
        content_type="application/json",
    ).json()  # fmt: skip
    assert got["total"] == "150.00" and got["lines"][1]["value"] == "1800.00"
    assert got["standard"]["title"] == "示例县高龄津贴发放标准"
    bad = c.post(
        "/api/v1/calculators/gaoling/compute", data=json.dumps({"inputs": {"age": "131"}}),
        content_type="application/json",
    )  # fmt: skip
    assert bad.status_code == 400 and "不能大于130" in bad.json()["message"]
    assert [x["slug"] for x in c.get("/api/v1/calculators/").json()] == ["gaoling"]


def test_only_the_office_configures_and_versions_are_never_edited(world, calc) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        calculator_create(
            actor=world.finance_editor, slug="x", name="x", organisation=world.finance
        )
    with pytest.raises(ValidationError) as exc:
        calculator_version_create(
            actor=world.office, calculator=calc, effective_from=dt.date(2024, 1, 1),
            standard_title="改", standard_source="改", inputs=INPUTS, tables=GAOLING_TABLES, items=ITEMS,
        )  # fmt: skip
    assert "不能修改" in str(exc.value)
    assert client_for(world.finance_editor).get("/manage/jisuan/").status_code == 403
    office = client_for(world.office)
    page = office.get(f"/manage/jisuan/{calc.pk}/").content.decode()
    assert "高龄津贴标准" in page  # the latest definition is offered to start from
    refused = office.post(
        f"/manage/jisuan/{calc.pk}/",
        {"effective_from": "2027-01-01", "standard_title": "新", "standard_source": "新",
         "inputs": json.dumps(INPUTS), "tables": "{}", "items": json.dumps(ITEMS),
         "result_label": "合计", "result_unit": "元"},
    ).content.decode()  # fmt: skip
    assert "没有名为“高龄津贴标准”的分档表" in refused
    broken = office.post(
        f"/manage/jisuan/{calc.pk}/",
        {"effective_from": "2027-01-01", "standard_title": "新", "standard_source": "新",
         "inputs": "[{", "tables": "{}", "items": json.dumps(ITEMS),
         "result_label": "合计", "result_unit": "元"},
    ).content.decode()  # fmt: skip
    assert "不是有效的 JSON" in broken
    ok = office.post(
        f"/manage/jisuan/{calc.pk}/",
        {"effective_from": "2027-01-01", "standard_title": "2027标准", "standard_source": "新",
         "inputs": json.dumps(INPUTS), "tables": json.dumps(GAOLING_TABLES),
         "items": json.dumps(ITEMS), "result_label": "合计", "result_unit": "元"},
    )  # fmt: skip
    assert ok.status_code == 302 and calc.versions.count() == 3
