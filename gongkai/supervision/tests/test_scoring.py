"""Scorecards from configured weights, counted by hand: a new rule changes scores only for
periods ending on or after its effective date; the drill-down lists what cost the points; the
成绩单 goes public; only the 政务公开办 sets rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from gongkai.accounts.models import Organisation
from gongkai.core.models import Deadline, DeadlineStatus
from gongkai.supervision import scoring

D = dt.date.fromisoformat
REPLY = "interaction.reply"  # a duty clock (留言答复期限)


def _deadline(org: Organisation, due: str, status: str, closed: str | None, n: int) -> Deadline:
    return Deadline.objects.create(
        content_type=ContentType.objects.get_for_model(Organisation),
        object_id=str(900000 + n),
        organisation=org,
        kind=REPLY,
        label=f"留言答复期限{n}",
        start_date=D(due) - dt.timedelta(days=20),
        rule="wd:10",
        due_date=D(due),
        status=status,
        closed_on=D(closed) if closed else None,
    )


def _row(cards: dict, org: Organisation) -> dict:
    return next(r for r in cards["rows"] if r["organisation_id"] == org.pk)


@pytest.fixture
def cast(world):  # type: ignore[no-untyped-def]
    """In March 2026 自然资源和规划局 met 3 of its 4 reply deadlines (one late); 财政局 both."""
    Deadline.objects.filter(organisation__in=[world.planning, world.finance]).delete()
    for n, (due, status, closed) in enumerate(
        [
            ("2026-03-10", DeadlineStatus.MET, "2026-03-09"),
            ("2026-03-11", DeadlineStatus.MET, "2026-03-11"),
            ("2026-03-12", DeadlineStatus.MET, "2026-03-05"),
            ("2026-03-13", DeadlineStatus.LATE, "2026-03-20"),
        ]
    ):
        _deadline(world.planning, due, status, closed, n)
    _deadline(world.finance, "2026-03-16", DeadlineStatus.MET, "2026-03-16", 10)
    _deadline(world.finance, "2026-03-17", DeadlineStatus.MET, "2026-03-12", 11)
    return world


@pytest.mark.django_db
def test_weights_change_scores_from_their_effective_date_only(cast, office) -> None:
    only_time = {"timeliness": 100, "interaction": 0, "satisfaction": 0, "foi": 0, "challenges": 0}
    scoring.score_rule_create(actor=office, effective_from=D("2026-01-01"), weights=only_time)
    half = scoring.scorecards(start=D("2026-01-01"), end=D("2026-06-30"))
    assert _row(half, cast.planning)["values"]["timeliness"] == 75.0  # 3 of 4 on time
    assert _row(half, cast.planning)["score"] == 75.0
    assert _row(half, cast.finance)["score"] == 100.0
    assert _row(half, cast.finance)["rank"] < _row(half, cast.planning)["rank"]

    # from July on, half the weight goes to the FOI on-time rate (no replies here: 100)
    split = {"timeliness": 50, "interaction": 0, "satisfaction": 0, "foi": 50, "challenges": 0}
    scoring.score_rule_create(actor=office, effective_from=D("2026-07-01"), weights=split)
    again = scoring.scorecards(start=D("2026-01-01"), end=D("2026-06-30"))
    assert _row(again, cast.planning)["score"] == 75.0  # the first half keeps its score
    assert again["rule"].effective_from == D("2026-01-01")
    later = scoring.scorecards(start=D("2026-01-01"), end=D("2026-09-30"))
    assert later["rule"].effective_from == D("2026-07-01")
    assert _row(later, cast.planning)["score"] == (75.0 * 50 + 100.0 * 50) / 100  # 87.5
    with pytest.raises(ValidationError):  # one rule a day
        scoring.score_rule_create(actor=office, effective_from=D("2026-07-01"), weights=split)
    with pytest.raises(ValidationError):  # weights must add up to something
        scoring.score_rule_create(
            actor=office, effective_from=D("2026-08-01"), weights={k: 0 for k in split}
        )


@pytest.mark.django_db
def test_drilldown_publication_and_who_may_set_rules(cast, office, planning_editor) -> None:
    with pytest.raises(PermissionDenied):
        scoring.score_rule_create(
            actor=planning_editor, effective_from=D("2026-01-01"), weights={"timeliness": 1}
        )
    scoring.score_rule_create(
        actor=office, effective_from=D("2026-01-01"), weights={"timeliness": 100}
    )
    items = scoring.score_drilldown(
        organisation=cast.planning, start=D("2026-03-01"), end=D("2026-03-31")
    )
    assert [(i["label"], i["state"]) for i in items] == [("留言答复期限3", "超期完成")]

    staff = Client()
    staff.force_login(office)
    page = staff.get("/manage/scorecards/?start=2026-03-01&end=2026-03-31").content.decode()
    assert "各机构得分与排名" in page and "75.0" in page
    detail = staff.get(
        f"/manage/scorecards/{cast.planning.pk}/?start=2026-03-01&end=2026-03-31"
    ).content.decode()
    assert "留言答复期限3" in detail and "超期完成" in detail
    xlsx = staff.get("/manage/scorecards/?start=2026-03-01&end=2026-03-31&format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    editor = Client()
    editor.force_login(planning_editor)
    assert editor.get("/manage/scorecards/").status_code == 403

    staff.post(
        "/manage/scorecards/publish/?start=2026-03-01&end=2026-03-31",
        {"title": "2026年3月政务公开工作成绩单"},
    )
    public = Client().get("/gk/chengjidan/").content.decode()
    assert "2026年3月政务公开工作成绩单" in public
    from gongkai.supervision.models import ScorePublication

    pub = ScorePublication.objects.get()
    text = Client().get(f"/gk/chengjidan/{pub.pk}/").content.decode()
    assert cast.planning.name in text and "75.0" in text


@pytest.mark.django_db
def test_post_scores_count_each_persons_own_items(
    world, planning_editor, planning_reviewer
) -> None:
    from django.utils import timezone

    from gongkai.testing import factories as f

    today = timezone.localdate()
    start, end = today - dt.timedelta(days=90), today + dt.timedelta(days=40)

    def mine() -> dict:
        rows = scoring.post_scores(organisation=world.planning, start=start, end=end)
        return {r["user"]: r for r in rows}

    before = mine()[planning_editor.get_full_name()]
    # drafted by the planning editor: one published within its 20 working days, one after
    f.publication_make(editor=planning_editor, reviewer=planning_reviewer, title="按时的信息")
    f.publication_make(
        editor=planning_editor,
        reviewer=planning_reviewer,
        title="迟发的信息",
        formed_on=today - dt.timedelta(days=60),
    )
    after = mine()
    row = after[planning_editor.get_full_name()]
    assert row["pubs_due"] - before["pubs_due"] == 2
    assert row["pubs_met"] - before["pubs_met"] == 1
    assert row["score"] == round(100 * row["pubs_met"] / row["pubs_due"], 1)
    assert after[planning_reviewer.get_full_name()]["score"] is None  # drafted nothing
    assert world.finance_editor.get_full_name() not in after  # another department's staff


@pytest.mark.django_db
def test_the_last_inspection_costs_each_organisation_its_failing_pages(world, office) -> None:
    from django.utils import timezone

    from gongkai.supervision.models import InspectionRun

    pub = world.planning.publications.filter(status="published").first()
    item = world.permit_item
    at = timezone.make_aware(dt.datetime.combine(D("2026-03-20"), dt.time(6)))
    InspectionRun.objects.create(
        started_at=at,
        finished_at=at,
        results=[
            {  # the same article twice and an item page: two pages of planning's
                "key": "links",
                "failed": True,
                "items": [
                    {"label": "/x（404）", "url": pub.get_absolute_url()},
                    {"label": "/y（404）", "url": pub.get_absolute_url()},
                    {"label": "/z（404）", "url": item.get_absolute_url()},
                ],
            },
            {"key": "tags", "failed": True, "items": [{"label": "首页", "url": "/"}]},
            {"key": "empty", "failed": True, "items": [{"label": "栏目", "url": "/col/x/"}]},
        ],
    )
    cards = scoring.scorecards(start=D("2026-03-01"), end=D("2026-03-31"))
    assert _row(cards, world.planning)["values"]["inspection"] == 80.0
    assert _row(cards, world.finance)["values"]["inspection"] == 100.0
    before = scoring.scorecards(start=D("2026-02-01"), end=D("2026-02-28"))  # run came later
    assert _row(before, world.planning)["values"]["inspection"] == 100.0


def test_charts_carry_no_inline_script_or_style_and_speak_chinese() -> None:
    import re

    from gongkai.supervision.charts import indicators_svg, ranking_svg
    from gongkai.supervision.scoring_rules import INDICATORS

    rows = [
        {"organisation": "示例县财政局", "score": 88.5},
        {"organisation": "示例局", "score": 60},
    ]
    svg = ranking_svg(rows)
    assert "<script" not in svg and "<style" not in svg and " style=" not in svg
    assert svg.index("示例局") < svg.index("示例县财政局")  # drawn bottom-up: best on top
    assert "88.5" in svg
    assert "暂无数据" in ranking_svg([])
    texts = re.findall(r">([^<>]+)<", ranking_svg([]) + svg)
    assert not [t for t in texts if re.search(r"[A-Za-z]{3,}", t)]  # no English words shown
    one = indicators_svg({"organisation": "示例局", "values": {"foi": 75.0}}, INDICATORS)
    assert "示例局各项指标得分" in one and "依申请公开按时答复率" in one
