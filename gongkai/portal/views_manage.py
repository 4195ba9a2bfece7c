from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.accounts.permissions import is_office, is_sysadmin, orgs_visible_to
from gongkai.catalog.choices import ReviewDecision
from gongkai.catalog.selectors import catalog_items_for_staff, catalog_reviews_for_staff
from gongkai.core.deadlines import (
    deadline_kind,
    deadline_kinds,
    deadline_remaining_text,
    duty_kinds,
)
from gongkai.core.models import Deadline, DeadlineState, DeadlineStatus
from gongkai.core.views_util import staff_required
from gongkai.core.workdays import HolidayCalendar
from gongkai.interaction.figures import figures_overview
from gongkai.interaction.selectors import messages_for_staff
from gongkai.supervision.alerts import alerts_of


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    counts = dict(
        catalog_items_for_staff(user=user).order_by().values_list("status").annotate(n=Count("id"))
    )
    today = timezone.localdate()
    visible = Deadline.objects.filter(organisation__in=orgs_visible_to(user))
    duties = duty_kinds()
    timeliness = [
        {"kind": kind, "counts": visible.filter(kind=kind.key).state_counts(today)}
        for kind in deadline_kinds()
        if kind.key in duties
    ]
    deadlines = list(
        visible.filter(kind__in=duties, status=DeadlineStatus.OPEN)
        .select_related("organisation")
        .order_by("due_date", "id")[:30]
    )
    calendar = HolidayCalendar()  # one holiday lookup for the whole list
    for d in deadlines:
        d.remaining = deadline_remaining_text(d, today=today, calendar=calendar)
        d.overdue = d.state(today) == DeadlineState.OVERDUE
        d.url = deadline_kind(d.kind).url_for(d.object_id)
    # 政民互动 this year, the user's departments only: the same figures as the figures page
    hudong = figures_overview(
        messages_for_staff(user=user), start=today.replace(month=1, day=1), end=today
    )
    return render(
        request,
        "portal/dashboard.html",
        {
            "hudong": hudong,
            "open_alerts": alerts_of(user).filter(acknowledged_at__isnull=True).count(),
            "counts": counts,
            "deadlines": deadlines,
            "timeliness": timeliness,
            "pending_reviews": catalog_reviews_for_staff(user=user)
            .filter(decision=ReviewDecision.PENDING)
            .count(),
            "office": is_office(user) or is_sysadmin(user),
            "sysadmin": is_sysadmin(user),
            "roles": sorted(user.roles.values_list("role", flat=True)),
            "column_name": "工作台",
        },
    )
