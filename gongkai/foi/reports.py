"""Statistics of 依申请公开 per organisation and period, reminders, duplicates (docs/foi.md)."""

from __future__ import annotations

import datetime as dt
import difflib
import io
from typing import Any

from django.core.mail import send_mail
from django.db.models import QuerySet
from openpyxl import Workbook

from gongkai.accounts.models import Role, User
from gongkai.core.sms import get_sms_sender
from gongkai.core.workdays import HolidayCalendar, working_days_between
from gongkai.foi.annual import table_four, table_three
from gongkai.foi.models import OPEN_STATUSES, Application, Status


def foi_statistics(apps: QuerySet[Application], start: dt.date, end: dt.date) -> dict[str, Any]:
    """Received, closed, on time, overdue, average working days; outcome rows by applicant."""
    cal = HolidayCalendar()
    received = list(apps.filter(received_on__range=(start, end)))
    done = list(apps.filter(replied_on__range=(start, end)).exclude(outcome=""))
    on_time = [a for a in done if a.reply_due and a.replied_on <= a.reply_due]
    durations = [
        working_days_between(a.clock_start or a.received_on, a.replied_on, calendar=cal)
        for a in done
        if (a.clock_start or a.received_on) and a.status == Status.REPLIED
    ]
    overdue_open = apps.filter(status__in=OPEN_STATUSES, reply_due__lt=end).count()
    table = table_three(apps, start=start, end=end)  # the report's rows, counted in the database
    return {
        "table_four": table_four(apps, start=start, end=end),
        "start": start,
        "end": end,
        "received": len(received),
        "closed": len(done),
        "on_time": len(on_time),
        "late": len(done) - len(on_time),
        "overdue_open": overdue_open,
        "average_days": round(sum(durations) / len(durations), 1) if durations else 0,
        **table,
    }


def statistics_xlsx(stats: dict[str, Any], *, title: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "依申请公开统计"
    ws.append([title])
    ws.append([f"统计期间：{stats['start']:%Y-%m-%d} 至 {stats['end']:%Y-%m-%d}"])
    ws.append(
        [
            "收到申请",
            stats["received"],
            "办结",
            stats["closed"],
            "按期",
            stats["on_time"],
            "超期办结",
            stats["late"],
            "在办超期",
            stats["overdue_open"],
            "平均用时（工作日）",
            stats["average_days"],
        ]
    )
    ws.append([])
    ws.append(["项目", *stats["columns"]])
    ws.append(["本期新收政府信息公开申请数量", *stats["new_row"]])
    ws.append(["上期结转政府信息公开申请数量", *stats["carried_in_row"]])
    for row in stats["rows"]:
        ws.append(
            [
                f"{row['group']} {row['label']}" if row["code"][0] in "3456" else row["label"],
                *row["cells"],
            ]
        )
    ws.append(["（七）总计", *stats["total_row"]])
    ws.append(["结转下期继续办理", *stats["carried_out_row"]])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def send_reminders(*, today: dt.date, sms: Any = None, due_soon_days: int = 3) -> int:
    """Due-soon and overdue reminders to the handler and the 政务公开办 (e-mail + SMS adapter)."""
    sms = sms or get_sms_sender()
    cal = HolidayCalendar()
    sent = 0
    for app in Application.objects.filter(
        status__in=OPEN_STATUSES, reply_due__isnull=False
    ).select_related("organisation", "handler"):
        left = working_days_between(today, app.reply_due, calendar=cal)
        if left > due_soon_days:
            continue
        text = (
            f"依申请公开 {app.receipt_no} "
            + (f"已超期{-left}个工作日" if left < 0 else f"剩余{left}个工作日")
            + f"，答复期限 {app.reply_due:%Y-%m-%d}"
        )
        office = User.objects.filter(
            roles__role=Role.OFFICE,
            is_active=True,
            organisation__government_id=app.organisation.government_id,
        )
        handlers = (
            [app.handler]
            if app.handler
            else list(
                User.objects.filter(
                    organisation=app.organisation, roles__role=Role.EDITOR, is_active=True
                )
            )
        )
        recipients = {u.email for u in [*handlers, *office] if u and u.email}
        if recipients:
            send_mail(f"【办理提醒】{text}", text, None, sorted(recipients))
        for user in handlers:
            if user and user.phone:
                sms.send(user.phone, text)
        sent += 1
    return sent


def similar_applications(app: Application, *, threshold: float = 0.5) -> list[Application]:
    """Earlier applications of the same applicant with a similar request (重复申请 check)."""
    earlier = (
        Application.objects.filter(applicant_key=app.applicant_key)
        .exclude(pk=app.pk)
        .order_by("-created_at")[:50]
    )
    return [
        a
        for a in earlier
        if difflib.SequenceMatcher(a=a.description, b=app.description).ratio() >= threshold
    ]
