from django.urls import path

from gongkai.core import views

app_name = "core"
urlpatterns = [
    path("workdays/", views.workday_calculator, name="workdays"),
]
