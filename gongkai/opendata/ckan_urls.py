"""The CKAN Action API routes: exactly ``api/action/<name>`` and ``api/3/action/<name>``, no
trailing slash and no redirect (ckanapi does not follow one)."""

from django.urls import path

from gongkai.opendata import ckan_api

urlpatterns = [
    path("api/3/action/<str:name>", ckan_api.action, name="ckan_action_3"),
    path("api/action/<str:name>", ckan_api.action, name="ckan_action"),
    path("api/3", ckan_api.api_version, name="ckan_version_3"),
    path("api", ckan_api.api_version, name="ckan_version"),
]
