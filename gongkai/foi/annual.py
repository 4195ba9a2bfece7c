"""Annual-report table 三 收到和处理政府信息公开申请情况 (国办公开办函〔2021〕30号;
cn-rules.md §2.3) counted in the database, with the carry-over rows and the arithmetic checks
(docs/foi.md#annual-table).

Rows for a period [start, end] (a calendar year in the report; any period on the statistics
page):

- 一、本年新收: received (收到申请之日, 条例 第三十一条) within the period;
- 二、上年结转: received before the period and not decided before it started;
- 三、本年度办理结果: decided (``replied_on``, the day of the reply or of the ending: withdrawal,
  逾期不补正, 逾期未缴费) within the period, by outcome row, and （七）总计 their sum;
- 四、结转下年度: received by the end of the period and not decided by then.

An application that was transferred counts at the organisation that holds it now (the one
that answers it). Columns: 自然人, the five 法人或其他组织 categories, 总计 (7 in all).

The checks (each of the 7 columns): 一 + 二 = 三（七） + 四 (the table's own note); 总计 = the six
applicant columns; （七） = the sum of the outcome rows. A failure names the cell and the
applications behind it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, NullIf

from gongkai.foi.law import OUTCOMES, ApplicantKind, OrgCategory
from gongkai.foi.models import Application

COLUMNS = ["person", *[c.value for c in OrgCategory]]  # the six applicant columns
COLUMN_LABELS = ["自然人", *[str(c.label) for c in OrgCategory], "总计"]
MAX_LISTED = 20  # applications named under one failed check


@dataclass
class Failure:
    """One failed arithmetic check: the cell, what was expected, and the records behind it."""

    cell: str
    expected: int
    found: int
    receipts: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        text = f"{self.cell}：应为{self.expected}，实为{self.found}"
        if self.receipts:
            text += "；涉及申请：" + "、".join(self.receipts)
        return text


def _column() -> Case:
    # the applicant's column; an organisation without a category is counted under 其他
    return Case(
        When(applicant_kind=ApplicantKind.PERSON, then=Value("person")),
        default=Coalesce(NullIf(F("org_category"), Value("")), Value(OrgCategory.OTHER)),
        output_field=CharField(),
    )


def _row(counts: dict[str, int]) -> list[int]:
    cells = [counts.get(c, 0) for c in COLUMNS]
    return [*cells, sum(cells)]


def _by_column(qs: QuerySet[Application]) -> dict[str, int]:
    return dict(
        qs.annotate(col=_column()).values("col").annotate(n=Count("id")).values_list("col", "n")
    )


def table_three(apps: QuerySet[Application], *, start: dt.date, end: dt.date) -> dict[str, Any]:
    """The 25 numeric rows × 7 columns, four grouped queries whatever the number of
    applications; ``checks`` lists the failures (empty when the table adds up)."""
    received = apps.filter(received_on__isnull=False)
    new = _by_column(received.filter(received_on__range=(start, end)))
    undecided_at_start = Q(replied_on__isnull=True) | Q(replied_on__gte=start)
    carried_in = _by_column(received.filter(Q(received_on__lt=start) & undecided_at_start))
    undecided_at_end = Q(replied_on__isnull=True) | Q(replied_on__gt=end)
    carried_out = _by_column(received.filter(Q(received_on__lte=end) & undecided_at_end))
    decided: dict[str, dict[str, int]] = {o.code: {} for o in OUTCOMES}
    for code, col, n in (
        received.filter(replied_on__range=(start, end))
        .exclude(outcome="")
        .annotate(col=_column())
        .values("outcome", "col")
        .annotate(n=Count("id"))
        .values_list("outcome", "col", "n")
    ):
        decided.setdefault(code, {})[col] = n
    rows = [
        {"code": o.code, "group": o.group, "label": o.label, "cells": _row(decided[o.code])}
        for o in OUTCOMES
    ]
    total = [sum(r["cells"][i] for r in rows) for i in range(len(COLUMN_LABELS))]
    table = {
        "start": start,
        "end": end,
        "columns": COLUMN_LABELS,
        "new_row": _row(new),
        "carried_in_row": _row(carried_in),
        "rows": rows,
        "total_row": total,
        "carried_out_row": _row(carried_out),
    }
    table["checks"] = table_three_checks(table, apps=received, start=start, end=end)
    return table


def table_three_checks(
    table: dict[str, Any], *, apps: QuerySet[Application] | None = None, **period: dt.date
) -> list[Failure]:
    """Every arithmetic rule of table 三 (cn-rules.md §2.3), column by column. With ``apps``
    and the period, a failed balance lists the applications that make it fail."""
    failures: list[Failure] = []
    labels = table["columns"]
    for i, label in enumerate(labels):
        left = table["new_row"][i] + table["carried_in_row"][i]
        right = table["total_row"][i] + table["carried_out_row"][i]
        if left != right:
            receipts = _unbalanced(apps, column=i, **period) if apps is not None else []
            failures.append(
                Failure(f"表三“{label}”列：一＋二（{left}）与三（七）＋四", left, right, receipts)
            )
        rows_sum = sum(r["cells"][i] for r in table["rows"])
        if rows_sum != table["total_row"][i]:
            failures.append(
                Failure(f"表三“{label}”列：三（七）总计", rows_sum, table["total_row"][i])
            )
    for name, cells in (
        ("一、本年新收", table["new_row"]),
        ("二、上年结转", table["carried_in_row"]),
        ("三（七）总计", table["total_row"]),
        ("四、结转下年度", table["carried_out_row"]),
        *[(f"{r['group']}{r['label']}", r["cells"]) for r in table["rows"]],
    ):
        if sum(cells[:-1]) != cells[-1]:
            failures.append(Failure(f"表三“{name}”行：总计列", sum(cells[:-1]), cells[-1]))
    return failures


def _unbalanced(
    apps: QuerySet[Application], *, column: int, start: dt.date, end: dt.date
) -> list[str]:
    """Applications counted on one side of 一＋二 = 三（七）＋四 and not on the other: an
    ending without its outcome, a reply dated before receipt, an outcome with no date."""
    qs = apps.annotate(col=_column())
    if column < len(COLUMNS):
        qs = qs.filter(col=COLUMNS[column])
    in_left = Q(received_on__range=(start, end)) | (
        Q(received_on__lt=start) & (Q(replied_on__isnull=True) | Q(replied_on__gte=start))
    )
    decided = Q(replied_on__range=(start, end)) & ~Q(outcome="")
    carried = Q(received_on__lte=end) & (Q(replied_on__isnull=True) | Q(replied_on__gt=end))
    in_right = decided | carried
    odd = qs.filter((in_left & ~in_right) | (in_right & ~in_left))
    return list(odd.order_by("receipt_no").values_list("receipt_no", flat=True)[:MAX_LISTED])


def table_four(
    apps: QuerySet[Application], *, start: dt.date, end: dt.date
) -> list[dict[str, Any]]:
    """Table 四: 行政复议 and 行政诉讼 filed within the period, by result as it stood at the
    period's end (one decided later is 尚未审结 in this report); each 总计 = the four results."""
    from gongkai.foi.models import Challenge

    as_of_end = Case(
        When(decided_on__isnull=False, decided_on__lte=end, then=F("result")),
        default=Value("pending"),
        output_field=CharField(),
    )
    counts = {
        (kind, result): n
        for kind, result, n in Challenge.objects.filter(
            application__in=apps, filed_on__range=(start, end)
        )
        .annotate(at_end=as_of_end)
        .values("kind", "at_end")
        .annotate(n=Count("id"))
        .values_list("kind", "at_end", "n")
    }
    out = []
    for kind, label in Challenge.KINDS:
        cells = [counts.get((kind, r), 0) for r, _l in Challenge.RESULTS]
        out.append({"label": label, "cells": [*cells, sum(cells)]})
    return out


def foi_on_time_by_organisation(
    apps: QuerySet[Application], *, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    """Per organisation, the applications answered within the period, how many by their reply
    date (条例 第三十三条 clock), and the challenges filed in it that corrected the answer
    (table 四 结果纠正), in two grouped queries (scorecards)."""
    from gongkai.foi.models import Challenge, Status

    decided = apps.filter(
        replied_on__range=(start, end), status__in=[Status.REPLIED, Status.CLOSED]
    )
    out: dict[int, dict[str, int]] = {}
    for org_id, n, on_time in (
        decided.values("organisation_id")
        .annotate(
            n=Count("id"),
            on_time=Count("id", filter=Q(reply_due__isnull=False, replied_on__lte=F("reply_due"))),
        )
        .values_list("organisation_id", "n", "on_time")
    ):
        out[org_id] = {"decided": n, "on_time": on_time, "corrected": 0}
    for org_id, n in (
        Challenge.objects.filter(
            application__in=apps,
            filed_on__range=(start, end),
            result="corrected",
            decided_on__lte=end,
        )
        .values("application__organisation_id")
        .annotate(n=Count("id"))
        .values_list("application__organisation_id", "n")
    ):
        out.setdefault(org_id, {"decided": 0, "on_time": 0, "corrected": 0})["corrected"] = n
    return out


def foi_on_time_by_handler(
    apps: QuerySet[Application], *, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    """Per 承办人, the applications answered within the period and how many by their reply
    date (per-post scorecards)."""
    from gongkai.foi.models import Status

    rows = (
        apps.filter(
            replied_on__range=(start, end),
            status__in=[Status.REPLIED, Status.CLOSED],
            handler__isnull=False,
        )
        .values("handler_id")
        .annotate(
            n=Count("id"),
            on_time=Count("id", filter=Q(reply_due__isnull=False, replied_on__lte=F("reply_due"))),
        )
        .values_list("handler_id", "n", "on_time")
    )
    return {user: {"decided": n, "on_time": on_time} for user, n, on_time in rows}
