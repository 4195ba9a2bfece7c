"""Public pages of the 法律法规库 (docs/laws.md): browse and read. Thin over selectors."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from gongkai.core.params import year_param
from gongkai.core.views_util import paginate
from gongkai.laws.models import Law, Level, Status
from gongkai.laws.selectors import law_browse, level_counts, region_counts, year_range

PAGE_SIZE = 30


def law_index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    level = request.GET.get("level", "")
    status = request.GET.get("status", "")
    region = request.GET.get("region", "")[:20]
    q = request.GET.get("q", "").strip()[:50]
    year = year_param(request.GET.get("year"))
    laws = law_browse(day=today, level=level, status=status, year=year, region=region, q=q)
    page, query = paginate(request, laws, PAGE_SIZE)
    return render(
        request,
        "laws/index.html",
        {
            "page": page,
            "query": query,
            "levels": level_counts(),
            "regions": region_counts(),
            "years": year_range(),
            "statuses": Status.choices,
            "selected": {
                "level": level if level in Level.values else "",
                "status": status if status in Status.values else "",
                "region": region,
                "year": year,
                "q": q,
            },
            "today": today,
            "column_name": "法律法规库",
            "column_type": "法律法规",
        },
    )


def law_detail(request: HttpRequest, pk: int) -> HttpResponse:
    law = get_object_or_404(Law.objects.select_related("superseded_by"), pk=pk)
    provisions = list(law.provisions.all())
    chapters = [p for p in provisions if p.kind == "heading" and p.depth == 2]
    versions = Law.objects.filter(title=law.title).exclude(pk=law.pk).order_by("-version_on")
    return render(
        request,
        "laws/detail.html",
        {
            "law": law,
            "level_label": Level(law.level).label,
            "status_label": Status(law.status_on(timezone.localdate())).label,
            "provisions": provisions,
            "chapters": chapters,
            "versions": versions,
            "info_lines": [line for line in law.info.splitlines() if line.strip()],
            "column_name": "法律法规库",
            "column_type": "法律法规",
        },
    )
