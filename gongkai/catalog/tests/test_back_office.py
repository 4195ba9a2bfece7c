"""Staff journeys through the back-office pages (forms, reviews, domains, audit, holidays)."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from gongkai.catalog.models import CatalogItem, CatalogReview, Domain
from gongkai.core.models import AuditEvent


def form_payload(**extra):  # type: ignore[no-untyped-def]
    from gongkai.testing import planning_org

    group = CatalogItem.objects.get(organisation=planning_org(), is_group=True, name="规划许可")
    data = {
        "domain": group.domain_id,
        "parent": group.pk,
        "name": "临时建设规划许可",
        "organisation": group.organisation_id,
        "stage": "result",
        "content": "申请人、建设位置、使用期限",
        "legal_bases_text": "【法律】《中华人民共和国城乡规划法》第四十四条",
        "time_limit_text": "自作出行政决定之日起7个工作日内公开",
        "time_limit_kind": "auto",
        "channels": ["website", "service_center"],
        "audience": "public",
        "mode": "proactive",
        "tier_county": "on",
    }
    data.update(extra)
    return data


@pytest.mark.django_db
def test_editor_creates_edits_and_publishes_through_pages(planning_editor, client) -> None:
    client = client_for(planning_editor)
    response = client.post(reverse("manage:catalog_item_create"), form_payload())
    assert response.status_code == 302
    item = CatalogItem.objects.get(name="临时建设规划许可")
    assert item.legal_bases[0]["title"] == "中华人民共和国城乡规划法"
    response = client.post(
        reverse("manage:catalog_item_edit", args=[item.pk]),
        form_payload(content="申请人、建设位置、使用期限、许可证号"),
    )
    assert response.status_code == 302
    client.post(reverse("manage:catalog_item_submit", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == "published" and item.content.endswith("许可证号")
    assert client.get(item.get_absolute_url()).status_code == 200
    # a published item is adjusted with a reason and an effective date
    response = client.post(
        reverse("manage:catalog_item_edit", args=[item.pk]),
        form_payload(content="申请人、建设位置", reason="", effective_date="2000-01-01"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "该字段是必填项。" in html  # the missing 调整原因
    assert "生效日期不能早于今天" in html
    response = client.post(
        reverse("manage:catalog_item_edit", args=[item.pk]),
        form_payload(
            content="申请人、建设位置",
            reason="精简要素",
            effective_date=timezone.localdate().isoformat(),
        ),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.version == 2 and item.content == "申请人、建设位置"
    detail = client.get(reverse("manage:catalog_item", args=[item.pk])).content.decode()
    assert "公开过程完整还原" in detail and "catalog_item.adjust" in detail


@pytest.mark.django_db
def test_form_errors_are_chinese_and_nothing_is_lost(planning_editor) -> None:
    client = client_for(planning_editor)
    response = client.post(
        reverse("manage:catalog_item_create"),
        form_payload(
            content="", legal_bases_text="【法令】《某法》", channels=[], mode="on_request"
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "公开依据层级“法令”无效" in html
    assert "临时建设规划许可" in html  # what the user typed is still in the form
    response = client.post(
        reverse("manage:catalog_item_create"),
        form_payload(content="", channels=[], mode="on_request"),
    )
    html = response.content.decode()
    for message in [
        "请填写公开内容（要素）",
        "请至少选择一个公开渠道和载体",
        "非主动公开事项必须说明理由",
    ]:
        assert message in html
    assert not CatalogItem.objects.filter(name="临时建设规划许可").exists()


@pytest.mark.django_db
def test_office_reviews_through_pages(planning_editor, office) -> None:
    editor = client_for(planning_editor)
    editor.post(
        reverse("manage:catalog_item_create"),
        form_payload(mode="on_request", non_proactive_reason="涉及第三方商业秘密（条例第十五条）"),
    )
    item = CatalogItem.objects.get(name="临时建设规划许可")
    editor.post(reverse("manage:catalog_item_submit", args=[item.pk]))
    review = CatalogReview.objects.get(item=item)
    assert editor.get(reverse("manage:catalog_review", args=[review.pk])).status_code == 200
    boss = client_for(office)
    listing = boss.get(reverse("manage:catalog_reviews")).content.decode()
    assert "临时建设规划许可" in listing
    response = boss.post(reverse("manage:catalog_review", args=[review.pk]), {"decision": "return"})
    assert "退回时请填写审核意见" in response.content.decode()
    boss.post(
        reverse("manage:catalog_review", args=[review.pk]), {"decision": "approve", "comment": ""}
    )
    item.refresh_from_db()
    assert item.status == "published"


@pytest.mark.django_db
def test_domain_page_is_for_the_office(office, planning_editor) -> None:
    assert client_for(planning_editor).get(reverse("manage:domains")).status_code == 403
    boss = client_for(office)
    domain = Domain.objects.get(name="扶贫")
    boss.post(
        reverse("manage:domains"), {"domain": domain.pk, "action": "rename", "name": "乡村振兴"}
    )
    assert Domain.objects.get(pk=domain.pk).name == "乡村振兴"
    before = list(Domain.objects.filter(merged_into__isnull=True).values_list("pk", flat=True))
    boss.post(reverse("manage:domains"), {"domain": before[1], "action": "up"})
    after = list(Domain.objects.filter(merged_into__isnull=True).values_list("pk", flat=True))
    assert after[:2] == [before[1], before[0]]


@pytest.mark.django_db
def test_audit_log_view_and_export_are_scoped(office, planning_editor, sysadmin) -> None:
    assert client_for(planning_editor).get(reverse("manage:audit")).status_code == 403
    boss = client_for(office)
    html = boss.get(reverse("manage:audit") + "?action=catalog_item").content.decode()
    assert "新建目录事项" in html
    response = boss.get(reverse("manage:audit_export") + "?action=catalog_item.submit")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:5] == ["时间（北京时间）", "操作人", "机构", "操作", "操作代码"]
    submitted = AuditEvent.objects.filter(action="catalog_item.submit").count()
    assert len(rows) == submitted + 1 >= 8 and all(r[4] == "catalog_item.submit" for r in rows[1:])
    assert all(r[3] == "提交目录事项" for r in rows[1:])
    # system-wide events (holiday seeding) are for the 系统管理员 only
    assert (
        "holiday"
        not in boss.get(reverse("manage:audit") + "?action=holiday")
        .content.decode()
        .split("<tbody>")[1]
    )


@pytest.mark.django_db
def test_holiday_page_saves_a_new_year(
    sysadmin, office, django_capture_on_commit_callbacks
) -> None:
    assert client_for(office).get(reverse("manage:holidays")).status_code == 403
    admin = client_for(sysadmin)
    response = admin.post(
        reverse("manage:holiday_new"),
        {
            "year": 2027,
            "source_notice": "国务院办公厅关于2027年部分节假日安排的通知",
            "days_text": "2027-01-01 放假 元旦\n2027-13-01 放假 元旦",
        },
    )
    assert "第2行：日期“2027-13-01”格式不正确" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = admin.post(
            reverse("manage:holiday_new"),
            {
                "year": 2027,
                "source_notice": "国务院办公厅关于2027年部分节假日安排的通知",
                "days_text": "2027-01-01 放假 元旦",
            },
        )
    assert response.status_code == 302 and len(callbacks) == 1
    html = client_for(sysadmin).get("/tools/workdays/?start=2026-12-30&days=3").content.decode()
    assert "估算" not in html
