"""Demo 在线监督, made through supervision's services as the 政务公开办 would: the monitoring
rule, this period's obligations and today's alerts; two disclosure complaints taken by phone
and letter (one answered and closed after 回访, one waiting to be dispatched) and one from a
政民互动 投诉 about a publication; a closed 社会评议 round with three evaluators
(docs/demo.md)."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from gongkai.demo.county import County


def seed_monitoring(county: County) -> None:
    """The rule since the start of last year; this period's obligations of the periodic
    catalog items (the demo catalog is new today, so nothing is owed from before); alerts."""
    from gongkai.supervision.alerts import alerts_raise
    from gongkai.supervision.monitor_rules import DEFAULT_WARN_DAYS, Check
    from gongkai.supervision.obligations import monitor_rule_create, obligations_refresh

    today = timezone.localdate()
    monitor_rule_create(
        actor=county.office,
        effective_from=dt.date(today.year - 1, 1, 1),
        warn_days=DEFAULT_WARN_DAYS,
        checks=list(Check.values),
        digest=True,
        complaint_days=15,
        note="按政务公开工作考核方案设定",
    )
    obligations_refresh(today=today)
    alerts_raise(today=today)


def seed_complaints(county: County) -> None:
    from gongkai.interaction import services as hd
    from gongkai.publishing.models import Publication
    from gongkai.supervision import complaints as svc

    today = timezone.localdate()
    office, orgs = county.office, county.orgs
    answered = svc.complaint_register(
        actor=office,
        organisation=orgs["自然资源和规划局"],
        channel="phone",
        subject="规划许可批前公示未在网站公开",
        content="听说小区旁要建厂房，但在政府网站上找不到规划许可批前公示，请核查。",
        received_on=today - dt.timedelta(days=9),
        name="陈先生",
        phone="13962700001",
    )
    answered = svc.complaint_dispatch(
        actor=office, complaint=answered, organisation=orgs["自然资源和规划局"], note="请核查并答复"
    )
    answered = svc.complaint_answer(
        actor=county.editors["自然资源和规划局"],
        complaint=answered,
        text="经核查，该项目批前公示已在现场张贴，但网站公示延迟了3个工作日，现已补充公开，"
        "并对经办人员进行了提醒。",
        finding="partly",
    )
    svc.complaint_close(actor=office, complaint=answered, feedback="basic", note="电话回访")
    svc.complaint_register(
        actor=office,
        organisation=orgs["住建局"],
        channel="letter",
        subject="老旧小区改造计划未公开",
        content="来信反映今年老旧小区改造计划没有在网站公开，居民不了解改造范围和时间。",
        received_on=today - dt.timedelta(days=2),
        name="居民代表",
    )
    pub = (
        Publication.objects.filter(organisation=orgs["财政局"], status="published")
        .order_by("-published_at")
        .first()
    )
    if pub is not None:  # registered as a complaint when the demo's transaction commits
        hd.message_submit(
            data={
                "kind": "complaint",
                "subject": "预算公开表格不全",
                "content": "部门预算公开只有收支总表，没有项目支出表，请补充。",
                "organisation": orgs["财政局"],
                "name": "网友",
                "phone": "13700009999",
                "about_publication": pub,
            }
        )


def seed_evaluation(county: County) -> None:
    """A 社会评议 of this year up to last month's end, closed, with three evaluators."""
    from gongkai.supervision import evaluation as svc

    today = timezone.localdate()
    end = today.replace(day=1) - dt.timedelta(days=1)
    rnd = svc.round_create(
        actor=county.office,
        title=f"{end.year}年政务公开工作社会评议",
        kind="social",
        start=dt.date(end.year, 1, 1),
        end=end,
        questions="公开信息是否及时、准确、完整|40\n政策解读是否通俗易懂|30\n"
        "咨询、投诉是否及时回应|30",
    )
    people = [("周代表", "deputy"), ("吴委员", "member"), ("郑记者", "media")]
    tokens = [
        svc.evaluator_invite(actor=county.office, rnd=rnd, name=n, category=c)[1] for n, c in people
    ]
    svc.round_set_status(actor=county.office, rnd=rnd, status="open")
    rng = random.Random(2026)
    orgs = list(svc.evaluated_organisations())
    for token in tokens:
        points = {
            o.pk: [rng.randint(30, 40), rng.randint(20, 30), rng.randint(21, 30)] for o in orgs
        }
        svc.evaluation_submit(token=token, points=points)
    svc.round_set_status(actor=county.office, rnd=rnd, status="closed")
