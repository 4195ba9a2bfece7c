from django.urls import path

from gongkai.interaction import views, views_consult, views_knowledge

app_name = "interaction"
urlpatterns = [
    path("", views.index, name="index"),
    path("write/<str:kind>/", views.write, name="write"),
    path("track/", views.track, name="track"),
    path("status/<str:number>/", views.status, name="status"),
    path("status/<str:number>/rate/", views.rate, name="rate"),
    path("status/<str:number>/reopen/", views.reopen, name="reopen"),
    path("status/<str:number>/solved/", views.solved, name="solved"),
    path("tongji/", views.figures, name="figures"),
    path("zhengji/", views_consult.consultation_list, name="consultations"),
    path("zhengji/<int:pk>/", views_consult.consultation_detail, name="consultation"),
    path(
        "zhengji/<int:pk>/comment/",
        views_consult.consultation_comment,
        name="consultation_comment",
    ),
    path("zhengji/<int:pk>/report/", views_consult.consultation_report, name="consultation_report"),
    path("zhishi/", views_knowledge.knowledge_index, name="knowledge"),
    path("zhishi/<int:pk>/", views_knowledge.knowledge_entry, name="knowledge_entry"),
    path("qingdan/", views_knowledge.knowledge_lists, name="knowledge_lists"),
    path("qingdan/<int:pk>/", views_knowledge.knowledge_list, name="knowledge_list"),
    path("redian/", views_knowledge.hot_topics, name="hot_topics"),
    path("redian/<int:pk>/", views_knowledge.hot_topic, name="hot_topic"),
    path("wenjuan/", views_knowledge.surveys, name="surveys"),
    path("wenjuan/<int:pk>/", views_knowledge.survey, name="survey"),
    path("wenjuan/<int:pk>/results/", views_knowledge.survey_results_page, name="survey_results"),
    path("<str:number>/", views.detail, name="detail"),
]
