"""Publishing use cases (docs/publishing.md).

草稿 → 待审 → (先审后发: 1–3 levels) → 已发布 | 定时发布 | 已审待同步发布 (三同步) ; 退回 ; 撤回.
Deadline (条例 第二十六条): 形成/变更日期 + the catalog item's 公开时限, default 20 working days.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts.models import Organisation
from gongkai.accounts.permissions import can_edit_org, can_review_org
from gongkai.core.audit import audit_record
from gongkai.core.deadlines import deadline_sync, deadlines_cancel_for, deadlines_close_for
from gongkai.core.files import inspect_attachment, sanitize_html
from gongkai.publishing.choices import PUB_REFUSALS, Attribute, PubAction, PubStatus
from gongkai.publishing.models import (
    Attachment,
    IndexCounter,
    Publication,
    PublishingSettings,
    ReviewStep,
    Revision,
)
from gongkai.publishing.signals import announce

FIELDS = [
    "title",
    "body",
    "doc_number",
    "issuer",
    "written_on",
    "formed_on",
    "scheduled_at",
    "topic",
    "genre",
    "validity",
    "valid_from",
    "invalid_on",
    "attribute",
    "attribute_reason",
    "stage",
    "audience_tags",
    "keywords",
    "is_normative",
    "needs_interpretation",
    "interprets",
    "interpretation_kind",
]
M2M = ["domains", "catalog_items"]


def index_no_allocate(*, organisation: Organisation, year: int) -> str:
    """Next 索引号 `<机构代码>/<年>-<5位序号>`; unique even under concurrent publishing."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                IndexCounter.objects.create(organisation=organisation, year=year)
        except IntegrityError:
            pass  # another transaction created it first
        counter = IndexCounter.objects.select_for_update().get(organisation=organisation, year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
    code = organisation.code or f"ORG{organisation.pk:06d}"
    return f"{code}/{year}-{counter.last:05d}"


PROACTIVE_DEADLINE = "publishing.proactive"  # 条例 第二十六条 (registered in publishing/apps.py)


def _guard(pub: Publication, action: str) -> None:
    if not pub.can(action):
        raise ValidationError(PUB_REFUSALS[action])


def _require_edit(actor: Any, org_id: int) -> None:
    if not can_edit_org(actor, org_id):
        raise PermissionDenied("您无权编辑其他机构的信息")


def _apply(pub: Publication, data: dict[str, Any]) -> None:
    unknown = set(data) - set(FIELDS) - set(M2M) - {"organisation"}
    if unknown:
        raise ValueError(f"unknown publication fields: {sorted(unknown)}")
    for field in [*FIELDS, "organisation"]:
        if field in data:
            setattr(pub, field, data[field])
    pub.body = sanitize_html(pub.body)
    if not pub.issuer and pub.organisation_id:
        pub.issuer = pub.organisation.name


def _set_m2m(pub: Publication, data: dict[str, Any]) -> None:
    for field in M2M:
        if field in data:
            getattr(pub, field).set(data[field])


def _refresh_deadline(pub: Publication) -> None:
    """due_date and the Deadline row, both from ``pub.disclosure_clock()`` (one computation)."""
    start, rule = pub.disclosure_clock()
    label = f"主动公开：{pub.title[:60]}" + (f"（{rule.describe()}）" if rule else "")
    deadline_sync(
        subject=pub,
        kind=PROACTIVE_DEADLINE,
        organisation=pub.organisation,
        start=start,
        rule=rule,
        label=label,
    )


def add_attachments(*, pub: Publication, files: list[UploadedFile]) -> list[Attachment]:
    checked = [(f, *inspect_attachment(f.name, f, f.size)) for f in files]
    return [
        Attachment.objects.create(
            publication=pub, file=f, name=f.name[:200], kind=kind, size=f.size, sha256=digest
        )
        for f, kind, digest in checked
    ]


def _save_draft(
    pub: Publication, data: dict[str, Any], files: list[UploadedFile] | None
) -> Publication:
    """Validate and store a draft with its links and files, then recompute its deadline."""
    _apply(pub, data)
    pub.full_clean(exclude=["index_no"])
    pub.save()
    _set_m2m(pub, data)
    add_attachments(pub=pub, files=files or [])
    _refresh_deadline(pub)
    return pub


@transaction.atomic
def publication_create(
    *, actor: Any, data: dict[str, Any], files: list[UploadedFile] | None = None
) -> Publication:
    org = data.get("organisation")
    _require_edit(actor, getattr(org, "pk", None))
    pub = _save_draft(Publication(created_by=actor), data, files)
    audit_record(
        actor=actor,
        action="publication.create",
        obj=pub,
        organisation=pub.organisation,
        new={"title": pub.title, "formed_on": pub.formed_on, "due_date": pub.due_date},
    )
    return pub


@transaction.atomic
def publication_update(
    *, actor: Any, pub: Publication, data: dict[str, Any], files: list[UploadedFile] | None = None
) -> Publication:
    pub = Publication.objects.select_for_update().get(pk=pub.pk)
    _require_edit(actor, pub.organisation_id)
    _guard(pub, PubAction.EDIT)
    if "organisation" in data:
        _require_edit(actor, data["organisation"].pk)
    old = {f: getattr(pub, f) for f in ("title", "formed_on", "doc_number")}
    _save_draft(pub, data, files)
    audit_record(
        actor=actor,
        action="publication.update",
        obj=pub,
        organisation=pub.organisation,
        old=old,
        new={f: getattr(pub, f) for f in old},
    )
    return pub


@transaction.atomic
def publication_submit(*, actor: Any, pub: Publication) -> Publication:
    pub = Publication.objects.select_for_update().get(pk=pub.pk)
    _require_edit(actor, pub.organisation_id)
    _guard(pub, PubAction.SUBMIT)
    if pub.attribute == Attribute.NOT_DISCLOSED:
        raise ValidationError("不予公开的信息不能发布")
    pub.status, pub.review_level = PubStatus.PENDING, 0
    pub.save(update_fields=["status", "review_level", "updated_at"])
    audit_record(actor=actor, action="publication.submit", obj=pub, organisation=pub.organisation)
    return pub


def required_levels(org: Organisation) -> int:
    cfg = PublishingSettings.objects.filter(organisation=org).first()
    return cfg.review_levels if cfg else 1


@transaction.atomic
def publication_review(
    *,
    actor: Any,
    pub: Publication,
    approve: bool,
    comment: str = "",
    now: dt.datetime | None = None,
) -> Publication:
    """One level of 先审后发. The same person cannot pass two levels of one submission.

    ``now`` is the moment of the review (default: now); only importers of past records and the
    demo give an earlier one, so that the deadline closes on the day it really did.
    """
    pub = Publication.objects.select_for_update().get(pk=pub.pk)
    if not can_review_org(actor, pub.organisation_id):
        raise PermissionDenied("您不是该机构的审核人")
    _guard(pub, PubAction.REVIEW)
    if now is not None and now > timezone.now():
        raise ValidationError("审核时间不能晚于现在")
    if not approve and not comment.strip():
        raise ValidationError({"comment": "退回时请填写审核意见"})
    since = pub.reviews.filter(approved=False).order_by("-at").values_list("at", flat=True).first()
    earlier = pub.reviews.filter(approved=True, reviewer=actor)
    if since:
        earlier = earlier.filter(at__gt=since)
    if approve and earlier.exists():
        raise ValidationError("同一审核人不能通过同一稿件的两级审核")
    level = pub.review_level + 1
    ReviewStep.objects.create(
        publication=pub, level=level, approved=approve, reviewer=actor, comment=comment.strip()
    )
    if not approve:
        pub.status, pub.review_level = PubStatus.RETURNED, 0
        pub.save(update_fields=["status", "review_level", "updated_at"])
    elif level < required_levels(pub.organisation):
        pub.review_level = level
        pub.save(update_fields=["review_level", "updated_at"])
    else:
        pub.review_level = level
        pub.save(update_fields=["review_level"])
        _release(pub, now=now)
    audit_record(
        actor=actor,
        action="publication.review",
        obj=pub,
        organisation=pub.organisation,
        new={"level": level, "approved": approve, "status": pub.status},
        note=comment,
    )
    return pub


def _interpretation_ready(pub: Publication) -> bool:
    return (
        bool(pub.interpretation_exempt_reason.strip())
        or pub.interpretations.filter(
            status__in=[PubStatus.APPROVED, PubStatus.PUBLISHED, PubStatus.SCHEDULED]
        ).exists()
    )


def _release(pub: Publication, *, now: dt.datetime | None = None) -> None:
    """After the last review level: hold for 三同步, schedule, or publish."""
    now = now or timezone.now()
    if pub.is_interpretation and pub.interprets.status != PubStatus.PUBLISHED:
        pub.status = PubStatus.APPROVED  # appears together with its policy
        pub.save(update_fields=["status", "updated_at"])
        policy = pub.interprets
        if policy.status == PubStatus.APPROVED and _interpretation_ready(policy):
            _release(policy, now=now)
        return
    if pub.needs_interpretation and not _interpretation_ready(pub):
        pub.status = PubStatus.APPROVED  # 三同步: held until its interpretation is approved
        pub.save(update_fields=["status", "updated_at"])
        return
    if pub.scheduled_at and pub.scheduled_at > now:
        pub.status = PubStatus.SCHEDULED
        pub.save(update_fields=["status", "updated_at"])
        return
    _publish(pub, now=now)


def _publish(pub: Publication, *, now: dt.datetime) -> None:
    if not pub.index_no:
        pub.index_no = index_no_allocate(
            organisation=pub.organisation, year=timezone.localtime(now).year
        )
    pub.status, pub.published_at = PubStatus.PUBLISHED, now
    pub.save(update_fields=["index_no", "status", "published_at", "updated_at"])
    deadlines_close_for(pub, on=timezone.localtime(now).date())
    audit_record(
        actor=None,
        action="publication.publish",
        obj=pub,
        organisation=pub.organisation,
        new={"index_no": pub.index_no, "published_at": now},
    )
    for interpretation in pub.interpretations.filter(status=PubStatus.APPROVED):
        _publish(interpretation, now=now)
    announce(pub, "publish")


@transaction.atomic
def publication_exempt_interpretation(*, actor: Any, pub: Publication, reason: str) -> Publication:
    """A reviewer records why a policy marked 需解读 is published without interpretation."""
    pub = Publication.objects.select_for_update().get(pk=pub.pk)
    if not can_review_org(actor, pub.organisation_id):
        raise PermissionDenied("只有审核人可以豁免同步解读")
    _guard(pub, PubAction.EXEMPT_INTERPRETATION)
    if not reason.strip():
        raise ValidationError({"reason": "请填写免于同步解读的理由"})
    pub.interpretation_exempt_reason = reason.strip()
    pub.save(update_fields=["interpretation_exempt_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="publication.exempt_interpretation",
        obj=pub,
        organisation=pub.organisation,
        note=reason,
    )
    if pub.status == PubStatus.APPROVED:
        _release(pub)
    return pub


@transaction.atomic
def publication_revise(
    *, actor: Any, pub: Publication, data: dict[str, Any], note: str
) -> Publication:
    """Revise a published record: the old state is kept; readers see the 修订 note."""
    pub = Publication.objects.select_for_update().get(pk=pub.pk)
    if not can_review_org(actor, pub.organisation_id):
        raise PermissionDenied("已发布信息的修订须由本机构审核人或政务公开办办理")
    _guard(pub, PubAction.REVISE)
    if not note.strip():
        raise ValidationError({"note": "请填写修订说明"})
    snapshot = {
        f: getattr(pub, f)
        for f in ("title", "body", "doc_number", "validity", "invalid_on", "keywords")
    }
    Revision.objects.create(
        publication=pub,
        number=pub.revision + 1,
        note=note.strip(),
        created_by=actor,
        snapshot={k: str(v) if v is not None else None for k, v in snapshot.items()},
    )
    _apply(pub, {k: v for k, v in data.items() if k in FIELDS})
    pub.full_clean()
    pub.revision += 1
    pub.revision_note = note.strip()
    pub.save()
    _set_m2m(pub, data)
    audit_record(
        actor=actor,
        action="publication.revise",
        obj=pub,
        organisation=pub.organisation,
        old=snapshot,
        new={k: getattr(pub, k) for k in snapshot},
        note=note,
    )
    announce(pub, "revise")
    return pub


@transaction.atomic
def publication_withdraw(*, actor: Any, pub: Publication, reason: str) -> Publication:
    pub = Publication.objects.select_for_update().get(pk=pub.pk)
    if not can_review_org(actor, pub.organisation_id):
        raise PermissionDenied("撤回须由本机构审核人或政务公开办办理")
    _guard(pub, PubAction.WITHDRAW)
    if not reason.strip():
        raise ValidationError({"reason": "请填写撤回原因"})
    deadlines_cancel_for(pub)  # a scheduled record withdrawn before release has no clock left
    old = pub.status
    pub.status, pub.withdrawn_at, pub.withdraw_reason = PubStatus.WITHDRAWN, timezone.now(), reason
    pub.save(update_fields=["status", "withdrawn_at", "withdraw_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="publication.withdraw",
        obj=pub,
        organisation=pub.organisation,
        old={"status": old},
        new={"status": pub.status},
        note=reason,
    )
    announce(pub, "withdraw")
    return pub


@transaction.atomic
def publications_publish_due(*, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    due = Publication.objects.select_for_update().filter(
        status=PubStatus.SCHEDULED, scheduled_at__lte=now
    )
    count = 0
    for pub in due:
        _publish(pub, now=now)
        count += 1
    return count
