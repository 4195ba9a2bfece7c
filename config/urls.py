from django.contrib import admin
from django.urls import include, path

from gongkai.api.urls import urlpatterns as api_urls

admin.site.site_header = "Gongkai 政务公开平台管理后台"
admin.site.site_title = "政务公开平台"
admin.site.index_title = "管理后台"

urlpatterns = [
    path("", include("gongkai.portal.urls")),
    path("catalog/", include("gongkai.catalog.urls")),
    path("tools/", include("gongkai.core.urls")),
    path("accounts/", include("gongkai.accounts.urls")),
    path("manage/", include("gongkai.portal.manage_urls")),
    path("api/v1/", include((api_urls, "api"))),
    path("admin/", admin.site.urls),
]
