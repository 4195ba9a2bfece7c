from django.urls import path

from gongkai.interaction import views

app_name = "interaction"
urlpatterns = [
    path("", views.index, name="index"),
    path("write/<str:kind>/", views.write, name="write"),
    path("track/", views.track, name="track"),
    path("status/<str:number>/", views.status, name="status"),
    path("status/<str:number>/rate/", views.rate, name="rate"),
    path("status/<str:number>/reopen/", views.reopen, name="reopen"),
    path("<str:number>/", views.detail, name="detail"),
]
