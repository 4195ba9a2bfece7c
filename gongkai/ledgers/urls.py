from django.urls import path

from gongkai.ledgers import views

app_name = "ledgers"
urlpatterns = [
    path("huimin/", views.index, name="index"),
    path("huimin/my/", views.mine, name="mine"),
    path("huimin/p/<str:code>/", views.programme, name="programme"),
    path("huimin/p/<str:code>/b/<int:pk>/", views.batch, name="batch"),
]
