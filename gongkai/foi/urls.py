from django.urls import path
from django.views.generic import RedirectView

from gongkai.foi import views

app_name = "foi"
urlpatterns = [
    # a citizen who types /foi/ lands on the application form, not on a 404
    path("", RedirectView.as_view(pattern_name="foi:apply", permanent=False), name="index"),
    path("apply/", views.apply, name="apply"),
    path("track/", views.track, name="track"),
    path("mine/", views.mine, name="mine"),
    path("cases/", views.case_list, name="cases"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("status/", views.status, name="status"),
    path("status/documents/<int:pk>.pdf", views.document, name="document"),
    path("status/files/<int:pk>", views.released_file, name="released_file"),
]
