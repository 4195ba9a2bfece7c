"""Statistics, xlsx export, reminders (e-mail + SMS adapter) and duplicate detection."""

from __future__ import annotations

import datetime as dt
import io
import logging

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from conftest import client_for
from gongkai.foi.reports import foi_statistics, send_reminders, similar_applications
from gongkai.foi.services import application_decide, application_submit, secrecy_review
from gongkai.foi.tests.test_law import PERSON
from gongkai.testing import planning_org

D = dt.date.fromisoformat


@pytest.fixture
def apps(db, planning_editor, planning_reviewer):  # type: ignore[no-untyped-def]
    org = planning_org()
    made = []
    for i, (on, outcome) in enumerate(
        [("2026-03-02", "1"), ("2026-03-03", "4.1"), ("2026-03-04", None)]
    ):
        data = {**PERSON, "description": f"规划许可批前公示材料第{i}批"}
        if i == 1:
            data.update(
                applicant_kind="organisation",
                org_category="business",
                name="某公司",
                id_number="",
                uscc="91350100M000100Y43",
            )
        app, _code = application_submit(data=data, organisation=org, submitted_on=D(on))
        if outcome:
            if outcome == "1":
                secrecy_review(actor=planning_reviewer, app=app)
            application_decide(
                actor=planning_editor,
                app=app,
                outcome=outcome,
                reply_text="答复",
                on=D(on) + dt.timedelta(days=10),
            )
        made.append(app)
    return made


@pytest.mark.django_db
def test_statistics_by_row_and_applicant(apps, planning_editor) -> None:
    from gongkai.foi.models import Application

    planning = Application.objects.filter(organisation=planning_org())  # not the demo's
    stats = foi_statistics(planning, D("2026-01-01"), D("2026-12-31"))
    assert stats["received"] == 3 and stats["closed"] == 2 and stats["on_time"] == 2
    rows = {r["code"]: r["cells"] for r in stats["rows"]}
    assert rows["1"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["4.1"] == [0, 1, 0, 0, 0, 0, 1]
    assert stats["new_row"] == [2, 1, 0, 0, 0, 0, 3]
    assert stats["average_days"] == 8.0  # 3/2 → 3/12 and 3/3 → 3/13: 8 working days each
    response = client_for(planning_editor).get(
        reverse("manage:foi_statistics") + "?start=2026-01-01&end=2026-12-31&format=xlsx"
    )
    ws = load_workbook(io.BytesIO(response.content)).active
    values = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    assert ["本期新收政府信息公开申请数量", 2, 1, 0, 0, 0, 0, 3] in [list(v[:8]) for v in values]


@pytest.mark.django_db
def test_reminders_by_mail_and_sms(apps, planning_editor, caplog) -> None:
    planning_editor.email = "ghj@example.com"
    planning_editor.phone = "13900001111"
    planning_editor.save()
    open_app = apps[2]  # received 2026-03-04, due 2026-04-01
    mail.outbox.clear()
    with caplog.at_level(logging.INFO, logger="gongkai.sms"):
        assert send_reminders(today=D("2026-03-20")) == 0  # 8 working days left: no reminder
        assert send_reminders(today=D("2026-03-30")) == 1  # 3/31, 4/1: 2 left
    assert "剩余2个工作日" in mail.outbox[0].subject and "ghj@example.com" in mail.outbox[0].to
    assert "139****1111" in caplog.text and "13900001111" not in caplog.text
    assert open_app.receipt_no in mail.outbox[0].subject


@pytest.mark.django_db
def test_similar_earlier_applications_are_shown(apps, planning_editor) -> None:
    assert apps[0] in similar_applications(apps[2])
    page = (
        client_for(planning_editor)
        .get(reverse("manage:foi_app", args=[apps[2].pk]))
        .content.decode()
    )
    assert "同一申请人的类似申请" in page and apps[0].receipt_no in page
