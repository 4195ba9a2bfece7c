"""The one intake of 办件 (ingest.cases_ingest) and the signed, idempotent push API over it."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
from django.test import Client

from gongkai.accounts.tokens import api_token_create
from gongkai.services import rules
from gongkai.services.choices import CaseStatus
from gongkai.services.ingest import cases_ingest
from gongkai.services.models import Case, CaseNode, PushReceipt
from gongkai.services.tests.helpers import case_row, node_row, service_for, source_make

D = dt.date.fromisoformat
pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):  # type: ignore[no-untyped-def]
    service = service_for(world.permit_power)  # 承诺 5个工作日, 法定 20个工作日
    return service, source_make(world.planning)


def test_a_case_and_its_nodes_land_with_dues_from_the_service(setup) -> None:  # type: ignore[no-untyped-def]
    service, source = setup
    got = cases_ingest(
        source=source,
        cases=[case_row("BJ-1", service.code)],
        nodes=[
            node_row("BJ-1", "n1", "窗口受理", "2026-09-28T09:05:00+08:00"),
            node_row("BJ-1", "n2", "科室审查", "2026-09-30T15:00:00+08:00", due="2026-09-29"),
        ],
    )
    assert (got.cases, got.nodes, got.skipped) == (1, 2, 0)
    case = Case.objects.get(number="BJ-1")
    assert case.service == service and case.organisation == service.organisation
    assert case.promised_due == D("2026-10-10")  # 5 working days from 9/28 (see test_rules)
    # 20 working days from 9/28: 9/29, 9/30, 10/8, 10/9, 10/10, 10/12–16 (10), 10/19–23 (15),
    # 10/26–30 (20)
    assert case.statutory_due == D("2026-10-30")
    assert case.status == CaseStatus.OPEN
    assert case.applicant_id_digest == rules.digest("id", "320682199001011234")
    assert "320682" not in json.dumps(list(Case.objects.values()), default=str)
    review = case.nodes.get(key="n2")
    assert review.kind == "review" and review.on_time is False


def test_same_rows_twice_change_nothing(setup) -> None:  # type: ignore[no-untyped-def]
    service, source = setup
    rows = [case_row("BJ-2", service.code)]
    nodes = [node_row("BJ-2", "n1", "受理", "2026-09-28T09:05:00+08:00")]
    cases_ingest(source=source, cases=rows, nodes=nodes)
    cases_ingest(source=source, cases=rows, nodes=nodes + nodes)
    assert Case.objects.filter(number="BJ-2").count() == 1
    assert CaseNode.objects.filter(case__number="BJ-2").count() == 1


def test_a_node_before_its_case_opens_a_placeholder_the_case_fills(setup) -> None:  # type: ignore[no-untyped-def]
    service, source = setup
    cases_ingest(
        source=source,
        cases=[],
        nodes=[node_row("BJ-3", "n9", "办结", "2026-10-09T10:00:00+08:00")],
    )
    early = Case.objects.get(number="BJ-3")
    assert early.complete is False and early.status == CaseStatus.DONE
    assert early.finished_on_time is None  # no promised date known yet
    cases_ingest(source=source, cases=[case_row("BJ-3", service.code)], nodes=[])
    case = Case.objects.get(number="BJ-3")
    assert case.complete is True and case.promised_due == D("2026-10-10")
    assert case.status == CaseStatus.DONE and case.finished_on_time is True
    assert case.nodes.get().on_time is True


def test_an_older_version_of_a_case_is_ignored(setup) -> None:  # type: ignore[no-untyped-def]
    service, source = setup
    new = case_row("BJ-4", service.code, result="准予许可", changed_at="2026-10-09T10:00:00+08:00")
    old = case_row("BJ-4", service.code, result="", changed_at="2026-09-28T09:00:00+08:00")
    cases_ingest(source=source, cases=[new], nodes=[])
    got = cases_ingest(source=source, cases=[old], nodes=[])
    assert got.skipped == 1
    assert Case.objects.get(number="BJ-4").result == "准予许可"


def test_bad_rows_are_reported_and_the_rest_land(setup) -> None:  # type: ignore[no-untyped-def]
    service, source = setup
    got = cases_ingest(
        source=source,
        cases=[case_row("BJ-5", service.code), {"number": ""}, case_row("X" * 41, "c")],
        nodes=[node_row("BJ-5", "n1", "受理", "不是时间")],
    )
    assert got.cases == 1 and got.skipped == 3
    assert any("缺少办件编号" in e for e in got.errors)
    assert any("超过40个字符" in e for e in got.errors)
    assert any("无法识别的时间" in e for e in got.errors)


# push ----------------------------------------------------------------------------------------
def _push(
    client: Client,
    token: str,
    body: dict,
    *,
    key: str,
    secret: str = "s3cret",
    ts: int | None = None,
    source: str = "src",
):  # type: ignore[no-untyped-def]
    raw = json.dumps(body, ensure_ascii=False).encode()
    stamp = str(ts if ts is not None else int(time.time()))
    return client.post(
        "/api/v1/banjian/push",
        data=raw,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_X_GONGKAI_SOURCE=source,
        HTTP_X_GONGKAI_TIMESTAMP=stamp,
        HTTP_X_GONGKAI_SIGNATURE=rules.signature(secret, stamp, raw),
        HTTP_IDEMPOTENCY_KEY=key,
    )


@pytest.fixture
def token(world, setup):  # type: ignore[no-untyped-def]
    _, plain = api_token_create(
        actor=world.planning_editor,
        user=world.planning_editor,
        name="审批系统对接",
        scopes=["banjian:push"],
    )
    return plain


def test_push_duplicates_and_out_of_order(world, setup, token) -> None:  # type: ignore[no-untyped-def]
    service, _ = setup
    client = Client()
    # the 办结 node first, then the case with its 受理 node, then the very same push again
    first = _push(
        client,
        token,
        {"nodes": [node_row("BJ-7", "n3", "办结", "2026-10-12T09:00:00+08:00")]},
        key="k1",
    )
    assert first.status_code == 200, first.content
    assert first.json()["nodes"] == 1 and first.json()["replayed"] is False
    body = {
        "cases": [case_row("BJ-7", service.code)],
        "nodes": [node_row("BJ-7", "n1", "受理", "2026-09-28T09:05:00+08:00")],
    }
    second = _push(client, token, body, key="k2")
    assert second.status_code == 200 and second.json()["cases"] == 1
    again = _push(client, token, body, key="k2")
    assert again.status_code == 200 and again.json()["replayed"] is True
    assert PushReceipt.objects.filter(key="k2").count() == 1
    case = Case.objects.get(number="BJ-7")
    assert [n.key for n in case.nodes.order_by("occurred_at")] == ["n1", "n3"]
    assert case.status == CaseStatus.DONE
    assert case.finished_on_time is False  # 10/12 is after the promised 10/10
    # the same key with another body is refused
    other = _push(client, token, {"cases": [case_row("BJ-8", service.code)]}, key="k2")
    assert other.status_code == 409 and "幂等键" in other.json()["message"]


def test_push_refuses_bad_signatures_stale_times_and_outsiders(world, setup, token) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    body = {"cases": [case_row("BJ-9", "x")]}
    bad = _push(client, token, body, key="a", secret="wrong")
    assert bad.status_code == 401 and "签名" in bad.json()["message"]
    stale = _push(client, token, body, key="b", ts=int(time.time()) - 3600)
    assert stale.status_code == 401 and "5分钟" in stale.json()["message"]
    unknown = _push(client, token, body, key="b2", source="nope")
    assert unknown.status_code == 401 and "来源代码" in unknown.json()["message"]
    _, outsider = api_token_create(
        actor=world.finance_editor, user=world.finance_editor, name="x", scopes=["banjian:push"]
    )
    assert _push(client, outsider, body, key="c").status_code == 403
    _, wrong_scope = api_token_create(
        actor=world.planning_editor, user=world.planning_editor, name="y", scopes=["foi:read"]
    )
    assert _push(client, wrong_scope, body, key="d").status_code == 403
    assert not Case.objects.filter(number="BJ-9").exists()
    too_many = _push(
        client,
        token,
        {"nodes": [node_row("A", str(i), "受理", "2026-09-28") for i in range(1001)]},
        key="e",
    )
    assert (
        too_many.status_code == 400 and "1000" in too_many.json()["errors"]["non_field_errors"][0]
    )
