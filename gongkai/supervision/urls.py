"""Public pages of the annual reports (the 信息公开年报 column)."""

from django.urls import path

from gongkai.supervision import views, views_evaluation, views_monitor

app_name = "supervision"
urlpatterns = [
    path("pingyi/<str:token>/", views_evaluation.evaluate, name="evaluate"),
    path(
        "gk/guocheng/xinxi/<int:pk>/",
        views_monitor.timeline_publication,
        name="timeline_publication",
    ),
    path("gk/guocheng/shixiang/<str:code>/", views_monitor.timeline_item, name="timeline_item"),
    path(
        "gk/guocheng/liuyan/<str:number>/", views_monitor.timeline_message, name="timeline_message"
    ),
    path("gk/chengjidan/", views.public_scores, name="scores"),
    path("gk/chengjidan/<int:pk>/", views.public_score, name="score"),
    path("gk/nianbao/", views.public_list, name="reports"),
    path("gk/nianbao/<int:pk>/", views.public_detail, name="report"),
    path(
        "gk/nianbao/<int:pk>/download.<str:fmt>",
        views.public_download,
        name="report_download",
    ),
]
