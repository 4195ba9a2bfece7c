"""Demo 依申请公开 applications, made by the real workflow with dates in the past.

Every step goes through foi.services with the date it happened, so receipt dates, reply
clocks, 补正 restarts, extensions, consultations and the met/late/overdue states are what a
real county would have: most replies on time, a few late, a couple still open and one
overdue (docs/foi.md). Dates are relative to the day the demo is loaded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from gongkai.accounts.models import Organisation, User
from gongkai.accounts.validators import id_check_char
from gongkai.core.workdays import HolidayCalendar, add_working_days
from gongkai.foi import services
from gongkai.foi.law import Channel


def _id_number(seed: int) -> str:
    """A 居民身份证号码 of 如皋 (320682) with a valid GB 11643 check digit."""
    body = f"320682{1960 + seed % 40}{1 + seed % 12:02d}{1 + seed % 28:02d}{100 + seed:03d}"
    return body + id_check_char(body)


def _working_day_before(day: dt.date, calendar: HolidayCalendar) -> dt.date:
    while not calendar.day(day).working:
        day -= dt.timedelta(days=1)
    return day


@dataclass(frozen=True)
class Case:
    org: str
    ago: int  # calendar days before today that the application arrived
    what: str
    story: str  # on_time | late | extended | correction | consulting | open | overdue | …
    outcome: str = "1"


CASES = [
    Case("住建局", 120, "2025年度城镇老旧小区改造计划及资金安排", "on_time", "1"),
    Case("住建局", 110, "某小区加装电梯审批文件", "on_time", "2"),
    Case("住建局", 95, "某房地产项目预售许可证及监管账户信息", "late", "1"),
    Case("住建局", 80, "2025年建筑工地扬尘处罚决定书", "extended", "2"),
    Case("住建局", 62, "城区保障性租赁住房分配名单", "on_time", "3.4"),
    Case("住建局", 40, "本人房屋征收补偿评估报告", "correction", "1"),
    Case("住建局", 6, "2026年市政道路维修计划", "open", "1"),
    Case("民政局", 118, "2025年城乡低保资金发放情况", "on_time", "1"),
    Case("民政局", 101, "养老机构星级评定结果", "on_time", "1"),
    Case("民政局", 88, "社会组织年检结果", "on_time", "4.1"),
    Case("民政局", 70, "临时救助审批程序文件", "on_time", "1"),
    Case("民政局", 55, "殡葬设施规划", "withdrawn", "1"),
    Case("民政局", 45, "特困人员供养标准调整依据", "overdue", "1"),
    Case("生态环境局", 115, "某化工企业环评报告全本", "consulting_done", "2"),
    Case("生态环境局", 90, "2025年重点排污单位名录", "on_time", "1"),
    Case("生态环境局", 66, "某企业行政处罚决定书", "late", "1"),
    Case("生态环境局", 12, "某项目环境影响评价公众参与材料", "consulting", "1"),
    Case("市场监管局", 112, "食品生产许可证核发情况", "on_time", "1"),
    Case("市场监管局", 84, "某超市抽检不合格通报", "on_time", "1"),
    Case("市场监管局", 58, "本人投诉举报处理结果", "on_time", "5.1"),
    Case("市场监管局", 33, "2026年双随机抽查计划", "on_time", "1"),
    Case("行政审批局", 105, "某项目施工许可审批材料", "on_time", "3.6"),
    Case("行政审批局", 74, "2025年行政许可事项办理统计", "on_time", "4.2"),
    Case("行政审批局", 12, "企业开办全流程办理时限规定", "letter", "1"),
]


def seed_applications() -> int:
    """Load the demo applications; returns how many were made."""
    today = timezone.localdate()
    calendar = HolidayCalendar()
    office = User.objects.get(username="gkb")
    made = 0
    for n, case in enumerate(CASES, start=1):
        org = Organisation.objects.get(short_name=case.org)
        editor = User.objects.filter(organisation=org, username__endswith="_editor").first()
        reviewer = User.objects.filter(organisation=org, username__endswith="_reviewer").first()
        arrived = _working_day_before(today - dt.timedelta(days=case.ago), calendar)
        data = {
            "applicant_kind": "person",
            "name": ["王建国", "李秀英", "张伟", "刘洋", "陈静", "杨帆"][n % 6],
            "id_number": _id_number(n),
            "phone": f"139{n:08d}",
            "email": f"applicant{n}@example.com",
            "description": case.what,
            "purpose": "了解相关情况",
            "delivery": "email",
        }
        channel = Channel.POST_PLAIN if case.story == "letter" else Channel.ONLINE
        app, _code = services.application_submit(
            data=data,
            organisation=org,
            channel=channel,
            submitted_on=arrived,
            actor=editor if channel != Channel.ONLINE else None,
        )
        made += 1
        if case.story == "letter":
            continue  # waits for 双方确认 (条例 第三十一条)
        _handle(app, case, editor=editor, reviewer=reviewer, office=office, today=today)
    return made


def _handle(app, case: Case, *, editor: User, reviewer: User, office: User, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    received = app.received_on
    story = case.story
    if story in ("open", "overdue"):
        return  # still being handled: one due soon, one past its date
    if story == "withdrawn":
        services.application_withdraw(app=app, on=add_working_days(received, 3).due)
        return
    if story == "correction":
        services.correction_request(
            actor=editor,
            app=app,
            items="请写明房屋坐落和征收项目名称",
            deadline=add_working_days(received, 45).due,
            on=add_working_days(received, 3).due,
        )
        return
    if story in ("consulting", "consulting_done"):
        consultation = services.consultation_start(
            actor=editor,
            app=app,
            kind="third_party",
            party="某化工有限公司",
            sent_on=add_working_days(received, 2).due,
        )
        if story == "consulting":
            return
        services.consultation_answer(
            actor=editor,
            consultation=consultation,
            answered_on=add_working_days(consultation.sent_on, 10).due,
            agrees=True,
            reasons="同意公开，但请隐去商业秘密部分",
        )
        app.refresh_from_db()
    if story == "extended":
        services.extension_approve(
            actor=office,
            app=app,
            days=15,
            reason="涉及多个年度的档案，需调取整理",
            on=add_working_days(received, 15).due,
        )
        app.refresh_from_db()
    due = app.reply_due
    after_last = add_working_days(app.last_step_on() or received, 1).due
    if story == "late":
        replied = add_working_days(due, 3).due  # answered three working days too late
    else:
        replied = min(max(add_working_days(received, 8 + app.pk % 9).due, after_last), due)
    replied = min(replied, today)
    from gongkai.foi.law import OUTCOME_BY_CODE

    if OUTCOME_BY_CODE[case.outcome].releases:
        services.secrecy_review(actor=reviewer, app=app)
    services.application_decide(
        actor=editor,
        app=app,
        outcome=case.outcome,
        reply_text=f"经审查，您申请的“{case.what}”已按规定办理，请查收。",
        on=replied,
    )
