"""政府信息公开工作年度报告: a department's and the whole government's report for 2025 from a
hand-made cast counted by hand; the 条例 第四十九条 deadlines; 先审后发; checks that refuse
publication and name the failing cell; DOCX and xlsx in the national layout; the public
column and the API."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from openpyxl import load_workbook

from gongkai.core.errors import Conflict
from gongkai.core.models import Deadline, DeadlineStatus
from gongkai.foi.services import application_decide, application_submit
from gongkai.foi.tests.test_law import PERSON
from gongkai.supervision import annual
from gongkai.supervision.annual_rules import REPORT_DEADLINE, report_due
from gongkai.supervision.models import AnnualReport
from gongkai.testing import factories as f

D = dt.date.fromisoformat
COMPANY = {
    "applicant_kind": "organisation",
    "name": "某公司",
    "id_number": "",
    "org_category": "business",
    "uscc": "91350100M000100Y43",
}


def _as(user) -> Client:  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def cast(world, planning_editor, planning_reviewer, finance_editor):  # type: ignore[no-untyped-def]
    """2025, 自然资源和规划局: A person 3/2 → 本机关不掌握 3/12; B person 12/22, still open.
    财政局: C 商业企业 5/6 → 本机关不掌握 5/15.
    规范性文件 of 自然资源和规划局: one of 2023 废止 2025-06-01, one of 2024, one of 2025."""
    a = application_submit(
        data={**PERSON, "description": "某地块规划条件"},
        organisation=world.planning,
        submitted_on=D("2025-03-02"),
    )[0]
    application_decide(
        actor=planning_editor, app=a, outcome="4.1", reply_text="不掌握", on=D("2025-03-12")
    )
    application_submit(
        data={**PERSON, "description": "某道路规划红线图"},
        organisation=world.planning,
        submitted_on=D("2025-12-22"),
    )
    finance_reviewer = world.finance_reviewer
    c = application_submit(
        data={**PERSON, **COMPANY, "description": "某专项资金分配表"},
        organisation=world.finance,
        submitted_on=D("2025-05-06"),
    )[0]
    application_decide(
        actor=finance_editor, app=c, outcome="4.1", reply_text="不掌握", on=D("2025-05-15")
    )
    for number, written, extra in (
        (
            "示自然资规发〔2023〕1号",
            "2023-04-03",
            {"validity": "abolished", "invalid_on": D("2025-06-01")},
        ),
        ("示自然资规发〔2024〕2号", "2024-04-08", {}),
        ("示自然资规发〔2025〕3号", "2025-04-07", {}),
    ):
        f.publication_make(
            editor=planning_editor,
            reviewer=planning_reviewer,
            title=f"规范性文件{number}",
            doc_number=number,
            genre="measures",
            stage="decision",
            is_normative=True,
            written_on=D(written),
            formed_on=D(written),
            **extra,
        )
    del finance_reviewer
    return world


@pytest.mark.django_db
def test_the_deadlines_of_article_49() -> None:
    assert report_due(is_government=False, year=2025) == dt.date(2026, 1, 31)
    assert report_due(is_government=True, year=2025) == dt.date(2026, 3, 31)


@pytest.mark.django_db
def test_a_departments_and_the_governments_report_match_the_hand_count(
    cast, office, planning_editor, planning_reviewer
) -> None:
    ours = annual.annual_tables(cast.planning, 2025)
    three = ours["table_three"]
    assert three["new_row"] == [2, 0, 0, 0, 0, 0, 2]  # A, B
    assert three["total_row"] == [1, 0, 0, 0, 0, 0, 1]  # A
    assert three["carried_out_row"] == [1, 0, 0, 0, 0, 0, 1]  # B
    assert ours["table_two"]["documents"][1] == {
        "label": "行政规范性文件",
        "issued": 1,  # 〔2025〕3号
        "abolished": 1,  # 〔2023〕1号 on 2025-06-01
        "current": 2,  # 〔2024〕2号 and 〔2025〕3号: last year's 2 + 1 − 1
    }
    assert ours["checks"] == []

    # the government's report adds up its departments (and towns)
    whole = annual.annual_tables(cast.gov, 2025)["table_three"]
    assert whole["new_row"] == [2, 1, 0, 0, 0, 0, 3]  # A, B; C
    assert {r["code"]: r["cells"] for r in whole["rows"]}["4.1"] == [1, 1, 0, 0, 0, 0, 2]
    assert whole["carried_out_row"] == [1, 0, 0, 0, 0, 0, 1]

    with pytest.raises(PermissionDenied):  # the government's report is the office's
        annual.annual_report_create(actor=planning_editor, organisation=cast.gov, year=2025)
    report = annual.annual_report_create(
        actor=planning_editor, organisation=cast.planning, year=2025
    )
    assert report.report_due == dt.date(2026, 1, 31)
    assert (
        "新收政府信息公开申请2件" in report.overview and "结转下年度继续办理1件" in report.overview
    )
    with pytest.raises(ValidationError):  # once per organisation and year
        annual.annual_report_create(actor=planning_editor, organisation=cast.planning, year=2025)
    annual.annual_figure_save(
        actor=planning_editor,
        organisation=cast.planning,
        year=2025,
        data={"licences": 120, "penalties": 8, "fees_wan": "12.5"},
    )
    with pytest.raises(PermissionDenied):  # 先审后发
        annual.annual_report_publish(actor=planning_editor, report=report)
    published = annual.annual_report_publish(actor=planning_reviewer, report=report)
    assert published.tables["table_two"]["licences"] == 120
    assert published.tables["table_two"]["fees_wan"] == "12.5000"
    # published after 2026-01-31 (today is later): 超期完成
    deadline = Deadline.objects.get(kind=REPORT_DEADLINE, object_id=str(report.pk))
    assert deadline.status == DeadlineStatus.LATE and deadline.due_date == dt.date(2026, 1, 31)
    with pytest.raises(Conflict):  # the published report is kept as it was
        annual.annual_report_save(actor=planning_editor, report=report, data={"overview": "x"})
    with pytest.raises(Conflict):  # and so are the figures behind it
        annual.annual_figure_save(
            actor=planning_editor, organisation=cast.planning, year=2025, data={"licences": 1}
        )

    gov = annual.annual_report_create(actor=office, organisation=cast.gov, year=2025)
    assert gov.report_due == dt.date(2026, 3, 31)
    gov = annual.annual_report_publish(actor=office, report=gov)
    assert gov.tables["table_three"]["new_row"][-1] == 3


@pytest.mark.django_db
def test_a_broken_cross_year_count_refuses_publication_and_names_the_cell(
    cast, planning_editor, planning_reviewer
) -> None:
    from gongkai.publishing.models import Publication

    # a document "abolished" before it was issued breaks 现行有效[Y] = [Y−1] + 制发 − 废止
    Publication.objects.filter(doc_number="示自然资规发〔2025〕3号").update(
        validity="abolished", invalid_on=D("2024-12-01")
    )
    # and 规章: last year 5 in force, one made this year, but 5 entered as in force
    annual.annual_figure_save(
        actor=planning_editor, organisation=cast.planning, year=2024, data={"rules_current": 5}
    )
    annual.annual_figure_save(
        actor=planning_editor,
        organisation=cast.planning,
        year=2025,
        data={"rules_issued": 1, "rules_current": 5},
    )
    checks = annual.annual_tables(cast.planning, 2025)["checks"]
    messages = [c["message"] for c in checks]
    assert messages[0] == "表二“规章”现行有效件数（2024年5件起算）：应为6，实为5"
    assert messages[1].startswith("表二“行政规范性文件”现行有效件数")
    assert "示自然资规发〔2025〕3号" in messages[1]
    report = annual.annual_report_create(
        actor=planning_editor, organisation=cast.planning, year=2025
    )
    with pytest.raises(ValidationError) as refused:
        annual.annual_report_publish(actor=planning_reviewer, report=report)
    assert "勾稽关系校验未通过" in str(refused.value) and "规章" in str(refused.value)
    assert AnnualReport.objects.get(pk=report.pk).status == "draft"
    page = _as(planning_editor).get(f"/manage/annual-reports/{report.pk}/").content.decode()
    assert "以下单元格未通过校验" in page and "示自然资规发〔2025〕3号" in page


@pytest.mark.django_db
def test_exports_the_public_column_and_the_api(
    cast, planning_editor, planning_reviewer, finance_editor
) -> None:
    from docx import Document

    editor = _as(planning_editor)
    created = editor.post(
        "/manage/annual-reports/", {"organisation": cast.planning.pk, "year": 2025}
    )
    report = AnnualReport.objects.get(organisation=cast.planning, year=2025)
    assert created["Location"] == f"/manage/annual-reports/{report.pk}/"
    # another department neither sees it nor may make one for this department
    assert _as(finance_editor).get(f"/manage/annual-reports/{report.pk}/").status_code == 404
    assert Client().get(f"/gk/nianbao/{report.pk}/").status_code == 404  # a draft is not public

    docx = editor.get(f"/manage/annual-reports/{report.pk}/download.docx")
    doc = Document(io.BytesIO(docx.content))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    three = doc.tables[1]
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in three.rows}
    assert rows["一、本年新收政府信息公开申请数量"] == ["2", "0", "0", "0", "0", "0", "2"]
    # the head; 一, 二; （一）, （二）; （三）–（六） with their 8 + 3 + 5 + 3 rows; （七）, 四
    assert len(three.rows) == 1 + 2 + 2 + (4 + 19) + 2
    xlsx = load_workbook(
        io.BytesIO(editor.get(f"/manage/annual-reports/{report.pk}/download.xlsx").content)
    )
    sheet = [list(r) for r in xlsx["表三 依申请公开"].iter_rows(values_only=True)]
    assert ["四、结转下年度继续办理", 1, 0, 0, 0, 0, 0, 1] in sheet
    assert editor.get(f"/manage/annual-reports/{report.pk}/download.pdf").status_code == 404

    edited = editor.post(
        f"/manage/annual-reports/{report.pk}/edit/",
        {
            "overview": "2025年总体情况。",
            "problems": "公开的及时性有待提高。",
            "other": "未收取信息处理费。",
        },
    )
    assert edited.status_code == 302
    _as(planning_reviewer).post(f"/manage/annual-reports/{report.pk}/publish/")
    public = Client()
    listing = public.get("/gk/nianbao/").content.decode()
    assert "2025年度" in listing and str(report) in listing
    page = public.get(f"/gk/nianbao/{report.pk}/").content.decode()
    assert (
        "公开的及时性有待提高" in page
        and "本报告中所列数据统计期限为2025年1月1日至12月31日" in page
    )
    body = public.get(f"/api/v1/annual-reports/{report.pk}/").json()
    assert body["tables"]["table_three"]["new_row"] == [2, 0, 0, 0, 0, 0, 2]
    assert body["tables"]["table_two"]["documents"][1]["current"] == 2
    assert [r["id"] for r in public.get("/api/v1/annual-reports/").json()] == [report.pk]
