from django.urls import path

from gongkai.calculators import views

app_name = "calculators"
urlpatterns = [
    path("jisuan/", views.index, name="index"),
    path("jisuan/<str:slug>/", views.detail, name="detail"),
]
