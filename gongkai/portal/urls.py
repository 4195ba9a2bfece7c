from django.urls import path

from gongkai.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("mode/elder/", views.toggle_elder, name="toggle_elder"),
    path("me/", views.me, name="me"),
]
