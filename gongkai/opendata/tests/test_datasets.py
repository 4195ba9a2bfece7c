"""Datasets through 先审后发, with every resource version kept and its update clock, and the
public pages: browse with facets, the dataset page, the preview with sort, filter and search,
downloads of any version and of the filtered rows; 有条件开放 is locked; uploads are checked
by content; another department cannot touch a dataset."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from conftest import client_for
from gongkai.core.models import Deadline
from gongkai.opendata import services as svc
from gongkai.opendata.models import Dataset, ResourceVersion
from gongkai.testing import factories as f

CSV = "镇街,年份,金额\n如城街道,2025,1200\n白蒲镇,2025,800\n长江镇,2026,950\n"


def _csv(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), "text/csv")


@pytest.mark.django_db
def test_a_dataset_goes_from_draft_through_review_to_the_portal(
    world, planning_editor, planning_reviewer, finance_editor
) -> None:
    ds = svc.dataset_create(
        actor=planning_editor,
        data={
            "name": "ghj-permits",
            "title": "建设工程规划许可发证信息",
            "notes": "本局核发的建设工程规划许可证。",
            "organisation": world.planning,
            "tags": ["规划", "许可"],
            "frequency": "monthly",
        },
    )
    with pytest.raises(ValidationError):  # nothing to publish yet
        svc.dataset_submit(actor=planning_editor, dataset=ds)
    with pytest.raises(PermissionDenied):
        svc.resource_add(actor=finance_editor, dataset=ds, name="x", file=_csv("x.csv", CSV))
    with pytest.raises(ValidationError, match="内容与扩展名不符"):
        svc.resource_add(
            actor=planning_editor,
            dataset=ds,
            name="伪装的表格",
            file=SimpleUploadedFile("x.xlsx", b"not a workbook", "application/octet-stream"),
        )
    res = svc.resource_add(
        actor=planning_editor, dataset=ds, name="发证明细", file=_csv("a.csv", CSV)
    )
    svc.datastore_load_version(version_id=res.latest().pk)
    svc.dataset_submit(actor=planning_editor, dataset=ds)
    assert Client().get("/data/ghj-permits/").status_code == 404  # not public before review
    with pytest.raises(PermissionDenied):
        svc.dataset_review(actor=planning_editor, dataset=ds, approve=True)
    ds = svc.dataset_review(actor=planning_reviewer, dataset=ds, approve=True)
    assert ds.status == "published" and ds.version == 1
    today = timezone.localdate()
    clock = Deadline.objects.get(kind="opendata.update", object_id=str(ds.pk), status="open")
    assert (
        clock.start_date == today and clock.rule == "cd:31" and ds.next_update_due == clock.due_date
    )

    # a new version: the old one stays downloadable, the clock starts again
    v2 = svc.resource_upload(
        actor=planning_editor,
        resource=res,
        file=_csv("b.csv", CSV + "搬经镇,2026,700\n"),
        note="新增搬经镇",
    )
    svc.datastore_load_version(version_id=v2.pk)
    public = Client()
    waiting = public.get("/data/ghj-permits/").content.decode()
    assert (
        "历史版本" not in waiting
        and "搬经镇"
        not in b"".join(
            public.get(f"/data/ghj-permits/r/{res.pk}/download/").streaming_content
        ).decode()
    )  # 先审后发: the new version waits for its reviewer
    with pytest.raises(PermissionDenied):
        svc.version_review(actor=planning_editor, version=v2, approve=True)
    svc.version_review(actor=planning_reviewer, version=v2, approve=True)
    assert v2.number == 2 and ResourceVersion.objects.filter(resource=res).count() == 2
    page = public.get("/data/ghj-permits/").content.decode()
    assert (
        "建设工程规划许可发证信息" in page
        and "历史版本" in page
        and "更新数据（第2版）：发证明细：新增搬经镇" in page
    )
    due = Dataset.objects.get(pk=ds.pk).next_update_due
    assert f"下次更新期限 {due:%Y-%m-%d}" in page
    old = public.get(f"/data/ghj-permits/r/{res.pk}/v/1/")
    assert old.status_code == 200 and b"".join(old.streaming_content).decode() == CSV
    current = public.get(f"/data/ghj-permits/r/{res.pk}/download/")
    assert "搬经镇" in b"".join(current.streaming_content).decode()

    # the preview: filter, sort and search answer from the loaded rows
    preview = public.get(f"/data/ghj-permits/r/{res.pk}/", {"f.年份": "2026", "sort": "金额 desc"})
    text = preview.content.decode()
    assert preview.status_code == 200 and '<strong id="total">2</strong>' in text
    assert (
        text.index("长江镇") < text.index("搬经镇") and "如城街道" not in text.split("<tbody>")[1]
    )
    assert "<svg" in text  # the chart of the numeric column
    first_row = text.split("<tbody>")[1].split("</tr>")[0]
    assert first_row.count("<td>") == 4 and "<td>3</td><td>长江镇</td>" in first_row  # 序号 first
    assert "整数" in text and ">int<" not in text
    bad = public.get(f"/data/ghj-permits/r/{res.pk}/", {"f.年份": "两千"})
    assert bad.status_code == 200 and "不是整数" in bad.content.decode()
    csv_out = public.get(f"/data/ghj-permits/r/{res.pk}/export.csv", {"f.年份": "2026"})
    body = b"".join(csv_out.streaming_content).decode("utf-8-sig")
    assert body.splitlines() == ["镇街,年份,金额", "长江镇,2026,950", "搬经镇,2026,700"]
    xlsx = public.get(f"/data/ghj-permits/r/{res.pk}/export.xlsx", {"sort": "金额 asc"})
    ws = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert [c.value for c in ws[2]] == ["搬经镇", 2026, 700]
    assert public.get(f"/data/ghj-permits/r/{res.pk}/export.txt").status_code == 404

    listing = public.get("/data/", {"tag": "规划"}).content.decode()
    assert "建设工程规划许可发证信息" in listing and "自然资源和规划局" in listing
    assert (
        "建设工程规划许可发证信息" not in public.get("/data/", {"format": "PDF"}).content.decode()
    )

    # the figures count what happened above: two page views, five downloads (the file while
    # v2 waited, v1, the current file, the csv and the xlsx export)
    from gongkai.opendata.selectors import usage_by_organisation

    usage = usage_by_organisation(organisation_ids=[world.planning.pk])
    assert usage == [
        {
            "organisation": "示例县自然资源和规划局",
            "datasets": 1,
            "views": 2,
            "downloads": 5,
            "api_calls": 0,
        }
    ]
    monitor = client_for(world.office).get("/manage/supervision/").content.decode()
    assert "数据开放使用情况" in monitor
    ds = svc.dataset_withdraw(actor=planning_reviewer, dataset=ds, reason="数据口径调整")
    assert public.get("/data/ghj-permits/").status_code == 404
    assert not Deadline.objects.filter(
        kind="opendata.update", object_id=str(ds.pk), status="open"
    ).exists()


@pytest.mark.django_db
def test_conditional_datasets_are_listed_but_locked(
    world, planning_editor, planning_reviewer
) -> None:
    with pytest.raises(ValidationError):  # 有条件开放 needs its reason
        f.dataset_make(editor=planning_editor, name="x-cond", title="有条件", access="conditional")
    ds = f.dataset_make(
        editor=planning_editor,
        reviewer=planning_reviewer,
        name="ghj-cond",
        title="不动产登记明细",
        csv_text=CSV,
        access="conditional",
        access_reason="含个人信息，依《个人信息保护法》须申请使用",
    )
    res = ds.resources.get()
    page = Client().get("/data/ghj-cond/").content.decode()
    assert "有条件开放" in page and "需申请后下载" in page
    locked = Client().get(f"/data/ghj-cond/r/{res.pk}/download/")
    assert locked.status_code == 403 and "有条件开放" in locked.content.decode()
    assert Client().get(f"/data/ghj-cond/r/{res.pk}/export.csv").status_code == 403


@pytest.mark.django_db
def test_staff_pages(world, planning_editor, planning_reviewer, finance_editor) -> None:
    editor = client_for(planning_editor)
    made = editor.post(
        "/manage/data/",
        {
            "name": "ghj-roads",
            "title": "规划道路名录",
            "notes": "说明",
            "organisation": world.planning.pk,
            "access": "open",
            "licence": "cc-by-4.0",
            "frequency": "yearly",
            "tags_text": "道路，规划",
        },
    )
    assert made.status_code == 302
    ds = Dataset.objects.get(name="ghj-roads")
    assert ds.tags == ["道路", "规划"]
    bad = editor.post(
        "/manage/data/", {"name": "Bad Name!", "title": "", "organisation": world.planning.pk}
    )
    assert bad.status_code == 200 and "标识名只能用小写字母" in bad.content.decode()
    added = editor.post(
        f"/manage/data/{ds.pk}/resources/", {"name": "名录", "file": _csv("r.csv", CSV)}
    )
    assert added.status_code == 302
    page = editor.get(f"/manage/data/{ds.pk}/").content.decode()
    assert "名录" in page and "提交审核" in page
    assert client_for(finance_editor).get(f"/manage/data/{ds.pk}/").status_code == 404
    editor.post(f"/manage/data/{ds.pk}/submit/")
    client_for(planning_reviewer).post(f"/manage/data/{ds.pk}/review/", {"decision": "approve"})
    assert Dataset.objects.get(pk=ds.pk).status == "published"
    version = ds.resources.get().current()
    svc.datastore_load_version(version_id=version.pk)
    version.refresh_from_db()
    types = {f"t{i}": "text" for i in range(len(version.fields))}
    retyped = editor.post(f"/manage/data/{ds.pk}/versions/{version.pk}/types/", types)
    assert retyped.status_code == 302
    version.refresh_from_db()
    assert [x["type"] for x in version.fields] == ["text", "text", "text"]
    assert Dataset.objects.get(pk=ds.pk).last_updated == timezone.localdate()
