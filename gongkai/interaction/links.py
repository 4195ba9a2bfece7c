"""What 政民互动 adds to other apps' pages (core/links.py), connected in apps.py:

- on a published policy's public page, the consultation on its draft and the adoption report
  (决策 stage of 五公开);
- on the staff pages of a record, a catalog item or an FOI application, the messages about it
  (a complaint about a subject is seen wherever staff see the subject), within the user's
  departments.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.urls import reverse

from gongkai.accounts.permissions import orgs_visible_to
from gongkai.core.links import SubjectLink
from gongkai.interaction.consult_rules import ConsultStatus
from gongkai.interaction.models import Consultation, Message


def consultations_for_policy(pub: models.Model, _user: Any) -> Iterable[SubjectLink]:
    for c in Consultation.objects.filter(final_publication=pub, status=ConsultStatus.REPORTED):
        yield SubjectLink(
            label="决策前公开征求意见",
            title=c.title,
            url=reverse("interaction:consultation_report", args=[c.pk]),
            note="意见采纳情况",
        )


def _messages(user: Any, **about: Any) -> Iterable[SubjectLink]:
    qs = Message.objects.filter(organisation__in=orgs_visible_to(user), **about)
    for m in qs.only("pk", "number", "subject", "kind", "status")[:50]:
        yield SubjectLink(
            label=str(m.get_kind_display()),
            title=f"{m.number} {m.subject}",
            url=reverse("manage:message", args=[m.pk]),
            note=str(m.get_status_display()),
        )


def messages_about_publication(pub: models.Model, user: Any) -> Iterable[SubjectLink]:
    return _messages(user, about_publication=pub)


def messages_about_item(item: models.Model, user: Any) -> Iterable[SubjectLink]:
    return _messages(user, about_item=item)


def messages_about_application(app: models.Model, user: Any) -> Iterable[SubjectLink]:
    return _messages(user, about_application=app)
