"""Staff back office under /manage/ (one namespace for every app's staff pages)."""

from django.urls import path

from gongkai.catalog import views_manage as catalog
from gongkai.core import views as core
from gongkai.foi import views_manage as foi
from gongkai.interaction import views_consult_manage as consult
from gongkai.interaction import views_knowledge_manage as kb
from gongkai.interaction import views_manage as interaction
from gongkai.opendata import views_manage as opendata
from gongkai.portal import views_manage as portal
from gongkai.publishing import views_manage as publishing
from gongkai.search import views as search
from gongkai.supervision import views as supervision
from gongkai.supervision import views_complaints as complaints
from gongkai.supervision import views_evaluation as evaluation
from gongkai.supervision import views_monitor as monitor

app_name = "manage"
urlpatterns = [
    path("", portal.dashboard, name="dashboard"),
    path("data/", opendata.dataset_list, name="datasets"),
    path("data/rules/", opendata.rule_add, name="data_rule_add"),
    path("data/<uuid:pk>/", opendata.dataset_detail, name="dataset"),
    path("data/<uuid:pk>/submit/", opendata.dataset_submit, name="dataset_submit"),
    path("data/<uuid:pk>/review/", opendata.dataset_review, name="dataset_review"),
    path("data/<uuid:pk>/withdraw/", opendata.dataset_withdraw, name="dataset_withdraw"),
    path("data/<uuid:pk>/resources/", opendata.resource_add, name="dataset_resource_add"),
    path(
        "data/<uuid:pk>/resources/<uuid:rid>/upload/",
        opendata.resource_upload,
        name="dataset_resource_upload",
    ),
    path(
        "data/<uuid:pk>/versions/<int:vid>/review/",
        opendata.version_review,
        name="dataset_version_review",
    ),
    path(
        "data/<uuid:pk>/versions/<int:vid>/types/",
        opendata.resource_retype,
        name="dataset_retype",
    ),
    path(
        "data/<uuid:pk>/corrections/<int:item>/",
        opendata.correction_answer,
        name="dataset_correction_answer",
    ),
    path("data/<uuid:pk>/reuses/<int:item>/", opendata.reuse_moderate, name="dataset_reuse"),
    path(
        "data/<uuid:pk>/applications/<int:item>/",
        opendata.application_decide,
        name="dataset_application",
    ),
    path("data/applications/<int:pk>/", opendata.application_goto, name="data_application"),
    path("data/corrections/<int:pk>/", opendata.correction_goto, name="data_correction"),
    path("supervision/", monitor.monitor, name="monitor"),
    path("supervision/start/", monitor.monitor_start, name="monitor_start"),
    path("supervision/rules/", monitor.monitor_rule_add, name="monitor_rule_add"),
    path("supervision/periods/<int:pk>/", monitor.obligation_period, name="obligation_period"),
    path("complaints/", complaints.complaint_list, name="complaints"),
    path("complaints/<int:pk>/", complaints.complaint_detail, name="complaint"),
    path("complaints/<int:pk>/dispatch/", complaints.complaint_dispatch, name="complaint_dispatch"),
    path("complaints/<int:pk>/answer/", complaints.complaint_answer, name="complaint_answer"),
    path("complaints/<int:pk>/close/", complaints.complaint_close, name="complaint_close"),
    path("complaints/<int:pk>/reject/", complaints.complaint_reject, name="complaint_reject"),
    path("evaluations/", evaluation.round_list, name="evaluations"),
    path("evaluations/<int:pk>/", evaluation.round_detail, name="evaluation"),
    path("evaluations/<int:pk>/status/", evaluation.round_status, name="evaluation_status"),
    path("alerts/", monitor.alerts_page, name="alerts"),
    path("alerts/ack/", monitor.alerts_ack, name="alerts_ack"),
    path("timeline/<str:kind>/<int:pk>/", monitor.timeline_staff, name="timeline"),
    path("scorecards/", supervision.scorecards_page, name="scorecards"),
    path("scorecards/rules/", supervision.score_rule_add, name="score_rule_add"),
    path("scorecards/publish/", supervision.score_publish, name="score_publish"),
    path("scorecards/<int:org_id>/", supervision.scorecard_detail, name="scorecard"),
    path("inspection/", supervision.inspection, name="inspection"),
    path("inspection/start/", supervision.inspection_start, name="inspection_start"),
    path("annual-reports/", supervision.report_list, name="annual_reports"),
    path("annual-reports/<int:pk>/", supervision.report_detail, name="annual_report"),
    path("annual-reports/<int:pk>/edit/", supervision.report_edit, name="annual_report_edit"),
    path(
        "annual-reports/<int:pk>/figures/",
        supervision.report_figures,
        name="annual_report_figures",
    ),
    path(
        "annual-reports/<int:pk>/publish/",
        supervision.report_publish,
        name="annual_report_publish",
    ),
    path(
        "annual-reports/<int:pk>/download.<str:fmt>",
        supervision.report_download,
        name="annual_report_download",
    ),
    path("catalog/", catalog.item_list, name="catalog_items"),
    path("catalog/new/", catalog.item_create, name="catalog_item_create"),
    path("catalog/<int:pk>/", catalog.item_detail, name="catalog_item"),
    path("catalog/<int:pk>/edit/", catalog.item_edit, name="catalog_item_edit"),
    path("catalog/<int:pk>/submit/", catalog.item_submit, name="catalog_item_submit"),
    path("catalog/<int:pk>/revoke/", catalog.item_revoke, name="catalog_item_revoke"),
    path("catalog/reviews/", catalog.review_list, name="catalog_reviews"),
    path("catalog/reviews/<int:pk>/", catalog.review_decide, name="catalog_review"),
    path("catalog/import/", catalog.import_start, name="catalog_import"),
    path("catalog/import/<int:pk>/", catalog.import_status, name="catalog_import_status"),
    path("domains/", catalog.domain_list, name="domains"),
    path("publications/", publishing.pub_list, name="publications"),
    path("publications/new/", publishing.pub_create, name="publication_create"),
    path("publications/<int:pk>/", publishing.pub_detail, name="publication"),
    path("publications/<int:pk>/edit/", publishing.pub_edit, name="publication_edit"),
    path("publications/<int:pk>/revise/", publishing.pub_revise, name="publication_revise"),
    path("audit/", core.audit_list, name="audit"),
    path("audit/export.csv", core.audit_export, name="audit_export"),
    path("holidays/", core.holiday_list, name="holidays"),
    path("holidays/new/", core.holiday_edit, name="holiday_new"),
    path("holidays/<int:year>/", core.holiday_edit, name="holiday_edit"),
    path("search/analytics/", search.analytics, name="search_analytics"),
    path("consultations/", consult.consultation_list, name="consultations"),
    path("consultations/new/", consult.consultation_create, name="consultation_create"),
    path("consultations/<int:pk>/", consult.consultation_detail, name="consultation"),
    path("consultations/<int:pk>/edit/", consult.consultation_edit, name="consultation_edit"),
    *[
        path(f"consultations/<int:pk>/{name}/", view, name=f"consultation_{name}")
        for name, view in (
            ("publish", consult.consultation_publish),
            ("close", consult.consultation_close),
            ("report", consult.consultation_report),
            ("link_final", consult.consultation_link),
        )
    ],
    path(
        "consultations/<int:pk>/comments/<int:comment_pk>/moderate/",
        consult.comment_moderate,
        name="consultation_comment_moderate",
    ),
    path(
        "consultations/<int:pk>/comments/<int:comment_pk>/dispose/",
        consult.comment_dispose,
        name="consultation_comment_dispose",
    ),
    path("messages/", interaction.message_list, name="messages"),
    path("messages/figures/", interaction.message_figures_page, name="message_figures"),
    path("messages/intake/", interaction.message_intake, name="message_intake"),
    path("messages/<int:pk>/", interaction.message_detail, name="message"),
    path("messages/<int:pk>/accept/", interaction.message_accept, name="message_accept"),
    path("messages/<int:pk>/merge/", interaction.message_merge, name="message_merge"),
    path("messages/<int:pk>/to-knowledge/", kb.message_to_knowledge, name="message_to_knowledge"),
    path("knowledge/", kb.knowledge_page, name="knowledge"),
    path("knowledge/new/", kb.knowledge_create, name="knowledge_create"),
    path("knowledge/<int:pk>/", kb.knowledge_edit, name="knowledge_edit"),
    path("knowledge/<int:pk>/publish/", kb.knowledge_publish, name="knowledge_publish"),
    path("knowledge/<int:pk>/withdraw/", kb.knowledge_withdraw, name="knowledge_withdraw"),
    path("knowledge-lists/", kb.knowledge_lists_page, name="knowledge_lists"),
    path("knowledge-lists/<int:pk>/", kb.knowledge_list_page, name="knowledge_list"),
    path(
        "knowledge-lists/<int:pk>/publish/",
        kb.knowledge_list_publish,
        name="knowledge_list_publish",
    ),
    path("hot-topics/", kb.hot_topics_page, name="hot_topics"),
    path("hot-topics/new/", kb.hot_topic_create, name="hot_topic_create"),
    path("hot-topics/<int:pk>/", kb.hot_topic_page, name="hot_topic"),
    path("hot-topics/<int:pk>/edit/", kb.hot_topic_edit, name="hot_topic_edit"),
    path("hot-topics/<int:pk>/publish/", kb.hot_topic_publish, name="hot_topic_publish"),
    path("surveys/", kb.surveys_page, name="surveys"),
    path("surveys/new/", kb.survey_create, name="survey_create"),
    path("surveys/<int:pk>/", kb.survey_page, name="survey"),
    path("surveys/<int:pk>/edit/", kb.survey_edit, name="survey_edit"),
    path("surveys/<int:pk>/publish/", kb.survey_publish, name="survey_publish"),
    path("messages/<int:pk>/files/<int:file_pk>/", interaction.message_file, name="message_file"),
    path("messages/<int:pk>/reject/", interaction.message_reject, name="message_reject"),
    path("messages/<int:pk>/transfer/", interaction.message_transfer, name="message_transfer"),
    path("messages/<int:pk>/answer/", interaction.message_answer, name="message_answer"),
    path("messages/<int:pk>/approve/", interaction.message_review, name="message_approve"),
    path("messages/<int:pk>/on_spot/", interaction.message_on_spot, name="message_on_spot"),
    path("messages/<int:pk>/petition/", interaction.message_petition, name="message_petition"),
    path(
        "messages/<int:pk>/petition_ack/",
        interaction.message_petition_ack,
        name="message_petition_ack",
    ),
    path("foi/", foi.app_list, name="foi_apps"),
    path("foi/register/", foi.app_register, name="foi_register"),
    path("foi/statistics/", foi.statistics, name="foi_statistics"),
    path("foi/documents/<int:pk>.<str:fmt>", foi.document_file, name="foi_document"),
    path("foi/<int:pk>/", foi.app_detail, name="foi_app"),
    path("foi/<int:pk>/files/<int:file_pk>", foi.app_file, name="foi_file"),
    path("foi/<int:pk>/<str:step>/", foi.app_step, name="foi_step"),
]
