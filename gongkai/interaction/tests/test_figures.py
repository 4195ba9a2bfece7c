"""政民互动 figures counted in the database, against a small cast counted by hand; the
public page, the staff page (own departments only) and the xlsx export."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from gongkai.interaction import services as s
from gongkai.interaction.choices import Channel, Kind
from gongkai.interaction.figures import message_figures
from gongkai.interaction.models import Message, RoutingRule


def _msg(world, kind=Kind.COMPLAINT, channel=Channel.WEB, actor=None):  # type: ignore[no-untyped-def]
    body = {
        "kind": kind,
        "subject": "问题",
        "content": "内容",
        "name": "王某",
        "phone": "13912345678",
        "organisation": world.planning,
    }
    return s.message_submit(data=body, channel=channel, actor=actor)[0]


@pytest.fixture
def cast(world, planning_editor, planning_reviewer):  # type: ignore[no-untyped-def]
    RoutingRule.objects.create(kind="", domain=None, organisation=world.planning)
    # 1: by phone, answered on the spot
    phone = _msg(world, Kind.CONSULT, Channel.PHONE, planning_editor)
    s.message_answer_on_spot(actor=planning_editor, msg=phone, text="周六上午办公。")
    # 2: web, answered after review, rated 满意
    web = _msg(world)
    s.message_accept(actor=planning_editor, msg=web)
    s.message_answer(actor=planning_editor, msg=web, text="已处理。")
    s.message_answer_review(actor=planning_reviewer, msg=web, approve=True)
    s.message_rate(msg=web, rating="satisfied")
    # 3: web, answered, rated 不满意, reopened
    again = _msg(world)
    s.message_accept(actor=planning_editor, msg=again)
    s.message_answer(actor=planning_editor, msg=again, text="已处理。")
    s.message_answer_review(actor=planning_reviewer, msg=again, approve=True)
    s.message_rate(msg=again, rating="unsatisfied")
    s.message_reopen(msg=Message.objects.get(pk=again.pk), reason="没有解决")
    # 4: rejected; 5: still waiting
    s.message_reject(actor=planning_editor, msg=_msg(world), reason="不属于本机关职责")
    _msg(world, Kind.SUGGESTION)
    return world


@pytest.mark.django_db
def test_the_figures_counted_by_hand(cast) -> None:
    today = timezone.localdate()
    total = message_figures(Message.objects.all(), start=today, end=today)[0]
    # received 5; on the spot 1; answered 3 (1, 2, 3 — 3 was reopened after its answer);
    # done: 1 answered, 2 closed, 4 rejected = 3 (3 is being handled again, 5 pending);
    # on time 3 of 3; rated 1 (3's rating cleared on reopening): 满意 1 → 100%;
    # reopened 1 of 3 answered
    assert total["received"] == 5 and total["on_spot"] == 1 and total["answered"] == 3
    assert total["done"] == 3 and total["done_rate"] == 60.0
    assert total["on_time"] == 3 and total["on_time_rate"] == 100.0
    assert total["on_spot_rate"] == 20.0 and total["avg_days"] == 0.0
    assert total["rated"] == 1 and total["satisfied_rate"] == 100.0
    assert total["reopen_rate"] == 33.3
    kinds = {
        r["kind"]: r["received"]
        for r in message_figures(Message.objects.all(), start=today, end=today, by="kind")
    }
    assert kinds == {"complaint": 3, "consult": 1, "suggestion": 1}


@pytest.mark.django_db
def test_figure_pages_and_export(cast, finance_editor, planning_editor) -> None:
    public = Client().get("/hudong/tongji/").content.decode()
    assert 'data-figure="received">5<' in public and "当场答复率" in public
    assert "王某" not in public and "13912345678" not in public
    assert "统计期间不正确" in Client().get("/hudong/tongji/?start=bad").content.decode()
    outsider = Client()
    outsider.force_login(finance_editor)
    assert 'data-figure="received">0<' in outsider.get("/manage/messages/figures/").content.decode()
    staff = Client()
    staff.force_login(planning_editor)
    xlsx = staff.get("/manage/messages/figures/?format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(xlsx.content))["按类型"]
    rows = {r[0]: r[1] for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows == {"咨询": 1, "建言": 1, "投诉": 3}


@pytest.mark.django_db
def test_the_staff_dashboard_shows_this_years_figures_of_the_users_departments(
    world, planning_editor, finance_editor
) -> None:
    from django.urls import reverse

    for _ in range(3):
        _msg(world)
    ours, theirs = Client(), Client()
    ours.force_login(planning_editor)
    theirs.force_login(finance_editor)
    page = ours.get(reverse("manage:dashboard")).content.decode()
    assert "政民互动办理情况" in page
    assert '<span class="figure-value" data-figure="received">3</span>' in page
    # one bar for each month that received messages: this one
    assert page.count('<meter class="bar"') == 1
    assert (
        f'{timezone.localdate():%Y年%m月}</span><meter class="bar" min="0" max="3" value="3"'
        in page
    )
    other = theirs.get(reverse("manage:dashboard")).content.decode()
    assert '<span class="figure-value" data-figure="received">0</span>' in other
