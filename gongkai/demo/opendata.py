"""Demo 数据开放, made through opendata's services as staff would (docs/demo.md): datasets
derived from the demo county's own records — for each of the 9 pilot 领域 its 公开事项目录
and its 主动公开信息; for the 政务公开办 the whole 标准目录, monthly 主动公开 and 依申请公开
figures, the 权责清单 (XLSX), the 法定节假日安排 (JSON); one 有条件开放 dataset — uploaded,
loaded into the datastore, reviewed and published; one of them with a second version."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.demo.county import County


def _csv(name: str, header: list[str], rows: list[list[Any]]) -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), "text/csv")


def _publish(
    *,
    editor: Any,
    reviewer: Any,
    data: dict[str, Any],
    files: list[tuple[str, Any]],
    items: Any = None,
) -> Any:
    from gongkai.opendata import services as ods

    ds = ods.dataset_create(actor=editor, data=data, catalog_items=items)
    for label, upload in files:
        res = ods.resource_add(actor=editor, dataset=ds, name=label, file=upload)
        ods.datastore_load_version(version_id=res.latest().pk)
    ods.dataset_submit(actor=editor, dataset=ds)
    return ods.dataset_review(actor=reviewer, dataset=ds, approve=True, comment="同意发布")


def _staff_of(county: County, org: Any) -> tuple[Any, Any]:
    for short, o in county.orgs.items():
        if o.pk == org.pk and short in county.editors:
            return county.editors[short], county.reviewers[short]
    return county.office, county.office


def seed_opendata(county: County) -> None:
    from gongkai.catalog.models import CatalogItem, Domain, PowerItem
    from gongkai.core.models import HolidayDay
    from gongkai.foi.models import Application
    from gongkai.publishing.models import Publication

    items = (
        CatalogItem.objects.published()
        .filter(is_group=False)
        .select_related("domain", "organisation")
    )
    pubs = Publication.objects.published().select_related("organisation")
    office, gov_office = county.office, county.orgs["政府办"]
    common = {
        "licence": "cc-by-4.0",
        "contact_name": "市政务公开办",
        "contact_phone": "0513-87512000",
    }

    for domain in Domain.objects.filter(is_pilot=True).order_by("display_order"):
        mine = [i for i in items if i.domain_id == domain.pk]
        if not mine:
            continue
        owner = Counter(i.organisation_id for i in mine).most_common(1)[0][0]
        org = next(i.organisation for i in mine if i.organisation_id == owner)
        editor, reviewer = _staff_of(county, org)
        code = f"d{domain.code.lower()}"
        _publish(
            editor=editor,
            reviewer=reviewer,
            data={
                **common,
                "name": f"{code}-catalog",
                "title": f"{domain.name}领域政务公开事项目录",
                "notes": f"{domain.name}领域基层政务公开标准目录中的公开事项、公开主体和公开时限。",
                "organisation": org,
                "domain": domain,
                "tags": [domain.name, "公开目录"],
                "frequency": "quarterly",
                "spatial": "如皋市",
            },
            files=[
                (
                    "公开事项目录",
                    _csv(
                        f"{code}-catalog.csv",
                        ["事项编码", "事项名称", "公开主体", "五公开", "公开时限", "公开方式"],
                        [
                            [
                                i.code,
                                i.name,
                                i.organisation.name,
                                i.get_stage_display(),
                                i.time_limit_text,
                                i.get_mode_display(),
                            ]
                            for i in mine
                        ],
                    ),
                )
            ],
            items=mine,
        )
        records = [p for p in pubs if p.domains.filter(pk=domain.pk).exists()]
        _publish(
            editor=editor,
            reviewer=reviewer,
            data={
                **common,
                "name": f"{code}-records",
                "title": f"{domain.name}领域主动公开信息清单",
                "notes": f"{domain.name}领域已主动公开的政府信息：索引号、标题、发布机构和发布日期。",
                "organisation": org,
                "domain": domain,
                "tags": [domain.name, "主动公开"],
                "frequency": "monthly",
                "spatial": "如皋市",
            },
            files=[
                (
                    "主动公开信息清单",
                    _csv(
                        f"{code}-records.csv",
                        ["索引号", "标题", "发布机构", "发布日期", "文号"],
                        [
                            [
                                p.index_no,
                                p.title,
                                p.organisation.name,
                                timezone.localtime(p.published_at).date().isoformat(),
                                p.doc_number,
                            ]
                            for p in records
                        ],
                    ),
                )
            ],
        )

    by_month: Counter = Counter()
    for p in pubs:
        by_month[(p.organisation.name, f"{timezone.localtime(p.published_at):%Y-%m}")] += 1
    monthly = _publish(
        editor=office,
        reviewer=office,
        data={
            **common,
            "name": "gov-publications-monthly",
            "title": "各部门主动公开政府信息数量（按月）",
            "notes": "各部门、镇（街道）每月在本平台主动公开的政府信息条数。",
            "organisation": gov_office,
            "tags": ["统计", "主动公开"],
            "frequency": "monthly",
        },
        files=[
            (
                "按月统计",
                _csv(
                    "publications-monthly.csv",
                    ["机构", "月份", "条数"],
                    [[o, m, n] for (o, m), n in sorted(by_month.items())],
                ),
            )
        ],
    )
    foi: Counter = Counter()
    answered: Counter = Counter()
    for received, replied in Application.objects.values_list("received_on", "replied_on"):
        if received:
            foi[f"{received:%Y-%m}"] += 1
            if replied:
                answered[f"{received:%Y-%m}"] += 1
    _publish(
        editor=office,
        reviewer=office,
        data={
            **common,
            "name": "gov-foi-monthly",
            "title": "依申请公开申请办理情况（按月）",
            "notes": "每月收到的政府信息公开申请数量和已答复数量。",
            "organisation": gov_office,
            "tags": ["统计", "依申请公开"],
            "frequency": "monthly",
        },
        files=[
            (
                "按月统计",
                _csv(
                    "foi-monthly.csv",
                    ["月份", "收到申请", "已答复"],
                    [[m, n, answered[m]] for m, n in sorted(foi.items())],
                ),
            )
        ],
    )
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "权责清单"
    ws.append(["权力编码", "事项名称", "权力类别", "行使主体", "设定依据"])
    for p in PowerItem.objects.select_related("organisation").order_by("code"):
        ws.append([p.code, p.name, p.get_category_display(), p.organisation.name, p.basis[:200]])
    raw = io.BytesIO()
    wb.save(raw)
    _publish(
        editor=office,
        reviewer=office,
        data={
            **common,
            "name": "gov-power-list",
            "title": "权责清单",
            "notes": "各部门行政权力事项的名称、类别、行使主体和设定依据。",
            "organisation": gov_office,
            "tags": ["权责清单"],
            "frequency": "yearly",
        },
        files=[("权责清单（Excel）", SimpleUploadedFile("power-list.xlsx", raw.getvalue()))],
    )
    days = [
        {"日期": d.date.isoformat(), "类型": d.get_kind_display(), "名称": d.name}
        for d in HolidayDay.objects.order_by("date")
    ]
    _publish(
        editor=office,
        reviewer=office,
        data={
            **common,
            "name": "gov-holidays",
            "title": "法定节假日和调休安排",
            "notes": "国务院办公厅公布的法定节假日、调休上班日，本平台计算法定期限所用的日历。",
            "organisation": gov_office,
            "tags": ["日历", "法定期限"],
            "frequency": "yearly",
        },
        files=[
            (
                "节假日安排（JSON）",
                SimpleUploadedFile(
                    "holidays.json", json.dumps(days, ensure_ascii=False).encode("utf-8")
                ),
            )
        ],
    )
    editor, reviewer = county.editors["农业农村局"], county.reviewers["农业农村局"]
    _publish(
        editor=editor,
        reviewer=reviewer,
        data={
            **common,
            "name": "nyj-subsidy-details",
            "title": "涉农补贴发放明细",
            "notes": "各镇（街道）涉农补贴按户发放明细。",
            "organisation": county.orgs["农业农村局"],
            "tags": ["涉农补贴"],
            "access": "conditional",
            "access_reason": "含个人信息（《个人信息保护法》第十三条），经申请、用于核查和研究的可以提供。",
            "frequency": "quarterly",
        },
        files=[
            (
                "发放明细",
                _csv(
                    "subsidy.csv",
                    ["镇街", "补贴项目", "户数", "金额（元）"],
                    [
                        ["如城街道", "耕地地力保护补贴", 1820, 356800],
                        ["白蒲镇", "耕地地力保护补贴", 2460, 498300],
                    ],
                ),
            )
        ],
    )
    # a second version of the monthly figures: the first stays downloadable
    from gongkai.opendata import services as ods

    res = monthly.resources.get()
    rows = [[o, m, n] for (o, m), n in sorted(by_month.items())]
    v2 = ods.resource_upload(
        actor=office,
        resource=res,
        file=_csv("publications-monthly.csv", ["机构", "月份", "条数"], rows),
        note="按月重新统计",
    )
    ods.datastore_load_version(version_id=v2.pk)
    ods.version_review(actor=office, version=v2, approve=True, comment="同意更新")
