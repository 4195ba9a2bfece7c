"""The demo catalog: ``catalog.xlsx`` (the real 标准目录 layout, one sheet per domain, all 26
basic-level domains) loaded through the importer an office uses — a dry run, then the import —
followed by a little history: two 动态调整, one reviewed 依申请公开 item and one draft."""

from __future__ import annotations

from pathlib import Path

from django.core.files import File
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.catalog.models import CatalogItem, CatalogReview, Domain, ImportJob, ImportStatus
from gongkai.catalog.rules import parse_legal_bases
from gongkai.catalog.services import catalog_item_adjust, catalog_item_create, catalog_review_decide
from gongkai.catalog.xlsx_import import catalog_import_run

CATALOG_XLSX = Path(__file__).with_name("catalog.xlsx")


class DemoImportError(RuntimeError):
    pass


def _run_import(office: User, *, dry_run: bool) -> ImportJob:
    with CATALOG_XLSX.open("rb") as fh:
        job = ImportJob.objects.create(
            created_by=office,
            organisation=office.organisation,
            file=File(fh, name=CATALOG_XLSX.name),
            original_name=CATALOG_XLSX.name,
            dry_run=dry_run,
            reason="基层政务公开标准目录编制",
            effective_date=timezone.localdate(),
        )
    job = catalog_import_run(job_id=job.pk)
    expected = ImportStatus.VALIDATED if dry_run else ImportStatus.DONE
    if job.status != expected:
        raise DemoImportError("演示目录导入失败：" + "；".join(job.errors[:5]))
    return job


def seed_catalog(*, office: User, editors: dict[str, User]) -> None:
    _run_import(office, dry_run=True)
    _run_import(office, dry_run=False)
    today = timezone.localdate()
    for name, change in (
        ("欠税公告", {"time_limit_text": "每季度结束后15日内"}),
        ("空气质量状况", {"channels": ["website", "new_media", "targeted_push", "radio_tv"]}),
    ):
        item = CatalogItem.objects.get(name=name, is_group=False)
        catalog_item_adjust(
            actor=editors[item.organisation.short_name],
            item=item,
            data=change,
            reason="根据上级部门要求调整公开时限和渠道",
            effective_date=today,
        )
    # the 依申请公开 item waits for the 政务公开办: approve it so the demo shows both states
    review = CatalogReview.objects.filter(item__mode="on_request").order_by("pk").first()
    if review:
        catalog_review_decide(
            actor=office, review=review, approve=True, comment="理由充分，同意依申请公开"
        )
    finance = editors["财政局"]
    domain = Domain.objects.get(name="财政预决算")
    catalog_item_create(  # a draft not yet published, for the back office
        actor=finance,
        data={
            "domain": domain,
            "parent": CatalogItem.objects.filter(domain=domain, name="财政专项资金").first(),
            "name": "政府采购意向",
            "organisation": finance.organisation,
            "stage": "decision",
            "content": "采购项目名称、采购需求概况、预算金额、预计采购时间",
            "legal_bases": parse_legal_bases("【部门规章】《政府采购信息发布管理办法》"),
            "time_limit_text": "原则上不得晚于采购活动开始前30日",
            "channels": ["website"],
            "audience": "public",
            "mode": "proactive",
        },
    )
