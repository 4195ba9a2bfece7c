"""The "公开过程" link on the pages of the subjects supervision can retell (core.links)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from gongkai.core.links import SubjectLink

LABEL = "公开过程完整还原"


def staff_timeline(kind: str) -> Any:
    def provider(obj: Any, user: Any) -> Iterable[SubjectLink]:
        url = reverse("manage:timeline", args=[kind, obj.pk])
        return [SubjectLink(LABEL, "查看每一步的办理人、时间和适用时限", url)]

    return provider


def public_publication_timeline(obj: Any, user: Any) -> Iterable[SubjectLink]:
    url = reverse("supervision:timeline_publication", args=[obj.pk])
    return [SubjectLink("公开过程", "本信息从形成到发布的每一步", url)]


def complaint_of_message(obj: Any, user: Any) -> Iterable[SubjectLink]:
    """The disclosure complaint registered from this 政民互动 投诉, if any."""
    from gongkai.supervision.models import Complaint

    return [
        SubjectLink(
            "公开投诉", str(c), reverse("manage:complaint", args=[c.pk]), c.get_status_display()
        )
        for c in Complaint.objects.filter(message=obj)
    ]


def public_item_timeline(obj: Any, user: Any) -> Iterable[SubjectLink]:
    url = reverse("supervision:timeline_item", args=[obj.code])
    return [SubjectLink("公开过程", "本事项每一期、每一条信息的公开情况", url)]


def public_message_timeline(obj: Any, user: Any) -> Iterable[SubjectLink]:
    url = reverse("supervision:timeline_message", args=[obj.number])
    return [SubjectLink("办理过程", "本留言从收到到答复的每一步", url)]
