"""Writes of 政府数据开放 (docs/opendata.md): datasets through 先审后发, resources and their
versions (every old one kept), datastore loading on the worker, the update-frequency clock in
the deadline registry. Keyword-only, transactional, audited; side effects after commit."""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.permissions import can_edit_org, can_review_org
from gongkai.core.audit import audit_record
from gongkai.core.deadlines import deadline_sync, deadlines_close_for
from gongkai.core.files import attachment_kind
from gongkai.opendata import rules as R
from gongkai.opendata.models import Dataset, DatasetEvent, Resource, ResourceVersion

EDITABLE = (
    "name",
    "title",
    "notes",
    "organisation",
    "domain",
    "tags",
    "access",
    "access_reason",
    "licence",
    "frequency",
    "temporal_start",
    "temporal_end",
    "spatial",
    "contact_name",
    "contact_email",
    "contact_phone",
)
TAG_RE = re.compile(r"^[\w\u4e00-\u9fff\- ]{1,30}$")


def _event(dataset: Dataset, label: str, note: str = "", actor: Any = None, public: bool = True):  # type: ignore[no-untyped-def]
    user = actor if getattr(actor, "is_authenticated", False) else None
    DatasetEvent.objects.create(
        dataset=dataset, label=label, note=note[:300], actor=user, public=public
    )


def _guard(dataset: Dataset, action: str) -> None:
    if not dataset.can(action):
        raise ValidationError(
            f"当前状态（{dataset.get_status_display()}）不能{R.DatasetAction(action).label}"
        )


def _editor(actor: Any, dataset_or_org_id: Any) -> None:
    org_id = getattr(dataset_or_org_id, "organisation_id", dataset_or_org_id)
    if not can_edit_org(actor, org_id):
        raise PermissionDenied("只能维护本机构的数据集")


def _clean(dataset: Dataset, data: dict[str, Any], items: Any) -> None:
    for key in EDITABLE:
        if key in data:
            setattr(dataset, key, data[key])
    tags = [str(t).strip() for t in (dataset.tags or []) if str(t).strip()]
    if len(tags) > 20 or any(not TAG_RE.match(t) for t in tags):
        raise ValidationError(
            {"tags": "标签最多20个，每个1至30字，只能含文字、字母、数字、空格和连字符"}
        )
    dataset.tags = list(dict.fromkeys(tags))
    dataset.tag_index = ("|" + "|".join(dataset.tags) + "|") if dataset.tags else ""
    if dataset.access != R.Access.OPEN and not (dataset.access_reason or "").strip():
        raise ValidationError({"access_reason": "有条件开放和不予开放的数据集须说明理由和依据"})
    if (
        dataset.temporal_start
        and dataset.temporal_end
        and dataset.temporal_end < dataset.temporal_start
    ):
        raise ValidationError({"temporal_end": "时间范围的截止日期不能早于起始日期"})
    dataset.full_clean(exclude=["catalog_items"])
    dataset.save()
    if items is not None:
        dataset.catalog_items.set(items)


@transaction.atomic
def dataset_create(*, actor: Any, data: dict[str, Any], catalog_items: Any = None) -> Dataset:
    organisation = data.get("organisation")
    _editor(actor, getattr(organisation, "pk", None))
    dataset = Dataset(created_by=actor)
    _clean(dataset, data, catalog_items)
    _event(dataset, "创建", actor=actor, public=False)
    audit_record(actor=actor, action="dataset.create", obj=dataset, organisation=organisation)
    return dataset


@transaction.atomic
def dataset_update(
    *, actor: Any, dataset: Dataset, data: dict[str, Any], catalog_items: Any = None
) -> Dataset:
    """修改元数据. A published dataset stays public; each change is a new version in its
    history (the change record is public)."""
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    _editor(actor, dataset)
    _guard(dataset, R.DatasetAction.EDIT)
    if "organisation" in data and data["organisation"].pk != dataset.organisation_id:
        _editor(actor, data["organisation"].pk)
    before = {k: str(getattr(dataset, k)) for k in EDITABLE}
    if dataset.status == R.DatasetStatus.PUBLISHED:
        dataset.version += 1
    _clean(dataset, data, catalog_items)
    changed = [k for k in EDITABLE if str(getattr(dataset, k)) != before[k]]
    labels = "、".join(str(Dataset._meta.get_field(k).verbose_name) for k in changed)
    _event(dataset, "修改元数据", labels, actor, public=dataset.is_public)
    audit_record(actor=actor, action="dataset.update", obj=dataset, new={"fields": changed})
    _sync_clock(dataset)
    return dataset


@transaction.atomic
def dataset_submit(*, actor: Any, dataset: Dataset) -> Dataset:
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    _editor(actor, dataset)
    _guard(dataset, R.DatasetAction.SUBMIT)
    if dataset.access != R.Access.CLOSED and not dataset.resources.exists():
        raise ValidationError("请至少添加一个数据资源后再提交审核")
    dataset.status = R.DatasetStatus.PENDING
    dataset.save(update_fields=["status", "modified_at"])
    _event(dataset, "提交审核", actor=actor, public=False)
    audit_record(actor=actor, action="dataset.submit", obj=dataset)
    return dataset


@transaction.atomic
def dataset_review(*, actor: Any, dataset: Dataset, approve: bool, comment: str = "") -> Dataset:
    """先审后发: the organisation's 审核人 (or the 政务公开办) publishes or returns it."""
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    if not can_review_org(actor, dataset.organisation_id):
        raise PermissionDenied("只有本机构的审核人或政务公开办可以审核数据集")
    _guard(dataset, R.DatasetAction.APPROVE if approve else R.DatasetAction.RETURN)
    if not approve and not comment.strip():
        raise ValidationError({"comment": "退回时请写明修改意见"})
    now = timezone.now()
    if approve:
        dataset.status = R.DatasetStatus.PUBLISHED
        dataset.published_at = dataset.published_at or now
        dataset.version += 1
        dataset.last_updated = dataset.last_updated or timezone.localdate()
        dataset.save()
        pending = ResourceVersion.objects.filter(
            resource__dataset=dataset, approved_at__isnull=True, rejected=False
        )
        pending.update(approved_at=now)
        _drop_superseded(dataset)
        _event(dataset, "发布", comment.strip(), actor)
    else:
        dataset.status = R.DatasetStatus.DRAFT
        dataset.save(update_fields=["status", "modified_at"])
        _event(dataset, "退回修改", comment.strip(), actor, public=False)
    audit_record(actor=actor, action="dataset.review", obj=dataset, new={"approve": approve})
    _sync_clock(dataset)
    if approve:
        transaction.on_commit(lambda: _announce(dataset))
    return dataset


@transaction.atomic
def dataset_withdraw(*, actor: Any, dataset: Dataset, reason: str) -> Dataset:
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    if not can_review_org(actor, dataset.organisation_id):
        raise PermissionDenied("只有本机构的审核人或政务公开办可以撤回数据集")
    _guard(dataset, R.DatasetAction.WITHDRAW)
    if not reason.strip():
        raise ValidationError({"reason": "请填写撤回原因"})
    dataset.status = R.DatasetStatus.WITHDRAWN
    dataset.save(update_fields=["status", "modified_at"])
    _event(dataset, "撤回", reason.strip(), actor)
    audit_record(actor=actor, action="dataset.withdraw", obj=dataset)
    _sync_clock(dataset)
    transaction.on_commit(lambda: _announce(dataset))
    return dataset


def _announce(dataset: Dataset) -> None:
    from gongkai.opendata.signals import dataset_changed

    dataset_changed.send(sender=Dataset, instance=dataset)


def dataset_clock(dataset: Dataset) -> tuple[Any, Any]:
    """(start, rule) of the update clock — the one owner of ``next_update_due``: a published
    dataset with a regular frequency is due again N 日 after its last update."""
    rule = R.update_rule(dataset.frequency)
    if dataset.status != R.DatasetStatus.PUBLISHED or rule is None or not dataset.last_updated:
        return None, None
    return dataset.last_updated, rule


def _sync_clock(dataset: Dataset) -> None:
    start, rule = dataset_clock(dataset)
    deadline_sync(
        subject=dataset,
        kind=R.UPDATE_DEADLINE,
        organisation=dataset.organisation,
        start=start,
        rule=rule,
        label=f"数据集更新：{dataset.title}"[:200],
    )


# resources ----------------------------------------------------------------------------------
def inspect_data_file(name: str, stream: IO[bytes], size: int) -> tuple[str, str]:
    """(format, sha256) of an upload, checked by content: CSV/JSON/GeoJSON must be text (and
    JSON parse), XLSX and PDF must carry their signatures; a Chinese error otherwise."""
    lower = name.lower()
    fmt = next((f for ext, f in R.EXTENSIONS.items() if lower.endswith(ext)), None)
    if fmt is None:
        raise ValidationError({"file": "只接受CSV、XLSX、JSON、GeoJSON和PDF文件"})
    if size == 0:
        raise ValidationError({"file": f"文件“{name}”是空文件"})
    if size > R.MAX_UPLOAD_BYTES:
        raise ValidationError({"file": f"文件超过{R.MAX_UPLOAD_BYTES // (1024 * 1024)}MB"})
    stream.seek(0)
    head = stream.read(64 * 1024)
    if fmt in (R.Format.XLSX, R.Format.PDF):
        try:
            attachment_kind(name, head)
        except ValidationError:
            raise ValidationError({"file": f"文件“{name}”的内容与扩展名不符"}) from None
    else:
        if b"\x00" in head:
            raise ValidationError({"file": f"文件“{name}”不是文本文件"})
        if fmt in (R.Format.JSON, R.Format.GEOJSON):
            stream.seek(0)
            try:
                data = json.loads(stream.read().decode("utf-8-sig"))
            except (ValueError, UnicodeDecodeError):
                raise ValidationError({"file": f"文件“{name}”不是有效的JSON"}) from None
            if fmt == R.Format.GEOJSON and not (isinstance(data, dict) and "type" in data):
                raise ValidationError({"file": f"文件“{name}”不是GeoJSON（缺少type）"})
    stream.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(chunk)
    stream.seek(0)
    return fmt, digest.hexdigest()


@transaction.atomic
def resource_add(
    *,
    actor: Any,
    dataset: Dataset,
    name: str,
    description: str = "",
    file: Any = None,
    url: str = "",
    note: str = "",
) -> Resource:
    """A file resource (its first version) or a link to an API."""
    _editor(actor, dataset)
    _guard(dataset, R.DatasetAction.UPLOAD)
    if not name.strip():
        raise ValidationError({"name": "请填写资源名称"})
    if bool(file) == bool(url.strip()):
        raise ValidationError({"file": "请上传文件，或填写接口地址（二选一）"})
    fmt = R.Format.API
    checked = None
    if file:
        checked = inspect_data_file(file.name, file, file.size)
        fmt = checked[0]
    resource = Resource.objects.create(
        dataset=dataset,
        name=name.strip()[:200],
        description=description.strip()[:2000],
        format=fmt,
        url=url.strip()[:500],
        position=dataset.resources.count(),
    )
    if file:
        _version(
            actor=actor, dataset=dataset, resource=resource, file=file, checked=checked, note=note
        )
    else:
        _event(dataset, "新增接口", resource.name, actor, public=dataset.is_public)
    audit_record(actor=actor, action="dataset.resource_add", obj=dataset, new={"format": fmt})
    return resource


@transaction.atomic
def resource_upload(
    *, actor: Any, resource: Resource, file: Any, note: str = ""
) -> ResourceVersion:
    """上传新版本: the old versions stay downloadable; the dataset counts as updated today."""
    dataset = Dataset.objects.select_for_update().get(pk=resource.dataset_id)
    _editor(actor, dataset)
    _guard(dataset, R.DatasetAction.UPLOAD)
    if resource.format == R.Format.API:
        raise ValidationError({"file": "接口类资源没有文件版本"})
    checked = inspect_data_file(file.name, file, file.size)
    if checked[0] != resource.format:
        raise ValidationError({"file": f"新版本应为{resource.format}格式，与原资源一致"})
    version = _version(
        actor=actor, dataset=dataset, resource=resource, file=file, checked=checked, note=note
    )
    audit_record(
        actor=actor, action="dataset.resource_upload", obj=dataset, new={"number": version.number}
    )
    return version


def _version(
    *,
    actor: Any,
    dataset: Dataset,
    resource: Resource,
    file: Any,
    checked: tuple[str, str] | None,
    note: str,
) -> ResourceVersion:
    assert checked is not None
    number = (
        resource.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    version = ResourceVersion(
        resource=resource,
        number=number,
        filename=file.name[-200:],
        size=file.size,
        sha256=checked[1],
        note=note.strip()[:300],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    version.file.save(file.name[-100:], File(file), save=False)
    version.save()
    resource.save(update_fields=["last_modified"])
    if dataset.is_public:  # 先审后发: the new version waits for its reviewer
        _event(dataset, f"上传第{number}版，待审核", resource.name, actor, public=False)
    else:
        _event(dataset, "上传数据", resource.name, actor, public=False)
    if resource.format in R.TABULAR:
        transaction.on_commit(lambda: _queue_load(version.pk))
    return version


@transaction.atomic
def version_review(
    *, actor: Any, version: ResourceVersion, approve: bool, comment: str = ""
) -> ResourceVersion:
    """A new version of a published dataset goes out when its 审核人 approves it: the dataset
    counts as updated that day (its update clock is met or late, and starts again)."""
    version = (
        ResourceVersion.objects.select_for_update().select_related("resource").get(pk=version.pk)
    )
    dataset = Dataset.objects.select_for_update().get(pk=version.resource.dataset_id)
    if not can_review_org(actor, dataset.organisation_id):
        raise PermissionDenied("只有本机构的审核人或政务公开办可以审核新版本")
    if not version.pending:
        raise ValidationError("该版本已审核")
    if not approve and not comment.strip():
        raise ValidationError({"comment": "退回时请写明修改意见"})
    version.review_note = comment.strip()[:300]
    if not approve:
        version.rejected = True
        version.save(update_fields=["rejected", "review_note"])
        _event(dataset, f"第{version.number}版未通过审核", comment.strip(), actor, public=False)
        return version
    version.approved_at = timezone.now()
    version.save(update_fields=["approved_at", "review_note"])
    today = timezone.localdate()
    if dataset.is_public:
        deadlines_close_for(dataset, on=today)  # the update was due: met or late today
    dataset.last_updated = today
    dataset.version += 1
    dataset.save(update_fields=["last_updated", "version", "modified_at"])
    note = version.resource.name + (f"：{version.note}" if version.note else "")
    _event(dataset, f"更新数据（第{version.number}版）", note, actor)
    _sync_clock(dataset)
    _drop_superseded(dataset)
    audit_record(
        actor=actor, action="dataset.version_review", obj=dataset, new={"number": version.number}
    )
    transaction.on_commit(lambda: _announce(dataset))
    return version


def _drop_superseded(dataset: Dataset) -> None:
    """Once a newer version is public, older versions' tables go (their files stay)."""
    from gongkai.opendata import datastore

    for resource in dataset.resources.all():
        current = resource.current()
        if current is None:
            continue
        for old in ResourceVersion.objects.filter(
            resource=resource, number__lt=current.number
        ).exclude(table=""):
            datastore.drop(old.table)
            ResourceVersion.objects.filter(pk=old.pk).update(table="", loaded_at=None)


def _queue_load(version_id: int) -> None:
    """Load on the worker; if the queue is down the minutely run picks it up."""
    from gongkai.opendata.tasks import datastore_load

    # the queue may be down: datastore_load_pending (minutely) loads it then
    with contextlib.suppress(Exception):
        datastore_load.enqueue(version_id=version_id)


def datastore_load_version(
    *, version_id: int, types: dict[str, str] | None = None
) -> ResourceVersion:
    """Load (or reload, with edited column types) one tabular version into the datastore."""
    from gongkai.opendata import datastore

    version = ResourceVersion.objects.select_related("resource").get(pk=version_id)
    try:
        result = datastore.load(
            version_id=version.pk,
            opener=lambda: version.file.open("rb"),
            fmt=version.resource.format,
            types=types,
        )
    except ValidationError as exc:
        version.load_error = "；".join(exc.messages)[:300]
        version.save(update_fields=["load_error"])
        return version
    version.table, version.rows, version.fields = result["table"], result["rows"], result["fields"]
    version.loaded_at, version.load_error = timezone.now(), ""
    version.save(update_fields=["table", "rows", "fields", "loaded_at", "load_error"])
    return version


def datastore_load_pending(limit: int = 5) -> int:
    """Tabular versions that were never loaded (the queue was down, a worker died)."""
    pending = ResourceVersion.objects.filter(
        resource__format__in=list(R.TABULAR), loaded_at__isnull=True, load_error=""
    ).order_by("created_at")[:limit]
    latest = 0
    for version in pending:
        if version.resource.latest() == version:
            datastore_load_version(version_id=version.pk)
            latest += 1
        else:  # superseded before it was loaded: nothing to query
            ResourceVersion.objects.filter(pk=version.pk).update(load_error="已有更新的版本")
    return latest


@transaction.atomic
def resource_retype(
    *, actor: Any, version: ResourceVersion, types: dict[str, str]
) -> ResourceVersion:
    """调整字段类型: reload the version with the staff's types (refused, naming the row, when a
    value does not fit)."""
    from gongkai.opendata.rules import FieldType

    dataset = version.resource.dataset
    _editor(actor, dataset)
    known = {f["id"] for f in version.fields}
    if any(k not in known or v not in FieldType.values for k, v in types.items()):
        raise ValidationError({"types": "字段或类型不正确"})
    reloaded = datastore_load_version(version_id=version.pk, types=types)
    if reloaded.load_error:
        error = reloaded.load_error
        datastore_load_version(version_id=version.pk)  # back to what loads
        raise ValidationError({"types": error})
    _event(
        dataset,
        "调整字段类型",
        "、".join(f"{k}→{FieldType(v).label}" for k, v in types.items()),
        actor,
        dataset.is_public,
    )
    audit_record(actor=actor, action="dataset.retype", obj=dataset, new=types)
    return reloaded
