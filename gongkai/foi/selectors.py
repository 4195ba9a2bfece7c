"""Staff reads of applications 申请查询 (back office and REST API alike; docs/foi.md).

Department isolation lives here: a handler sees only the applications of the organisations
``accounts.permissions.orgs_visible_to`` gives them; anything else is "not found".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, QuerySet

from gongkai.accounts.permissions import orgs_visible_to
from gongkai.foi.models import OPEN_STATUSES, Application, ApplicationFile

MAX_LIST = 500


def applications_for_staff(
    user: Any,
    *,
    status: str = "",
    open_only: bool = False,
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
) -> QuerySet[Application]:
    apps = Application.objects.filter(organisation__in=orgs_visible_to(user)).select_related(
        "organisation", "handler"
    )
    if open_only:
        apps = apps.filter(status__in=OPEN_STATUSES)
    if status:
        apps = apps.filter(status=status)
    if received_from:
        apps = apps.filter(received_on__gte=received_from)
    if received_to:
        apps = apps.filter(received_on__lte=received_to)
    return apps


def _with_records(apps: QuerySet[Application]) -> QuerySet[Application]:
    return apps.prefetch_related(
        "events",
        "consultations",
        "documents",
        "challenges",
        Prefetch("files", queryset=ApplicationFile.objects.order_by("id")),
    )


def application_for_staff(user: Any, pk: int) -> Application | None:
    """One application with everything its detail shows, or None when not visible."""
    return _with_records(applications_for_staff(user)).filter(pk=pk).first()


def application_any(pk: int) -> Application:
    """The same, unscoped: only for answering a step the caller has just taken (a transfer
    moves the application out of the caller's scope)."""
    return _with_records(Application.objects.select_related("organisation")).get(pk=pk)


def applications_of_organisations(organisation_ids: list[int]) -> QuerySet[Application]:
    """Every application held by these organisations (annual reports of supervision count
    them; the caller has already decided who may see the figures)."""
    return Application.objects.filter(organisation_id__in=organisation_ids)
