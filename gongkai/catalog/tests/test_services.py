"""Catalog lifecycle: draft → publish / review, 动态调整 with versions, revoke, domains."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongkai.accounts.models import Organisation
from gongkai.catalog.choices import ItemStatus, ReviewDecision, VersionStatus
from gongkai.catalog.models import CatalogItem, CatalogReview, Domain
from gongkai.catalog.services import (
    catalog_item_adjust,
    catalog_item_create,
    catalog_item_revoke,
    catalog_item_submit,
    catalog_item_update_draft,
    catalog_review_decide,
    catalog_versions_apply_due,
    domain_merge,
    domain_rename,
)
from gongkai.core.models import AuditEvent, Deadline, DeadlineStatus


def item_data(org: Organisation, **extra):  # type: ignore[no-untyped-def]
    return {
        "domain": Domain.objects.get(name="城乡规划"),
        "parent": CatalogItem.objects.get(organisation=org, is_group=True, name="规划许可"),
        "name": "临时建设规划许可",
        "organisation": org,
        "stage": "result",
        "content": "申请人、建设位置、使用期限、许可证号",
        "legal_bases": [
            {"level": "law", "title": "中华人民共和国城乡规划法", "article": "第四十四条"}
        ],
        "time_limit_text": "自作出行政决定之日起7个工作日内公开",
        "channels": ["website"],
        "audience": "public",
        "mode": "proactive",
        **extra,
    }


@pytest.mark.django_db
def test_proactive_item_is_published_with_version_one(planning_editor) -> None:
    org = planning_editor.organisation
    item = catalog_item_create(actor=planning_editor, data=item_data(org))
    assert item.status == ItemStatus.DRAFT
    siblings = CatalogItem.objects.filter(parent=item.parent).exclude(pk=item.pk).count()
    assert item.code == item.parent.code + f"{siblings + 1:02d}"  # next after its siblings
    assert (item.time_limit_kind, item.limit_days, item.limit_unit) == ("event", 7, "working")
    item = catalog_item_submit(actor=planning_editor, item=item)
    assert item.status == ItemStatus.PUBLISHED
    assert item.version == 1
    version = item.versions.get()
    assert (version.change_kind, version.status) == ("added", VersionStatus.EFFECTIVE)
    actions = list(
        AuditEvent.objects.filter(object_type="catalog.catalogitem", object_id=str(item.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["catalog_item.create", "catalog_version.effective", "catalog_item.submit"]


@pytest.mark.django_db
def test_code_is_hierarchical_and_unique(planning_editor) -> None:
    org = planning_editor.organisation
    a = catalog_item_create(actor=planning_editor, data=item_data(org))
    b = catalog_item_create(actor=planning_editor, data=item_data(org, name="另一项"))
    assert a.code.startswith(a.parent.code) and b.code.startswith(b.parent.code)
    assert len(a.code) == len(a.parent.code) + 2
    assert a.code != b.code
    with pytest.raises(ValidationError) as exc:
        catalog_item_create(actor=planning_editor, data=item_data(org, code=a.code))
    assert "事项编码" in str(exc.value)


@pytest.mark.django_db
def test_missing_elements_are_reported_in_chinese(planning_editor) -> None:
    org = planning_editor.organisation
    with pytest.raises(ValidationError) as exc:
        catalog_item_create(
            actor=planning_editor, data=item_data(org, content="", channels=[], time_limit_text="")
        )
    errors = exc.value.message_dict
    assert errors["content"] == ["请填写公开内容（要素）"]
    assert errors["channels"] == ["请至少选择一个公开渠道和载体"]
    assert errors["time_limit_text"] == ["请填写公开时限"]


@pytest.mark.django_db
def test_non_proactive_item_needs_basis_reason_and_office_review(
    planning_editor, office, finance_editor
) -> None:
    org = planning_editor.organisation
    with pytest.raises(ValidationError) as exc:
        catalog_item_create(
            actor=planning_editor, data=item_data(org, mode="on_request", legal_bases=[])
        )
    assert exc.value.message_dict["legal_bases"] == ["非主动公开事项必须列明法律法规依据"]
    assert exc.value.message_dict["non_proactive_reason"] == ["非主动公开事项必须说明理由"]

    item = catalog_item_create(
        actor=planning_editor,
        data=item_data(
            org, mode="on_request", non_proactive_reason="涉及申请人个人信息（条例第十五条）"
        ),
    )
    item = catalog_item_submit(actor=planning_editor, item=item)
    assert item.status == ItemStatus.PENDING_REVIEW
    review = CatalogReview.objects.get(item=item)
    deadline = Deadline.objects.get(object_id=str(review.pk), kind="catalog.review")
    assert deadline.status == DeadlineStatus.OPEN and deadline.rule == "wd:10"

    with pytest.raises(PermissionDenied):  # a department cannot approve its own exception
        catalog_review_decide(actor=planning_editor, review=review, approve=True, comment="")
    with pytest.raises(ValidationError):  # returning needs a comment
        catalog_review_decide(actor=office, review=review, approve=False, comment=" ")

    catalog_review_decide(
        actor=office, review=review, approve=False, comment="理由不充分，请补充依据条款"
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.RETURNED
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.MET

    catalog_item_update_draft(
        actor=planning_editor,
        item=item,
        data={"non_proactive_reason": "涉及个人隐私，依据条例第十五条不予主动公开"},
    )
    item = catalog_item_submit(actor=planning_editor, item=item)
    review = CatalogReview.objects.filter(item=item, decision=ReviewDecision.PENDING).get()
    catalog_review_decide(actor=office, review=review, approve=True, comment="同意")
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED
    assert item.versions.filter(status=VersionStatus.EFFECTIVE).count() == 1


@pytest.mark.django_db
def test_adjustment_creates_version_with_reason_and_diffable_snapshot(
    planning_editor, world
) -> None:  # type: ignore[no-untyped-def]
    item = world.permit_item
    before = item.version
    today = timezone.localdate()
    version = catalog_item_adjust(
        actor=planning_editor,
        item=item,
        data={"time_limit_text": "自作出行政决定之日起5个工作日内公开"},
        reason="落实省政务公开办要求缩短时限",
        effective_date=today,
    )
    item.refresh_from_db()
    assert version.status == VersionStatus.EFFECTIVE
    assert item.version == before + 1
    assert (item.time_limit_text, item.limit_days) == ("自作出行政决定之日起5个工作日内公开", 5)
    previous = item.versions.get(number=before)
    assert previous.snapshot["limit_days"] == 7 and version.snapshot["limit_days"] == 5
    with pytest.raises(ValidationError, match="内容没有变化"):
        catalog_item_adjust(
            actor=planning_editor, item=item, data={}, reason="x", effective_date=today
        )
    with pytest.raises(ValidationError):
        catalog_item_adjust(
            actor=planning_editor, item=item, data={"name": "x"}, reason=" ", effective_date=today
        )


@pytest.mark.django_db
def test_future_adjustment_waits_for_its_effective_date(planning_editor, world) -> None:  # type: ignore[no-untyped-def]
    item = world.village_permit_item
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    version = catalog_item_adjust(
        actor=planning_editor,
        item=item,
        data={"content": "新的公开内容"},
        reason="新规施行",
        effective_date=tomorrow,
    )
    item.refresh_from_db()
    assert version.status == VersionStatus.SCHEDULED
    assert item.content != "新的公开内容"
    assert catalog_versions_apply_due(today=timezone.localdate()) == 0
    assert catalog_versions_apply_due(today=tomorrow) == 1
    item.refresh_from_db()
    assert item.content == "新的公开内容"


@pytest.mark.django_db
def test_revoke_keeps_item_and_history(planning_editor, world) -> None:  # type: ignore[no-untyped-def]
    item = world.survey_item
    catalog_item_revoke(
        actor=planning_editor, item=item, reason="事项取消", effective_date=timezone.localdate()
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.REVOKED
    assert item.versions.latest("number").change_kind == "revoked"


@pytest.mark.django_db
def test_other_departments_cannot_write(planning_editor, finance_editor, world) -> None:  # type: ignore[no-untyped-def]
    item = world.permit_item
    with pytest.raises(PermissionDenied):
        catalog_item_adjust(
            actor=finance_editor,
            item=item,
            data={"name": "x"},
            reason="x",
            effective_date=timezone.localdate(),
        )
    with pytest.raises(PermissionDenied):
        catalog_item_create(actor=finance_editor, data=item_data(planning_editor.organisation))
    # nor move their own item into another department
    draft = world.finance_draft_item
    with pytest.raises(PermissionDenied):
        catalog_item_update_draft(
            actor=finance_editor, item=draft, data={"organisation": planning_editor.organisation}
        )


@pytest.mark.django_db
def test_domains_rename_and_merge(office, planning_editor) -> None:
    poverty = Domain.objects.get(name="扶贫")
    domain_rename(actor=office, domain=poverty, name="乡村振兴")
    assert Domain.objects.get(pk=poverty.pk).name == "乡村振兴"
    planning, land = Domain.objects.get(name="城乡规划"), Domain.objects.get(name="征地补偿")
    count, land_count = planning.items.count(), land.items.count()
    natural = Domain.objects.create(name="自然资源", code="27", display_order=5)
    assert domain_merge(actor=office, source=planning, target=natural) == count
    domain_merge(actor=office, source=land, target=natural)
    planning.refresh_from_db()
    assert planning.merged_into == natural and not planning.is_active
    assert natural.items.count() == count + land_count
    with pytest.raises(PermissionDenied):
        domain_rename(actor=planning_editor, domain=natural, name="x")
    assert AuditEvent.objects.filter(action="domain.merge").count() == 2
