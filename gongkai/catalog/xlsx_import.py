"""All-or-nothing xlsx import of the catalog, with a dry run and row-level Chinese errors.

Phase 1 reads and validates every row (nothing is written); phase 2 applies all rows in one
transaction through the catalog services. Progress is stored on the ImportJob so the page
can show a progress bar. Layout: gongkai/catalog/xlsx_layout.py; docs/catalog.md.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from gongkai.accounts.permissions import can_edit_org
from gongkai.catalog.choices import Audience, DisclosureMode, Stage, TimeLimitKind
from gongkai.catalog.models import (
    CatalogItem,
    CatalogSettings,
    Domain,
    ImportJob,
    ImportStatus,
    PowerItem,
    ServiceItem,
)
from gongkai.catalog.rules import (
    TimeLimitRule,
    parent_code_of,
    parse_legal_bases,
    parse_rule_cell,
    parse_time_limit,
)
from gongkai.catalog.services import (
    catalog_item_adjust,
    catalog_item_create,
    catalog_item_submit,
    organisation_for_name,
)
from gongkai.catalog.xlsx_layout import COLUMNS, REQUIRED, is_ticked, parse_channels
from gongkai.catalog.xlsx_plan import (
    CHANGE,
    CREATE_GROUP,
    UNCHANGED,
    PlanEntry,
    catalog_import_plan,
    plan_summary,
)

PROGRESS_EVERY = 50
FIELD_COLUMN = {
    "content": "公开内容（要素）",
    "legal_bases": "公开依据",
    "time_limit_text": "公开时限",
    "organisation": "公开主体",
    "channels": "公开渠道和载体",
    "audience": "全社会",
    "mode": "主动",
    "tier_county": "县级",
    "tier_township": "县级",
    "code": "事项编码",
    "stage": "五公开",
    "non_proactive_reason": "不主动公开理由",
    "name": "二级事项",
    "limit_days": "时限规则",
    "period": "时限规则",
    "domain": "一级事项",
    "parent": "一级事项",
}

logger = logging.getLogger(__name__)


@dataclass
class RowError:
    sheet: str
    row: int
    column: str
    header: str
    message: str

    def text(self) -> str:
        if not self.sheet:
            return self.message
        where = f"工作表“{self.sheet}”"
        if self.row:
            where += f"第{self.row}行"
        if self.column:
            where += f" {self.column}列（{self.header}）"
        return f"{where}：{self.message}"


@dataclass
class ParsedRow:
    sheet: str
    row: int
    domain: Domain
    names: list[str]  # [一级, 二级, 三级] without blanks
    code: str
    data: dict[str, Any] = field(default_factory=dict)
    columns: dict[str, int] = field(default_factory=dict)  # for errors found when planning


class ImportReport:
    def __init__(self) -> None:
        self.errors: list[RowError] = []
        self.rows: list[ParsedRow] = []

    def add(
        self, sheet: str, row: int, header: str, message: str, columns: dict[str, int] | None = None
    ) -> None:
        letter = get_column_letter(columns[header]) if columns and header in columns else ""
        self.errors.append(RowError(sheet, row, letter, header if letter else "", message))


def _cell(values: tuple, columns: dict[str, int], name: str) -> str:
    idx = columns.get(name)
    if idx is None or idx > len(values):
        return ""
    value = values[idx - 1]
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _header_map(rows: list[tuple]) -> tuple[dict[str, int], int]:
    """Column index by name, and the index of the last header row (1-based)."""
    for i, row in enumerate(rows[:6]):
        if row and str(row[0] or "").strip() == "序号":
            top = [str(v or "").strip() for v in row]
            sub = [str(v or "").strip() for v in (rows[i + 1] if i + 1 < len(rows) else ())]
            columns: dict[str, int] = {}
            for c, name in enumerate(top, start=1):
                below = sub[c - 1] if c - 1 < len(sub) else ""
                if below:
                    columns[below] = c
                elif name:
                    columns[name] = c
            has_sub = any(sub)
            return columns, i + (2 if has_sub else 1)
    return {}, 0


def _time_limit_rule(text: str, cell: str, code: str) -> TimeLimitRule:
    """The rule column wins, except when only the text was edited: then the text decides.

    A rule cell that still equals the existing item's rule next to a changed 公开时限 text
    means the user edited the text and left the machine-readable column alone.
    """
    from_text = parse_time_limit(text)
    if not cell:
        return from_text
    from_cell = parse_rule_cell(cell)
    existing = CatalogItem.objects.filter(code=code).first() if code else None
    text_only_edit = (
        existing is not None
        and text != existing.time_limit_text
        and from_cell == existing.time_limit_rule()
    )
    if text_only_edit and from_text.kind != TimeLimitKind.TEXT_ONLY:
        return from_text
    return from_cell


def _parse_row(
    report: ImportReport,
    *,
    sheet: str,
    rownum: int,
    values: tuple,
    columns: dict[str, int],
    domain: Domain,
    actor: Any,
) -> None:
    def get(name: str) -> str:
        return _cell(values, columns, name)

    def err(header: str, message: str) -> None:
        report.add(sheet, rownum, header, message, columns)

    before = len(report.errors)
    names = [n for n in (get("一级事项"), get("二级事项"), get("三级事项")) if n]
    if not get("一级事项"):
        err("一级事项", "一级事项不能为空")
    if get("三级事项") and not get("二级事项"):
        err("二级事项", "填写了三级事项时二级事项不能为空")
    data: dict[str, Any] = {
        "name": names[-1] if names else "",
        "content": get("公开内容（要素）"),
        "time_limit_text": get("公开时限"),
        "consult_method": get("咨询方式"),
        "supervision_method": get("监督方式"),
        "non_proactive_reason": get("不主动公开理由"),
        "remarks": get("备注"),
        "is_group": False,
    }
    try:
        data["legal_bases"] = parse_legal_bases(get("公开依据"))
    except ValueError as exc:
        err("公开依据", str(exc))
    try:
        rule = _time_limit_rule(get("公开时限"), get("时限规则"), get("事项编码"))
        data.update(
            time_limit_kind=rule.kind,
            trigger_event=rule.trigger_event,
            limit_days=rule.days,
            limit_unit=rule.unit,
            period=rule.period,
            period_due_day=rule.due_day,
        )
    except ValueError as exc:
        err("时限规则", str(exc))
    org_name = get("公开主体")
    org = organisation_for_name(org_name, within=actor.organisation) if org_name else None
    if not org_name:
        err("公开主体", "公开主体不能为空")
    elif org is None:
        err("公开主体", f"找不到名为“{org_name}”的机构，请使用系统中登记的机构全称或简称")
    elif not can_edit_org(actor, org.pk):
        err("公开主体", f"您无权导入“{org.name}”的事项")
    else:
        data["organisation"] = org
    channels, unknown = parse_channels(get("公开渠道和载体"))
    if unknown:
        err("公开渠道和载体", f"无法识别的渠道：{'、'.join(unknown)}")
    data["channels"] = channels
    public, specific = is_ticked(get("全社会")), is_ticked(get("特定群众"))
    if public == specific:
        err("全社会", "公开对象须勾选且只勾选一项（全社会或特定群众）")
    data["audience"] = Audience.PUBLIC if public else Audience.SPECIFIC
    proactive, on_request = is_ticked(get("主动")), is_ticked(get("依申请公开"))
    if proactive and on_request:
        err("主动", "公开方式不能同时勾选“主动”和“依申请公开”")
    data["mode"] = (
        DisclosureMode.PROACTIVE
        if proactive
        else DisclosureMode.ON_REQUEST
        if on_request
        else DisclosureMode.NOT_DISCLOSED
    )
    data["tier_county"], data["tier_township"] = is_ticked(get("县级")), is_ticked(get("乡级"))
    stage_label = get("五公开")
    stages = {str(label): value for value, label in Stage.choices}
    stages.update({str(label)[:2]: value for value, label in Stage.choices})
    if stage_label and stage_label not in stages:
        err("五公开", f"“{stage_label}”不是五公开阶段（决策/执行/管理/服务/结果）")
    data["stage"] = stages.get(stage_label, "")
    for header, model, key in (
        ("对应权责事项编码", PowerItem, "power_items"),
        ("对应公共服务事项编码", ServiceItem, "service_items"),
    ):
        codes = [c.strip() for c in get(header).split("、") if c.strip()]
        found = list(model.objects.filter(code__in=codes))
        missing = sorted(set(codes) - {o.code for o in found})
        if missing:
            err(header, f"找不到编码为 {'、'.join(missing)} 的事项")
        data[key] = found
    if len(report.errors) > before:
        return
    probe = CatalogItem(
        domain=domain,
        depth=len(names),
        code=get("事项编码") or "TMP",
        **{k: v for k, v in data.items() if k not in ("power_items", "service_items")},
    )
    try:
        probe.full_clean(exclude=["code", "parent", "depth"])
    except ValidationError as exc:
        for fname, messages in exc.message_dict.items():
            for message in messages:
                err(FIELD_COLUMN.get(fname, "二级事项"), message)
        return
    report.rows.append(ParsedRow(sheet, rownum, domain, names, get("事项编码"), data, columns))


def catalog_import_parse(path: str, *, actor: Any, job: ImportJob | None = None) -> ImportReport:
    report = ImportReport()
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a file that is not a workbook
        report.add("", 0, "", "无法读取文件，请上传 .xlsx 格式的工作簿")
        return report
    sheets = [(ws.title, list(ws.iter_rows(values_only=True))) for ws in wb.worksheets]
    wb.close()
    total = sum(len(rows) for _t, rows in sheets)
    if job is not None:
        job.total_rows = total
        job.save(update_fields=["total_rows"])
    domains = {d.name: d for d in Domain.objects.all()}
    processed, seen_codes = 0, {}
    for title, rows in sheets:
        domain = domains.get(title)
        if domain is not None and domain.merged_into_id:
            domain = domain.merged_into
        columns, header_end = _header_map(rows)
        if domain is None:
            report.add(title, 0, "", f"工作表名称“{title}”不是系统中的领域名称")
        missing = [name for name in REQUIRED if name not in columns]
        if not columns:
            report.add(title, 0, "", "找不到表头（第一列应为“序号”）")
        elif missing:
            report.add(title, header_end, "", f"缺少列：{'、'.join(missing)}")
        if domain is None or not columns or missing:
            processed += len(rows)
            continue
        for offset, values in enumerate(rows[header_end:], start=header_end + 1):
            processed += 1
            if job is not None and processed % PROGRESS_EVERY == 0:
                ImportJob.objects.filter(pk=job.pk).update(
                    processed_rows=processed, heartbeat_at=timezone.now()
                )
            if not any(v not in (None, "") for v in values[: len(COLUMNS)]):
                continue
            _parse_row(
                report,
                sheet=title,
                rownum=offset,
                values=values,
                columns=columns,
                domain=domain,
                actor=actor,
            )
            code = report.rows[-1].code if report.rows and report.rows[-1].row == offset else ""
            if code:
                if code in seen_codes:
                    report.add(
                        title,
                        offset,
                        "事项编码",
                        f"事项编码 {code} 与第{seen_codes[code]}行重复",
                        columns,
                    )
                seen_codes[code] = offset
        processed += header_end
    if not report.errors and not report.rows:
        report.add("", 0, "", "文件中没有事项数据")
    return report


def _ensure_parent(
    *,
    actor: Any,
    row: ParsedRow,
    depth: int,
    parent: CatalogItem | None,
    leaf_code: str,
    cache: dict,
) -> CatalogItem:
    name = row.names[depth - 1]
    key = (row.domain.pk, parent.pk if parent else None, name)
    if key in cache:
        return cache[key]
    existing = CatalogItem.objects.filter(domain=row.domain, parent=parent, name=name).first()
    if existing is None:
        cfg = CatalogSettings.load()
        code = leaf_code
        for _ in range(len(row.names) - depth):
            code = parent_code_of(code, width=cfg.segment_width, separator=cfg.separator)
        if not code or CatalogItem.objects.filter(code=code).exists():
            code = ""
        data = row.data
        existing = catalog_item_create(
            actor=actor,
            data={
                "domain": row.domain,
                "parent": parent,
                "name": name,
                "code": code,
                "organisation": data["organisation"],
                "stage": data["stage"],
                "is_group": True,
                "channels": [],
                "tier_county": data["tier_county"],
                "tier_township": data["tier_township"],
            },
        )
        catalog_item_submit(actor=actor, item=existing, reason="目录导入：新增归类事项")
    cache[key] = existing
    return existing


def catalog_import_apply(
    report: ImportReport,
    entries: list[PlanEntry],
    *,
    actor: Any,
    reason: str,
    effective_date: dt.date,
    job: ImportJob | None = None,
) -> dict[str, Any]:
    """Execute the plan, all or nothing; nothing is done that the plan does not list."""
    by_row = {(e.sheet, e.row): e for e in entries if e.action != CREATE_GROUP}
    cache: dict = {}
    with transaction.atomic():
        for n, row in enumerate(report.rows, start=1):
            if job is not None and n % PROGRESS_EVERY == 0:
                ImportJob.objects.filter(pk=job.pk).update(
                    processed_rows=job.total_rows + n * job.total_rows // max(len(report.rows), 1),
                    heartbeat_at=timezone.now(),
                )
            entry = by_row[(row.sheet, row.row)]
            if entry.action == UNCHANGED:
                continue
            if entry.action == CHANGE:
                existing = CatalogItem.objects.get(pk=entry.item_id)
                # the place in the tree is kept as it is (the plan refused any other)
                data = {**row.data, "domain": existing.domain, "parent": existing.parent}
                catalog_item_adjust(
                    actor=actor,
                    item=existing,
                    data=data,
                    reason=reason,
                    effective_date=effective_date,
                )
                continue
            if row.code and CatalogItem.objects.filter(code=row.code).exists():
                raise ValidationError(
                    f"工作表“{row.sheet}”第{row.row}行：事项编码 {row.code} 在校验后已被占用，"
                    "请重新试导入"
                )
            parent = None
            for depth in range(1, len(row.names)):
                parent = _ensure_parent(
                    actor=actor,
                    row=row,
                    depth=depth,
                    parent=parent,
                    leaf_code=row.code,
                    cache=cache,
                )
            item = catalog_item_create(
                actor=actor,
                data={**row.data, "domain": row.domain, "parent": parent, "code": row.code},
            )
            catalog_item_submit(
                actor=actor, item=item, reason=reason, effective_date=effective_date
            )
    return plan_summary(entries)


def catalog_import_run(*, job_id: int) -> ImportJob:
    """Background job body: parse, then (unless a dry run) apply everything or nothing.

    Whatever goes wrong, the job ends failed with a Chinese reason; it never stays 处理中."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        return job
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.RUNNING, heartbeat_at=timezone.now(), attempts=F("attempts") + 1
    )
    try:
        return _import_run(job)
    except Exception as exc:  # the import is all or nothing: nothing was written
        logger.exception("catalog import %s failed", job.pk)
        # our own ValueErrors carry a Chinese reason (e.g. a full code segment); anything else
        # is for the log, not for the user
        reason = f"：{exc}" if isinstance(exc, ValueError) and str(exc) else ""
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED,
            errors=[
                f"导入过程中出错，未保存任何内容{reason}。请检查文件后重新导入，如仍失败请联系系统管理员。"
            ],
            finished_at=timezone.now(),
        )
        job.refresh_from_db()
        return job


def _import_run(job: ImportJob) -> ImportJob:
    actor = job.created_by
    report = catalog_import_parse(job.file.path, actor=actor, job=job)
    entries = [] if report.errors else catalog_import_plan(report, actor=actor)
    job.refresh_from_db()
    if report.errors:
        job.status, job.errors = ImportStatus.FAILED, [e.text() for e in report.errors]
    elif job.dry_run:
        job.status = ImportStatus.VALIDATED
        job.summary = {"rows": len(report.rows), **plan_summary(entries)}
    else:
        try:
            job.summary = catalog_import_apply(
                report,
                entries,
                actor=actor,
                reason=job.reason,
                effective_date=job.effective_date,
                job=job,
            )
            job.status = ImportStatus.DONE
        except (ValidationError, PermissionDenied) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            job.status, job.errors = ImportStatus.FAILED, messages
    job.processed_rows = job.total_rows * 2
    job.finished_at = timezone.now()
    job.save()
    return job


IMPORT_LEASE = dt.timedelta(minutes=10)  # no heartbeat for this long: the worker died
IMPORT_ATTEMPTS = 3  # runs of one job before it is marked failed


def imports_reap(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Imports whose worker died (处理中 with a stale heartbeat) run again, up to
    IMPORT_ATTEMPTS times, then fail with the reason shown to the user who started them.
    Safe to retry: an import writes everything in one transaction or nothing."""
    from gongkai.catalog.tasks import run_catalog_import
    from gongkai.core.jobs import enqueue_on_commit

    now = now or timezone.now()
    before = now - IMPORT_LEASE
    stale = ImportJob.objects.filter(status=ImportStatus.RUNNING).filter(
        Q(heartbeat_at__lt=before) | Q(heartbeat_at__isnull=True, created_at__lt=before)
    )
    counts = {"retried": 0, "failed": 0}
    for job in stale:
        with transaction.atomic():
            if job.attempts >= IMPORT_ATTEMPTS:
                ImportJob.objects.filter(pk=job.pk, status=ImportStatus.RUNNING).update(
                    status=ImportStatus.FAILED,
                    finished_at=now,
                    errors=[
                        f"导入进程意外中断，已自动重试{job.attempts}次仍未完成，未保存任何内容。"
                        "请稍后重新上传；如文件很大，可按领域拆分为多个工作簿分别导入。"
                    ],
                )
                counts["failed"] += 1
            else:
                claimed = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.RUNNING).update(
                    status=ImportStatus.QUEUED, heartbeat_at=now
                )
                if claimed:
                    enqueue_on_commit(run_catalog_import, job_id=job.pk)
                    counts["retried"] += 1
    return counts
