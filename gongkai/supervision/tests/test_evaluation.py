"""第三方评估 / 社会评议 with hand counts: two evaluators score every organisation once through
their one-time links; bad input stores nothing; a closed round's mean feeds the scorecard's
``evaluation`` indicator with its weight; only the 政务公开办 organises rounds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from conftest import client_for
from gongkai.supervision import evaluation as svc
from gongkai.supervision import scoring
from gongkai.supervision.models import EvaluationScore

D = dt.date.fromisoformat
QUESTIONS = "信息公开是否及时准确|60\n政策解读是否通俗易懂|40"


def _round(office):  # type: ignore[no-untyped-def]
    return svc.round_create(
        actor=office,
        title="2026年度政务公开社会评议",
        kind="social",
        start=D("2026-01-01"),
        end=D("2026-11-30"),
        questions=QUESTIONS,
    )


def _points(orgs, first: list[int], rest: list[int]) -> dict[int, list[int]]:  # type: ignore[no-untyped-def]
    return {o.pk: (first if i == 0 else rest) for i, o in enumerate(orgs)}


@pytest.mark.django_db
def test_two_evaluators_score_and_the_mean_reaches_the_scorecard(world, office) -> None:
    rnd = _round(office)
    assert rnd.full_marks == 100
    _e1, deputy = svc.evaluator_invite(actor=office, rnd=rnd, name="周代表", category="deputy")
    _e2, media = svc.evaluator_invite(actor=office, rnd=rnd, name="吴记者", category="media")
    orgs = list(svc.evaluated_organisations())
    planning = world.planning
    assert planning in orgs
    order = [planning] + [o for o in orgs if o != planning]

    with pytest.raises(ValidationError):  # not open yet
        svc.evaluation_submit(token=deputy, points=_points(order, [50, 30], [60, 40]))
    svc.round_set_status(actor=office, rnd=rnd, status="open")
    with pytest.raises(ValidationError):  # 61 is above the first question's 60
        svc.evaluation_submit(token=deputy, points=_points(order, [61, 30], [60, 40]))
    with pytest.raises(ValidationError):  # an organisation left out
        svc.evaluation_submit(token=deputy, points={planning.pk: [50, 30]})
    assert not EvaluationScore.objects.exists()
    with pytest.raises(PermissionDenied):
        svc.evaluation_submit(token="not-a-token", points={})

    svc.evaluation_submit(token=deputy, points=_points(order, [50, 30], [60, 40]))  # 80
    with pytest.raises(ValidationError):  # once per link
        svc.evaluation_submit(token=deputy, points=_points(order, [60, 40], [60, 40]))
    svc.evaluation_submit(token=media, points=_points(order, [40, 30], [55, 40]))  # 70
    results = {r["organisation_id"]: r for r in svc.round_results(rnd)}
    assert results[planning.pk]["score"] == 75.0 and results[planning.pk]["evaluators"] == 2

    only_evaluation = {"evaluation": 100}
    scoring.score_rule_create(actor=office, effective_from=D("2026-01-01"), weights=only_evaluation)
    open_cards = scoring.scorecards(start=D("2026-01-01"), end=D("2026-12-31"))
    row = next(r for r in open_cards["rows"] if r["organisation_id"] == planning.pk)
    assert row["values"]["evaluation"] == 100.0  # an open round does not count yet
    svc.round_set_status(actor=office, rnd=rnd, status="closed")
    cards = scoring.scorecards(start=D("2026-01-01"), end=D("2026-12-31"))
    row = next(r for r in cards["rows"] if r["organisation_id"] == planning.pk)
    assert row["values"]["evaluation"] == 75.0 and row["score"] == 75.0
    other = next(r for r in cards["rows"] if r["organisation_id"] == order[1].pk)
    assert other["values"]["evaluation"] == 97.5  # (100 + 95) / 2
    page = client_for(office).get("/manage/scorecards/?start=2026-01-01&end=2026-12-31")
    text = page.content.decode()
    assert page.status_code == 200 and 'data-indicator="evaluation">75.0<' in text
    assert (
        "<svg" in text
        and "各机构得分" in text
        and "<script" not in text.split("<svg")[1].split("</svg>")[0]
    )
    detail = (
        client_for(office)
        .get(f"/manage/scorecards/{planning.pk}/?start=2026-01-01&end=2026-12-31")
        .content.decode()
    )
    assert "各项指标得分" in detail and "岗位得分" in detail
    with pytest.raises(ValidationError):
        svc.evaluator_invite(actor=office, rnd=rnd, name="迟到者", category="public")


@pytest.mark.django_db
def test_rounds_are_the_offices_and_questions_are_checked(world, office, planning_editor) -> None:
    with pytest.raises(PermissionDenied):
        _round(planning_editor)
    with pytest.raises(ValidationError):
        svc.round_create(
            actor=office,
            title="评议",
            kind="social",
            start=D("2026-01-01"),
            end=D("2026-12-31"),
            questions="信息公开是否及时|满分",
        )
    rnd = _round(office)
    with pytest.raises(ValidationError):  # no skipping from 筹备中 to 已结束
        svc.round_set_status(actor=office, rnd=rnd, status="closed")


@pytest.mark.django_db
def test_the_evaluator_page_behind_the_one_time_link(world, office) -> None:
    rnd = _round(office)
    staff = client_for(office)
    page = staff.post(f"/manage/evaluations/{rnd.pk}/", {"name": "郑群众", "category": "public"})
    text = page.content.decode()
    assert page.status_code == 200 and "/pingyi/" in text
    link = text.split("/pingyi/")[1].split("/")[0]
    again = staff.get(f"/manage/evaluations/{rnd.pk}/").content.decode()
    assert link not in again  # shown once
    staff.post(f"/manage/evaluations/{rnd.pk}/status/", {"status": "open"})

    citizen = Client()
    form = citizen.get(f"/pingyi/{link}/")
    assert form.status_code == 200 and "郑群众" in form.content.decode()
    assert Client().get("/pingyi/wrong/").status_code == 404
    orgs = list(svc.evaluated_organisations())
    data = {f"p_{o.pk}_0": "50" for o in orgs} | {f"p_{o.pk}_1": "30" for o in orgs}
    bad = citizen.post(f"/pingyi/{link}/", {**data, f"p_{orgs[0].pk}_1": "41"})
    assert bad.status_code == 200 and "不能超过40分" in bad.content.decode()
    assert not EvaluationScore.objects.exists()
    done = citizen.post(f"/pingyi/{link}/", data, follow=True)
    assert done.status_code == 200 and "评议已提交" in done.content.decode()
    assert EvaluationScore.objects.count() == len(orgs)
    assert "您已于" in citizen.get(f"/pingyi/{link}/").content.decode()
