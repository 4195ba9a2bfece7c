"""Public pages of government information (docs/publishing.md). Cached; see core/pagecache.py."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.models import Organisation, OrgKind
from gongkai.catalog.choices import Stage
from gongkai.catalog.models import Domain
from gongkai.core.links import PUBLIC, subject_links
from gongkai.core.pagecache import cached_public_page
from gongkai.core.params import id_param, year_param
from gongkai.core.views_util import paginate
from gongkai.publishing.choices import AudienceTag, Genre, PubStatus, Validity
from gongkai.publishing.feeds import feed_links
from gongkai.publishing.models import Column, GazetteIssue, Page, StandardDocument, Topic
from gongkai.publishing.selectors import (
    LIST_FILTERS,
    column_publications,
    normative_ledger,
    publication_public_get,
    publication_related,
    publications_public,
)

PAGE_SIZE = 20


def _filters(request: HttpRequest) -> dict[str, str]:
    raw = {k: request.GET.get(k, "").strip()[:100] for k in LIST_FILTERS if request.GET.get(k)}
    for key, check in (("organisation", id_param), ("topic", id_param), ("year", year_param)):
        if key in raw and check(raw[key]) is None:
            raw.pop(key)  # an impossible value filters nothing rather than failing
    return raw


@cached_public_page
def info_index(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    page, query = paginate(request, publications_public(filters=filters), PAGE_SIZE)
    return render(
        request,
        "publishing/list.html",
        {
            "page": page,
            "query": query,
            "filters": filters,
            "title": "政府信息公开",
            "stages": Stage.choices,
            "genres": Genre.choices,
            "validities": Validity.choices,
            "audiences": AudienceTag.choices,
            "domains": Domain.objects.filter(is_active=True, merged_into__isnull=True),
            "organisations": Organisation.objects.filter(is_active=True).exclude(
                kind=OrgKind.VILLAGE
            ),
            "topics": Topic.objects.all(),
            "feeds": feed_links(
                domain=filters.get("domain", ""), organisation=filters.get("organisation", "")
            ),
            "column_name": "政府信息公开",
            "column_type": "信息公开",
        },
    )


def _column(request: HttpRequest, slug: str) -> HttpResponse:
    column = get_object_or_404(Column.objects.select_related("parent"), slug=slug)
    page, query = paginate(request, column_publications(column), PAGE_SIZE)
    return render(
        request,
        "publishing/column.html",
        {
            "column": column,
            "page": page,
            "query": query,
            # the first page is also a file (/col/<slug>/), which cannot read a query string:
            # the other pages are asked of Django at /info/c/<slug>/
            "page_base": reverse("publishing:column_pages", args=[column.slug]),
            "children": column.children.all(),
            "feeds": feed_links(column=column),
            "column_name": column.name,
            "column_type": column.column_type,
        },
    )


@cached_public_page
def column_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A column's first page, at the address that is also published as a file."""
    if request.GET.get("page", "1") != "1":
        return redirect(
            reverse("publishing:column_pages", args=[slug]) + "?" + request.GET.urlencode()
        )
    return _column(request, slug)


@cached_public_page
def column_pages(request: HttpRequest, slug: str) -> HttpResponse:
    """Every page of a column, always from Django."""
    return _column(request, slug)


@cached_public_page
def article_print_or_moved(request: HttpRequest, pk: int) -> HttpResponse:
    """The article's earlier address: its print version (a query string, so never a file)
    is served here; any other request is sent on to the article's address."""
    if request.GET.get("print") == "1":
        return article(request, pk)
    return redirect(reverse("publishing:article", args=[pk]), permanent=True)


@cached_public_page
def article(request: HttpRequest, pk: int) -> HttpResponse:
    pub = publication_public_get(pk=pk)
    if pub.status == PubStatus.WITHDRAWN:
        return render(
            request,
            "publishing/withdrawn.html",
            {"pub": pub, "column_name": "政府信息公开", "column_type": "信息公开"},
            status=410,
        )
    return render(
        request,
        "publishing/article.html",
        {
            "pub": pub,
            "attachments": pub.attachments.all(),
            "interpretations": pub.interpretations.published().order_by(
                "pk"
            ),  # FK index, not a scan
            "domains": pub.domains.all(),
            "related": publication_related(pub),
            "subject_links": subject_links(pub, audience=PUBLIC),
            "revisions": pub.revisions.all(),
            "print": request.GET.get("print") == "1",
            "column_name": "政策解读" if pub.is_interpretation else "政府信息公开",
            "column_type": "信息公开",
        },
    )


@cached_public_page
def normative(request: HttpRequest) -> HttpResponse:
    docs = publications_public().filter(is_normative=True, interprets__isnull=True)
    page, query = paginate(request, docs, PAGE_SIZE)
    return render(
        request,
        "publishing/normative.html",
        {
            "ledger": normative_ledger(),
            "page": page,
            "query": query,
            "column_name": "规范性文件",
            "column_type": "信息公开",
        },
    )


@cached_public_page
def invalid_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    docs = publications_public().invalid_on_date(today).order_by("-invalid_on")
    page, query = paginate(request, docs, PAGE_SIZE)
    return render(
        request,
        "publishing/invalid.html",
        {
            "page": page,
            "query": query,
            "column_name": "失效文件清单",
            "column_type": "信息公开",
        },
    )


@cached_public_page
def gazette_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "publishing/gazette_list.html",
        {
            "issues": GazetteIssue.objects.all(),
            "column_name": "政府公报",
            "column_type": "信息公开",
        },
    )


@cached_public_page
def gazette_issue(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(GazetteIssue, pk=pk)
    return render(
        request,
        "publishing/gazette_issue.html",
        {
            "issue": issue,
            "documents": issue.documents.published().select_related("organisation"),
            "column_name": "政府公报",
            "column_type": "信息公开",
        },
    )


def standard_detail(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(StandardDocument.objects.select_related("organisation"), pk=pk)
    return render(
        request,
        "publishing/standard.html",
        {"doc": doc, "column_name": "政务公开标准体系", "column_type": "信息公开"},
    )


@cached_public_page
def standards(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "publishing/standards.html",
        {
            "documents": StandardDocument.objects.select_related("organisation"),
            "column_name": "政务公开标准体系",
            "column_type": "信息公开",
        },
    )


@cached_public_page
def page(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(Page, slug=slug)
    return render(
        request,
        "publishing/page.html",
        {
            "page_obj": obj,
            "column_name": obj.title,
            "column_type": "信息公开",
        },
    )
