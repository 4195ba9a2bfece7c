"""One truth for every deadline (issue "the law clock must never drift").

Each test first reproduces a defect of the earlier design and then shows the fix: dates have
one owner, every stored copy follows it on every change, and states are declared once.
Every date is worked out by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import client_for
from gongkai.accounts.models import Organisation, User
from gongkai.api.testing import assert_matches_schema
from gongkai.catalog.models import CatalogItem
from gongkai.core.deadlines import deadlines_recompute_open, duty_kinds
from gongkai.core.holidays import holiday_year_save
from gongkai.core.models import AuditEvent, Deadline, DeadlineState, HolidayDay
from gongkai.core.tests.test_jobs_and_holidays import run_worker
from gongkai.foi import law, services
from gongkai.foi.law import OUTCOMES
from gongkai.foi.models import ALLOWED_FROM, REFUSALS, Action, Application, Status
from gongkai.foi.reports import send_reminders
from gongkai.foi.tests.test_law import PERSON
from gongkai.testing import finance_org, planning_org

D = dt.date.fromisoformat


@pytest.fixture
def org(db) -> Organisation:  # type: ignore[no-untyped-def]
    return planning_org()


@pytest.fixture
def today(monkeypatch):  # type: ignore[no-untyped-def]
    """Services see 2026-11-30 as today, so the hand-computed scenario never ages."""
    monkeypatch.setattr("gongkai.foi.services._today", lambda: D("2026-11-30"))
    return D("2026-11-30")


def submit(org, on: str, **data):  # type: ignore[no-untyped-def]
    person = {**PERSON, "description": "2026年城市更新项目批复文件"}
    return services.application_submit(
        data={**person, **data}, organisation=org, submitted_on=D(on)
    )


def _days_2026() -> str:
    return "\n".join(
        f"{d.date} {'放假' if d.kind == 'holiday' else '上班'} {d.name}"
        for d in HolidayDay.objects.filter(date__year=2026)
    )


def _save_2026(actor, extra: str = "", drop: str = "", *, capture) -> None:  # type: ignore[no-untyped-def]
    lines = [line for line in _days_2026().splitlines() if not drop or not line.startswith(drop)]
    with capture(execute=True):
        holiday_year_save(
            actor=actor,
            year=2026,
            source_notice="国务院办公厅关于2026年部分节假日安排的通知",
            days_text="\n".join([*lines, extra] if extra else lines),
        )
    run_worker()


# 1. the catalog's own 公开时限 survives every recompute ------------------------------------
@pytest.mark.django_db
def test_catalog_rule_of_seven_working_days_survives_any_recompute(
    planning_editor, sysadmin, django_capture_on_commit_callbacks
) -> None:
    from gongkai.publishing.services import publication_create

    item = CatalogItem.objects.published().get(code="010201")
    CatalogItem.objects.filter(pk=item.pk).update(
        time_limit_kind="event", limit_days=7, limit_unit="working", time_limit_text="7个工作日内"
    )
    pub = publication_create(
        actor=planning_editor,
        data={
            "organisation": planning_editor.organisation,
            "title": "某地块规划条件核实结果",
            "body": "<p>核实结果</p>",
            "formed_on": D("2026-11-02"),
            "genre": "notice",
            "catalog_items": [item],
        },
    )
    # 11/3 … 11/11: 11/3, 4, 5, 6, 9, 10, 11 = 7 working days (not 20: that would be 11/30)
    assert pub.due_date == D("2026-11-11")
    deadline = Deadline.objects.get(kind="publishing.proactive", object_id=str(pub.pk))
    assert (deadline.rule, deadline.due_date) == ("wd:7", D("2026-11-11"))
    # the defect: saving /manage/holidays/2026/ unchanged reset the date to 20 working days
    _save_2026(sysadmin, capture=django_capture_on_commit_callbacks)
    for _ in range(3):
        assert deadlines_recompute_open(reason="每日核对") == 0
    pub.refresh_from_db()
    deadline.refresh_from_db()
    assert pub.due_date == deadline.due_date == D("2026-11-11")


# 2. a holiday change moves every affected date everywhere it is shown ---------------------
@pytest.mark.django_db
def test_holiday_change_moves_foi_dates_everywhere_and_only_where_affected(
    org, planning_editor, sysadmin, office, today, django_capture_on_commit_callbacks
) -> None:
    affected, code = submit(org, "2026-11-02")
    # 11/3–6 = 4, 11/9–13 = 9, 11/16–20 = 14, 11/23–27 = 19, 11/30 = 20
    assert affected.reply_due == D("2026-11-30")
    untouched, _ = submit(org, "2026-11-25", description="另一份文件")
    # 11/26–27 = 2, 11/30–12/4 = 7, 12/7–11 = 12, 12/14–18 = 17, 12/21–23 = 20
    assert untouched.reply_due == D("2026-12-23")
    audit_before = AuditEvent.objects.filter(action="deadline.recompute").count()

    # A local day off on Friday 11/20 (e.g. a revised notice): the 20th day moves to 12/1.
    _save_2026(sysadmin, "2026-11-20 放假 地方性假日", capture=django_capture_on_commit_callbacks)
    affected.refresh_from_db()
    untouched.refresh_from_db()
    assert affected.reply_due == D("2026-12-01") and untouched.reply_due == D("2026-12-23")
    reply = Deadline.objects.get(kind="foi.reply", object_id=str(affected.pk), status="open")
    assert reply.due_date == D("2026-12-01")
    moved = AuditEvent.objects.filter(action="deadline.recompute").order_by("id")[audit_before:]
    assert {e.object_id for e in moved} >= {str(reply.pk)}
    assert str(Deadline.objects.get(kind="foi.reply", object_id=str(untouched.pk)).pk) not in {
        e.object_id for e in moved
    }

    # REST (staff list and the applicant's tracking) ----------------------------------------
    staff = client_for(planning_editor)
    listed = staff.get("/api/v1/manage/foi/applications")
    assert_matches_schema(listed)
    row = next(r for r in listed.json() if r["receipt_no"] == affected.receipt_no)
    assert row["reply_due"] == "2026-12-01"
    tracked = staff.post(
        "/api/v1/foi/applications/track",
        {"receipt_no": affected.receipt_no, "query_code": code},
        content_type="application/json",
    )
    assert_matches_schema(tracked)
    assert tracked.json()["reply_due"] == "2026-12-01"
    # the tracking page, the staff list and the detail page --------------------------------
    from django.test import Client

    public = Client()
    public.post(reverse("foi:track"), {"receipt_no": affected.receipt_no, "code": code})
    assert "2026-12-01" in public.get(reverse("foi:status")).content.decode()
    assert "2026-12-01" in staff.get(reverse("manage:foi_apps")).content.decode()
    assert "2026-12-01" in staff.get(reverse("manage:foi_app", args=[affected.pk])).content.decode()
    # the dashboard --------------------------------------------------------------------------
    assert "2026-12-01" in staff.get(reverse("manage:dashboard")).content.decode()
    # the reminders: on 11/27 the application has 2 working days left (11/30, 12/1)
    planning_editor.email = "ghj@example.com"
    planning_editor.save()
    mail.outbox.clear()
    send_reminders(today=D("2026-11-27"))
    subjects = [m.subject for m in mail.outbox if affected.receipt_no in m.subject]
    assert subjects and "剩余2个工作日" in subjects[0] and "2026-12-01" in subjects[0]
    # a 告知书 made now carries the new date
    from gongkai.foi.documents import reply_document_generate

    services.extension_approve(
        actor=office, app=affected, days=3, reason="需调取档案", on=D("2026-11-30")
    )
    affected.refresh_from_db()
    assert affected.reply_due == D("2026-12-04")  # 12/2, 12/3, 12/4
    doc = reply_document_generate(actor=planning_editor, app=affected, kind="extension")
    assert "2026年12月04日" in doc.text

    # Removing the day again moves it back, and the nightly check is then a no-op.
    _save_2026(sysadmin, drop="2026-11-20", capture=django_capture_on_commit_callbacks)
    affected.refresh_from_db()
    assert affected.reply_due == D("2026-12-03")  # 20 + 3 working days from 11/2
    assert deadlines_recompute_open(reason="每日核对") == 0


@pytest.mark.django_db
def test_next_years_schedule_turns_an_estimate_official(
    org, sysadmin, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    monkeypatch.setattr("gongkai.foi.services._today", lambda: D("2026-12-31"))
    app, _ = submit(org, "2026-12-21")
    # 12/22–12/31 = 8, 2027-01-01 元旦 (estimated), 1/4–1/8 = 13, 1/11–1/15 = 18, 1/18, 1/19 = 20
    assert (app.reply_due, app.due_is_estimate) == (D("2027-01-19"), True)
    with django_capture_on_commit_callbacks(execute=True):
        holiday_year_save(
            actor=sysadmin,
            year=2027,
            source_notice="国务院办公厅关于2027年部分节假日安排的通知",
            days_text="2027-01-01 放假 元旦\n2027-01-04 放假 元旦",
        )
    run_worker()
    app.refresh_from_db()
    # now official: 1/1 and 1/4 off → 1/5–1/8 = 12, 1/11–1/15 = 17, 1/18–1/20 = 20
    assert (app.reply_due, app.due_is_estimate) == (D("2027-01-20"), False)


# 3. the dashboard shows each duty's state ---------------------------------------------------
@pytest.mark.django_db
def test_dashboard_shows_met_late_and_overdue(office, planning_editor, planning_reviewer) -> None:
    from django.utils import timezone

    from gongkai.testing.factories import publication_make

    formed = timezone.localdate() - dt.timedelta(days=90)  # due 20 working days later
    on_time = timezone.now() - dt.timedelta(days=85)
    for title, reviewer, at in (
        ("按期公开的通知", planning_reviewer, on_time),
        ("超期公开的通知", planning_reviewer, None),
        ("尚未公开的通知", None, None),
    ):
        publication_make(
            editor=planning_editor, reviewer=reviewer, title=title, formed_on=formed, reviewed_at=at
        )
    counts = Deadline.objects.filter(kind__in=duty_kinds()).state_counts(timezone.localdate())
    assert min(counts[s] for s in (DeadlineState.MET, DeadlineState.LATE, DeadlineState.OVERDUE))
    page = client_for(office).get(reverse("manage:dashboard")).content.decode()
    assert "法定时限执行情况" in page and "按期完成" in page and "超期完成" in page
    assert "依申请公开答复期限" in page and "主动公开期限" in page
    assert re.search(r"已超期\d+个工作日", page)


# 4. 信息处理费 ------------------------------------------------------------------------------
@pytest.mark.django_db
def test_eleventh_application_of_the_month_costs_100_yuan_article_4(
    org, planning_editor, today
) -> None:
    """办法 第四条: "同一申请人一个自然月内累计申请" counts every application, charged or not.

    Ten free applications on 11/2–11/13, the eleventh on 11/16: item 11 → 100元.
    """
    days = ["02", "03", "04", "05", "06", "09", "10", "11", "12", "13"]
    for n, day in enumerate(days):
        submit(org, f"2026-11-{day}", description=f"第{n + 1}份文件")
    eleventh, _ = submit(org, "2026-11-16", description="第11份文件")
    eleventh = services.fee_notice(
        actor=planning_editor, app=eleventh, basis="item", quantity=1, on=D("2026-11-17")
    )
    assert eleventh.fee_amount == 100
    # the applicant's 20 working days to pay: 11/18 … 12/15 (11/18–20, 23–27, 30, 12/1–4,
    # 7–11, 14–15 = 20), a clock of its own registered like every other
    assert eleventh.fee_due == D("2026-12-15")
    assert Deadline.objects.get(kind="foi.fee_payment", object_id=str(eleventh.pk)).due_date == (
        D("2026-12-15")
    )


@pytest.mark.django_db
def test_pages_are_charged_per_application_not_summed_over_the_month_article_3(
    org, planning_editor, today
) -> None:
    """办法 第三条 "对每件申请" + 第五条: two applications of 40 pages each cost 100元 each
    (pages 31–40 at 10元), not 100 + 400 as if the month's pages were added up."""
    first, _ = submit(org, "2026-11-02")
    second, _ = submit(org, "2026-11-03", description="另一份文件")
    first = services.fee_notice(
        actor=planning_editor, app=first, basis="volume", quantity=40, on=D("2026-11-04")
    )
    second = services.fee_notice(
        actor=planning_editor, app=second, basis="volume", quantity=40, on=D("2026-11-05")
    )
    assert (first.fee_amount, second.fee_amount) == (100, 100)
    with pytest.raises(ValidationError, match="1至100000"):
        third, _ = submit(org, "2026-11-04", description="第三份")
        services.fee_notice(actor=planning_editor, app=third, basis="volume", quantity=10**8)


# 5. dated steps ----------------------------------------------------------------------------
@pytest.mark.django_db
def test_impossible_step_dates_are_refused_in_chinese(org, planning_editor, office, today) -> None:
    app, _ = submit(org, "2026-11-02")
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.correction_request(
            actor=planning_editor,
            app=app,
            items="请写明文号",
            deadline=D("2026-12-31"),
            on=D("2026-12-01"),
        )
    with pytest.raises(ValidationError, match="不能早于"):
        services.correction_request(
            actor=planning_editor,
            app=app,
            items="请写明文号",
            deadline=D("2026-12-31"),
            on=D("2026-10-30"),
        )
    # paper post registered later: the notice went out on 11/4, recorded on 11/30
    app = services.correction_request(
        actor=planning_editor,
        app=app,
        items="请写明文号",
        deadline=D("2026-11-25"),
        on=D("2026-11-04"),
    )
    with pytest.raises(ValidationError, match="不能早于上一办理步骤的日期"):
        services.correction_submit(app=app, text="皋规发〔2026〕3号", on=D("2026-11-03"))
    app = services.correction_submit(app=app, text="皋规发〔2026〕3号", on=D("2026-11-09"))
    # 第三十条: 20 working days again from 11/9: 11/10–13 = 4, … 12/7 = 20
    assert (app.clock_start, app.reply_due) == (D("2026-11-09"), D("2026-12-07"))
    c = services.consultation_start(
        actor=planning_editor, app=app, kind="agency", party="市自然资源局", sent_on=D("2026-11-10")
    )
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.consultation_answer(
            actor=planning_editor, consultation=c, answered_on=D("2026-12-02"), agrees=True
        )
    with pytest.raises(ValidationError, match="尚未届满"):  # due 12/1: 'no answer' not yet
        services.consultation_answer(
            actor=planning_editor, consultation=c, answered_on=None, agrees=None
        )
    app = services.consultation_answer(
        actor=planning_editor, consultation=c, answered_on=D("2026-11-16"), agrees=True
    )
    # 11/11–13, 11/16 = 4 working days waited: 12/7 + 4 = 12/11
    assert app.reply_due == D("2026-12-11")
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.extension_approve(
            actor=office, app=app, days=5, reason="档案多", on=D("2026-12-03")
        )
    app = services.extension_approve(
        actor=office, app=app, days=5, reason="档案多", on=D("2026-11-20")
    )
    assert app.reply_due == D("2026-12-18")
    with pytest.raises(ValidationError, match="不能早于上一办理步骤的日期"):
        services.application_decide(
            actor=planning_editor, app=app, outcome="4.1", reply_text="不存在", on=D("2026-11-18")
        )


# 6. declared states --------------------------------------------------------------------------
def _in_state(org, status: str) -> Application:  # type: ignore[no-untyped-def]
    app, _ = submit(org, "2026-11-02")
    Application.objects.filter(pk=app.pk).update(status=status)
    return Application.objects.get(pk=app.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("status", Status.values)
def test_every_action_button_comes_from_the_models_question_methods(
    org, office, today, status: str
) -> None:
    app = _in_state(org, status)
    page = client_for(office).get(reverse("manage:foi_app", args=[app.pk])).content.decode()
    shown = set(re.findall(r'data-action="([a-z_]+)"', page))
    assert shown == set(app.allowed_actions())
    assert all(app.can(a) for a in shown)
    # and the API lists the same actions
    listed = client_for(office).get("/api/v1/manage/foi/applications")
    row = next(r for r in listed.json() if r["receipt_no"] == app.receipt_no)
    assert set(row["actions"]) == shown


def _attempt(action: str, app: Application, office: User, reviewer: User) -> None:
    """Call the service behind ``action`` with otherwise valid input."""
    from gongkai.foi.documents import reply_document_generate

    other = finance_org()
    calls = {
        Action.CONFIRM: lambda: services.application_confirm(actor=office, app=app),
        Action.ASSIGN: lambda: services.application_assign(
            actor=office, app=app, handler=User.objects.get(username="t_planning_editor")
        ),
        Action.TRANSFER: lambda: services.application_transfer(
            actor=office, app=app, to=other, reason="职责调整"
        ),
        Action.REQUEST_CORRECTION: lambda: services.correction_request(
            actor=office, app=app, items="请写明文号", deadline=D("2026-12-20")
        ),
        Action.REGISTER_CORRECTION: lambda: services.correction_submit(
            app=app, text="补正内容", actor=office
        ),
        Action.EXTEND: lambda: services.extension_approve(
            actor=office, app=app, days=5, reason="档案多"
        ),
        Action.CONSULT: lambda: services.consultation_start(
            actor=office, app=app, kind="agency", party="某局"
        ),
        Action.ANSWER_CONSULTATION: lambda: services.consultation_answer(
            actor=office,
            consultation=app.consultations.first()
            or app.consultations.create(  # already answered: nothing outstanding
                kind="agency",
                party="某局",
                sent_on=D("2026-11-03"),
                opinion_due=D("2026-11-24"),
                answered_on=D("2026-11-05"),
                agrees=True,
            ),
            answered_on=D("2026-11-20"),
            agrees=True,
        ),
        Action.FEE_NOTICE: lambda: services.fee_notice(
            actor=office, app=app, basis="volume", quantity=40
        ),
        Action.FEE_PAID: lambda: services.fee_paid(actor=office, app=app),
        Action.EXCESSIVE_ASK: lambda: services.excessive_ask_reasons(
            actor=office, app=app, reply_by=D("2026-12-20")
        ),
        Action.EXCESSIVE_PERIOD: lambda: services.excessive_set_period(
            actor=office, app=app, due=D("2027-01-29"), reason="量大"
        ),
        Action.SECRECY_REVIEW: lambda: services.secrecy_review(actor=reviewer, app=app),
        Action.DECIDE: lambda: services.application_decide(
            actor=office, app=app, outcome="4.1", reply_text="不存在"
        ),
        Action.DOCUMENT: lambda: reply_document_generate(actor=office, app=app, kind="fee"),
        Action.SERVE: lambda: None,  # needs a document; covered by the question method below
        Action.CHALLENGE: lambda: services.challenge_record(
            actor=office, app=app, kind="review", filed_on=D("2026-11-30")
        ),
        Action.TO_PROACTIVE: lambda: services.application_to_proactive(actor=office, app=app),
        Action.RELEASE: lambda: services.released_file_attach(
            actor=office, app=app, file=SimpleUploadedFile("信息.pdf", b"%PDF-1.4\n%%EOF\n")
        ),
        Action.WITHDRAW: lambda: services.application_withdraw(app=app),
        Action.ABANDON: lambda: services._close(app, "6.1", "视为放弃", D("2026-11-30")),
    }
    calls[action]()


@pytest.mark.django_db
@pytest.mark.parametrize("status", Status.values)
def test_services_refuse_every_action_the_model_does_not_allow(
    org, office, planning_reviewer, today, status: str
) -> None:
    refused = 0
    for action in Action:
        if action == Action.SERVE:
            continue
        app = _in_state(org, status)
        if app.can(action):
            continue
        with pytest.raises((ValidationError, PermissionDenied)) as exc:
            _attempt(action, app, office, planning_reviewer)
        if isinstance(exc.value, ValidationError):
            assert REFUSALS[action] in exc.value.messages
        refused += 1
    assert refused >= sum(1 for a in ALLOWED_FROM.values() if status not in a) - 1


def test_outcome_rows_carry_their_own_system_only_flag() -> None:
    system = {o.code for o in OUTCOMES if o.system_only}
    assert system == {law.ABANDONED_NO_CORRECTION, law.ABANDONED_NO_PAYMENT}
    assert system.isdisjoint(code for code, _label in law.DECISION_CHOICES)


@pytest.mark.django_db
def test_api_refuses_future_dates_unbounded_fees_and_disallowed_actions_in_chinese(
    org, planning_editor, today
) -> None:
    app, _ = submit(org, "2026-11-02")
    staff = client_for(planning_editor)
    base = f"/api/v1/manage/foi/applications/{app.pk}"

    def post(action: str, body: dict):  # type: ignore[no-untyped-def]
        return staff.post(f"{base}/{action}", body, content_type="application/json")

    future = post(
        "correction", {"items": "请写明文号", "deadline": "2026-12-31", "on": "2026-12-01"}
    )
    assert future.status_code == 400 and "不能晚于今天" in future.content.decode()
    huge = post("fee", {"basis": "item", "quantity": 100000000})
    assert huge.status_code == 400
    not_due = post("paid", {})  # not awaiting payment: the state does not allow it
    assert not_due.status_code == 409
    assert not_due.json() == {"code": "conflict", "message": "该申请没有待缴的费用", "errors": {}}
    ok = post("correction", {"items": "请写明文号", "deadline": "2026-12-31", "on": "2026-11-04"})
    assert_matches_schema(ok)
    body = ok.json()
    assert body["status"] == "correction" and body["reply_due"] is None
    assert body["actions"] == ["assign", "corrected", "document"]


@pytest.mark.django_db
def test_the_actions_returned_after_a_step_reflect_that_step(org, planning_editor, today) -> None:
    """Asking for reasons (第三十五条) keeps the state; the next allowed step must still show."""
    app, _ = submit(org, "2026-11-02")
    response = client_for(planning_editor).post(
        f"/api/v1/manage/foi/applications/{app.pk}/excessive_ask",
        {"reply_by": "2026-12-10", "on": "2026-11-04"},
        content_type="application/json",
    )
    actions = response.json()["actions"]
    assert "excessive_period" in actions and "excessive_ask" not in actions
