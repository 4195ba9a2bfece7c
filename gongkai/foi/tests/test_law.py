"""The 依申请公开 law walked through scenarios; every date below is worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.accounts.models import Organisation, User
from gongkai.core.models import Deadline
from gongkai.foi import law
from gongkai.foi.law import Channel
from gongkai.foi.models import Application, Status
from gongkai.foi.services import (
    application_close_abandoned,
    application_confirm,
    application_decide,
    application_for_tracking,
    application_submit,
    application_withdraw,
    consultation_answer,
    consultation_start,
    correction_request,
    correction_submit,
    extension_approve,
    fee_notice,
    fee_paid,
    secrecy_review,
)
from gongkai.testing import planning_org

D = dt.date.fromisoformat
PERSON = {
    "applicant_kind": "person",
    "name": "张三",
    "id_type": "居民身份证",
    "id_number": "320682199001011231",
    "phone": "13912345678",
    "email": "zhang@example.com",
    "description": "2025年如皋市城市总体规划修改的批复文件",
    "delivery": "email",
}


@pytest.fixture(autouse=True)
def _scenario_today(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The scenarios are dated in 2026–2027; "today" is a day after all of them, so that
    dated steps are checked against the case's history, not against the real calendar."""
    monkeypatch.setattr("gongkai.foi.services._today", lambda: D("2027-06-30"))


@pytest.fixture
def org(db) -> Organisation:  # type: ignore[no-untyped-def]
    return planning_org()


def submit(org, on: str, **extra):  # type: ignore[no-untyped-def]
    data = {**PERSON, **extra.pop("data", {})}
    return application_submit(data=data, organisation=org, submitted_on=D(on), **extra)[0]


# fees (信息处理费办法 第四条、第五条) -------------------------------------------------------
@pytest.mark.parametrize(
    ("already", "count", "fee"),
    [
        (0, 10, 0),
        (0, 11, 100),
        (0, 30, 2000),
        (0, 35, 2000 + 5 * 200),
        (0, 50, 2000 + 10 * 200 + 10 * 300),
        (25, 12, 5 * 100 + 7 * 200),
        (40, 1, 300),
    ],
)
def test_fee_per_item(already: int, count: int, fee: int) -> None:
    assert law.fee_per_item(already, count) == fee


@pytest.mark.parametrize(
    ("pages", "fee"),
    [
        (30, 0),  # ≤ 30 pages free
        (31, 10),  # page 31: 10元
        (100, 700),  # pages 31–100: 70 × 10
        (101, 720),  # + page 101 at 20元
        (250, 700 + 2000 + 50 * 40),  # 31–100, 101–200, 201–250
    ],
)
def test_fee_per_volume_is_per_application_article_3_and_5(pages: int, fee: int) -> None:
    """办法 第五条 bands, applied to one application on its own (第三条 "对每件申请")."""
    assert law.fee_per_volume(pages) == fee


def test_fee_quantities_are_bounded() -> None:
    with pytest.raises(ValueError, match="件数"):
        law.fee_per_item(0, law.MAX_FEE_ITEMS + 1)
    with pytest.raises(ValueError, match="页数"):
        law.fee_per_volume(100_000_000)


def test_outcomes_are_the_annual_report_rows() -> None:
    codes = [o.code for o in law.OUTCOMES]
    assert codes == [
        "1",
        "2",
        *[f"3.{i}" for i in range(1, 9)],
        "4.1",
        "4.2",
        "4.3",
        *[f"5.{i}" for i in range(1, 6)],
        "6.1",
        "6.2",
        "6.3",
    ]
    assert all(o.basis for o in law.OUTCOMES)
    assert law.OUTCOME_BY_CODE["2"].label == "部分公开（区分处理的，只计这一情形，不计其他情形）"


# receipt (条例 第三十一条) ------------------------------------------------------------------
@pytest.mark.django_db
def test_receipt_date_by_channel(org, office) -> None:
    online = submit(org, "2026-09-18")
    assert online.received_on == D("2026-09-18") and online.status == Status.PROCESSING
    letter = submit(org, "2026-09-18", channel=Channel.POST_PLAIN, actor=office)
    assert letter.received_on is None and letter.status == Status.AWAITING_CONFIRMATION
    letter = application_confirm(actor=office, app=letter, on=D("2026-09-21"))
    assert letter.received_on == D("2026-09-21")
    with pytest.raises(ValidationError):
        submit(org, "2026-09-18", channel=Channel.POST_SIGNED, actor=office)
    signed = submit(
        org, "2026-09-16", channel=Channel.POST_SIGNED, confirmed_on=D("2026-09-18"), actor=office
    )
    assert signed.received_on == D("2026-09-18")
    with pytest.raises(PermissionDenied):
        submit(org, "2026-09-18", channel=Channel.IN_PERSON)  # offline: staff register it


@pytest.mark.django_db
def test_received_friday_before_the_mid_autumn_and_national_day_break(org) -> None:
    app = submit(org, "2026-09-18")  # Friday; 中秋 9/25–27 and 国庆 10/1–7 follow
    assert app.reply_due == D("2026-10-22")  # cn-rules §5.2
    notice = Deadline.objects.get(kind="foi.correction_notice", object_id=str(app.pk))
    assert notice.due_date == D("2026-09-29")  # +7: 9/20 (Sun, 调休) counts


@pytest.mark.django_db
def test_correction_restarts_the_twenty_days(org) -> None:
    app = submit(org, "2026-01-28")
    assert app.reply_due == D("2026-03-03")
    app = correction_request(
        actor=User.objects.get(username="t_planning_editor"),
        app=app,
        items="请写明所需文件的名称或文号",
        deadline=D("2026-02-20"),
        on=D("2026-02-03"),
    )
    # 第三十条: the clock stops; the reply date is unknown until the correction arrives
    assert app.status == Status.AWAITING_CORRECTION and app.reply_due is None
    assert not Deadline.objects.filter(
        kind="foi.reply", object_id=str(app.pk), status="open"
    ).exists()
    with pytest.raises(ValidationError, match="一次性告知"):
        correction_request(
            actor=User.objects.get(username="t_planning_editor"),
            app=app,
            items="x",
            deadline=D("2026-03-01"),
            on=D("2026-02-04"),
        )
    app = correction_submit(app=app, text="皋政复〔2025〕3号", on=D("2026-02-10"))
    assert app.clock_start == D("2026-02-10") and app.reply_due == D("2026-03-16")  # cn-rules §5.2


@pytest.mark.django_db
def test_extension_needs_the_office_and_happens_once(org, planning_editor, office) -> None:
    app = submit(org, "2026-04-30")
    assert app.reply_due == D("2026-06-01")
    with pytest.raises(PermissionDenied):
        extension_approve(actor=planning_editor, app=app, days=20, reason="涉及多个年度档案")
    with pytest.raises(ValidationError):
        extension_approve(actor=office, app=app, days=21, reason="x", on=D("2026-05-20"))
    with pytest.raises(ValidationError, match="届满前"):  # 6/2 is after the 6/1 reply date
        extension_approve(actor=office, app=app, days=20, reason="x", on=D("2026-06-02"))
    app = extension_approve(
        actor=office, app=app, days=20, reason="涉及多个年度档案", on=D("2026-05-20")
    )
    # 6/2…6/18 = 13 (6/19 端午 off), 6/22…6/26 = 18, 6/29 = 19, 6/30 = 20
    assert app.reply_due == D("2026-06-30")
    assert app.events.filter(kind="extended", public=True).exists()
    with pytest.raises(ValidationError, match="只能延长一次"):
        extension_approve(actor=office, app=app, days=5, reason="再次", on=D("2026-05-21"))


@pytest.mark.django_db
def test_third_party_consultation_across_the_year_end(org, planning_editor) -> None:
    app = submit(org, "2026-12-01")
    assert app.reply_due == D("2026-12-29")
    c = consultation_start(
        actor=planning_editor,
        app=app,
        kind="third_party",
        party="某建设公司",
        sent_on=D("2026-12-17"),
    )
    # 12/18 = 1, 12/21–25 = 6, 12/28–31 = 10, 1/1 元旦 off, 1/4–1/8 = 15 (2027 estimated)
    assert c.opinion_due == D("2027-01-08")
    app = consultation_answer(
        actor=planning_editor,
        consultation=c,
        answered_on=D("2027-01-06"),
        agrees=False,
        reasons="涉及商业秘密",
    )
    assert c.excluded_days == 13 and app.status == Status.PROCESSING
    # 20 + 13 = 33 working days from 12/1: 12/29 is the 20th, 12/30, 12/31, 1/4 … 1/18 is the 33rd
    assert app.reply_due == D("2027-01-18") and app.due_is_estimate
    secrecy_review(actor=User.objects.get(username="t_planning_reviewer"), app=app)
    with pytest.raises(ValidationError, match="第三方不同意公开"):
        application_decide(actor=planning_editor, app=app, outcome="1", reply_text="予以公开")
    app = application_decide(
        actor=planning_editor,
        app=app,
        outcome="3.4",
        reply_text="涉及第三方商业秘密，不予公开",
        on=D("2027-01-11"),
    )
    assert app.outcome == "3.4" and app.status == Status.REPLIED


@pytest.mark.django_db
def test_unanswered_consultation_counts_only_up_to_its_deadline(org, planning_editor) -> None:
    app = submit(org, "2026-12-01")
    c = consultation_start(
        actor=planning_editor, app=app, kind="agency", party="市自然资源局", sent_on=D("2026-12-10")
    )
    assert c.opinion_due == D("2026-12-31")  # 12/11 = 1 … 12/31 = 15
    app = consultation_answer(actor=planning_editor, consultation=c, answered_on=None, agrees=None)
    assert c.excluded_days == 15
    # 35 working days from 12/1: 12/29 = 20, 12/30, 12/31, 1/4–1/8, 1/11–1/15, 1/18, 1/19, 1/20 = 35
    assert app.reply_due == D("2027-01-20")


@pytest.mark.django_db
def test_fee_bands_across_a_month_and_abandonment(org, planning_editor) -> None:
    first = submit(org, "2026-11-02")
    first = fee_notice(
        actor=planning_editor, app=first, basis="item", quantity=25, on=D("2026-11-03")
    )
    assert first.fee_amount == 15 * 100  # items 11–25
    # 20 working days to pay: 11/4 … 11/30 is the 19th, 12/1 the 20th
    assert first.fee_due == D("2026-12-01")
    second = submit(org, "2026-11-05")
    second = fee_notice(
        actor=planning_editor, app=second, basis="item", quantity=12, on=D("2026-11-06")
    )
    assert second.fee_amount == 5 * 100 + 7 * 200  # items 26–30 and 31–37
    third = submit(org, "2026-12-02")
    third = fee_notice(
        actor=planning_editor, app=third, basis="item", quantity=12, on=D("2026-12-02")
    )
    assert third.fee_amount == 2 * 100  # a new month starts again at item 1
    other = submit(org, "2026-11-05", data={"id_number": "320682198002021234", "name": "李四"})
    with pytest.raises(ValidationError, match="无需收费"):
        fee_notice(actor=planning_editor, app=other, basis="item", quantity=5, on=D("2026-11-06"))
    # payment: the days between notice and payment leave the reply clock
    before = second.reply_due
    second = fee_paid(actor=planning_editor, app=second, on=D("2026-11-10"))
    assert second.paused_days == 2 and second.reply_due > before
    # no payment by the deadline → 视为放弃, annual-report row （六）2
    assert application_close_abandoned(today=D("2026-12-02")) == 1
    first.refresh_from_db()
    assert (first.status, first.outcome) == (Status.CLOSED, "6.2")


@pytest.mark.django_db
def test_no_correction_means_abandoned(org, planning_editor) -> None:
    app = submit(org, "2026-03-02")
    correction_request(
        actor=planning_editor,
        app=app,
        items="请说明所需信息",
        deadline=D("2026-03-20"),
        on=D("2026-03-04"),
    )
    assert application_close_abandoned(today=D("2026-03-20")) == 0
    assert application_close_abandoned(today=D("2026-03-21")) == 1
    app.refresh_from_db()
    assert (app.status, app.outcome) == (Status.CLOSED, "6.1")


@pytest.mark.django_db
@pytest.mark.parametrize("outcome", [o.code for o in law.OUTCOMES if o.code not in ("6.1", "6.2")])
def test_each_outcome(org, planning_editor, planning_reviewer, outcome: str) -> None:
    app = submit(org, "2026-03-02")
    row = law.OUTCOME_BY_CODE[outcome]
    if row.releases:
        with pytest.raises(ValidationError, match="保密审查"):
            application_decide(actor=planning_editor, app=app, outcome=outcome, reply_text="答复")
        secrecy_review(actor=planning_reviewer, app=app)
    app = application_decide(
        actor=planning_editor, app=app, outcome=outcome, reply_text="答复", on=D("2026-03-20")
    )
    assert app.outcome == outcome and app.status == Status.REPLIED
    assert not Deadline.objects.filter(
        object_id=str(app.pk), status="open", content_type__model="application"
    ).exists()


@pytest.mark.django_db
def test_tracking_and_withdrawal_and_isolation(org, finance_editor) -> None:
    app, code = application_submit(data=PERSON, organisation=org, submitted_on=D("2026-03-02"))
    assert application_for_tracking(receipt_no=app.receipt_no, code=code) == app
    assert application_for_tracking(receipt_no=app.receipt_no, code="WRONG123") is None
    assert application_for_tracking(receipt_no="YSQ000", code=code) is None
    with pytest.raises(PermissionDenied):
        correction_request(actor=finance_editor, app=app, items="x", deadline=D("2026-04-01"))
    app = application_withdraw(app=app)
    assert (app.status, app.outcome) == (Status.WITHDRAWN, "6.3")
    assert Application.objects.get(pk=app.pk).id_number == "320682199001011231"


@pytest.mark.django_db
def test_holiday_schedule_recomputes_open_applications(org, sysadmin) -> None:
    from gongkai.core.deadlines import deadlines_recompute_open
    from gongkai.core.holidays import holiday_year_save

    app = submit(org, "2026-12-21")  # runs into 2027, estimated
    deadline = Deadline.objects.get(kind="foi.reply", object_id=str(app.pk), status="open")
    assert deadline.is_estimate
    holiday_year_save(
        actor=sysadmin,
        year=2027,
        source_notice="国务院办公厅关于2027年部分节假日安排的通知",
        days_text="2027-01-01 放假 元旦\n2027-01-04 放假 元旦",
    )
    deadlines_recompute_open(reason="test")
    deadline.refresh_from_db()
    assert not deadline.is_estimate
    # 12/22 … 12/31 = 8, 1/1 and 1/4 off, 1/5 … 1/8 = 12, 1/11 … 1/15 = 17, 1/18 … 1/20 = 20
    assert deadline.due_date == D("2027-01-20")


@pytest.mark.django_db
def test_excessive_requests(org, planning_editor) -> None:
    from gongkai.foi.services import excessive_ask_reasons, excessive_set_period

    app = submit(org, "2026-03-02")  # due 2026-03-30
    with pytest.raises(ValidationError, match="说明理由"):
        excessive_set_period(
            actor=planning_editor, app=app, due=D("2026-05-29"), reason="涉及1200份档案"
        )
    excessive_ask_reasons(
        actor=planning_editor, app=app, reply_by=D("2026-03-13"), on=D("2026-03-04")
    )
    app = excessive_set_period(
        actor=planning_editor,
        app=app,
        due=D("2026-05-29"),
        reason="涉及1200份档案",
        on=D("2026-03-16"),
    )
    # after 3/30: 3/31 = 1; April 1–3, 7–10, 13–17, 20–24, 27–30 = 21 (4/6 清明 off) → 22;
    # May 6–8 = 3, 5/9 Sat 调休 = 1, 11–15, 18–22, 25–29 = 15 (5/1–5/5 off) → 41 working days,
    # a period of its own (第三十五条), not the extension of 第三十三条
    assert app.reply_due == D("2026-05-29")
    assert (app.excessive_days, app.extension_days) == (41, 0)
    assert app.events.filter(kind="excessive_period", public=True).exists()
    # …so the one lawful extension of 第三十三条 is still available afterwards
    app = extension_approve(
        actor=User.objects.get(username="t_office"),
        app=app,
        days=5,
        reason="另需调取档案",
        on=D("2026-05-20"),
    )
    # 6/1, 6/2, 6/3, 6/4, 6/5 = 5 more working days
    assert app.extension_days == 5 and app.reply_due == D("2026-06-05")
