"""Public pages of 数据开放 under /data/."""

from django.urls import path

from gongkai.opendata import dcat, feeds, views, views_participation

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("my/", views_participation.my_applications, name="my_applications"),
    path("my/<str:number>/key/", views_participation.take_key, name="take_key"),
    path("catalog.jsonld", dcat.catalog_jsonld, name="catalog_jsonld"),
    path("catalog.rdf", dcat.catalog_rdf, name="catalog_rdf"),
    path("feeds/rss.xml", feeds.DatasetChangesFeed(), name="rss"),
    path("feeds/atom.xml", feeds.DatasetChangesAtomFeed(), name="atom"),
    path("<slug:name>/", views.dataset, name="dataset"),
    path("<slug:name>/datapackage.json", dcat.datapackage, name="datapackage"),
    path("<slug:name>/correct/", views_participation.correct, name="correct"),
    path("<slug:name>/reuse/", views_participation.reuse, name="reuse"),
    path("<slug:name>/apply/", views_participation.apply, name="apply"),
    path("<slug:name>/r/<uuid:rid>/", views.resource, name="resource"),
    path("<slug:name>/r/<uuid:rid>/download/", views.download, name="download"),
    path("<slug:name>/r/<uuid:rid>/v/<int:number>/", views.download, name="download_version"),
    path("<slug:name>/r/<uuid:rid>/export.<str:fmt>", views.export, name="export"),
]
