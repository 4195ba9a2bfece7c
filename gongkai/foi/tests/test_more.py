"""行政复议/诉讼 (table 四), 转主动公开 (第四十四条), 典型案例 (masked, searchable)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from conftest import client_for
from gongkai.foi.models import Application, TypicalCase
from gongkai.foi.reports import foi_statistics
from gongkai.foi.services import application_decide, application_submit, secrecy_review
from gongkai.foi.tests.test_law import PERSON
from gongkai.publishing.models import Publication
from gongkai.search.tests.conftest import fresh_engine  # noqa: F401  fixture
from gongkai.testing import planning_org


@pytest.fixture
def replied(db, planning_editor, planning_reviewer) -> Application:  # type: ignore[no-untyped-def]
    org = planning_org()
    app, _ = application_submit(data=PERSON, organisation=org, submitted_on=dt.date(2026, 3, 2))
    secrecy_review(actor=planning_reviewer, app=app)
    return application_decide(
        actor=planning_editor,
        app=app,
        outcome="1",
        reply_text="规划批复全文见附件。",
        on=dt.date(2026, 3, 12),
    )


@pytest.mark.django_db
def test_challenges_feed_table_four(replied, planning_editor) -> None:
    client = client_for(planning_editor)
    url = reverse("manage:foi_step", args=[replied.pk, "challenge"])
    client.post(
        url,
        {
            "kind": "review",
            "filed_on": "2026-04-01",
            "result": "maintained",
            "decided_on": "2026-05-20",
        },
    )
    client.post(
        url,
        {
            "kind": "after_review",
            "filed_on": "2026-06-01",
            "result": "pending",
        },
    )
    client.post(
        url,
        {"kind": "direct", "filed_on": "2026-06-02", "result": "corrected"},
    )
    assert replied.challenges.count() == 2  # a decided result needs its date
    stats = foi_statistics(Application.objects.all(), dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    rows = {r["label"]: r["cells"] for r in stats["table_four"]}
    assert rows["行政复议"] == [1, 0, 0, 0, 1]
    assert rows["行政诉讼（复议后起诉）"] == [0, 0, 0, 1, 1]


@pytest.mark.django_db
def test_to_proactive_creates_a_draft_for_review(replied, planning_editor) -> None:
    response = client_for(planning_editor).post(
        reverse("manage:foi_step", args=[replied.pk, "proactive"]), {}
    )
    pub = Publication.objects.latest("id")
    assert response["Location"] == reverse("manage:publication", args=[pub.pk])
    assert pub.status == "draft" and "规划批复全文" in pub.body
    assert replied.events.filter(kind="to_proactive").exists()


@pytest.mark.django_db
def test_typical_cases_are_masked_public_and_searchable(client, fresh_engine) -> None:  # noqa: F811
    from gongkai.search.services import search, search_index_objects

    case = TypicalCase.objects.create(
        title="申请公开征地补偿安置方案案",
        outcome="2",
        organisation=planning_org(),
        summary="申请人（身份证320682199001011234，电话13912345678）申请公开征地补偿安置方案……",
        published=True,
        published_on=dt.date(2026, 5, 1),
    )
    assert "320682199001011234" not in case.summary and "139****5678" in case.summary
    html = client.get(reverse("foi:cases")).content.decode()
    assert case.title in html
    assert client.get(case.get_absolute_url()).status_code == 200
    search_index_objects(model="foi.typicalcase", pks=[str(case.pk)])
    assert (
        search(text="征地补偿安置方案", log=False, filters={"ctype": "case"}).hits[0].title
        == case.title
    )
