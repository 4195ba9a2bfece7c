"""使用统计 (docs/opendata.md#usage): page views, downloads and API calls per dataset and day,
counted with one UPDATE (a row per day is created the first time); a failure to count never
fails the request it counts."""

from __future__ import annotations

import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

logger = logging.getLogger("gongkai.opendata")
COLUMNS = {"view": "views", "download": "downloads", "api": "api_calls"}


def usage_count(dataset_id: Any, what: str) -> None:
    from gongkai.opendata.models import DatasetUsage

    column = COLUMNS[what]
    day = timezone.localdate()
    try:
        with transaction.atomic():
            done = DatasetUsage.objects.filter(dataset_id=dataset_id, day=day).update(
                **{column: F(column) + 1}
            )
            if not done:
                try:
                    with transaction.atomic():
                        DatasetUsage.objects.create(dataset_id=dataset_id, day=day, **{column: 1})
                except IntegrityError:  # created meanwhile by another request
                    DatasetUsage.objects.filter(dataset_id=dataset_id, day=day).update(
                        **{column: F(column) + 1}
                    )
    except Exception:  # counting must not break a download
        logger.exception("usage count failed")


def usage_totals(dataset_id: Any) -> dict[str, int]:
    from gongkai.opendata.models import DatasetUsage

    sums = DatasetUsage.objects.filter(dataset_id=dataset_id).aggregate(
        views=Sum("views"), downloads=Sum("downloads"), api_calls=Sum("api_calls")
    )
    return {k: v or 0 for k, v in sums.items()}
