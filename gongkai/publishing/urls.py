from django.urls import path

from gongkai.publishing import feeds, views

app_name = "publishing"
urlpatterns = [
    path("", views.info_index, name="index"),
    path("c/<slug:slug>/", views.column_detail, name="column"),
    path("<int:pk>/", views.article, name="article"),
    path("normative/", views.normative, name="normative"),
    path("invalid/", views.invalid_list, name="invalid"),
    path("gazette/", views.gazette_list, name="gazette"),
    path("gazette/<int:pk>/", views.gazette_issue, name="gazette_issue"),
    path("standards/", views.standards, name="standards"),
    path("standards/<int:pk>/", views.standard_detail, name="standard"),
    path("p/<slug:slug>/", views.page, name="page"),
    path("feeds/rss.xml", feeds.LatestFeed(), name="latest_rss"),
    path("feeds/atom.xml", feeds.LatestAtomFeed(), name="latest_atom"),
    path("feeds/o/<int:pk>/rss.xml", feeds.OrganisationFeed(), name="organisation_rss"),
    path("feeds/o/<int:pk>/atom.xml", feeds.OrganisationAtomFeed(), name="organisation_atom"),
    path("feeds/c/<slug:slug>/rss.xml", feeds.ColumnFeed(), name="column_rss"),
    path("feeds/c/<slug:slug>/atom.xml", feeds.ColumnAtomFeed(), name="column_atom"),
    path("feeds/d/<str:code>/rss.xml", feeds.DomainFeed(), name="domain_rss"),
    path("feeds/d/<str:code>/atom.xml", feeds.DomainAtomFeed(), name="domain_atom"),
]
