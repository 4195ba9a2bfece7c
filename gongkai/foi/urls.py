from django.urls import path

from gongkai.foi import views

app_name = "foi"
urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("track/", views.track, name="track"),
    path("status/", views.status, name="status"),
    path("status/documents/<int:pk>.pdf", views.document, name="document"),
]
