"""Push intake of 办件 (docs/services.md#push): a department's system posts cases and node
events to ``/api/v1/banjian/push``.

A push carries, besides its token (scope ``banjian:push``, a staff member of the source's
department): ``X-Gongkai-Source`` (the source code), ``X-Gongkai-Timestamp`` (Unix seconds,
within five minutes of ours), ``X-Gongkai-Signature`` (hex HMAC-SHA256 of
``<timestamp>.<raw body>`` with the source's secret) and ``Idempotency-Key``. The same key with
the same body answers what it answered the first time, without ingesting twice; the same key
with another body is refused. Duplicate and out-of-order events inside or across pushes are
made harmless by ``ingest.cases_ingest``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts.permissions import can_edit_org, is_office
from gongkai.core.errors import Conflict
from gongkai.services import rules
from gongkai.services.choices import RunStatus
from gongkai.services.ingest import cases_ingest
from gongkai.services.models import CaseSource, PushReceipt, SourceRun


class SignatureError(Exception):
    """The push is not provably from the source (401): unknown source, stale timestamp or a
    signature that does not match."""


def _check(source: CaseSource, timestamp: str, signature: str, body: bytes) -> None:
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > rules.PUSH_CLOCK_SKEW:
        raise SignatureError("X-Gongkai-Timestamp 缺失或与服务器时间相差超过5分钟")
    expected = rules.signature(source.push_secret, timestamp, body)
    if not source.push_secret or not hmac.compare_digest(expected, signature.strip().lower()):
        raise SignatureError("X-Gongkai-Signature 签名不正确")


def push_accept(
    *,
    user: Any,
    source_code: str,
    timestamp: str,
    signature: str,
    idempotency_key: str,
    body: bytes,
) -> tuple[dict[str, Any], bool]:
    """(the answer, whether it is a replay of an earlier identical push)."""
    source = CaseSource.objects.filter(code=source_code.strip()[:40], is_active=True).first()
    if source is None:  # nothing to check a signature against: not authenticated (401)
        raise SignatureError("X-Gongkai-Source 不是启用中的办件来源代码")
    if not (is_office(user) or can_edit_org(user, source.organisation_id)):
        raise PermissionDenied("令牌所属用户不是该来源部门的工作人员")
    _check(source, timestamp, signature, body)
    key = idempotency_key.strip()
    if not 1 <= len(key) <= 64:
        raise ValidationError({"Idempotency-Key": ["请提供1至64个字符的幂等键"]})
    digest = hashlib.sha256(body).hexdigest()
    old = PushReceipt.objects.filter(source=source, key=key).first()
    if old is not None:
        if old.body_digest != digest:
            raise Conflict("该幂等键已用于内容不同的推送，请换一个幂等键")
        return old.response, True
    try:
        data = json.loads(body or b"{}")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError({"non_field_errors": ["请求内容不是有效的 JSON"]}) from exc
    if not isinstance(data, dict):
        raise ValidationError({"non_field_errors": ["请求内容应为含 cases、nodes 的对象"]})
    cases, nodes = data.get("cases") or [], data.get("nodes") or []
    if not isinstance(cases, list) or not isinstance(nodes, list):
        raise ValidationError({"non_field_errors": ["cases 和 nodes 应为列表"]})
    if len(cases) + len(nodes) > rules.PUSH_MAX_ITEMS:
        raise ValidationError(
            {"non_field_errors": [f"一次最多推送{rules.PUSH_MAX_ITEMS}条办件和环节"]}
        )
    if not all(isinstance(r, dict) for r in [*cases, *nodes]):
        raise ValidationError({"non_field_errors": ["每条办件和环节应为对象"]})
    try:
        with transaction.atomic():
            got = cases_ingest(source=source, cases=cases, nodes=nodes)
            answer = {
                "cases": got.cases,
                "nodes": got.nodes,
                "skipped": got.skipped,
                "errors": got.errors[:50],
            }
            PushReceipt.objects.create(source=source, key=key, body_digest=digest, response=answer)
    except IntegrityError:  # the same key pushed twice at once: the other one won
        old = PushReceipt.objects.filter(source=source, key=key).first()
        if old is None or old.body_digest != digest:
            raise Conflict("该幂等键已用于内容不同的推送，请换一个幂等键") from None
        return old.response, True
    now = timezone.now()
    SourceRun.objects.create(
        source=source,
        finished_at=now,
        status=RunStatus.OK,
        cases=got.cases,
        nodes=got.nodes,
        skipped=got.skipped,
        error="\n".join(got.errors[:20]),
    )
    CaseSource.objects.filter(pk=source.pk).update(
        last_run_at=now, last_success_at=now, failures=0, last_error=""
    )
    return answer, False
