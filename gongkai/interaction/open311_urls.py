"""/open311/v2/: Open311 GeoReport v2 (interaction/open311.py)."""

from django.urls import re_path

from gongkai.interaction import open311

app_name = "open311"
FMT = r"\.(?P<fmt>json|xml)$"
urlpatterns = [
    re_path(r"^services" + FMT, open311.services, name="services"),
    re_path(r"^services/(?P<code>[a-z_]{1,20})" + FMT, open311.service_definition),
    re_path(r"^requests" + FMT, open311.requests, name="requests"),
    re_path(r"^requests/(?P<number>[A-Za-z0-9]{1,20})" + FMT, open311.request_one, name="request"),
]
