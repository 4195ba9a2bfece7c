"""Holiday-table changes recompute open deadlines through the real worker; scheduling."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from gongkai.core.clock import ClockRule
from gongkai.core.deadlines import (
    DeadlineKind,
    deadline_close,
    deadline_kind_register,
    deadline_remaining_text,
    deadline_sync,
)
from gongkai.core.holidays import holiday_year_save, parse_day_lines
from gongkai.core.jobs import SCHEDULES, scheduler_tick
from gongkai.core.models import AuditEvent, Deadline, DeadlineStatus, HolidayYear
from gongkai.testing import planning_org

D = dt.date.fromisoformat
NOTICE_2027 = """
2027-01-01 放假 元旦
2027-01-02 放假 元旦
2027-01-03 放假 元旦
2027-02-05 放假 春节
2027-02-06 放假 春节
2027-02-07 放假 春节
2027-02-08 放假 春节
2027-02-09 放假 春节
2027-02-10 放假 春节
2027-02-11 放假 春节
2027-02-12 放假 春节
2027-02-20 上班 春节
"""


deadline_kind_register(DeadlineKind("test", "测试时限", "", "accounts.Organisation"))


def deadline_open(*, subject, organisation, start_date, working_days, **_ignored):  # type: ignore[no-untyped-def]
    """A 'test' clock of N working days on an organisation (any model can be a subject)."""
    return deadline_sync(
        subject=subject,
        kind="test",
        organisation=organisation,
        start=start_date,
        rule=ClockRule.working_days(working_days),
    )


def run_worker() -> None:
    """Run the real ``db_worker`` command until the queue is empty.

    Inside a test transaction the worker must not close the connection between tasks, as
    Django's own test client does for requests; everything else is the production path.
    """
    from unittest import mock

    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command(
            "db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", "--no-reload"
        )


@pytest.mark.django_db
def test_new_year_schedule_recomputes_open_deadlines_via_worker(
    sysadmin, django_capture_on_commit_callbacks
) -> None:
    org = planning_org()
    deadline = deadline_open(
        subject=org,
        organisation=org,
        kind="test",
        label="答复期限",
        start_date=D("2027-01-25"),
        working_days=20,
    )
    assert deadline.is_estimate
    estimated_due = deadline.due_date
    with django_capture_on_commit_callbacks(execute=True):
        holiday_year_save(
            actor=sysadmin,
            year=2027,
            source_notice="国务院办公厅关于2027年部分节假日安排的通知",
            days_text=NOTICE_2027,
        )
    assert DBTaskResult.objects.filter(task_path__endswith="recompute_open_deadlines").exists()
    run_worker()
    deadline.refresh_from_db()
    # 1/26–2/4 = 8 days; 2/5–2/12 off; 2/15–2/19 = 13; 2/20 Sat 调休 = 14; 2/22–2/26 = 19; 3/1 = 20
    assert deadline.due_date == D("2027-03-01")
    assert deadline.due_date != estimated_due
    assert not deadline.is_estimate
    event = AuditEvent.objects.filter(action="deadline.recompute", object_id=str(deadline.pk)).get()
    assert event.old_values["due_date"] == estimated_due.isoformat()
    assert event.new_values == {"due_date": "2027-03-01", "is_estimate": False}
    assert "2027年节假日安排变更" in event.note
    assert AuditEvent.objects.filter(
        action="holiday.year_save", object_id=str(HolidayYear.objects.get(year=2027).pk)
    ).exists()


@pytest.mark.django_db
def test_closed_deadlines_are_not_recomputed(sysadmin) -> None:
    org = planning_org()
    deadline = deadline_open(
        subject=org,
        organisation=org,
        kind="test",
        label="x",
        start_date=D("2027-01-25"),
        working_days=20,
    )
    deadline_close(deadline=deadline, on=D("2027-01-26"))
    before = deadline.due_date
    holiday_year_save(actor=sysadmin, year=2027, source_notice="通知", days_text=NOTICE_2027)
    from gongkai.core.deadlines import deadlines_recompute_open

    deadlines_recompute_open(reason="test")
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.MET
    assert deadline.due_date == before


def test_schedule_text_errors_are_in_chinese() -> None:
    with pytest.raises(ValidationError) as exc:
        parse_day_lines(
            2027,
            "2027-13-01 放假 元旦\n2027-01-02 休假 元旦\n"
            "2026-12-31 放假 元旦\n2027-01-04 上班 元旦",
        )
    messages = exc.value.messages
    assert "第1行：日期“2027-13-01”格式不正确，应为 YYYY-MM-DD" in messages
    assert any("第2行" in m and "只能是“放假”或“上班”" in m for m in messages)
    assert any("不属于 2027 年" in m for m in messages)
    assert any("是工作日，无需标为调休上班" in m for m in messages)


@pytest.mark.django_db
def test_deadline_remaining_text() -> None:
    org = planning_org()
    deadline = deadline_open(
        subject=org,
        organisation=org,
        kind="test",
        label="t",
        start_date=D("2026-01-28"),
        working_days=20,
    )
    assert deadline.due_date == D("2026-03-03")
    # 2/27 Fri, 2/28 Sat (调休上班), 3/2 Mon, 3/3 Tue
    assert deadline_remaining_text(deadline, today=D("2026-02-26")) == "剩余4个工作日"
    assert deadline_remaining_text(deadline, today=D("2026-03-03")) == "今日到期"
    assert deadline_remaining_text(deadline, today=D("2026-03-05")) == "已超期2个工作日"
    assert Deadline.objects.filter(pk=deadline.pk, status=DeadlineStatus.OPEN).exists()


@pytest.mark.django_db
def test_scheduler_enqueues_each_slot_once_and_worker_runs_it() -> None:
    names = {s.name for s in SCHEDULES}
    assert "gongkai.core.tasks.daily_deadline_recompute" in names
    assert "gongkai.catalog.tasks.apply_due_catalog_versions" in names
    minutely = sorted(
        [
            "gongkai.publishing.tasks.publish_scheduled",
            "gongkai.catalog.tasks.reap_stuck_catalog_imports",
            "gongkai.staticsite.tasks.site_flush",
            "gongkai.core.tasks.notices_send",
        ]
    )
    hourly = "gongkai.catalog.tasks.apply_due_catalog_versions"
    now = dt.datetime(2026, 11, 21, 2, 10, tzinfo=dt.UTC)  # 10:10 in Shanghai
    first = scheduler_tick(now=now)
    assert set(first) == names
    assert scheduler_tick(now=now + dt.timedelta(seconds=20)) == []  # same slots
    assert sorted(scheduler_tick(now=now + dt.timedelta(minutes=20))) == minutely
    later = scheduler_tick(now=now + dt.timedelta(hours=1))  # next hourly slot too
    assert sorted(later) == sorted([*minutely, hourly])
    run_worker()
    results = DBTaskResult.objects.filter(task_path__in=names)
    assert results.count() == len(names) + len(minutely) + len(minutely) + 1
    assert set(results.values_list("status", flat=True)) == {"SUCCESSFUL"}


@pytest.mark.django_db
def test_seed_from_package_adds_only_missing_years(django_capture_on_commit_callbacks) -> None:
    from gongkai.core.holidays import holidays_seed_from_package

    assert holidays_seed_from_package() == []  # the migration loaded 2004–2026 already
    HolidayYear.objects.filter(year=2026).delete()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert holidays_seed_from_package() == [2026]
    assert len(callbacks) == 1  # open deadlines are recomputed after commit
    year = HolidayYear.objects.get(year=2026)
    assert year.days.filter(kind="makeup").count() == 6
    assert "chinese-calendar" in year.note
    assert AuditEvent.objects.filter(action="holiday.seed").exists()
