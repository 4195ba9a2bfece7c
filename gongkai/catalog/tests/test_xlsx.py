"""xlsx export/import: real column layout, lossless round trip, all-or-nothing import."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from conftest import client_for
from gongkai.catalog.choices import ItemStatus
from gongkai.catalog.models import CatalogItem, CatalogItemVersion, CatalogReview, ImportJob
from gongkai.catalog.selectors import catalog_items_public
from gongkai.catalog.xlsx_export import catalog_export, export_queryset
from gongkai.catalog.xlsx_import import catalog_import_run
from gongkai.core.tests.test_jobs_and_holidays import run_worker
from gongkai.testing.world import GOVERNMENT

REAL_HEADER_TOP = [
    "序号",
    "公开事项",
    None,
    "公开内容（要素）",
    "公开依据",
    "公开时限",
    "公开主体",
    "公开渠道和载体",
    "公开对象",
    None,
    "公开方式",
    None,
    "公开层级",
    None,
]
REAL_HEADER_SUB = [
    None,
    "一级事项",
    "二级事项",
    None,
    None,
    None,
    None,
    None,
    "全社会",
    "特定群众",
    "主动",
    "依申请公开",
    "县级",
    "乡级",
]


def export_all() -> bytes:
    return catalog_export(export_queryset(catalog_items_public()), government_name=GOVERNMENT)


def sheet_values(data: bytes) -> dict[str, list[tuple]]:
    wb = load_workbook(io.BytesIO(data))
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def new_job(user, data: bytes, *, dry_run: bool = False, **extra) -> ImportJob:  # type: ignore[no-untyped-def]
    return ImportJob.objects.create(
        created_by=user,
        organisation=user.organisation,
        dry_run=dry_run,
        reason="目录年度调整",
        effective_date=timezone.localdate(),
        original_name="catalog.xlsx",
        file=SimpleUploadedFile("catalog.xlsx", data),
        **extra,
    )


def run_import(user, data: bytes, *, dry_run: bool = False) -> ImportJob:  # type: ignore[no-untyped-def]
    return catalog_import_run(job_id=new_job(user, data, dry_run=dry_run).pk)


def wipe_catalog() -> None:
    CatalogReview.objects.all().delete()
    CatalogItemVersion.objects.all().delete()
    for depth in (3, 2, 1):
        for item in CatalogItem.objects.filter(depth=depth):
            item.power_items.clear()
            item.service_items.clear()
        CatalogItem.objects.filter(depth=depth).delete()


@pytest.mark.django_db
def test_export_has_the_real_layout_one_sheet_per_domain() -> None:
    sheets = sheet_values(export_all())
    assert {"城乡规划", "财政预决算", "税收管理"} <= set(sheets)
    rows = sheets["城乡规划"]
    assert rows[0][0] == f"{GOVERNMENT}城乡规划领域基层政务公开标准目录"
    assert list(rows[1][:14]) == REAL_HEADER_TOP
    assert list(rows[2][:14]) == REAL_HEADER_SUB
    first = rows[3]
    assert first[0] == 1 and first[1] == "规划编制" and first[2] == "城市总体规划"
    assert first[7].startswith("■政府网站 ■两微一端 □广播电视")
    assert (first[8], first[9], first[10], first[11], first[12], first[13]) == (
        "√",
        None,
        "√",
        None,
        "√",
        None,
    )
    tax = sheets["税收管理"]
    assert tax[3][1] == "欠税公告" and tax[3][5] == "每季度结束后15日内"


@pytest.mark.django_db
def test_round_trip_into_an_empty_catalog_is_unchanged(office, world) -> None:  # type: ignore[no-untyped-def]
    before, permit = export_all(), world.permit_item
    wipe_catalog()
    assert not CatalogItem.objects.exists()
    job = run_import(office, before)
    assert job.status == "done", job.errors
    assert job.summary["created"] == len(catalog_items_public())
    assert sheet_values(export_all()) == sheet_values(before)
    item = CatalogItem.objects.get(code=permit.code)  # a new row with the same code and links
    assert item.status == ItemStatus.PUBLISHED and item.name == permit.name
    assert [p.code for p in item.power_items.all()] == [world.permit_power.code]


@pytest.mark.django_db
def test_reimporting_the_export_changes_nothing(office) -> None:
    versions = CatalogItemVersion.objects.count()
    job = run_import(office, export_all())
    assert job.status == "done"
    assert job.summary == {
        "created": 0,
        "adjusted": 0,
        "unchanged": len(catalog_items_public()),
        "groups": 0,
        "plan": [],
    }
    assert CatalogItemVersion.objects.count() == versions


def _edited(data: bytes, edits: dict[tuple[str, int, int], object]) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    for (sheet, row, col), value in edits.items():
        wb[sheet].cell(row=row, column=col).value = value  # cell(value=None) would not clear
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_changed_row_becomes_an_adjustment(office, world) -> None:  # type: ignore[no-untyped-def]
    data = _edited(export_all(), {("城乡规划", 4, 6): "自批准之日起10个工作日内公开"})
    job = run_import(office, data)
    assert job.summary["adjusted"] == 1
    item = world.plan_item
    assert item.limit_days == 10
    assert item.versions.latest("number").reason == "目录年度调整"


@pytest.mark.django_db
def test_one_bad_row_saves_nothing_and_every_problem_is_reported(office, world) -> None:  # type: ignore[no-untyped-def]
    count, versions = CatalogItem.objects.count(), CatalogItemVersion.objects.count()
    data = _edited(
        export_all(),
        {
            ("城乡规划", 4, 6): "自批准之日起10个工作日内公开",  # a valid change that must not land
            ("城乡规划", 5, 7): "不存在的局",
            ("城乡规划", 6, 4): None,
            ("城乡规划", 7, 9): None,
            ("城乡规划", 7, 8): "■政府网站 ■飞鸽传书",
            ("财政预决算", 4, 17): "宣传",
        },
    )
    job = run_import(office, data)
    assert job.status == "failed"
    assert (
        "工作表“城乡规划”第5行 G列（公开主体）：找不到名为“不存在的局”的机构，请使用系统中登记的机构全称或简称"
        in job.errors
    )
    assert "工作表“城乡规划”第6行 D列（公开内容（要素））：请填写公开内容（要素）" in job.errors
    assert (
        "工作表“城乡规划”第7行 I列（全社会）：公开对象须勾选且只勾选一项（全社会或特定群众）"
        in job.errors
    )
    assert "工作表“城乡规划”第7行 H列（公开渠道和载体）：无法识别的渠道：飞鸽传书" in job.errors
    assert any(e.startswith("工作表“财政预决算”第4行 Q列（五公开）") for e in job.errors)
    assert CatalogItem.objects.count() == count
    assert CatalogItemVersion.objects.count() == versions
    assert world.plan_item.limit_days == 20  # the valid edit did not land


@pytest.mark.django_db
def test_department_cannot_import_other_departments_rows(planning_editor, world) -> None:  # type: ignore[no-untyped-def]
    job = run_import(planning_editor, export_all())
    assert job.status == "failed"
    assert any(f"您无权导入“{world.finance.name}”的事项" in e for e in job.errors)


@pytest.mark.django_db
def test_not_a_workbook_and_wrong_sheet(office) -> None:
    assert run_import(office, b"PK\x03\x04 not really").errors == [
        "无法读取文件，请上传 .xlsx 格式的工作簿"
    ]
    data = export_all()
    wb = load_workbook(io.BytesIO(data))
    wb["城乡规划"].title = "城乡规划X"
    out = io.BytesIO()
    wb.save(out)
    job = run_import(office, out.getvalue())
    assert "工作表“城乡规划X”：工作表名称“城乡规划X”不是系统中的领域名称" in job.errors


@pytest.mark.django_db
def test_upload_page_dry_run_through_the_worker(office, django_capture_on_commit_callbacks) -> None:
    client = client_for(office)
    count = CatalogItem.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("manage:catalog_import"),
            {
                "file": SimpleUploadedFile("目录.xlsx", export_all()),
                "dry_run": "on",
                "reason": "试导入",
                "effective_date": timezone.localdate().isoformat(),
            },
        )
    assert response.status_code == 302
    job = ImportJob.objects.latest("id")
    status = client.get(response["Location"] + "?format=json").json()
    assert status["status"] == "queued" and status["percent"] == 0
    run_worker()
    status = client.get(response["Location"] + "?format=json").json()
    assert status == {
        "status": "validated",
        "status_label": "试导入通过",
        "percent": 100,
        "errors": [],
        "summary": {
            "rows": len(catalog_items_public()),
            "created": 0,
            "adjusted": 0,
            "unchanged": len(catalog_items_public()),
            "groups": 0,
            "plan": [],
        },
    }
    assert CatalogItem.objects.count() == count
    page = client.get(response["Location"]).content.decode()
    assert "校验通过" in page and job.original_name == "目录.xlsx"


@pytest.mark.django_db
def test_upload_rejects_non_xlsx_content(office) -> None:
    response = client_for(office).post(
        reverse("manage:catalog_import"),
        {
            "file": SimpleUploadedFile("目录.xlsx", b"<html>not excel</html>"),
            "reason": "x",
            "effective_date": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    assert "文件内容不是有效的 Excel（.xlsx）工作簿" in response.content.decode()
    assert not ImportJob.objects.filter(reason="x").exists()


@pytest.mark.django_db
def test_public_download(client) -> None:
    response = client.get(reverse("catalog:export") + "?domain=01")
    assert response.status_code == 200
    assert list(sheet_values(response.content)) == ["城乡规划"]


def _row_of(data: bytes, sheet: str, code: str) -> tuple[int, dict[str, int]]:
    """(row number, {header: column}) of the row holding ``code`` in ``sheet``."""
    from gongkai.catalog.xlsx_import import _header_map

    rows = sheet_values(data)[sheet]
    header, _end = _header_map(rows)
    for n, values in enumerate(rows, start=1):
        if code in [str(v) for v in values if v is not None]:
            return n, header
    raise AssertionError(f"{code} not in {sheet}")


@pytest.mark.django_db
@pytest.mark.parametrize("dry_run", [True, False])
def test_a_blank_second_level_never_renames_or_detaches_an_item(
    office, world, dry_run: bool
) -> None:  # type: ignore[no-untyped-def]
    """The defect: a blank 二级事项 passed the dry run, and the real import renamed an item
    (010201 then) to its group's name and detached it from its parent."""
    data = export_all()
    code = world.permit_item.code
    row, header = _row_of(data, "城乡规划", code)
    before = world.permit_item
    job = run_import(
        office, _edited(data, {("城乡规划", row, header["二级事项"]): None}), dry_run=dry_run
    )
    assert job.status == "failed"
    assert any(
        e.startswith(f"工作表“城乡规划”第{row}行") and f"事项 {code} 在目录中位于" in e
        for e in job.errors
    ), job.errors
    after = CatalogItem.objects.get(code=code)
    assert (after.name, after.parent_id) == (before.name, before.parent_id)


@pytest.mark.django_db
def test_a_code_that_breaks_the_coding_rule_is_refused(office, world) -> None:  # type: ignore[no-untyped-def]
    data = export_all()
    row, header = _row_of(data, "城乡规划", world.permit_item.code)
    count = CatalogItem.objects.count()
    job = run_import(office, _edited(data, {("城乡规划", row, header["事项编码"]): "ABC"}))
    assert job.status == "failed" and CatalogItem.objects.count() == count
    assert any("事项编码“ABC”不符合编码规则" in e and f"第{row}行" in e for e in job.errors)


@pytest.mark.django_db
def test_the_dry_run_lists_every_change_and_the_real_run_does_exactly_that(office) -> None:
    data = _edited(export_all(), {("城乡规划", 4, 6): "自批准之日起10个工作日内公开"})
    dry = run_import(office, data, dry_run=True)
    assert dry.status == "validated" and dry.summary["adjusted"] == 1
    assert len(dry.summary["plan"]) == 1 and dry.summary["plan"][0]["text"].startswith("调整：")
    assert "公开时限" in dry.summary["plan"][0]["text"]
    real = run_import(office, data)
    assert real.summary["plan"] == dry.summary["plan"]


@pytest.mark.django_db
def test_an_editor_cannot_change_another_organisations_item(planning_editor, world) -> None:  # type: ignore[no-untyped-def]
    other = world.funds_item
    data = export_all()
    sheet = other.domain.name
    row, header = _row_of(data, sheet, other.code)
    job = run_import(
        planning_editor, _edited(data, {(sheet, row, header["公开内容（要素）"]): "改动"})
    )
    assert job.status == "failed"
    assert any(f"工作表“{sheet}”第{row}行" in e and world.finance.name in e for e in job.errors), (
        job.errors
    )


# A worker that dies, a run that crashes, a code segment that fills up ------------------------
def _stuck_job(office, *, attempts: int, minutes_ago: int) -> ImportJob:  # type: ignore[no-untyped-def]
    import datetime as dt

    job = new_job(office, export_all(), dry_run=True, status="running", attempts=attempts)
    ImportJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )
    return job


@pytest.mark.django_db
def test_an_import_whose_worker_died_is_retried_then_failed_with_a_reason(
    office, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from gongkai.catalog.xlsx_import import imports_reap

    died = _stuck_job(office, attempts=1, minutes_ago=30)
    busy = _stuck_job(office, attempts=1, minutes_ago=1)  # still alive: left alone
    exhausted = _stuck_job(office, attempts=3, minutes_ago=30)
    with django_capture_on_commit_callbacks(execute=True):
        assert imports_reap() == {"retried": 1, "failed": 1}
    run_worker()
    died.refresh_from_db(), busy.refresh_from_db(), exhausted.refresh_from_db()
    assert (died.status, died.attempts) == ("validated", 2)  # the retry ran to the end
    assert busy.status == "running"
    assert exhausted.status == "failed" and "已自动重试3次" in exhausted.errors[0]
    page = (
        client_for(office)
        .get(reverse("manage:catalog_import_status", args=[exhausted.pk]))
        .content.decode()
    )
    assert "已自动重试3次" in page


@pytest.mark.django_db
def test_an_unexpected_error_fails_the_import_instead_of_leaving_it_running(
    office, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    def boom(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr("gongkai.catalog.xlsx_import.catalog_import_apply", boom)
    job = run_import(office, export_all())
    assert job.status == "failed" and job.finished_at is not None
    assert job.errors[0].startswith("导入过程中出错，未保存任何内容")
    assert "RuntimeError" not in job.errors[0] and "disk full" not in job.errors[0]  # log only


@pytest.mark.django_db
@pytest.mark.parametrize("dry_run", [True, False])
def test_a_full_code_segment_is_reported_by_the_dry_run_too(office, world, dry_run: bool) -> None:  # type: ignore[no-untyped-def]
    from gongkai.catalog.models import CatalogSettings

    cfg = CatalogSettings.load()
    cfg.segment_width = 1  # 9 items per parent; the world's 规划许可 already has 3
    cfg.save()
    data = export_all()
    permit = world.permit_item
    row, header = _row_of(data, "城乡规划", permit.code)
    wb = load_workbook(io.BytesIO(data))
    ws = wb["城乡规划"]
    template = [c.value for c in ws[row]]
    for n in range(7):  # 3 + 7 = 10 > 9
        values = list(template)
        values[header["二级事项"] - 1] = f"新增许可事项{n}"
        values[header["事项编码"] - 1] = None
        ws.append(values)
    out = io.BytesIO()
    wb.save(out)
    count = CatalogItem.objects.count()
    job = run_import(office, out.getvalue(), dry_run=dry_run)
    assert job.status == "failed" and CatalogItem.objects.count() == count
    assert any("将超过编码容量（每级1位，最多9项）" in e for e in job.errors), job.errors
