"""Importing a folder: progress, idempotence, changed files, versions, bad files."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.core.models import AuditEvent
from gongkai.laws.models import Law, Provision, Status
from gongkai.laws.services import laws_import
from gongkai.laws.tests.conftest import CORPUS


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "laws"
    for name in ("社会法", "行政法规"):
        shutil.copytree(CORPUS / name, root / name)
    return root


@pytest.mark.django_db
def test_import_is_idempotent_and_updates_what_changed(folder: Path) -> None:
    Law.objects.all().delete()
    seen: list[tuple[int, int]] = []
    first = laws_import(root=folder, progress=lambda done, total: seen.append((done, total)))
    files = len([p for p in folder.rglob("*.md")])
    assert first.created == files and not first.errors
    assert seen[-1] == (files, files)
    assert AuditEvent.objects.filter(action="laws.import").exists()
    again = laws_import(root=folder)
    assert (again.created, again.updated, again.unchanged) == (0, 0, files)
    path = next(folder.rglob("失业保险条例*.md"))
    path.write_text(path.read_text(encoding="utf-8") + "\n第九十九条 新增条文。\n", "utf-8")
    changed = laws_import(root=folder)
    assert (changed.created, changed.updated) == (0, 1)
    law = Law.objects.get(title="失业保险条例")
    assert law.provisions.filter(label="第九十九条").exists()
    assert law.article_count == law.provisions.filter(kind=Provision.Kind.ARTICLE).count()


@pytest.mark.django_db
def test_an_older_version_is_marked_amended(folder: Path) -> None:
    Law.objects.all().delete()
    laws_import(root=folder)
    old, new = Law.objects.filter(title="中华人民共和国未成年人保护法").order_by("version_on")
    assert old.superseded_by == new and new.superseded_by is None
    import datetime as dt

    day = dt.date(2026, 1, 1)
    assert old.status_on(day) == Status.AMENDED and new.status_on(day) == Status.VALID
    assert new.status_on(dt.date(2024, 1, 1)) == Status.PENDING  # before its 施行 day


@pytest.mark.django_db
def test_a_bad_file_is_reported_and_the_rest_imported(folder: Path) -> None:
    (folder / "行政法规" / "坏文件.md").write_bytes("不是法律".encode("gbk"))
    Law.objects.all().delete()
    report = laws_import(root=folder)
    assert report.errors == [("行政法规/坏文件.md", "文件不是UTF-8编码")]
    assert report.created == len(list(folder.rglob("*.md"))) - 1


@pytest.mark.django_db
def test_the_command_shows_progress_and_a_chinese_summary(folder: Path) -> None:
    out = StringIO()
    call_command("laws_import", str(folder), stdout=out)
    text = out.getvalue()
    assert "导入完成" in text and "索引完成" in text


def test_the_command_refuses_a_missing_folder(tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="找不到法律法规文件夹"):
        call_command("laws_import", str(tmp_path / "nowhere"))
