from django.urls import path

from gongkai.laws import views

app_name = "laws"
urlpatterns = [
    path("", views.law_index, name="index"),
    path("<int:pk>/", views.law_detail, name="detail"),
]
