from django.urls import path

from gongkai.publishing import feeds, views

app_name = "publishing"
# Articles and the first page of each column live outside /info/: their pages are also
# published as files under var/site/art and var/site/col (gongkai/staticsite), which the
# run command's server reads from disk without asking Django (docs/static-site.md).
urlpatterns = [
    path("art/<int:pk>/", views.article, name="article"),
    path("col/<slug:slug>/", views.column_detail, name="column"),
    path("info/", views.info_index, name="index"),
    path("info/c/<slug:slug>/", views.column_pages, name="column_pages"),
    path("info/<int:pk>/", views.article_print_or_moved, name="article_legacy"),
    path("info/normative/", views.normative, name="normative"),
    path("info/invalid/", views.invalid_list, name="invalid"),
    path("info/gazette/", views.gazette_list, name="gazette"),
    path("info/gazette/<int:pk>/", views.gazette_issue, name="gazette_issue"),
    path("info/standards/", views.standards, name="standards"),
    path("info/standards/<int:pk>/", views.standard_detail, name="standard"),
    path("info/p/<slug:slug>/", views.page, name="page"),
    path("info/feeds/rss.xml", feeds.LatestFeed(), name="latest_rss"),
    path("info/feeds/atom.xml", feeds.LatestAtomFeed(), name="latest_atom"),
    path("info/feeds/o/<int:pk>/rss.xml", feeds.OrganisationFeed(), name="organisation_rss"),
    path("info/feeds/o/<int:pk>/atom.xml", feeds.OrganisationAtomFeed(), name="organisation_atom"),
    path("info/feeds/c/<slug:slug>/rss.xml", feeds.ColumnFeed(), name="column_rss"),
    path("info/feeds/c/<slug:slug>/atom.xml", feeds.ColumnAtomFeed(), name="column_atom"),
    path("info/feeds/d/<str:code>/rss.xml", feeds.DomainFeed(), name="domain_rss"),
    path("info/feeds/d/<str:code>/atom.xml", feeds.DomainAtomFeed(), name="domain_atom"),
]
