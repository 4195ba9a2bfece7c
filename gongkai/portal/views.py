from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from gongkai.accounts.models import Organisation, OrgKind
from gongkai.accounts.permissions import is_staff_user
from gongkai.catalog.choices import ItemStatus, Stage
from gongkai.catalog.models import CatalogItem, Domain
from gongkai.core.pagecache import ELDER_COOKIE, cached_public_page
from gongkai.publishing.models import Column
from gongkai.publishing.selectors import column_publications, home_columns, publications_public


@cached_public_page
def home(request: HttpRequest) -> HttpResponse:
    published = Q(items__status=ItemStatus.PUBLISHED, items__is_group=False)
    domains = (
        Domain.objects.filter(is_active=True, merged_into__isnull=True)
        .annotate(n=Count("items", filter=published))
        .order_by("display_order")
    )
    stage_counts = dict(
        CatalogItem.objects.published()
        .filter(is_group=False)
        .values_list("stage")
        .annotate(n=Count("id"))
        .values_list("stage", "n")
    )
    stages = [(s.value, s.label, stage_counts.get(s.value, 0)) for s in Stage]
    columns = [(c, list(column_publications(c)[:6])) for c in home_columns()]
    latest = list(publications_public()[:8])
    return render(
        request,
        "portal/home.html",
        {
            "domains": domains,
            "stages": stages,
            "columns": columns,
            "key_areas": Column.objects.filter(parent__slug="key-areas"),
            "headline": latest[0] if latest else None,
            "latest": latest[1:],
            "departments": Organisation.objects.filter(kind=OrgKind.DEPARTMENT, is_active=True),
            "column_name": "首页",
            "column_type": "首页",
        },
    )


def toggle_elder(request: HttpRequest) -> HttpResponse:
    """长辈版 on/off: a cookie, so every page renders large text and high contrast."""
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.COOKIES.get(ELDER_COOKIE) == "1":
        response.delete_cookie(ELDER_COOKIE)
    else:
        response.set_cookie(ELDER_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax")
    return response


def me(request: HttpRequest) -> HttpResponse:
    """个人中心 of a public user: their applications (and, as they come, messages and
    subscriptions). Staff are sent to the 工作台."""
    if not request.user.is_authenticated:
        return redirect(f"/accounts/login/?next={request.path}")
    if is_staff_user(request.user):
        return redirect("manage:dashboard")
    from gongkai.foi.models import Application
    from gongkai.interaction.selectors import messages_of_user

    apps = Application.objects.filter(user=request.user).select_related("organisation")
    return render(
        request,
        "portal/me.html",
        {
            "apps": apps[:50],
            "hd_messages": messages_of_user(user=request.user)[:50],
            "column_name": "个人中心",
            "column_type": "个人中心",
        },
    )
