"""Writes of 惠民资金 (docs/ledgers.md): programmes, payment-list imports (plan, then apply),
the review that puts a batch on 公示, the citizen lookup and the identity a citizen may keep."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import Organisation
from gongkai.accounts.permissions import can_edit_org, can_review_org
from gongkai.accounts.validators import validate_resident_id
from gongkai.core.audit import audit_record
from gongkai.core.privacy import keyed_digest, mask_id_notice, mask_person_name
from gongkai.ledgers import imports
from gongkai.ledgers.choices import BatchAction, BatchStatus, ImportStatus
from gongkai.ledgers.models import (
    Payment,
    PaymentBatch,
    PaymentImport,
    Programme,
    SavedIdentity,
)

# lookups per client address per 10 minutes: enough for a family, too few to try ID numbers
LOOKUP_LIMIT = 10
PROGRAMME_FIELDS = ("name", "basis", "standard", "description", "phone", "is_active")


def person_digests(*, id_number: str, name: str) -> tuple[str, str]:
    """The two keys a payment is found by: the ID number and the name must both match."""
    return keyed_digest("id", id_number), keyed_digest("name", name)


def _need_editor(actor: Any, org_id: int) -> None:
    if not can_edit_org(actor, org_id):
        raise PermissionDenied("只有该部门的公开专员或政务公开办可以维护惠民资金")


@transaction.atomic
def programme_create(
    *, actor: Any, organisation: Organisation, code: str, name: str, basis: str, **extra: Any
) -> Programme:
    _need_editor(actor, organisation.pk)
    programme = Programme(organisation=organisation, code=code, name=name, basis=basis)
    for key in PROGRAMME_FIELDS:
        if key in extra:
            setattr(programme, key, extra[key])
    programme.full_clean()
    programme.save()
    audit_record(
        actor=actor, action="ledgers.programme_create", obj=programme, organisation=organisation
    )
    return programme


@transaction.atomic
def programme_update(*, actor: Any, programme: Programme, **changes: Any) -> Programme:
    _need_editor(actor, programme.organisation_id)
    old = {k: getattr(programme, k) for k in PROGRAMME_FIELDS}
    for key in PROGRAMME_FIELDS:
        if key in changes:
            setattr(programme, key, changes[key])
    programme.full_clean()
    programme.save()
    new = {k: getattr(programme, k) for k in PROGRAMME_FIELDS}
    audit_record(
        actor=actor,
        action="ledgers.programme_update",
        obj=programme,
        organisation=programme.organisation,
        old={k: v for k, v in old.items() if new[k] != v},
        new={k: v for k, v in new.items() if old[k] != v},
    )
    return programme


def _plan(programme: Programme, content: bytes) -> imports.Plan:
    rows = imports.workbook_rows(content)
    return imports.plan_rows(rows, programme_names=(programme.name, programme.code))


@transaction.atomic
def payments_import_plan(
    *, actor: Any, programme: Programme, file_name: str, content: bytes
) -> PaymentImport:
    """Upload a payment list: every row checked, nothing imported yet (试导入)."""
    _need_editor(actor, programme.organisation_id)
    plan = _plan(programme, content)
    imp = PaymentImport.objects.create(
        programme=programme,
        file_name=(file_name or "发放名单.xlsx")[:200],
        content=content,
        uploaded_by=actor,
        plan=plan.summary(),
    )
    audit_record(
        actor=actor,
        action="ledgers.import_plan",
        obj=imp,
        organisation=programme.organisation,
        note=f"{plan.summary()['rows']}行，{plan.error_count}处错误",
    )
    return imp


@transaction.atomic
def payments_import_apply(*, actor: Any, imp: PaymentImport) -> list[PaymentBatch]:
    """Confirm a planned import: one 待审核 batch per 发放期次, every row a payment."""
    imp = PaymentImport.objects.select_for_update().select_related("programme").get(pk=imp.pk)
    programme = imp.programme
    _need_editor(actor, programme.organisation_id)
    if imp.status != ImportStatus.PLANNED:
        raise ValidationError("这份名单已经导入或已放弃")
    plan = _plan(programme, bytes(imp.content))  # the stored file is the truth, not the preview
    if plan.error_count:
        raise ValidationError(f"名单中有{plan.error_count}处错误，请修改后重新上传")
    by_period: dict[str, list[imports.Row]] = {}
    for row in plan.rows:
        by_period.setdefault(row.period, []).append(row)
    batches = []
    for period, rows in sorted(by_period.items()):
        batch = PaymentBatch.objects.create(
            programme=programme,
            period=period,
            source=imp,
            rows=len(rows),
            total=sum((r.amount for r in rows), Decimal(0)),
        )
        payments = []
        for r in rows:
            id_d, name_d = person_digests(id_number=r.id_number, name=r.name)
            payments.append(
                Payment(
                    batch=batch,
                    programme=programme,
                    row_no=r.row_no,
                    name=r.name,
                    name_digest=name_d,
                    id_digest=id_d,
                    id_masked=mask_id_notice(r.id_number),
                    village=r.village,
                    amount=r.amount,
                    paid_on=r.paid_on,
                )
            )
        Payment.objects.bulk_create(payments, batch_size=1000)
        batches.append(batch)
    imp.status, imp.applied_at = ImportStatus.APPLIED, timezone.now()
    imp.save(update_fields=["status", "applied_at"])
    audit_record(
        actor=actor,
        action="ledgers.import_apply",
        obj=imp,
        organisation=programme.organisation,
        note="；".join(f"{b.period} {b.rows}人 {b.total}元" for b in batches),
    )
    return batches


@transaction.atomic
def payments_import_discard(*, actor: Any, imp: PaymentImport) -> PaymentImport:
    _need_editor(actor, imp.programme.organisation_id)
    if imp.status != ImportStatus.PLANNED:
        raise ValidationError("这份名单已经导入或已放弃")
    imp.status = ImportStatus.DISCARDED
    imp.content = b""
    imp.save(update_fields=["status", "content"])
    audit_record(
        actor=actor,
        action="ledgers.import_discard",
        obj=imp,
        organisation=imp.programme.organisation,
    )
    return imp


@transaction.atomic
def batch_act(*, actor: Any, batch: PaymentBatch, action: str, note: str = "") -> PaymentBatch:
    """先审后发: the 审核人 of the paying department (or the 政务公开办) approves a batch onto
    公示, returns it, or withdraws a published one; a return or withdrawal needs a reason."""
    batch = PaymentBatch.objects.select_for_update().select_related("programme").get(pk=batch.pk)
    if action not in BatchAction.values:
        raise ValidationError("未知的审核操作")
    if not can_review_org(actor, batch.programme.organisation_id):
        raise PermissionDenied("只有发放部门的审核人或政务公开办可以审核发放名单")
    if not batch.can(action):
        raise ValidationError(batch.refusal(action))
    note = (note or "").strip()[:300]
    if action in (BatchAction.RETURN, BatchAction.WITHDRAW) and not note:
        raise ValidationError("请填写退回或撤回的理由")
    now = timezone.now()
    old = batch.status
    batch.status = {
        BatchAction.APPROVE: BatchStatus.PUBLISHED,
        BatchAction.RETURN: BatchStatus.RETURNED,
        BatchAction.WITHDRAW: BatchStatus.WITHDRAWN,
    }[BatchAction(action)]
    batch.reviewed_by, batch.reviewed_at, batch.note = actor, now, note
    if action == BatchAction.APPROVE:
        batch.published_at = now
    batch.save()
    audit_record(
        actor=actor,
        action=f"ledgers.batch_{action}",
        obj=batch,
        organisation=batch.programme.organisation,
        old={"status": old},
        new={"status": batch.status},
        note=note,
    )
    return batch


def payments_lookup(*, actor: Any, id_number: str, name: str) -> list[Payment]:
    """Every 公示 payment to this person: the ID number and the name must both match. Each
    lookup is in the audit log (the ID number masked, never the name)."""
    id_number = validate_resident_id(id_number, label="身份证号")
    name = (name or "").strip()
    if not name or len(name) > 50:
        raise ValidationError("请填写姓名（50字以内）")
    from gongkai.ledgers.selectors import payments_of_person

    id_d, name_d = person_digests(id_number=id_number, name=name)
    found = payments_of_person(id_digest=id_d, name_digest=name_d)
    audit_record(
        actor=actor,
        action="ledgers.lookup",
        object_type="ledgers.payment",
        object_repr=mask_id_notice(id_number),
        note=("" if getattr(actor, "is_authenticated", False) else "公众（未登录）")
        + f"查到{len(found)}笔",
    )
    return found


@transaction.atomic
def identity_save(*, user: Any, id_number: str, name: str) -> SavedIdentity:
    if not getattr(user, "phone_verified", False):
        raise PermissionDenied("请先验证手机号，再保存本人身份信息")
    id_number = validate_resident_id(id_number, label="身份证号")
    name = (name or "").strip()
    if not name or len(name) > 50:
        raise ValidationError("请填写姓名（50字以内）")
    id_d, name_d = person_digests(id_number=id_number, name=name)
    saved, _ = SavedIdentity.objects.update_or_create(
        user=user,
        defaults={
            "id_digest": id_d,
            "name_digest": name_d,
            "id_masked": mask_id_notice(id_number),
            "name_masked": mask_person_name(name),
        },
    )
    audit_record(actor=user, action="ledgers.identity_save", obj=saved, object_repr=saved.id_masked)
    return saved


@transaction.atomic
def identity_forget(*, user: Any) -> None:
    deleted, _ = SavedIdentity.objects.filter(user=user).delete()
    if deleted:
        audit_record(
            actor=user, action="ledgers.identity_forget", object_type="ledgers.savedidentity"
        )
