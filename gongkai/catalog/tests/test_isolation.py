"""Department data isolation through pages, admin and API (docs/permissions.md)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import client_for
from gongkai.testing import planning_org


@pytest.fixture
def planning_draft(planning_editor):  # type: ignore[no-untyped-def]
    from gongkai.catalog.services import catalog_item_create
    from gongkai.catalog.tests.test_services import item_data

    return catalog_item_create(actor=planning_editor, data=item_data(planning_editor.organisation))


@pytest.mark.django_db
def test_back_office_pages(planning_draft, planning_editor, finance_editor, office, world) -> None:  # type: ignore[no-untyped-def]
    own, other, boss = client_for(planning_editor), client_for(finance_editor), client_for(office)
    detail = reverse("manage:catalog_item", args=[planning_draft.pk])
    edit = reverse("manage:catalog_item_edit", args=[planning_draft.pk])
    submit = reverse("manage:catalog_item_submit", args=[planning_draft.pk])
    assert own.get(detail).status_code == 200
    assert boss.get(detail).status_code == 200
    assert other.get(detail).status_code == 404
    assert other.get(edit).status_code == 404
    assert other.post(edit, {"name": "被篡改"}).status_code == 404
    assert other.post(submit).status_code == 404
    planning_draft.refresh_from_db()
    assert planning_draft.name == "临时建设规划许可" and planning_draft.status == "draft"
    listing = other.get(reverse("manage:catalog_items") + "?status=draft").content.decode()
    assert "临时建设规划许可" not in listing and world.finance_draft_item.name in listing


@pytest.mark.django_db
def test_admin(planning_draft, planning_editor, finance_editor, world) -> None:  # type: ignore[no-untyped-def]
    permit = world.permit_power  # the planning department's
    own, other = client_for(planning_editor), client_for(finance_editor)
    change = reverse("admin:catalog_poweritem_change", args=[permit.pk])
    assert own.get(change).status_code == 200
    assert other.get(change).status_code in (302, 403, 404)
    response = other.post(
        change,
        {
            "name": "篡改",
            "code": permit.code,
            "category": "licensing",
            "basis": "x",
            "organisation": finance_editor.organisation_id,
        },
    )
    assert response.status_code in (302, 403, 404)
    permit.refresh_from_db()
    assert permit.name == world.permit_power.name != "篡改"
    changelist = other.get(reverse("admin:catalog_catalogitem_changelist")).content.decode()
    assert "临时建设规划许可" not in changelist
    assert (
        "临时建设规划许可"
        in own.get(reverse("admin:catalog_catalogitem_changelist")).content.decode()
    )
    # the organisation picker offers only one's own organisation
    add = own.get(reverse("admin:catalog_poweritem_add")).content.decode()
    assert planning_org().name in add and world.finance.name not in add


@pytest.mark.django_db
def test_api(planning_draft, planning_editor, finance_editor, citizen, world) -> None:  # type: ignore[no-untyped-def]
    url = reverse("api:manage_catalog_item", args=[planning_draft.pk])
    other = client_for(finance_editor)
    assert client_for(planning_editor).get(url).status_code == 200
    assert other.get(url).status_code == 404
    response = other.patch(url, {"name": "被篡改"}, content_type="application/json")
    assert response.status_code == 404
    assert client_for(citizen).get(url).status_code == 403
    listing = other.get(reverse("api:manage_catalog_items") + "?status=draft").json()
    mine = world.finance_draft_item
    assert [i["name"] for i in listing["results"]] == [mine.name]
    # moving one's own draft into another department is refused too
    response = other.patch(
        reverse("api:manage_catalog_item", args=[mine.pk]),
        {"organisation": planning_editor.organisation_id},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["message"] == "您无权编辑其他机构的公开事项"
    # drafts never show on the public API
    public = client_for(citizen).get(reverse("api:catalog_items") + "?q=临时建设").json()
    assert public["count"] == 0


@pytest.mark.django_db
def test_public_user_cannot_enter_back_office(citizen, client) -> None:
    assert client_for(citizen).get(reverse("manage:dashboard")).status_code == 403
    assert client.get(reverse("manage:dashboard")).status_code == 302
    assert client_for(citizen).get("/admin/").status_code == 302
