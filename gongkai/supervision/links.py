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
