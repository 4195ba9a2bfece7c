from django.urls import path

from gongkai.catalog import views_public as views

app_name = "catalog"
urlpatterns = [
    path("catalog/", views.catalog_index, name="index"),
    path("catalog/export.xlsx", views.catalog_export_xlsx, name="export"),
    path("catalog/adjustments/", views.catalog_adjustment_list, name="adjustments"),
    path("item/<str:code>/", views.catalog_item_detail, name="item"),
    path("catalog/items/<str:code>/", views.catalog_item_moved, name="item_legacy"),
    path("catalog/items/<str:code>/diff/", views.catalog_item_diff, name="item_diff"),
    path("catalog/organisations/", views.org_list, name="orgs"),
    path("catalog/organisations/<int:pk>/", views.org_detail, name="org"),
    path("catalog/power/<str:code>/", views.power_detail, name="power"),
    path("catalog/services/<str:code>/", views.service_detail, name="service"),
]
