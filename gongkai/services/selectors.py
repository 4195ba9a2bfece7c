"""Reads of 办事服务 and 办件 (docs/services.md). Public reads only see services that are on line
and cases by number + 查询码 or their owner; staff reads respect department isolation."""

from __future__ import annotations

import datetime as dt
import hmac
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from gongkai.accounts.permissions import orgs_visible_to
from gongkai.services import rules
from gongkai.services.choices import CLOSED_STATUSES, Audience, CaseStatus, NodeKind
from gongkai.services.models import Case, CaseNode, LifeEvent, Package, Service

_ITEM = ("power_item__organisation", "service_item__organisation")


def services_public(
    *,
    audience: str = "",
    event: LifeEvent | None = None,
    organisation_id: int | None = None,
    domain_code: str = "",
    q: str = "",
) -> QuerySet[Service]:
    qs = Service.objects.filter(is_active=True).select_related(*_ITEM, "domain")
    if audience == Audience.PERSON:
        qs = qs.filter(for_person=True)
    elif audience == Audience.COMPANY:
        qs = qs.filter(for_company=True)
    if event is not None:
        qs = qs.filter(life_events=event)
    if organisation_id:
        qs = qs.filter(
            Q(power_item__organisation_id=organisation_id)
            | Q(service_item__organisation_id=organisation_id)
        )
    if domain_code:
        qs = qs.filter(domain__code=domain_code)
    if q:
        qs = qs.filter(
            Q(code__icontains=q)
            | Q(power_item__name__icontains=q)
            | Q(service_item__name__icontains=q)
            | Q(summary__icontains=q)
        )
    return qs.order_by("code")


def life_events_public(*, audience: str) -> QuerySet[LifeEvent]:
    return LifeEvent.objects.filter(audience=audience).annotate(
        n=Count("services", filter=Q(services__is_active=True))
    )


def service_organisations() -> list[tuple[int, str, int]]:
    """(id, name, services) of every department with a service on line."""
    counts: dict[int, list[Any]] = {}
    for s in Service.objects.filter(is_active=True).select_related(*_ITEM):
        org = s.organisation
        counts.setdefault(org.pk, [org.pk, org.name, 0])[2] += 1
    return sorted((tuple(v) for v in counts.values()), key=lambda t: t[1])  # type: ignore[misc]


def service_public_get(*, code: str) -> Service | None:
    return (
        Service.objects.filter(is_active=True, code=code.strip()[:40])
        .select_related(*_ITEM, "domain")
        .prefetch_related("life_events", "policies")
        .first()
    )


@dataclass(frozen=True)
class CaseFigures:
    """Live 办件 statistics of one item code."""

    total: int
    this_year: int
    open: int
    closed: int
    on_time: int
    judged: int
    overdue: int

    @property
    def on_time_rate(self) -> str:
        return f"{self.on_time * 100 / self.judged:.1f}%" if self.judged else "—"


def case_figures(*, code: str, today: dt.date | None = None) -> CaseFigures:
    today = today or timezone.localdate()
    start = timezone.make_aware(dt.datetime.combine(today.replace(month=1, day=1), dt.time()))
    agg = Case.objects.filter(item_code=code, complete=True).aggregate(
        total=Count("pk"),
        this_year=Count("pk", filter=Q(received_at__gte=start)),
        open=Count("pk", filter=Q(status=CaseStatus.OPEN)),
        closed=Count("pk", filter=Q(status__in=CLOSED_STATUSES)),
        on_time=Count("pk", filter=Q(finished_on_time=True)),
        judged=Count("pk", filter=Q(finished_on_time__isnull=False)),
        overdue=Count("pk", filter=Q(status=CaseStatus.OPEN, promised_due__lt=today)),
    )
    return CaseFigures(**agg)


@dataclass
class Material:
    name: str
    forms: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)


_BRACKETS = re.compile(r"[（(][^）)]*[）)]")


def _material_key(name: str) -> str:
    return _BRACKETS.sub("", name).replace(" ", "")


def package_public_get(*, slug: str) -> Package | None:
    return (
        Package.objects.filter(is_active=True, slug=slug[:40])
        .select_related("organisation", "life_event")
        .prefetch_related(
            "steps__service__power_item__materials",
            "steps__service__service_item__materials",
            "steps__service__power_item__organisation",
            "steps__service__service_item__organisation",
        )
        .first()
    )


def package_materials(package: Package) -> list[Material]:
    """One list of what to bring for the whole "一件事": a material several steps need (same
    name, whatever 原件/复印件 note it carries) is listed once, with the steps that use it."""
    merged: dict[str, Material] = {}
    for step in package.steps.all():
        for m in step.service.item.materials.all():
            key = _material_key(m.name)
            entry = merged.setdefault(key, Material(name=m.name))
            if m.form and m.form not in entry.forms:
                entry.forms.append(m.form)
            label = f"{step.order}. {step.service.name}"
            if label not in entry.steps:
                entry.steps.append(label)
    return list(merged.values())


def packages_public(*, audience: str = "") -> QuerySet[Package]:
    qs = Package.objects.filter(is_active=True).select_related("organisation")
    return qs.filter(audience=audience) if audience else qs


# 办件 -----------------------------------------------------------------------------------------
_NODES = Prefetch("nodes", queryset=CaseNode.objects.order_by("occurred_at", "pk"))


def case_find(*, number: str, code: str) -> Case | None:
    """The case with this number whose 查询码 matches, else None (same work either way)."""
    number = (number or "").strip().upper()[:40]
    given = rules.digest(f"code:{number}", code or "")
    case = (
        Case.objects.filter(number=number, complete=True)
        .only("pk", "number", "query_code_digest")
        .first()
    )
    stored = case.query_code_digest if case else "0" * 64
    if case is None or not given or not hmac.compare_digest(stored, given):
        return None
    return case


def case_public_get(*, pk: int) -> Case | None:
    return (
        Case.objects.filter(pk=pk, complete=True)
        .select_related("organisation", "service__power_item", "service__service_item")
        .prefetch_related(_NODES)
        .first()
    )


def cases_of_phone(*, phone: str) -> QuerySet[Case]:
    """个人中心: the cases whose applicant phone is this (verified) phone."""
    digest = rules.digest("phone", phone)
    if not digest:
        return Case.objects.none()
    return (
        Case.objects.filter(applicant_phone_digest=digest, complete=True)
        .select_related("organisation", "service__power_item", "service__service_item")
        .order_by("-received_at")
    )


def cases_for_staff(*, user: Any) -> QuerySet[Case]:
    return Case.objects.filter(organisation__in=orgs_visible_to(user)).select_related(
        "organisation", "source", "service__power_item", "service__service_item"
    )


def cases_overdue_for_staff(*, user: Any, today: dt.date | None = None) -> QuerySet[Case]:
    """在办 past their 承诺办结日期, oldest due first."""
    today = today or timezone.localdate()
    return (
        cases_for_staff(user=user)
        .filter(status=CaseStatus.OPEN, promised_due__lt=today)
        .order_by("promised_due", "pk")
    )


def case_for_staff(*, user: Any, pk: int) -> Case | None:
    return cases_for_staff(user=user).filter(pk=pk).prefetch_related(_NODES).first()


def sources_for_staff(*, user: Any) -> QuerySet[Any]:
    from gongkai.services.models import CaseSource

    return CaseSource.objects.filter(organisation__in=orgs_visible_to(user)).select_related(
        "organisation"
    )


# 双公示 ------------------------------------------------------------------------------------------
DOUBLE_KINDS = ("licensing", "penalty")  # PowerCategory values: 行政许可, 行政处罚


def double_disclosures(*, kind: str, q: str = "") -> QuerySet[Case]:
    """双公示 from 办件 data: the finished cases of 行政许可 (or 行政处罚) items of the 权责清单
    that carry a 决定文书号, newest decision first. Which items count is the catalog's say: the
    item's 权力类别."""
    from gongkai.catalog.models import PowerItem

    if kind not in DOUBLE_KINDS:
        return Case.objects.none()
    codes = PowerItem.objects.filter(category=kind).values("code")
    qs = (
        Case.objects.filter(
            item_code__in=codes, complete=True, status=CaseStatus.DONE, finished_at__isnull=False
        )
        .exclude(decision_no="")
        .select_related("organisation")
        # the decision's day is its 决定 node's, else the day the case closed
        .annotate(
            decided_at=Coalesce(
                Min("nodes__occurred_at", filter=Q(nodes__kind=NodeKind.DECIDE)), "finished_at"
            )
        )
    )
    q = (q or "").strip()[:50]
    if q:
        qs = qs.filter(
            Q(decision_no__icontains=q)
            | Q(item_name__icontains=q)
            | Q(applicant_is_company=True, applicant_name__icontains=q)
        )
    return qs.order_by("-decided_at", "-pk")


# 同码查询 ----------------------------------------------------------------------------------------
@dataclass
class SameCode:
    code: str
    service: Service | None = None
    guide_url: str = ""
    guide_name: str = ""
    catalog_items: list[Any] = field(default_factory=list)
    publications: list[Any] = field(default_factory=list)
    figures: CaseFigures | None = None

    @property
    def found(self) -> bool:
        return bool(self.service or self.guide_url or self.catalog_items or self.publications)


def same_code(*, code: str) -> SameCode:
    """Every public page an item code names (上街's 同码查询): the service, its 办事指南, the
    catalog items of that code or linked to that guide, the records published under those
    catalog items, and the 办件 figures of the code."""
    from gongkai.catalog.models import CatalogItem, PowerItem, ServiceItem
    from gongkai.publishing.models import Publication

    code = (code or "").strip()[:40]
    out = SameCode(code=code)
    if not code:
        return out
    out.service = service_public_get(code=code)
    guide = (
        PowerItem.objects.filter(code=code).first() or ServiceItem.objects.filter(code=code).first()
    )
    if guide is not None:
        out.guide_url, out.guide_name = guide.get_absolute_url(), guide.name
    items = CatalogItem.objects.published().filter(
        Q(code=code) | Q(power_items__code=code) | Q(service_items__code=code)
    )
    out.catalog_items = list(items.distinct().order_by("code")[:20])
    if out.catalog_items:
        out.publications = list(
            Publication.objects.published()
            .filter(catalog_items__in=out.catalog_items)
            .distinct()
            .order_by("-published_at")[:20]
        )
    if out.service or guide is not None:
        out.figures = case_figures(code=code)
    return out
