"""Public pages of 办事服务 and 办件进度 (docs/services.md): thin over the selectors."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai.core.ratelimit import rate_limited
from gongkai.core.views_util import paginate
from gongkai.services import rules
from gongkai.services import selectors as sel
from gongkai.services.choices import Audience
from gongkai.services.models import Case, LifeEvent

CONTEXT = {"column_name": "办事服务", "column_type": "办事服务"}
SESSION_KEY = "banjian_cases"  # case ids this browser proved it may read (number + 查询码)


def _too_many(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "accounts/too_many.html", {"message": message, **CONTEXT}, status=429)


def _audience(request: HttpRequest) -> str:
    value = request.GET.get("for", "")
    return value if value in Audience.values else Audience.PERSON


def index(request: HttpRequest) -> HttpResponse:
    audience = _audience(request)
    return render(
        request,
        "services/index.html",
        {
            "audience": audience,
            "audiences": Audience.choices,
            "events": sel.life_events_public(audience=audience),
            "packages": sel.packages_public(audience=audience),
            "organisations": sel.service_organisations(),
            **CONTEXT,
        },
    )


class ListFilters(forms.Form):
    q = forms.CharField(required=False, max_length=50)
    org = forms.IntegerField(required=False, min_value=1, max_value=10**9)
    domain = forms.CharField(required=False, max_length=8)
    audience = forms.ChoiceField(required=False, choices=[("", ""), *Audience.choices])


def service_list(request: HttpRequest) -> HttpResponse:
    form = ListFilters(request.GET)
    cd = form.cleaned_data if form.is_valid() else {}
    qs = sel.services_public(
        audience=cd.get("audience") or "",
        organisation_id=cd.get("org"),
        domain_code=cd.get("domain") or "",
        q=cd.get("q") or "",
    )
    page, query = paginate(request, qs, 30)
    return render(
        request,
        "services/list.html",
        {
            "page": page,
            "query": query,
            "form": form,
            "q": cd.get("q") or "",
            "organisations": sel.service_organisations(),
            **CONTEXT,
        },
    )


def event(request: HttpRequest, slug: str) -> HttpResponse:
    life_event = LifeEvent.objects.filter(slug=slug[:40]).first()
    if life_event is None:
        raise Http404("没有这个办事主题")
    return render(
        request,
        "services/event.html",
        {
            "event": life_event,
            "services": sel.services_public(event=life_event),
            "packages": life_event.packages.filter(is_active=True),
            **CONTEXT,
        },
    )


def service(request: HttpRequest, code: str) -> HttpResponse:
    obj = sel.service_public_get(code=code)
    if obj is None:
        raise Http404("没有这项办事服务，或已下线")
    return render(
        request,
        "services/service.html",
        {
            "service": obj,
            "obj": obj.item,
            "figures": sel.case_figures(code=obj.code),
            "catalog_items": [i for i in obj.item.catalog_items.all() if i.status == "published"],
            "packages": {s.package for s in obj.package_steps.select_related("package")},
            **CONTEXT,
        },
    )


def package(request: HttpRequest, slug: str) -> HttpResponse:
    obj = sel.package_public_get(slug=slug)
    if obj is None:
        raise Http404("没有这个“一件事”")
    return render(
        request,
        "services/package.html",
        {"package": obj, "materials": sel.package_materials(obj), **CONTEXT},
    )


def same_code(request: HttpRequest) -> HttpResponse:
    code = (request.GET.get("code") or "").strip()[:40]
    result = sel.same_code(code=code) if code else None
    return render(request, "services/same_code.html", {"code": code, "result": result, **CONTEXT})


# 办件进度 ---------------------------------------------------------------------------------------
class CaseQueryForm(forms.Form):
    number = forms.CharField(label="办件编号", max_length=40)
    code = forms.CharField(label="查询码", max_length=20, help_text="受理回执单上的查询码")


def case_query(request: HttpRequest) -> HttpResponse:
    form = CaseQueryForm(request.POST or None)
    if request.method == "POST":
        if rate_limited(request, key="bj-query", limit=30, window_seconds=600):
            return _too_many(request, "查询过于频繁，请10分钟后再试。")
        if form.is_valid():
            found = sel.case_find(
                number=form.cleaned_data["number"], code=form.cleaned_data["code"]
            )
            if found is None:
                form.add_error(None, "办件编号或查询码不正确，请核对受理回执后重新输入")
            else:
                seen = request.session.get(SESSION_KEY, [])
                request.session[SESSION_KEY] = [found.pk, *[i for i in seen if i != found.pk]][:20]
                return redirect("services:case", number=found.number)
    return render(
        request,
        "services/case_query.html",
        {"form": form, "column_name": "办件进度查询", "column_type": "办事服务"},
    )


def _may_read(request: HttpRequest, case: Case) -> bool:
    if case.pk in request.session.get(SESSION_KEY, []):
        return True
    user = request.user
    return bool(
        user.is_authenticated
        and getattr(user, "phone_verified", False)
        and case.applicant_phone_digest
        and case.applicant_phone_digest == rules.digest("phone", user.phone)
    )


def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    found = Case.objects.filter(number=number.strip().upper()[:40], complete=True).first()
    if found is None or not _may_read(request, found):
        raise Http404("请先输入办件编号和查询码")
    case = sel.case_public_get(pk=found.pk)
    return render(
        request,
        "services/case.html",
        {
            "case": case,
            "applicant": rules.mask_name(case.applicant_name, company=case.applicant_is_company),
            "overdue": rules.is_overdue(
                status=case.status, promised_due=case.promised_due, today=_today()
            ),
            "column_name": "办件进度查询",
            "column_type": "办事服务",
        },
    )


def my_cases(request: HttpRequest) -> HttpResponse:
    from django.contrib.auth.views import redirect_to_login

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user = request.user
    cases = sel.cases_of_phone(phone=user.phone) if getattr(user, "phone_verified", False) else None
    return render(
        request,
        "services/my_cases.html",
        {
            "cases": cases[:200] if cases is not None else None,
            "column_name": "我的办件",
            "column_type": "办事服务",
        },
    )


def _today():  # type: ignore[no-untyped-def]
    from django.utils import timezone

    return timezone.localdate()


# 双公示 -------------------------------------------------------------------------------------------
DOUBLE_LABELS = {"licensing": "行政许可", "penalty": "行政处罚"}


def double_disclosure(request: HttpRequest) -> HttpResponse:
    """双公示: 行政许可 and 行政处罚 decisions from 办件 data, a natural person's name masked."""
    from gongkai.core.workdays import HolidayCalendar

    kind = request.GET.get("kind", "licensing")
    if kind not in DOUBLE_LABELS:
        kind = "licensing"
    q = (request.GET.get("q") or "").strip()[:50]
    page, query = paginate(request, sel.double_disclosures(kind=kind, q=q), 30)
    calendar = HolidayCalendar()
    rows = [
        {
            "case": c,
            "party": rules.mask_name(c.applicant_name, company=c.applicant_is_company),
            "due": rules.double_disclosure_due(c.decided_at, calendar),
        }
        for c in page
    ]
    return render(
        request,
        "services/double.html",
        {
            "kind": kind,
            "kinds": DOUBLE_LABELS,
            "label": DOUBLE_LABELS[kind],
            "q": q,
            "page": page,
            "rows": rows,
            "query": query,
            "column_name": "双公示",
            "column_type": "办事服务",
        },
    )
