from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    label = "catalog"
    verbose_name = "政务公开事项标准目录"

    def ready(self) -> None:
        from gongkai.catalog import tasks  # noqa: F401  registers periodic schedules
        from gongkai.catalog.services import REVIEW_DEADLINE
        from gongkai.core.deadlines import DeadlineKind, deadline_kind_register

        deadline_kind_register(
            DeadlineKind(
                REVIEW_DEADLINE,
                "非主动公开事项审核期限",
                "政务公开事项标准目录编制要求：非主动公开事项报政务公开办审核",
                "catalog.CatalogReview",
                manage_url="manage:catalog_review",
            )
        )
