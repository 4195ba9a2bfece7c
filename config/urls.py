from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.http import HttpRequest, HttpResponse
from django.urls import include, path, re_path
from django.views.static import serve as serve_file

from gongkai.api.urls import urlpatterns as api_urls
from gongkai.publishing.feeds import SITEMAPS

admin.site.site_header = "Gongkai 政务公开平台管理后台"
admin.site.site_title = "政务公开平台"
admin.site.index_title = "管理后台"


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /manage/",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


PUBLIC_MEDIA = ("attachments/", "gazette/", "standards/", "guide-samples/")


def public_media(request: HttpRequest, path: str) -> HttpResponse:
    """Public uploads only; FOI documents and import files are never served from /media/.

    In production the reverse proxy serves the same folders (docs/deployment.md).
    """
    from django.conf import settings
    from django.http import Http404

    if not path.startswith(PUBLIC_MEDIA) or ".." in path:
        raise Http404("文件不存在")
    return serve_file(request, path, document_root=settings.MEDIA_ROOT)


def admin_login(request: HttpRequest) -> HttpResponse:
    """The Django admin signs in through the portal's login, which limits failures per account
    and per address; its own form has no limit (accounts/views.py)."""
    from urllib.parse import urlencode

    from django.shortcuts import redirect
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.GET.get("next") or "/admin/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/admin/"
    return redirect("/accounts/login/?" + urlencode({"next": target}))


urlpatterns = [
    re_path(r"^media/(?P<path>.+)$", public_media),
    path("admin/login/", admin_login),
    path("", include("gongkai.portal.urls")),
    path("", include("gongkai.publishing.urls")),
    path("", include("gongkai.supervision.urls")),
    path("search/", include("gongkai.search.urls")),
    path("foi/", include("gongkai.foi.urls")),
    path("hudong/", include("gongkai.interaction.urls")),
    path("open311/v2/", include("gongkai.interaction.open311_urls")),
    path("laws/", include("gongkai.laws.urls")),
    path("data/", include("gongkai.opendata.urls")),
    path("", include("gongkai.services.urls")),
    path("", include("gongkai.ledgers.urls")),
    path("", include("gongkai.calculators.urls")),
    path("", include("gongkai.opendata.ckan_urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt),
    path("", include("gongkai.catalog.urls")),
    path("tools/", include("gongkai.core.urls")),
    path("accounts/", include("gongkai.accounts.urls")),
    path("manage/", include("gongkai.portal.manage_urls")),
    path("api/v1/", include((api_urls, "api"))),
    path("admin/", admin.site.urls),
]

# Every error page is Chinese, in the portal's layout (API paths: JSON) — core/views_errors.py
handler400 = "gongkai.core.views_errors.bad_request"
handler403 = "gongkai.core.views_errors.permission_denied"
handler404 = "gongkai.core.views_errors.page_not_found"
handler500 = "gongkai.core.views_errors.server_error"
