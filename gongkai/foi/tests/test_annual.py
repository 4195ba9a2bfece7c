"""Annual-report tables 三 and 四 (国办公开办函〔2021〕30号) against a hand-made cast counted by
hand: carry-over across a year end, an application decided in the next year, a withdrawal,
an application still open, and a broken record that the checks name."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from conftest import client_for
from gongkai.foi.annual import table_four, table_three
from gongkai.foi.models import Application, Challenge
from gongkai.foi.services import (
    application_decide,
    application_submit,
    application_withdraw,
    secrecy_review,
)
from gongkai.foi.tests.test_law import PERSON
from gongkai.testing import planning_org

D = dt.date.fromisoformat
COMPANY = {"applicant_kind": "organisation", "name": "某公司", "id_number": ""}


def _apply(on: str, description: str, **extra) -> Application:  # type: ignore[no-untyped-def]
    data = {**PERSON, "description": description, **extra}
    return application_submit(data=data, organisation=planning_org(), submitted_on=D(on))[0]


@pytest.fixture
def cast(db, planning_editor, planning_reviewer):  # type: ignore[no-untyped-def]
    """A: person, 2025-12-15 → 予以公开 2026-01-08 (decided in the next year)
    B: 商业企业, 2025-06-01 → 本机关不掌握 2025-06-19
    F: person, 2025-12-22, still open
    C: person, 2026-03-02 → 本机关不掌握 2026-03-12
    D: 法律服务机构, 2026-11-20, still open
    E: person, 2026-04-01, withdrawn 2026-04-03 (counted under （六）3.其他)"""
    a = _apply("2025-12-15", "2025年城市总体规划修改批复")
    secrecy_review(actor=planning_reviewer, app=a)
    application_decide(
        actor=planning_editor, app=a, outcome="1", reply_text="予以公开", on=D("2026-01-08")
    )
    b = _apply(
        "2025-06-01",
        "某地块控制性详细规划",
        **COMPANY,
        org_category="business",
        uscc="91350100M000100Y43",
    )
    application_decide(
        actor=planning_editor, app=b, outcome="4.1", reply_text="不掌握", on=D("2025-06-19")
    )
    f = _apply("2025-12-22", "某路段拓宽工程规划许可")
    c = _apply("2026-03-02", "某小区规划总平面图")
    application_decide(
        actor=planning_editor, app=c, outcome="4.1", reply_text="不掌握", on=D("2026-03-12")
    )
    d = _apply(
        "2026-11-20",
        "某项目规划条件核实意见",
        **COMPANY,
        org_category="legal",
        uscc="91350100M000100Y43",
    )
    e = _apply("2026-04-01", "某村庄规划")
    application_withdraw(app=e, on=D("2026-04-03"))
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f}


def _planning():  # type: ignore[no-untyped-def]
    return Application.objects.filter(organisation=planning_org())


def _rows(table) -> dict[str, list[int]]:  # type: ignore[no-untyped-def]
    return {r["code"]: r["cells"] for r in table["rows"] if r["cells"][-1]}


@pytest.mark.django_db
def test_table_three_of_two_years_matches_the_hand_count(cast) -> None:
    #            自然人 商业 科研 公益 法律 其他 总计
    y2025 = table_three(_planning(), start=D("2025-01-01"), end=D("2025-12-31"))
    assert y2025["new_row"] == [2, 1, 0, 0, 0, 0, 3]  # A, F; B
    assert y2025["carried_in_row"] == [0, 0, 0, 0, 0, 0, 0]
    assert _rows(y2025) == {"4.1": [0, 1, 0, 0, 0, 0, 1]}  # B
    assert y2025["total_row"] == [0, 1, 0, 0, 0, 0, 1]
    assert y2025["carried_out_row"] == [2, 0, 0, 0, 0, 0, 2]  # A (decided 2026), F
    assert y2025["checks"] == []

    y2026 = table_three(_planning(), start=D("2026-01-01"), end=D("2026-12-31"))
    assert y2026["new_row"] == [2, 0, 0, 0, 1, 0, 3]  # C, E; D
    assert y2026["carried_in_row"] == [2, 0, 0, 0, 0, 0, 2]  # A and F from 2025
    assert _rows(y2026) == {
        "1": [1, 0, 0, 0, 0, 0, 1],  # A, decided in the year after it came in
        "4.1": [1, 0, 0, 0, 0, 0, 1],  # C
        "6.3": [1, 0, 0, 0, 0, 0, 1],  # E, withdrawn
    }
    assert y2026["total_row"] == [3, 0, 0, 0, 0, 0, 3]
    assert y2026["carried_out_row"] == [1, 0, 0, 0, 1, 0, 2]  # F, D
    # 一 + 二 = 三（七） + 四 in every column: 2 + 2 = 3 + 1 (自然人), 3 + 2 = 3 + 2 (总计)
    assert y2026["checks"] == []
    # next year's 上年结转 is this year's 结转下年度
    y2027 = table_three(_planning(), start=D("2027-01-01"), end=D("2027-12-31"))
    assert y2027["carried_in_row"] == y2026["carried_out_row"]


@pytest.mark.django_db
def test_a_broken_record_fails_the_check_and_is_named(cast, planning_editor) -> None:
    # an ending without its outcome (as an import or a hand edit could leave it)
    Application.objects.filter(pk=cast["c"].pk).update(outcome="")
    table = table_three(_planning(), start=D("2026-01-01"), end=D("2026-12-31"))
    cells = [f.cell for f in table["checks"]]
    assert cells == [
        "表三“自然人”列：一＋二（4）与三（七）＋四",
        "表三“总计”列：一＋二（5）与三（七）＋四",
    ]
    first = table["checks"][0]
    assert (first.expected, first.found) == (4, 3) and first.receipts == [cast["c"].receipt_no]
    assert cast["c"].receipt_no in first.message
    page = client_for(planning_editor).get(
        reverse("manage:foi_statistics") + "?start=2026-01-01&end=2026-12-31"
    )
    text = page.content.decode()
    assert "表三勾稽关系校验未通过" in text and cast["c"].receipt_no in text
    assert "二、上期结转政府信息公开申请数量" in text and "（七）总计" in text


@pytest.mark.django_db
def test_a_row_whose_total_is_wrong_is_named() -> None:
    from gongkai.foi.annual import table_three_checks

    zero = [0] * 7
    table = {
        "columns": [
            "自然人",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            "总计",
        ],
        "new_row": [1, 0, 0, 0, 0, 0, 2],  # 总计 should be 1
        "carried_in_row": zero,
        "rows": [{"group": "（一）", "label": "予以公开", "cells": [1, 0, 0, 0, 0, 0, 1]}],
        "total_row": [1, 0, 0, 0, 0, 0, 1],
        "carried_out_row": zero,
    }
    messages = [f.message for f in table_three_checks(table)]
    assert "表三“总计”列：一＋二（2）与三（七）＋四：应为2，实为1" in messages
    assert "表三“一、本年新收”行：总计列：应为1，实为2" in messages


@pytest.mark.django_db
def test_table_four_counts_results_as_they_stood_at_the_years_end(cast) -> None:
    a, c = cast["a"], cast["c"]
    Challenge.objects.create(
        application=a,
        kind=Challenge.REVIEW,
        filed_on=D("2026-02-01"),
        result="maintained",
        decided_on=D("2026-03-20"),
    )
    # decided only in the next year: 尚未审结 in this year's report
    Challenge.objects.create(
        application=c,
        kind=Challenge.DIRECT,
        filed_on=D("2026-05-01"),
        result="corrected",
        decided_on=D("2027-02-01"),
    )
    Challenge.objects.create(
        application=c,
        kind=Challenge.REVIEW,
        filed_on=D("2025-11-01"),
        result="other",
        decided_on=D("2025-12-01"),
    )  # filed in 2025: not this year's
    rows = {
        r["label"]: r["cells"]
        for r in table_four(_planning(), start=D("2026-01-01"), end=D("2026-12-31"))
    }
    assert rows["行政复议"] == [1, 0, 0, 0, 1]
    assert rows["行政诉讼（未经复议直接起诉）"] == [0, 0, 0, 1, 1]
    assert rows["行政诉讼（复议后起诉）"] == [0, 0, 0, 0, 0]


@pytest.mark.django_db
def test_the_tables_over_the_api_with_the_failed_cells(
    cast, planning_editor, finance_editor
) -> None:
    url = "/api/v1/manage/foi/annual-tables"
    body = client_for(planning_editor).get(url, {"year": 2026}).json()
    assert body["carried_in_row"] == [2, 0, 0, 0, 0, 0, 2] and body["checks"] == []
    # 21 outcome rows and （七）总计: the 22 rows of 三、本年度办理结果
    assert len(body["rows"]) == 21 and body["total_row"][-1] == 3
    Application.objects.filter(pk=cast["c"].pk).update(outcome="")
    broken = client_for(planning_editor).get(url, {"year": 2026}).json()
    assert broken["checks"][0]["receipts"] == [cast["c"].receipt_no]
    # another department's staff see none of it
    other = client_for(finance_editor).get(url, {"year": 2026}).json()
    assert other["new_row"][-1] == 0
    assert client_for(planning_editor).get(url, {"year": 1}).status_code == 400
