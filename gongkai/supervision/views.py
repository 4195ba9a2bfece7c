"""Annual-report pages: the staff list and one report (tables, checks, narrative, figures,
publish, exports) under /manage/annual-reports/, and the public 信息公开年报 column with past
years at /gk/nianbao/. Thin: each calls one service or read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import orgs_editable_by, orgs_visible_to
from gongkai.core.views_util import add_service_errors, staff_required
from gongkai.supervision import annual, export
from gongkai.supervision.annual_rules import ReportAction, ReportStatus
from gongkai.supervision.forms import FigureForm, NarrativeForm, ReportCreateForm
from gongkai.supervision.models import AnnualFigure, AnnualReport

STAFF = {"column_name": "政府信息公开工作年度报告", "column_type": "工作台"}
PUBLIC = {"column_name": "信息公开年报", "column_type": "政府信息公开"}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _staff_reports(request: HttpRequest) -> Any:
    return AnnualReport.objects.filter(
        organisation__in=orgs_visible_to(request.user)
    ).select_related("organisation")


def _get(request: HttpRequest, pk: int) -> AnnualReport:
    report = _staff_reports(request).filter(pk=pk).first()
    if report is None:
        raise Http404("没有找到该年度报告，或无权查看")
    return report


@staff_required
def report_list(request: HttpRequest) -> HttpResponse:
    form = ReportCreateForm(request.POST or None, organisations=orgs_editable_by(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            report = annual.annual_report_create(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            if isinstance(exc, PermissionDenied):
                form.add_error(None, str(exc))
            else:
                add_service_errors(form, exc)
        else:
            flash.success(request, "已生成年度报告草稿，请核对表格并修改文字部分")
            return redirect("manage:annual_report", pk=report.pk)
    return render(
        request,
        "supervision/manage/list.html",
        {"reports": _staff_reports(request), "form": form, **STAFF},
    )


@staff_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _get(request, pk)
    figure = AnnualFigure.objects.filter(organisation=report.organisation, year=report.year).first()
    editable = report.can(ReportAction.EDIT)
    return render(
        request,
        "supervision/manage/detail.html",
        {
            "report": report,
            "tables": annual.report_tables(report),
            "three_rows": export.table_three_rows(annual.report_tables(report)["table_three"]),
            "narrative": NarrativeForm(instance=report) if editable else None,
            "figure_form": FigureForm(instance=figure) if editable else None,
            **STAFF,
        },
    )


def _step(request: HttpRequest, pk: int, run: Any, done: str) -> HttpResponse:
    report = _get(request, pk)
    try:
        run(report)
        flash.success(request, done)
    except (ValidationError, PermissionDenied) as exc:
        flash.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
    return redirect("manage:annual_report", pk=pk)


@staff_required
@require_POST
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    form = NarrativeForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                flash.error(request, error)
        return redirect("manage:annual_report", pk=pk)
    return _step(
        request,
        pk,
        lambda r: annual.annual_report_save(actor=request.user, report=r, data=form.cleaned_data),
        "已保存",
    )


@staff_required
@require_POST
def report_figures(request: HttpRequest, pk: int) -> HttpResponse:
    form = FigureForm(request.POST)
    if not form.is_valid():
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for error in errors:
                flash.error(request, f"{label}：{error}" if label else error)
        return redirect("manage:annual_report", pk=pk)
    return _step(
        request,
        pk,
        lambda r: annual.annual_figure_save(
            actor=request.user, organisation=r.organisation, year=r.year, data=form.cleaned_data
        ),
        "已保存填报数",
    )


@staff_required
@require_POST
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        lambda r: annual.annual_report_publish(actor=request.user, report=r),
        "年度报告已公布",
    )


def _download(report: AnnualReport, fmt: str) -> HttpResponse:
    if fmt not in ("docx", "xlsx"):
        raise Http404("只提供Word（docx）和Excel（xlsx）格式")
    tables = annual.report_tables(report)
    if fmt == "docx":
        body, kind = export.report_docx(report, tables), DOCX
    else:
        body, kind = export.report_xlsx(report, tables), XLSX
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = (
        f'attachment; filename="annual-report-{report.year}-{report.pk}.{fmt}"'
    )
    return response


@staff_required
def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    return _download(_get(request, pk), fmt)


# public ---------------------------------------------------------------------------------------
def _published() -> Any:
    return AnnualReport.objects.filter(status=ReportStatus.PUBLISHED).select_related("organisation")


def public_list(request: HttpRequest) -> HttpResponse:
    reports = list(_published())
    years = sorted({r.year for r in reports}, reverse=True)
    return render(
        request,
        "supervision/public_list.html",
        {"by_year": [(y, [r for r in reports if r.year == y]) for y in years], **PUBLIC},
    )


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _published().filter(pk=pk).first()
    if report is None:
        raise Http404("没有找到该年度报告")
    tables = report.tables
    return render(
        request,
        "supervision/public_detail.html",
        {
            "report": report,
            "tables": tables,
            "three_rows": export.table_three_rows(tables["table_three"]),
            **PUBLIC,
        },
    )


def public_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = _published().filter(pk=pk).first()
    if report is None:
        raise Http404("没有找到该年度报告")
    return _download(report, fmt)


# 网站自查 ---------------------------------------------------------------------------------------
def _office_only(request: HttpRequest) -> None:
    from gongkai.accounts.permissions import is_office, is_sysadmin

    if not (is_office(request.user) or is_sysadmin(request.user)):
        raise PermissionDenied("网站自查由政务公开办负责")


@staff_required
def inspection(request: HttpRequest) -> HttpResponse:
    from gongkai.supervision.models import InspectionRun

    _office_only(request)
    runs = list(InspectionRun.objects.all()[:10])
    return render(
        request,
        "supervision/manage/inspection.html",
        {"run": runs[0] if runs else None, "history": runs, **STAFF, "column_name": "网站自查"},
    )


@staff_required
@require_POST
def inspection_start(request: HttpRequest) -> HttpResponse:
    from gongkai.supervision.tasks import inspection_now

    _office_only(request)
    try:
        inspection_now.enqueue(actor_id=request.user.pk)
        flash.success(request, "已开始检查，完成后刷新本页查看结果")
    except Exception:  # the queue is down: the daily run still comes
        flash.error(request, "后台任务暂时不可用，请稍后再试；每日6:00的定时检查不受影响")
    return redirect("manage:inspection")


# 考核成绩单 -------------------------------------------------------------------------------------
def _period(request: HttpRequest) -> tuple[Any, Any]:
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    try:
        start = dt.date.fromisoformat(request.GET.get("start") or f"{today.year}-01-01")
        end = dt.date.fromisoformat(request.GET.get("end") or today.isoformat())
        if end < start or start.year < 2008 or (end - start).days > 3660:
            raise ValueError
    except ValueError:
        flash.error(request, "考核期不正确，已显示本年度")
        start, end = dt.date(today.year, 1, 1), today
    return start, end


@staff_required
def scorecards_page(request: HttpRequest) -> HttpResponse:
    from gongkai.supervision import scoring
    from gongkai.supervision.forms import ScoreRuleForm
    from gongkai.supervision.models import ScorePublication, ScoreRule

    _office_only(request)
    start, end = _period(request)
    cards = scoring.scorecards(start=start, end=end)
    if request.GET.get("format") == "xlsx":
        return _scores_xlsx(cards)
    from gongkai.supervision.charts import ranking_svg

    return render(
        request,
        "supervision/manage/scorecards.html",
        {
            "cards": cards,
            "chart": ranking_svg(cards["rows"]),
            "rules": ScoreRule.objects.all()[:20],
            "rule_form": ScoreRuleForm(),
            "publications": ScorePublication.objects.all()[:10],
            **STAFF,
            "column_name": "考核成绩单",
        },
    )


def _scores_xlsx(cards: dict[str, Any]) -> HttpResponse:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "考核成绩单"
    ws.append([f"政务公开工作考核成绩单（{cards['start']:%Y-%m-%d} 至 {cards['end']:%Y-%m-%d}）"])
    ws.append(
        [
            "名次",
            "机构",
            "得分",
            *[f"{i.label}（权重{cards['weights'].get(i.key, 0)}）" for i in cards["indicators"]],
        ]
    )
    for r in cards["rows"]:
        ws.append(
            [
                r["rank"],
                r["organisation"],
                r["score"],
                *[r["values"][i.key] for i in cards["indicators"]],
            ]
        )
    import io

    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="scorecards.xlsx"'
    return response


@staff_required
def scorecard_detail(request: HttpRequest, org_id: int) -> HttpResponse:
    from gongkai.accounts.models import Organisation
    from gongkai.supervision import scoring
    from gongkai.supervision.charts import indicators_svg

    _office_only(request)
    org = orgs_visible_to(request.user).filter(pk=org_id).first()
    if org is None:
        raise Http404("没有找到该机构")
    start, end = _period(request)
    cards = scoring.scorecards(start=start, end=end)
    row = next((r for r in cards["rows"] if r["organisation_id"] == org.pk), None)
    if row is None or not isinstance(org, Organisation):
        raise Http404("该机构不参加考核")
    return render(
        request,
        "supervision/manage/scorecard.html",
        {
            "org": org,
            "row": row,
            "cards": cards,
            "items": scoring.score_drilldown(organisation=org, start=start, end=end),
            "posts": scoring.post_scores(organisation=org, start=start, end=end),
            "chart": indicators_svg(row, cards["indicators"]),
            **STAFF,
            "column_name": "考核成绩单",
        },
    )


@staff_required
@require_POST
def score_rule_add(request: HttpRequest) -> HttpResponse:
    from gongkai.supervision import scoring
    from gongkai.supervision.forms import ScoreRuleForm

    form = ScoreRuleForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            scoring.score_rule_create(
                actor=request.user,
                effective_from=data.pop("effective_from"),
                note=data.pop("note", ""),
                weights=data,
            )
            flash.success(request, "已新增考核规则，自生效日期起计分")
        except (ValidationError, PermissionDenied) as exc:
            flash.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
    else:
        for name, errors in form.errors.items():
            for error in errors:
                flash.error(
                    request, f"{form.fields[name].label}：{error}" if name in form.fields else error
                )
    return redirect("manage:scorecards")


@staff_required
@require_POST
def score_publish(request: HttpRequest) -> HttpResponse:
    from gongkai.supervision import scoring

    start, end = _period(request)
    try:
        pub = scoring.score_publish(
            actor=request.user, start=start, end=end, title=request.POST.get("title", "")[:100]
        )
        flash.success(request, f"已公布：{pub.title}")
    except (ValidationError, PermissionDenied) as exc:
        flash.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
    from django.urls import reverse

    return redirect(reverse("manage:scorecards") + f"?start={start}&end={end}")


def public_scores(request: HttpRequest) -> HttpResponse:
    from gongkai.supervision.models import ScorePublication

    return render(
        request,
        "supervision/public_scores.html",
        {
            "publications": ScorePublication.objects.all()[:50],
            "column_name": "考核成绩单",
            "column_type": "监督保障",
        },
    )


def public_score(request: HttpRequest, pk: int) -> HttpResponse:
    from gongkai.supervision.models import ScorePublication
    from gongkai.supervision.scoring_rules import INDICATORS

    pub = ScorePublication.objects.select_related("rule").filter(pk=pk).first()
    if pub is None:
        raise Http404("没有找到该成绩单")
    from gongkai.supervision.charts import ranking_svg

    return render(
        request,
        "supervision/public_score.html",
        {
            "pub": pub,
            "rows": pub.rows,
            "chart": ranking_svg(pub.rows),
            "indicators": INDICATORS,
            "weights": pub.rule.weights,
            "column_name": "考核成绩单",
            "column_type": "监督保障",
        },
    )
