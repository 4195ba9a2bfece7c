"""在线监督 with hand-computed cases: a monthly item's periods are 按时, 逾期完成, 逾期未完成 and
未到期 on the law clock; the scan groups every obligation by state; 预警 and 告警 reach the
organisation's 公开专员 and 审核人 and the 政务公开办 (never another department), once each,
until acknowledged, and as one digest mail through a real SMTP server; a record published late
raises its 告警 at once; the monitoring rule is versioned; completeness checks name the
records; the timeline retells every step and masks names for the public."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from conftest import client_for
from gongkai.core.models import Deadline, DeadlineStatus, Notice
from gongkai.core.notices import notices_send
from gongkai.publishing.models import Publication
from gongkai.supervision import alerts, obligations, receivers, timeline
from gongkai.supervision import monitor_rules as R
from gongkai.supervision.models import Alert, ItemPeriod
from gongkai.testing import factories as f
from gongkai.testing.smtp_sink import SmtpSink

D = dt.date.fromisoformat
TODAY = D("2026-04-20")


def _at(day: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(D(day), dt.time(10, 0)))


@pytest.fixture
def monthly(world, planning_editor, planning_reviewer):  # type: ignore[no-untyped-def]
    """每月 item, 期满后10日内, in the catalog since 15 January 2026: January published on
    5 February (due 10 Feb), February on 16 March (due 10 Mar: late), March not at all (due
    10 April), April still running (due in May)."""
    item = f.catalog_item_make(
        actor=planning_editor,
        domain="城乡规划",
        name="月度规划许可统计",
        time_limit_text="每月结束后10日内",
        time_limit_kind="periodic",
        period="monthly",
        period_due_day=10,
    )
    type(item).objects.filter(pk=item.pk).update(created_at=_at("2026-01-15"))
    for title, formed, published in (
        ("2026年1月规划许可统计", "2026-01-20", "2026-02-05"),
        ("2026年2月规划许可统计", "2026-02-18", "2026-03-16"),
    ):
        pub = f.publication_make(
            editor=planning_editor,
            reviewer=planning_reviewer,
            title=title,
            formed_on=D(formed),
            reviewed_at=_at(published),
            catalog_items=[item],
        )
        assert pub.status == "published"
    return item


def _period_states(item) -> dict[str, str]:  # type: ignore[no-untyped-def]
    out = {}
    ct = ContentType.objects.get_for_model(ItemPeriod)
    for period in ItemPeriod.objects.filter(item=item):
        d = Deadline.objects.get(content_type=ct, object_id=str(period.pk))
        out[f"{period.period_start:%m}"] = R.obligation_state(d.status, d.due_date, TODAY).label
    return out


@pytest.mark.django_db
def test_monthly_item_owes_one_publication_per_month(monthly, world) -> None:
    before = obligations.compliance_scan(
        organisation_ids=[world.planning.pk], today=TODAY, with_checks=False
    )["totals"]
    result = obligations.obligations_refresh(today=TODAY)
    assert result["opened"] == 4 and result["fulfilled"] == 2
    assert _period_states(monthly) == {
        "01": "按时",
        "02": "逾期完成",
        "03": "逾期未完成",
        "04": "未到期",
    }
    march = ItemPeriod.objects.get(item=monthly, period_start=D("2026-03-01"))
    assert march.due_date == D("2026-04-10")  # 31 March + 10 日, a Friday
    assert ItemPeriod.objects.get(item=monthly, period_start=D("2026-02-01")).fulfilled_on == D(
        "2026-03-16"
    )
    # running it again opens nothing twice
    assert obligations.obligations_refresh(today=TODAY)["opened"] == 0

    scan = obligations.compliance_scan(organisation_ids=[world.planning.pk], today=TODAY)
    after = scan["totals"]
    # the four periods join the scan, one in each state
    assert {k: after[k] - before[k] for k in after} == {
        "on_time": 1,
        "late_done": 1,
        "overdue": 1,
        "not_due": 1,
    }
    # and each record has its own clock from the same rule (formed 20 Jan → due 10 Feb,
    # published 5 Feb: 按时; formed 18 Feb → due 10 Mar, published 16 Mar: 逾期完成)
    own = {
        p.title: R.obligation_state(d.status, d.due_date, TODAY).label
        for p in Publication.objects.filter(catalog_items=monthly)
        for d in Deadline.objects.filter(kind="publishing.proactive", object_id=str(p.pk))
    }
    assert own == {"2026年1月规划许可统计": "按时", "2026年2月规划许可统计": "逾期完成"}
    missing = next(c for c in scan["checks"] if c["key"] == R.Check.PERIOD_MISSING)
    assert [i["label"] for i in missing["items"]] == ["月度规划许可统计（2026年3月）定期公开"]
    assert missing["items"][0]["url"].startswith("/manage/supervision/periods/")


@pytest.mark.django_db
def test_a_record_formed_in_the_period_fulfils_it_on_its_publication_day(
    monthly, planning_editor, planning_reviewer
) -> None:
    obligations.obligations_refresh(today=TODAY)
    pub = f.publication_make(
        editor=planning_editor,
        reviewer=planning_reviewer,
        title="2026年3月规划许可统计",
        formed_on=D("2026-03-28"),
        reviewed_at=_at("2026-04-21"),
        catalog_items=[monthly],
    )
    receivers.on_publication_changed(sender=Publication, instance=pub, change="publish")
    march = ItemPeriod.objects.get(item=monthly, period_start=D("2026-03-01"))
    assert march.fulfilled_on == D("2026-04-21")
    assert _period_states(monthly)["03"] == "逾期完成"


@pytest.mark.django_db
def test_warnings_and_alarms_reach_the_right_people_once(world, office) -> None:
    today = timezone.localdate()
    ct = ContentType.objects.get_for_model(type(world.planning))
    Deadline.objects.filter(status=DeadlineStatus.OPEN).update(status=DeadlineStatus.CANCELLED)

    def clock(n: int, due: dt.date, org=None):  # type: ignore[no-untyped-def]
        return Deadline.objects.create(
            content_type=ct,
            object_id=str(800000 + n),
            organisation=org or world.planning,
            kind="foi.reply",
            label=f"依申请公开答复期限{n}",
            start_date=due - dt.timedelta(days=28),
            rule="wd:20",
            due_date=due,
        )

    soon = clock(1, today + dt.timedelta(days=2))
    late = clock(2, today - dt.timedelta(days=1))
    clock(3, today + dt.timedelta(days=20))  # beyond the 3-day lead time: nothing yet
    counts = alerts.alerts_raise(today=today)
    # each clock to the planning editor, the planning reviewer and the 政务公开办
    assert counts["warnings"] == 3 and counts["overdue"] == 3
    people = {world.planning_editor.pk, world.planning_reviewer.pk, office.pk}
    assert set(Alert.objects.filter(deadline=soon).values_list("user_id", flat=True)) == people
    assert set(Alert.objects.filter(deadline=late).values_list("level", flat=True)) == {"overdue"}
    assert not Alert.objects.filter(user=world.finance_editor).exists()
    assert alerts.alerts_raise(today=today)["warnings"] == 0  # once each

    editor = world.planning_editor
    mine = list(Alert.objects.filter(user=editor).values_list("pk", flat=True))
    others = Alert.objects.filter(user=office).first()
    assert alerts.alerts_acknowledge(actor=editor, alert_ids=[*mine, others.pk]) == 2
    assert Alert.objects.get(pk=others.pk).acknowledged_at is None  # never someone else's

    # a warned clock that is met settles its 预警 by itself
    soon.status, soon.closed_on = DeadlineStatus.MET, today
    soon.save()
    assert alerts.alerts_raise(today=today)["settled"] == 2  # reviewer and office (editor ack'd)

    # a page lists them; the finance editor sees none of planning's
    page = client_for(office).get("/manage/alerts/?show=all")
    assert page.status_code == 200 and "依申请公开答复期限2" in page.content.decode()
    assert (
        "依申请公开答复期限2"
        not in client_for(world.finance_editor).get("/manage/alerts/").content.decode()
    )
    response = client_for(office).post("/manage/alerts/ack/", {"all": "1"})
    assert response.status_code == 302
    assert not Alert.objects.filter(user=office, acknowledged_at__isnull=True).exists()


@pytest.mark.django_db
def test_the_daily_digest_is_one_mail_per_person_through_smtp(world) -> None:
    today = timezone.localdate()
    ct = ContentType.objects.get_for_model(type(world.planning))
    Deadline.objects.filter(status=DeadlineStatus.OPEN).update(status=DeadlineStatus.CANCELLED)
    for n in range(2):
        Deadline.objects.create(
            content_type=ct,
            object_id=str(810000 + n),
            organisation=world.planning,
            kind="foi.reply",
            label=f"依申请公开答复期限D{n}",
            start_date=today - dt.timedelta(days=40),
            rule="wd:20",
            due_date=today - dt.timedelta(days=n + 1),
        )
    alerts.alerts_raise(today=today)
    Notice.objects.all().delete()
    assert alerts.alerts_digest() == 3  # editor, reviewer, office
    assert alerts.alerts_digest() == 0  # nothing new since
    sink = SmtpSink()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=sink.port,
        ):
            notices_send()
        texts = sink.texts_to(world.planning_editor.email)
    finally:
        sink.shutdown()
    assert len(texts) == 1
    assert "告警｜依申请公开答复期限D0" in texts[0] and "依申请公开答复期限D1" in texts[0]


@pytest.mark.django_db
def test_a_late_publication_raises_its_alarm_at_once(
    world, planning_editor, planning_reviewer
) -> None:
    pub = f.publication_make(
        editor=planning_editor,
        reviewer=planning_reviewer,
        title="迟发的规划公示",
        formed_on=timezone.localdate() - dt.timedelta(days=60),
    )
    assert Deadline.objects.get(kind="publishing.proactive", object_id=str(pub.pk)).status == (
        DeadlineStatus.LATE
    )
    receivers.on_publication_changed(sender=Publication, instance=pub, change="publish")
    alert = Alert.objects.get(user=planning_editor, label__contains="迟发的规划公示")
    assert alert.level == R.AlertLevel.OVERDUE

    steps = timeline.publication_timeline(pub, public=False)
    labels = [s.label for s in steps]
    assert labels.index("开始计算期限") < labels.index("新建政府信息")  # formed long before
    for label in ("提交审核", "发布政府信息", "超期完成"):
        assert label in labels
    assert any("条例" in s.clock for s in steps if s.label == "开始计算期限")
    assert any(planning_editor.get_full_name() in s.actor for s in steps)
    public = timeline.publication_timeline(pub, public=True)
    assert len(public) == len(steps)
    assert not any(planning_editor.get_full_name() in s.actor for s in public)
    assert all(not s.details for s in public)

    staff_page = client_for(planning_editor).get(f"/manage/timeline/publication/{pub.pk}/")
    assert staff_page.status_code == 200 and "超期完成" in staff_page.content.decode()
    outsider = client_for(world.finance_editor).get(f"/manage/timeline/publication/{pub.pk}/")
    assert outsider.status_code == 404
    page = client_for(world.citizen).get(f"/gk/guocheng/xinxi/{pub.pk}/")
    text = page.content.decode()
    assert page.status_code == 200 and "超期完成" in text
    assert planning_editor.get_full_name() not in text
    article = client_for(world.citizen).get(pub.get_absolute_url()).content.decode()
    assert f"/gk/guocheng/xinxi/{pub.pk}/" in article
    assert client_for(world.citizen).get("/gk/guocheng/xinxi/99999999/").status_code == 404


@pytest.mark.django_db
def test_the_monitoring_rule_is_versioned_and_only_the_office_sets_it(
    world, office, planning_editor
) -> None:
    all_checks = list(R.Check.values)
    obligations.monitor_rule_create(
        actor=office, effective_from=D("2026-01-01"), warn_days=3, checks=all_checks, digest=True
    )
    obligations.monitor_rule_create(
        actor=office,
        effective_from=D("2026-06-01"),
        warn_days=10,
        checks=[R.Check.DOC_NUMBER],
        digest=False,
    )
    assert alerts.warn_days_in_force(D("2026-05-31")) == 3
    assert alerts.warn_days_in_force(D("2026-06-01")) == 10
    may = obligations.compliance_scan(organisation_ids=[world.planning.pk], today=D("2026-05-31"))
    june = obligations.compliance_scan(organisation_ids=[world.planning.pk], today=D("2026-06-02"))
    assert len(may["checks"]) == len(all_checks)
    assert [c["key"] for c in june["checks"]] == [R.Check.DOC_NUMBER]
    with pytest.raises(ValidationError):
        obligations.monitor_rule_create(
            actor=office, effective_from=D("2026-06-01"), warn_days=1, checks=[], digest=True
        )
    with pytest.raises(ValidationError):
        obligations.monitor_rule_create(
            actor=office, effective_from=D("2026-07-01"), warn_days=99, checks=[], digest=True
        )
    with pytest.raises(PermissionDenied):
        obligations.monitor_rule_create(
            actor=planning_editor, effective_from=D("2026-08-01"), warn_days=1, checks=[], digest=1
        )
    bad = client_for(office).post(
        "/manage/supervision/rules/", {"effective_from": "不是日期", "warn_days": "3"}, follow=True
    )
    assert bad.status_code == 200 and "生效日期" in bad.content.decode()


@pytest.mark.django_db
def test_completeness_checks_name_the_records(world, planning_editor, planning_reviewer) -> None:
    f.publication_make(
        editor=planning_editor,
        reviewer=planning_reviewer,
        title="没有文号的规范性文件",
        is_normative=True,
        doc_number="",
        genre="measures",
    )
    policy = f.publication_make(
        editor=planning_editor,
        reviewer=planning_reviewer,
        title="尚未解读的政策文件",
        doc_number="皋规发〔2026〕7号",
        genre="opinion",
    )
    # the workflow holds such a policy back (三同步); a record imported from the old site, or
    # one whose interpretation was withdrawn, is what the check is there to find
    Publication.objects.filter(pk=policy.pk).update(needs_interpretation=True)
    scan = obligations.compliance_scan(organisation_ids=[world.planning.pk])
    checks = {c["key"]: c for c in scan["checks"]}
    assert "没有文号的规范性文件" in [i["label"] for i in checks["doc_number"]["items"]]
    assert "尚未解读的政策文件" in [i["label"] for i in checks["interpretation"]["items"]]
    page = client_for(world.office).get("/manage/supervision/")
    text = page.content.decode()
    assert page.status_code == 200 and "没有文号的规范性文件" in text and "逾期未完成" in text
    mine = client_for(world.finance_editor).get("/manage/supervision/").content.decode()
    assert "没有文号的规范性文件" not in mine  # another department's record


@pytest.mark.django_db
def test_public_timelines_of_an_item_and_a_message(monthly, world) -> None:
    from gongkai.interaction import services as hd
    from gongkai.interaction.models import Message

    obligations.obligations_refresh(today=TODAY)
    page = client_for(world.citizen).get(f"/gk/guocheng/shixiang/{monthly.code}/")
    text = page.content.decode()
    assert (
        page.status_code == 200 and "2026年3月" in text and "发布《2026年1月规划许可统计》" in text
    )
    assert world.planning_editor.get_full_name() not in text
    item_page = client_for(world.citizen).get(monthly.get_absolute_url()).content.decode()
    assert f"/gk/guocheng/shixiang/{monthly.code}/" in item_page

    msg, _code = hd.message_submit(
        data={
            "kind": "consult",
            "subject": "规划许可统计在哪里看",
            "content": "请问月度规划许可统计在哪个栏目？",
            "organisation": world.planning,
            "name": "周市民",
            "phone": "13912345670",
            "allow_public": True,
        }
    )
    hidden = client_for(world.citizen).get(f"/gk/guocheng/liuyan/{msg.number}/")
    assert hidden.status_code == 404  # not public until answered and approved
    Message.objects.filter(pk=msg.pk).update(status="closed", answer="在城乡规划栏目。")
    shown = client_for(world.citizen).get(f"/gk/guocheng/liuyan/{msg.number}/")
    text = shown.content.decode()
    assert shown.status_code == 200 and "开始计算期限" in text and "周市民" not in text
