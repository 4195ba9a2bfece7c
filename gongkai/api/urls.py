"""/api/v1/: every app's endpoints, and the OpenAPI document (committed as docs/openapi.yaml)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from gongkai.accounts import api as accounts
from gongkai.calculators import api as calculators
from gongkai.catalog import api as catalog
from gongkai.core import api as core
from gongkai.foi import api as foi
from gongkai.foi import api_manage as foi_manage
from gongkai.interaction import api as interaction
from gongkai.interaction import api_knowledge as kb
from gongkai.interaction import api_manage as interaction_manage
from gongkai.ledgers import api as ledgers
from gongkai.publishing import api as publishing
from gongkai.search import api as search
from gongkai.services import api as services
from gongkai.supervision import api as supervision
from gongkai.supervision import api_manage as monitor

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("workdays/add", core.WorkdaysAddApi.as_view(), name="workdays_add"),
    path("organisations/", accounts.OrganisationListApi.as_view(), name="organisations"),
    path("organisations/<int:id>/", accounts.OrganisationDetailApi.as_view(), name="organisation"),
    path("domains/", catalog.DomainListApi.as_view(), name="domains"),
    path("catalog/items/", catalog.CatalogItemListApi.as_view(), name="catalog_items"),
    path("catalog/items/<str:code>/", catalog.CatalogItemDetailApi.as_view(), name="catalog_item"),
    path(
        "catalog/items/<str:code>/versions/",
        catalog.CatalogItemVersionsApi.as_view(),
        name="catalog_item_versions",
    ),
    path("catalog/adjustments/", catalog.AdjustmentListApi.as_view(), name="catalog_adjustments"),
    path("power-items/", catalog.PowerItemListApi.as_view(), name="power_items"),
    path("power-items/<str:code>/", catalog.PowerItemDetailApi.as_view(), name="power_item"),
    path("service-items/", catalog.ServiceItemListApi.as_view(), name="service_items"),
    path("service-items/<str:code>/", catalog.ServiceItemDetailApi.as_view(), name="service_item"),
    path(
        "manage/catalog/items/",
        catalog.StaffCatalogItemListApi.as_view(),
        name="manage_catalog_items",
    ),
    path(
        "manage/catalog/items/<int:id>/",
        catalog.StaffCatalogItemDetailApi.as_view(),
        name="manage_catalog_item",
    ),
    path("publications/", publishing.PublicationListApi.as_view(), name="publications"),
    path("publications/<int:id>/", publishing.PublicationDetailApi.as_view(), name="publication"),
    path("annual-reports/", supervision.AnnualReportListApi.as_view(), name="annual_reports"),
    path(
        "annual-reports/<int:id>/",
        supervision.AnnualReportDetailApi.as_view(),
        name="annual_report",
    ),
    path("services/", services.ServiceListApi.as_view(), name="services"),
    path("services/<str:code>/", services.ServiceDetailApi.as_view(), name="service"),
    path("calculators/", calculators.CalculatorListApi.as_view(), name="calculators"),
    path("calculators/<str:slug>/", calculators.CalculatorDetailApi.as_view(), name="calculator"),
    path(
        "calculators/<str:slug>/compute",
        calculators.CalculatorComputeApi.as_view(),
        name="calculator_compute",
    ),
    path("huimin/programmes/", ledgers.ProgrammeListApi.as_view(), name="huimin_programmes"),
    path("huimin/lookup", ledgers.LookupApi.as_view(), name="huimin_lookup"),
    path("shuanggongshi/", services.DoubleListApi.as_view(), name="double_disclosure"),
    path("banjian/track", services.CaseTrackApi.as_view(), name="cases_track"),
    path("banjian/push", services.CasePushApi.as_view(), name="cases_push"),
    path("search", search.SearchApi.as_view(), name="search"),
    path("search/suggest", search.SuggestApi.as_view(), name="search_suggest"),
    path("messages/", interaction.MessageListApi.as_view(), name="messages"),
    path("messages/submit", interaction.MessageSubmitApi.as_view(), name="messages_submit"),
    path("messages/contact-code", interaction.ContactCodeApi.as_view(), name="contact_code"),
    path("messages/track", interaction.MessageTrackApi.as_view(), name="messages_track"),
    path("messages/rate", interaction.MessageRateApi.as_view(), name="messages_rate"),
    path("messages/<str:number>/", interaction.MessageDetailApi.as_view(), name="message"),
    path("consultations/", interaction.ConsultationListApi.as_view(), name="consultations"),
    path(
        "consultations/<int:id>/",
        interaction.ConsultationDetailApi.as_view(),
        name="consultation",
    ),
    path(
        "consultations/<int:id>/comments",
        interaction.ConsultationCommentApi.as_view(),
        name="consultation_comment",
    ),
    path(
        "consultations/<int:id>/report",
        interaction.ConsultationReportApi.as_view(),
        name="consultation_report",
    ),
    path("interaction/figures", interaction.FiguresApi.as_view(), name="interaction_figures"),
    path("knowledge/", kb.KnowledgeListApi.as_view(), name="knowledge"),
    path("knowledge/suggest", kb.KnowledgeSuggestApi.as_view(), name="knowledge_suggest"),
    path("knowledge/<int:id>/", kb.KnowledgeDetailApi.as_view(), name="knowledge_entry"),
    path("knowledge-lists/", kb.KnowledgeListsApi.as_view(), name="knowledge_lists"),
    path("hot-topics/", kb.HotTopicListApi.as_view(), name="hot_topics"),
    path("surveys/", kb.SurveyListApi.as_view(), name="surveys"),
    path("surveys/<int:id>/", kb.SurveyDetailApi.as_view(), name="survey"),
    path("surveys/<int:id>/results", kb.SurveyResultsApi.as_view(), name="survey_results"),
    path("surveys/<int:id>/responses", kb.SurveyRespondApi.as_view(), name="survey_respond"),
    path("foi/applications", foi.ApplicationSubmitApi.as_view(), name="foi_submit"),
    path("foi/applications/track", foi.ApplicationTrackApi.as_view(), name="foi_track"),
    path("foi/applications/correction", foi.ApplicantCorrectionApi.as_view(), name="foi_correct"),
    path("foi/applications/withdraw", foi.ApplicantWithdrawApi.as_view(), name="foi_withdraw"),
    path(
        "manage/foi/applications",
        foi_manage.StaffApplicationListApi.as_view(),
        name="manage_foi_list",
    ),
    path(
        "manage/foi/applications/register",
        foi_manage.StaffApplicationRegisterApi.as_view(),
        name="manage_foi_register",
    ),
    path("manage/supervision/scan", monitor.ComplianceScanApi.as_view(), name="manage_scan"),
    path("manage/alerts", monitor.AlertsApi.as_view(), name="manage_alerts"),
    path("manage/complaints", monitor.ComplaintsApi.as_view(), name="manage_complaints"),
    path("manage/alerts/ack", monitor.AlertsAckApi.as_view(), name="manage_alerts_ack"),
    path(
        "manage/timeline/<str:kind>/<int:id>",
        monitor.StaffTimelineApi.as_view(),
        name="manage_timeline",
    ),
    path(
        "publications/<int:id>/timeline",
        monitor.PublicTimelineApi.as_view(),
        name="publication_timeline",
    ),
    path(
        "manage/foi/annual-tables",
        foi_manage.AnnualTablesApi.as_view(),
        name="manage_foi_annual_tables",
    ),
    path(
        "manage/foi/applications/<int:id>",
        foi_manage.StaffApplicationDetailApi.as_view(),
        name="manage_foi_detail",
    ),
    *[
        path(
            f"manage/foi/applications/<int:id>/{view.step.name}",
            view.as_view(),
            name=f"manage_foi_{view.step.name}",
        )
        for view in foi_manage.STEP_APIS
    ],
    *interaction_manage.urlpatterns(),
]
