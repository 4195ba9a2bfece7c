from django.urls import path

from gongkai.services import views

app_name = "services"
urlpatterns = [
    path("banshi/", views.index, name="index"),
    path("banshi/list/", views.service_list, name="list"),
    path("banshi/theme/<str:slug>/", views.event, name="event"),
    path("banshi/s/<str:code>/", views.service, name="service"),
    path("banshi/yijianshi/<str:slug>/", views.package, name="package"),
    path("tongma/", views.same_code, name="same_code"),
    path("shuanggongshi/", views.double_disclosure, name="double"),
    path("banjian/", views.case_query, name="case_query"),
    path("banjian/my/", views.my_cases, name="my_cases"),
    path("banjian/c/<str:number>/", views.case_detail, name="case"),
]
