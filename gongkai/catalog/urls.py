from django.urls import path

from gongkai.catalog import views_public as views

app_name = "catalog"
urlpatterns = [
    path("", views.catalog_index, name="index"),
    path("export.xlsx", views.catalog_export_xlsx, name="export"),
    path("adjustments/", views.catalog_adjustment_list, name="adjustments"),
    path("items/<str:code>/", views.catalog_item_detail, name="item"),
    path("items/<str:code>/diff/", views.catalog_item_diff, name="item_diff"),
    path("organisations/", views.org_list, name="orgs"),
    path("organisations/<int:pk>/", views.org_detail, name="org"),
    path("power/<str:code>/", views.power_detail, name="power"),
    path("services/<str:code>/", views.service_detail, name="service"),
]
