from django.urls import path

from gongkai.search import views

app_name = "search"
urlpatterns = [
    path("", views.search_page, name="page"),
    path("click/<int:log_id>/", views.search_click, name="click"),
    path("opensearch.xml", views.opensearch, name="opensearch"),
    path("suggest.json", views.opensearch_suggest, name="opensearch_suggest"),
]
