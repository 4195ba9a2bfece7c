"""Pages published as files: what a change rewrites, atomic writes, withdrawal, claims."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.utils import timezone

from gongkai.catalog.services import catalog_item_revoke
from gongkai.core.context import client_ip
from gongkai.publishing.models import Column, Publication
from gongkai.publishing.services import publication_revise, publication_withdraw
from gongkai.staticsite import services
from gongkai.staticsite.models import SitePage
from gongkai.staticsite.render import file_for, is_site_path
from gongkai.staticsite.services import (
    site_build,
    site_pages_flush,
    site_pages_mark,
    site_publishing_paused,
)
from gongkai.testing import planning_org


@pytest.fixture
def site(settings, tmp_path) -> Path:  # type: ignore[no-untyped-def]
    settings.STATIC_SITE = True
    settings.SITE_ROOT = str(tmp_path / "site")
    return tmp_path / "site"


@pytest.fixture
def pub(db) -> Publication:  # type: ignore[no-untyped-def]
    return (
        Publication.objects.published()
        .filter(organisation=planning_org(), interprets__isnull=True, revision=0)
        .first()
    )


def read(path: str) -> str:
    return file_for(path).read_text()


@pytest.mark.django_db
def test_build_writes_every_public_page_as_django_renders_it(client, site, pub) -> None:
    report = site_build()
    assert report.flush.failed == 0 and report.flush.written == report.expected
    article = read(pub.get_absolute_url())
    assert pub.title in article and pub.title in read("/")
    # the same page Django sends an anonymous visitor, less what only headers can carry
    assert '<meta http-equiv="Content-Security-Policy"' in article
    assert "csrfmiddlewaretoken" not in article and "退出登录" not in article
    served = client.get(pub.get_absolute_url()).content.decode()
    assert served.split("<title>")[1] == article.split("<title>")[1]
    for column in Column.objects.all():
        assert file_for(column.get_absolute_url()).exists()
    assert (site / ".stamp").exists()
    # a second build renders nothing: every file is there and up to date
    assert site_build().flush.written == 0


@pytest.mark.django_db
def test_revision_rewrites_article_home_and_columns_at_once(
    site, pub, planning_reviewer, django_capture_on_commit_callbacks
) -> None:
    site_build()
    link = f'href="{pub.get_absolute_url()}"'
    columns = [c for c in Column.objects.all() if link in read(c.get_absolute_url())]
    assert columns
    with django_capture_on_commit_callbacks(execute=True):
        publication_revise(
            actor=planning_reviewer, pub=pub, data={"title": "修订后的静态标题"}, note="更正"
        )
    assert "修订后的静态标题" in read(pub.get_absolute_url())
    assert "修订后的静态标题" in read("/")
    for column in columns:
        assert "修订后的静态标题" in read(column.get_absolute_url())
    assert not SitePage.objects.filter(path=pub.get_absolute_url(), error__gt="").exists()


@pytest.mark.django_db
def test_withdrawal_replaces_the_text_with_the_notice_at_once(
    site, pub, planning_reviewer, django_capture_on_commit_callbacks
) -> None:
    site_build()
    with django_capture_on_commit_callbacks(execute=True):
        publication_withdraw(actor=planning_reviewer, pub=pub, reason="内容过时")
    page = read(pub.get_absolute_url())
    assert "已撤回" in page and pub.body[:40] not in page
    assert f'href="{pub.get_absolute_url()}"' not in read("/")
    assert SitePage.objects.get(path=pub.get_absolute_url()).status == 410


@pytest.mark.django_db
def test_a_revoked_catalog_item_page_says_so(
    site, world, planning_editor, django_capture_on_commit_callbacks
) -> None:
    site_build()
    item = world.permit_item
    path = item.get_absolute_url()
    assert path == f"/item/{item.code}/" and file_for(path).exists()
    with django_capture_on_commit_callbacks(execute=True):
        catalog_item_revoke(
            actor=planning_editor, item=item, reason="事项取消", effective_date=timezone.localdate()
        )
    # the change marked the page; the worker's flush (here called directly) renders it
    assert SitePage.objects.get(path=path).is_stale
    site_pages_flush()
    # a revoked item keeps its public page (with its versions), which now says so
    assert SitePage.objects.get(path=path).status == 200 and "本事项已取消" in read(path)


@pytest.mark.django_db
def test_pages_no_longer_public_are_removed_by_the_build(site, pub) -> None:
    site_build()
    column = Column.objects.filter(children__isnull=True).first()
    path = column.get_absolute_url()
    assert file_for(path).exists()
    column.delete()
    site_build()
    assert not file_for(path).exists() and file_for(path).parent.parent.is_dir()
    # a file deleted by hand is written again; nothing else is rendered
    file_for(pub.get_absolute_url()).unlink()
    assert site_build().flush.written == 1 and file_for(pub.get_absolute_url()).exists()


@pytest.mark.django_db
def test_an_older_render_never_overwrites_a_newer_one(site, pub) -> None:
    path = pub.get_absolute_url()
    site_pages_mark(paths=[path])
    old_generation = SitePage.objects.get(path=path).dirty
    site_pages_mark(paths=[path])  # changed again while the first render was running
    site_pages_flush(paths=[path])
    newest = read(path)
    Path(file_for(path)).write_text(newest)
    report = services.FlushReport()
    page = SitePage.objects.get(path=path)
    services._flush_one(page.pk, path, page.dirty, report)  # already rendered: nothing to do
    services._flush_one(page.pk, path, old_generation, report)
    assert report.written == 0 and read(path) == newest


@pytest.mark.django_db
def test_a_failed_write_keeps_the_old_file_and_the_page_stale(site, pub, monkeypatch) -> None:
    path = pub.get_absolute_url()
    site_build()
    before = read(path)
    site_pages_mark(paths=[path])

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("磁盘已满")

    monkeypatch.setattr(os, "replace", broken_replace)
    Publication.objects.filter(pk=pub.pk).update(title="改过的标题")  # so the bytes differ
    report = site_pages_flush(paths=[path])
    assert report.failed == 1 and "磁盘已满" in report.errors[0]
    assert read(path) == before
    assert not [p for p in file_for(path).parent.iterdir() if p.name.endswith(".tmp")]
    page = SitePage.objects.get(path=path)
    assert page.is_stale and "磁盘已满" in page.error
    monkeypatch.undo()
    assert site_pages_flush().written == 1 and "改过的标题" in read(path)


@pytest.mark.django_db
def test_paused_changes_only_mark(
    site, pub, planning_reviewer, django_capture_on_commit_callbacks
) -> None:
    with site_publishing_paused(), django_capture_on_commit_callbacks(execute=True):
        publication_revise(actor=planning_reviewer, pub=pub, data={"title": "批量"}, note="批量")
    assert not file_for(pub.get_absolute_url()).exists()
    assert SitePage.objects.get(path=pub.get_absolute_url()).is_stale


@pytest.mark.django_db
def test_rendering_inside_a_request_keeps_its_client_address(site, pub) -> None:
    token = client_ip.set("203.0.113.9")
    try:
        site_pages_mark(paths=[pub.get_absolute_url()])
        site_pages_flush()
        assert client_ip.get() == "203.0.113.9"
    finally:
        client_ip.reset(token)


def test_only_the_published_address_families_map_to_files(settings, tmp_path) -> None:
    settings.SITE_ROOT = str(tmp_path)
    assert file_for("/") == tmp_path / "home" / "index.html"
    assert file_for("/art/12/") == tmp_path / "art" / "12" / "index.html"
    assert file_for("/item/010201/") == tmp_path / "item" / "010201" / "index.html"
    for bad in ("/art/../x/", "/art/1/../../", "/info/", "/art/x/", "/item/../", "/col/a/b/"):
        assert not is_site_path(bad)
        with pytest.raises(ValueError):
            file_for(bad)


@pytest.mark.django_db
def test_django_still_answers_every_address_and_the_old_ones(client, pub) -> None:
    assert client.get(f"/art/{pub.pk}/").status_code == 200
    moved = client.get(f"/info/{pub.pk}/")
    assert moved.status_code == 301 and moved["Location"] == f"/art/{pub.pk}/"
    printed = client.get(f"/info/{pub.pk}/?print=1")
    assert printed.status_code == 200 and pub.title in printed.content.decode()
    column = Column.objects.first()
    second = client.get(f"/col/{column.slug}/?page=2")
    assert second.status_code == 302
    assert second["Location"] == f"/info/c/{column.slug}/?page=2"
    first = client.get(f"/col/{column.slug}/").content.decode()
    if "下一页" in first:  # the file cannot read ?page=: its links go to Django
        assert f'href="/info/c/{column.slug}/?page=2"' in first
    item = client.get("/catalog/items/010201/")
    assert item.status_code == 301 and item["Location"] == "/item/010201/"


@pytest.mark.django_db
def test_nothing_is_written_when_static_publishing_is_off(
    settings, tmp_path, pub, planning_reviewer, django_capture_on_commit_callbacks
) -> None:
    settings.STATIC_SITE = False
    settings.SITE_ROOT = str(tmp_path / "off")
    with django_capture_on_commit_callbacks(execute=True):
        publication_revise(actor=planning_reviewer, pub=pub, data={"title": "关"}, note="x")
    assert not SitePage.objects.exists() and not (tmp_path / "off").exists()


@pytest.mark.django_db
def test_signed_in_people_following_login_on_a_file_page_go_on(client, planning_editor) -> None:
    from gongkai.accounts.models import User

    citizen = User.objects.create_user(username="13800009999", password="x-pass-2026")
    client.force_login(citizen)
    assert client.get("/accounts/login/")["Location"] == "/me/"
    client.force_login(planning_editor)
    assert client.get("/accounts/login/")["Location"] == "/manage/"
