from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.accounts.permissions import is_office, is_sysadmin, orgs_visible_to
from gongkai.catalog.choices import ReviewDecision
from gongkai.catalog.selectors import catalog_items_for_staff, catalog_reviews_for_staff
from gongkai.core.deadlines import deadline_remaining_text
from gongkai.core.models import Deadline, DeadlineStatus
from gongkai.core.views_util import staff_required
from gongkai.core.workdays import HolidayCalendar


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    counts = dict(
        catalog_items_for_staff(user=user).order_by().values_list("status").annotate(n=Count("id"))
    )
    deadlines = list(
        Deadline.objects.filter(
            organisation__in=orgs_visible_to(user), status=DeadlineStatus.OPEN
        ).select_related("organisation")[:20]
    )
    calendar = HolidayCalendar()  # one holiday lookup for the whole list
    for d in deadlines:
        d.remaining = deadline_remaining_text(d, calendar=calendar)
    return render(
        request,
        "portal/dashboard.html",
        {
            "counts": counts,
            "deadlines": deadlines,
            "pending_reviews": catalog_reviews_for_staff(user=user)
            .filter(decision=ReviewDecision.PENDING)
            .count(),
            "office": is_office(user) or is_sysadmin(user),
            "sysadmin": is_sysadmin(user),
            "roles": sorted(user.roles.values_list("role", flat=True)),
            "column_name": "工作台",
        },
    )
