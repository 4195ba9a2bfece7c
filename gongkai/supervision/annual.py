"""政府信息公开工作年度报告 (国办公开办函〔2021〕30号 format; docs/supervision.md#annual-report):
the tables computed from the records, every arithmetic check, the narrative drafted from the
data, and the report's services (create, edit, enter figures, publish).

It reads the other apps only through their selectors: ``foi.annual`` for tables 三 and 四,
``publishing.selectors`` for 规范性文件 and the count of records published.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import Organisation, OrgKind
from gongkai.accounts.permissions import can_edit_org, can_review_org, can_supervise_org
from gongkai.core.audit import audit_record
from gongkai.core.clock import ClockRule
from gongkai.core.deadlines import deadline_close, deadline_sync, deadlines_open_for
from gongkai.core.errors import Conflict
from gongkai.foi.annual import table_four, table_three
from gongkai.foi.selectors import applications_of_organisations
from gongkai.publishing.selectors import normative_year_counts, publications_published_count
from gongkai.supervision.annual_rules import (
    REFUSALS,
    REPORT_DEADLINE,
    ReportAction,
    ReportStatus,
    report_due,
)
from gongkai.supervision.models import AnnualFigure, AnnualReport

FIGURE_FIELDS = (
    "rules_issued",
    "rules_abolished",
    "rules_current",
    "licences",
    "penalties",
    "enforcements",
    "fees_wan",
)
NARRATIVE_FIELDS = ("overview", "problems", "other")


def report_scope(organisation: Organisation) -> list[int]:
    """The organisations a report covers: a 人民政府's report is its own and its departments'
    and towns' together (aggregated); any other organisation's is its own."""
    if organisation.kind == OrgKind.GOVERNMENT:
        return list(
            Organisation.objects.filter(government_id=organisation.pk).values_list("pk", flat=True)
        )
    return [organisation.pk]


def _figures(org_ids: list[int], year: int) -> dict[str, Any] | None:
    rows = list(AnnualFigure.objects.filter(organisation_id__in=org_ids, year=year))
    if not rows:
        return None
    return {
        f: sum((getattr(r, f) for r in rows), Decimal(0) if f == "fees_wan" else 0)
        for f in FIGURE_FIELDS
    }


def table_two(org_ids: list[int], year: int) -> dict[str, Any]:
    """Table 二 主动公开政府信息情况, its four blocks (条例 第二十条第（一）（五）（六）（八）
    项)."""
    normative = normative_year_counts(organisation_ids=org_ids, year=year)
    figures = _figures(org_ids, year) or {f: 0 for f in FIGURE_FIELDS}
    return {
        "documents": [
            {
                "label": "规章",
                "issued": figures["rules_issued"],
                "abolished": figures["rules_abolished"],
                "current": figures["rules_current"],
            },
            {
                "label": "行政规范性文件",
                "issued": normative["issued"],
                "abolished": normative["abolished"],
                "current": normative["current"],
            },
        ],
        "licences": figures["licences"],
        "penalties": figures["penalties"],
        "enforcements": figures["enforcements"],
        "fees_wan": str(Decimal(figures["fees_wan"]).quantize(Decimal("0.0001"))),
        "figures_entered": _figures(org_ids, year) is not None,
        "_odd_documents": normative["odd"],
    }


def _check(
    cell: str, expected: Any, found: Any, records: list[str] | None = None
) -> dict[str, Any]:
    text = f"{cell}：应为{expected}，实为{found}"
    if records:
        text += "；涉及：" + "、".join(records)
    return {
        "cell": cell,
        "expected": expected,
        "found": found,
        "records": records or [],
        "message": text,
    }


def table_two_checks(org_ids: list[int], year: int, two: dict[str, Any]) -> list[dict[str, Any]]:
    """The cross-year rule on 现行有效件数 (cn-rules.md §2.2): 现行有效[Y] = 现行有效[Y−1] +
    本年制发[Y] − 本年废止[Y], for 规章 (when last year's figures were entered) and for
    行政规范性文件 (from the records; a document that ends before it was issued breaks it)."""
    failures = []
    rules, normative = two["documents"]
    last = _figures(org_ids, year - 1)
    if last is not None and two["figures_entered"]:
        expected = last["rules_current"] + rules["issued"] - rules["abolished"]
        if expected != rules["current"]:
            failures.append(
                _check(
                    f"表二“规章”现行有效件数（{year - 1}年{last['rules_current']}件起算）",
                    expected,
                    rules["current"],
                )
            )
    before = normative_year_counts(organisation_ids=org_ids, year=year - 1)["current"]
    expected = before + normative["issued"] - normative["abolished"]
    if expected != normative["current"]:
        odd = [f"{number or '无文号'}《{title}》" for number, title in two["_odd_documents"]]
        failures.append(
            _check("表二“行政规范性文件”现行有效件数", expected, normative["current"], odd)
        )
    return failures


def table_four_checks(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each 总计 of table 四 = 维持 + 纠正 + 其他 + 尚未审结 (cn-rules.md §2.4)."""
    return [
        _check(f"表四“{r['label']}”总计", sum(r["cells"][:4]), r["cells"][4])
        for r in rows
        if sum(r["cells"][:4]) != r["cells"][4]
    ]


def annual_tables(organisation: Organisation, year: int) -> dict[str, Any]:
    """Tables 二, 三 and 四 of the report and every check, as JSON-ready data."""
    org_ids = report_scope(organisation)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    apps = applications_of_organisations(org_ids)
    three = table_three(apps, start=start, end=end)
    four = table_four(apps, start=start, end=end)
    two = table_two(org_ids, year)
    checks = [
        *table_two_checks(org_ids, year, two),
        *[_check(f.cell, f.expected, f.found, f.receipts) for f in three.pop("checks")],
        *table_four_checks(four),
    ]
    two.pop("_odd_documents")
    return {
        "year": year,
        "organisation": organisation.name,
        "period": f"本报告中所列数据统计期限为{year}年1月1日至12月31日",
        "published_count": publications_published_count(
            organisation_ids=org_ids, start=start, end=end
        ),
        "table_two": two,
        "table_three": {k: v for k, v in three.items() if k not in ("start", "end")},
        "table_four": four,
        "checks": checks,
    }


def narrative_draft(tables: dict[str, Any]) -> dict[str, str]:
    """一、五、六 drafted from the figures, for staff to edit before publishing."""
    three, four = tables["table_three"], tables["table_four"]
    received, carried = three["new_row"][-1], three["carried_in_row"][-1]
    decided, pending = three["total_row"][-1], three["carried_out_row"][-1]
    challenges = sum(r["cells"][-1] for r in four)
    corrected = sum(r["cells"][1] for r in four)
    normative = tables["table_two"]["documents"][1]
    overview = (
        f"{tables['year']}年，{tables['organisation']}认真贯彻落实《中华人民共和国政府信息公开条例》，"
        f"全年主动公开政府信息{tables['published_count']}条，"
        f"制发行政规范性文件{normative['issued']}件、废止{normative['abolished']}件，"
        f"现行有效{normative['current']}件。"
        f"全年新收政府信息公开申请{received}件，上年结转{carried}件，"
        f"办结{decided}件，结转下年度继续办理{pending}件。"
        f"因政府信息公开工作被申请行政复议、提起行政诉讼共{challenges}件，"
        f"其中结果纠正{corrected}件。{tables['period']}。"
    )
    return {
        "overview": overview,
        "problems": "（请填写本年度政府信息公开工作存在的主要问题及改进情况。）",
        "other": (
            "依据《政府信息公开信息处理费管理办法》规定，本年度收取信息处理费情况：（请填写）。"
        ),
    }


# services -------------------------------------------------------------------------------------
def _guard(report: AnnualReport, action: str) -> None:
    if not report.can(action):
        raise Conflict(REFUSALS[action])


def _may_edit(actor: Any, organisation: Organisation) -> None:
    if organisation.kind == OrgKind.GOVERNMENT:
        if not can_supervise_org(actor, organisation.pk):
            raise PermissionDenied("本级政府的年度报告由政务公开办编制")
    elif not can_edit_org(actor, organisation.pk):
        raise PermissionDenied("无权编制该机构的年度报告")


@transaction.atomic
def annual_report_create(*, actor: Any, organisation: Organisation, year: int) -> AnnualReport:
    """A draft with the narrative drafted from the data, and its 条例 第四十九条 deadline."""
    _may_edit(actor, organisation)
    today = timezone.localdate()
    if not 2008 <= year < today.year + (1 if today.month == 12 else 0):
        raise ValidationError({"year": "只能编制已结束（或本月即将结束）年度的报告"})
    if AnnualReport.objects.filter(organisation=organisation, year=year).exists():
        raise ValidationError({"year": f"{organisation.name}{year}年的年度报告已存在"})
    report = AnnualReport(organisation=organisation, year=year, created_by=actor)
    for field, text in narrative_draft(annual_tables(organisation, year)).items():
        setattr(report, field, text)
    report.full_clean()
    report.save()
    due = report_due(is_government=organisation.kind == OrgKind.GOVERNMENT, year=year)
    deadline_sync(
        subject=report,
        kind=REPORT_DEADLINE,
        organisation=organisation,
        start=due,
        rule=ClockRule.fixed(),
        label=str(report),
    )
    audit_record(actor=actor, action="annual_report.create", obj=report, organisation=organisation)
    return report


@transaction.atomic
def annual_report_save(*, actor: Any, report: AnnualReport, data: dict[str, str]) -> AnnualReport:
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _may_edit(actor, report.organisation)
    _guard(report, ReportAction.EDIT)
    for field in NARRATIVE_FIELDS:
        if field in data:
            setattr(report, field, data[field].strip())
    report.full_clean()
    report.save()
    audit_record(
        actor=actor, action="annual_report.edit", obj=report, organisation=report.organisation
    )
    return report


@transaction.atomic
def annual_figure_save(
    *, actor: Any, organisation: Organisation, year: int, data: dict[str, Any]
) -> AnnualFigure:
    """The table 二 figures of one organisation's own registers for a year."""
    if not can_edit_org(actor, organisation.pk):
        raise PermissionDenied("无权填报该机构的年报数据")
    if AnnualReport.objects.filter(
        organisation_id__in=_reports_covering(organisation),
        year=year,
        status=ReportStatus.PUBLISHED,
    ).exists():
        raise Conflict("含本机构数据的年度报告已公布，不能再修改填报数")
    figure, _created = AnnualFigure.objects.select_for_update().get_or_create(
        organisation=organisation, year=year
    )
    old = {f: str(getattr(figure, f)) for f in FIGURE_FIELDS}
    for field in FIGURE_FIELDS:
        if field in data:
            setattr(figure, field, data[field])
    figure.updated_by = actor
    figure.full_clean()
    figure.save()
    audit_record(
        actor=actor,
        action="annual_figure.save",
        obj=figure,
        organisation=organisation,
        old=old,
        new={f: str(getattr(figure, f)) for f in FIGURE_FIELDS},
    )
    return figure


def _reports_covering(organisation: Organisation) -> list[int]:
    return [organisation.pk, *([organisation.government_id] if organisation.government_id else [])]


@transaction.atomic
def annual_report_publish(*, actor: Any, report: AnnualReport) -> AnnualReport:
    """先审后发: the organisation's reviewer (a government's: the 政务公开办) publishes it once
    every check passes; the tables are kept as published, the deadline closes met or late."""
    report = (
        AnnualReport.objects.select_for_update().select_related("organisation").get(pk=report.pk)
    )
    _guard(report, ReportAction.PUBLISH)
    org = report.organisation
    allowed = (
        can_supervise_org(actor, org.pk)
        if org.kind == OrgKind.GOVERNMENT
        else can_review_org(actor, org.pk)
    )
    if not allowed:
        raise PermissionDenied("只有本机构的审核人（本级政府的报告：政务公开办）可以公布年度报告")
    tables = annual_tables(org, report.year)
    if tables["checks"]:
        raise ValidationError(
            {
                "__all__": [
                    "勾稽关系校验未通过，不能公布："
                    + "；".join(c["message"] for c in tables["checks"])
                ]
            }
        )
    if not report.overview.strip():
        raise ValidationError({"overview": "请填写“一、总体情况”"})
    report.tables = tables
    report.status, report.published_at, report.published_by = (
        ReportStatus.PUBLISHED,
        timezone.now(),
        actor,
    )
    report.save()
    for deadline in deadlines_open_for(report).filter(kind=REPORT_DEADLINE):
        deadline_close(deadline=deadline, on=timezone.localdate())
    audit_record(actor=actor, action="annual_report.publish", obj=report, organisation=org)
    return report


def report_tables(report: AnnualReport) -> dict[str, Any]:
    """What a page shows: the published tables, or today's figures for a draft."""
    return report.tables if report.tables else annual_tables(report.organisation, report.year)
