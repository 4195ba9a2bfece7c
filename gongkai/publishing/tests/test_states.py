"""Publications and catalog items declare their states once; pages and services obey them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from gongkai.catalog.choices import ITEM_REFUSALS, ItemAction, ItemStatus
from gongkai.catalog.models import CatalogItem
from gongkai.catalog.services import (
    catalog_item_adjust,
    catalog_item_revoke,
    catalog_item_submit,
    catalog_item_update_draft,
)
from gongkai.publishing.choices import PUB_REFUSALS, PubAction, PubStatus
from gongkai.publishing.models import Publication
from gongkai.publishing.services import (
    publication_exempt_interpretation,
    publication_review,
    publication_revise,
    publication_submit,
    publication_update,
    publication_withdraw,
)
from gongkai.testing import planning_org


def _pub_in(status: str) -> Publication:
    pub = Publication.objects.filter(organisation=planning_org()).order_by("id").first()
    Publication.objects.filter(pk=pub.pk).update(status=status)
    return Publication.objects.get(pk=pub.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("status", PubStatus.values)
def test_publication_buttons_and_services_follow_the_declared_states(
    status: str, planning_editor, planning_reviewer
) -> None:
    pub = _pub_in(status)
    page = client_for(planning_reviewer).get(reverse("manage:publication", args=[pub.pk]))
    shown = set(re.findall(r'data-action="([a-z_]+)"', page.content.decode()))
    expected = set(pub.allowed_actions()) - {PubAction.EXEMPT_INTERPRETATION}
    if not pub.needs_interpretation:
        assert shown == expected
    attempts = {
        PubAction.EDIT: lambda: publication_update(
            actor=planning_editor, pub=pub, data={"title": "新标题"}
        ),
        PubAction.SUBMIT: lambda: publication_submit(actor=planning_editor, pub=pub),
        PubAction.REVIEW: lambda: publication_review(
            actor=planning_reviewer, pub=pub, approve=False, comment="请修改"
        ),
        PubAction.EXEMPT_INTERPRETATION: lambda: publication_exempt_interpretation(
            actor=planning_reviewer, pub=pub, reason="无需解读"
        ),
        PubAction.REVISE: lambda: publication_revise(
            actor=planning_reviewer, pub=pub, data={"title": "修订"}, note="更正错字"
        ),
        PubAction.WITHDRAW: lambda: publication_withdraw(
            actor=planning_reviewer, pub=pub, reason="内容有误"
        ),
    }
    for action, attempt in attempts.items():
        if pub.can(action):
            continue
        with pytest.raises(ValidationError) as exc:
            attempt()
        assert PUB_REFUSALS[action] in exc.value.messages


@pytest.mark.django_db
@pytest.mark.parametrize("status", ItemStatus.values)
def test_catalog_item_buttons_and_services_follow_the_declared_states(
    status: str, planning_editor
) -> None:
    item = CatalogItem.objects.filter(
        organisation=planning_org(), is_group=False, status=ItemStatus.PUBLISHED
    ).first()
    CatalogItem.objects.filter(pk=item.pk).update(status=status)
    item = CatalogItem.objects.get(pk=item.pk)
    page = client_for(planning_editor).get(reverse("manage:catalog_item", args=[item.pk]))
    shown = set(re.findall(r'data-action="([a-z_]+)"', page.content.decode()))
    assert shown == set(item.allowed_actions())
    today = timezone.localdate() + dt.timedelta(days=1)
    attempts = {
        ItemAction.EDIT: lambda: catalog_item_update_draft(
            actor=planning_editor, item=item, data={"content": "新内容"}
        ),
        ItemAction.SUBMIT: lambda: catalog_item_submit(actor=planning_editor, item=item),
        ItemAction.ADJUST: lambda: catalog_item_adjust(
            actor=planning_editor,
            item=item,
            data={"content": "调整后内容"},
            reason="上级要求",
            effective_date=today,
        ),
        ItemAction.REVOKE: lambda: catalog_item_revoke(
            actor=planning_editor, item=item, reason="职能划转", effective_date=today
        ),
    }
    for action, attempt in attempts.items():
        if item.can(action):
            continue
        with pytest.raises((ValidationError, PermissionDenied)) as exc:
            attempt()
        assert ITEM_REFUSALS[action] in exc.value.messages
