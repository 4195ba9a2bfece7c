"""Open311 GeoReport v2 (docs/interaction.md#open311): existing Open311 clients file and read
建言 and 投诉 at /open311/v2/.

- ``GET services.{json|xml}``: the two services (service_code = the message kind);
- ``POST requests.{json|xml}``: file one (``api_key`` of a registered Open311Client, a
  ``service_code``, a location — ``lat``+``long`` or ``address_string`` or ``address_id`` —
  and ``description``); answered with ``service_request_id`` (the message number);
- ``GET requests.{json|xml}`` and ``GET requests/{id}.{json|xml}``: the requests anyone may
  see (answered, and the writer agreed to publication), plus — with the client's api_key —
  the requests that client filed, whatever their state;
- ``jurisdiction_id`` is optional (this server has one jurisdiction, SITE_DOMAIN); another
  value is a 404 as the spec says. Errors are the spec's list of {code, description}.

Writers' names and contacts never appear. The same flood limits as the web form apply
(interaction/limits.py); the client is trusted to have verified its user's phone or e-mail,
which is why it needs a key the 政务公开办 issues.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.etree import ElementTree as ET

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from gongkai.interaction.choices import OPEN_STATUSES, PUBLIC_STATUSES, Kind, Status
from gongkai.interaction.limits import submission_refused
from gongkai.interaction.models import Message, Open311Client
from gongkai.interaction.services import message_submit

SERVICES = {
    Kind.SUGGESTION: "对政府工作和公共事务提出意见建议，由政务公开办分办到承办机构，按时限答复。",
    Kind.COMPLAINT: "对行政机关、公共服务或具体办件提出投诉，由承办机构核实处理并答复。",
}
PHONE = re.compile(r"^1[3-9]\d{9}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_LIST = 1000  # the spec's default limit is 1000 requests or 90 days


# keys -------------------------------------------------------------------------------------
def open311_client_create(*, name: str, contact: str = "") -> tuple[Open311Client, str]:
    """A new client and its api_key (shown once)."""
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    key = f"o311_{prefix}_{secret}"
    client = Open311Client.objects.create(
        name=name[:60], contact=contact[:100], prefix=prefix, key_hash=_hash(key)
    )
    return client, key


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _client_for(key: str) -> Open311Client | None:
    parts = (key or "").split("_")
    if len(parts) < 3 or parts[0] != "o311":
        return None
    client = Open311Client.objects.filter(prefix=parts[1], is_active=True).first()
    if client is None or not secrets.compare_digest(client.key_hash, _hash(key)):
        return None
    return client


# rendering --------------------------------------------------------------------------------
def _xml(root: str, item: str, rows: list[dict[str, Any]]) -> bytes:
    top = ET.Element(root)
    for row in rows:
        el = ET.SubElement(top, item)
        for key, value in row.items():
            child = ET.SubElement(el, key)
            if isinstance(value, list):
                for v in value:
                    ET.SubElement(child, "keyword" if key == "keywords" else "value").text = str(v)
            elif value is not None:
                child.text = str(value).lower() if isinstance(value, bool) else str(value)
    return b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(top, encoding="utf-8")


def _respond(fmt: str, root: str, item: str, rows: list[dict[str, Any]], status: int = 200) -> Any:
    if fmt == "xml":
        return HttpResponse(
            _xml(root, item, rows), content_type="text/xml; charset=utf-8", status=status
        )
    return JsonResponse(rows, safe=False, status=status, json_dumps_params={"ensure_ascii": False})


def _error(fmt: str, status: int, description: str) -> Any:
    return _respond(fmt, "errors", "error", [{"code": status, "description": description}], status)


def _jurisdiction_ok(request: HttpRequest) -> bool:
    wanted = (
        request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id") or ""
    ).strip()
    return not wanted or wanted == settings.SITE_DOMAIN


def _check(request: HttpRequest, fmt: str) -> Any:
    if fmt not in ("json", "xml"):
        return _error("json", 404, "不支持的格式，请使用 .json 或 .xml")
    if not _jurisdiction_ok(request):
        return _error(fmt, 404, f"jurisdiction_id 不正确，本服务的辖区为 {settings.SITE_DOMAIN}")
    return None


# services ---------------------------------------------------------------------------------
def services(request: HttpRequest, fmt: str) -> Any:
    problem = _check(request, fmt)
    if problem:
        return problem
    rows = [
        {
            "service_code": kind.value,
            "service_name": str(kind.label),
            "description": text,
            "metadata": False,
            "type": "realtime",
            "keywords": [str(kind.label), "政民互动"],
            "group": "政民互动",
        }
        for kind, text in SERVICES.items()
    ]
    return _respond(fmt, "services", "service", rows)


def service_definition(request: HttpRequest, code: str, fmt: str) -> Any:
    """No service needs extra attributes (metadata is false), so there is no definition."""
    problem = _check(request, fmt)
    if problem:
        return problem
    return _error(fmt, 404, "该服务没有附加属性定义（metadata 为 false）")


# requests ---------------------------------------------------------------------------------
def _iso(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _as_request(msg: Message, *, own: bool) -> dict[str, Any]:
    """A message as a GeoReport service request; ``own``: the filing client is asking."""
    public = msg.allow_public and msg.status in PUBLIC_STATUSES
    notes = ""
    if msg.status in PUBLIC_STATUSES and (public or own):
        notes = msg.answer
    elif msg.status == Status.REJECTED:
        notes = f"不予受理：{msg.reject_reason}"
    elif msg.status == Status.PETITION:
        notes = "属信访事项，已转信访渠道办理"
    due = (
        timezone.make_aware(dt.datetime.combine(msg.reply_due, dt.time(17, 30)))
        if msg.reply_due
        else None
    )
    return {
        "service_request_id": msg.number,
        "status": "open" if msg.status in OPEN_STATUSES else "closed",
        "status_notes": notes,
        "service_name": str(Kind(msg.kind).label),
        "service_code": msg.kind,
        "description": msg.content if (public or own) else "",
        "agency_responsible": msg.organisation.name,
        "service_notice": f"按规定时限答复，答复期限 {msg.reply_due:%Y-%m-%d}"
        if msg.reply_due
        else "",
        "requested_datetime": _iso(msg.created_at),
        "updated_datetime": _iso(msg.updated_at),
        "expected_datetime": _iso(due),
        "address": msg.address,
        "address_id": "",
        "zipcode": "",
        "lat": float(msg.lat) if msg.lat is not None else None,
        "long": float(msg.lon) if msg.lon is not None else None,
        "media_url": "",
    }


def _visible(client: Open311Client | None) -> QuerySet[Message]:
    seen = Q(allow_public=True, status__in=PUBLIC_STATUSES)
    if client is not None:
        seen |= Q(open311_client=client)
    return (
        Message.objects.filter(seen, kind__in=list(SERVICES))
        .select_related("organisation")
        .defer("name", "phone", "email")
    )


def _date(value: str) -> dt.datetime | None:
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _list(request: HttpRequest, fmt: str) -> Any:
    client = _client_for(request.GET.get("api_key", ""))
    qs = _visible(client)
    ids = [i.strip().upper() for i in request.GET.get("service_request_id", "").split(",")]
    ids = [i for i in ids if i][:100]
    if ids:  # the spec: other parameters are ignored when ids are given
        rows = qs.filter(number__in=ids)
    else:
        code = request.GET.get("service_code", "")
        if code:
            if code not in SERVICES:
                return _error(fmt, 400, "service_code 不正确")
            qs = qs.filter(kind=code)
        status = request.GET.get("status", "")
        if status:
            wanted = set(status.split(","))
            if not wanted <= {"open", "closed"}:
                return _error(fmt, 400, "status 只能是 open 或 closed")
            if wanted == {"open"}:
                qs = qs.filter(status__in=list(OPEN_STATUSES))
            elif wanted == {"closed"}:
                qs = qs.exclude(status__in=list(OPEN_STATUSES))
        end = _date(request.GET["end_date"]) if request.GET.get("end_date") else timezone.now()
        start = (
            _date(request.GET["start_date"])
            if request.GET.get("start_date")
            else (end - dt.timedelta(days=90) if end else None)
        )
        if start is None or end is None:
            return _error(fmt, 400, "start_date、end_date 应为 W3C 格式的日期时间")
        if end < start or (end - start).days > 90:
            return _error(fmt, 400, "查询区间不能超过90天，且截止时间不能早于开始时间")
        rows = qs.filter(created_at__gte=start, created_at__lte=end)
    rows = rows.order_by("-created_at")[:MAX_LIST]
    own = client.pk if client else None
    data = [_as_request(m, own=own is not None and m.open311_client_id == own) for m in rows]
    return _respond(fmt, "service_requests", "request", data)


def _location(post: Any) -> tuple[dict[str, Any], str]:
    lat, lon = post.get("lat", "").strip(), post.get("long", "").strip()
    address = (post.get("address_string") or post.get("address_id") or "").strip()[:200]
    values: dict[str, Any] = {"address": address}
    if lat or lon:
        try:
            values["lat"], values["lon"] = Decimal(lat), Decimal(lon)
        except InvalidOperation:
            return {}, "lat、long 应为十进制经纬度"
        if not (-90 <= values["lat"] <= 90 and -180 <= values["lon"] <= 180):
            return {}, "lat、long 超出范围"
        values["lat"], values["lon"] = round(values["lat"], 6), round(values["lon"], 6)
    elif not address:
        return {}, "缺少位置：请提供 lat 和 long，或 address_string，或 address_id"
    return values, ""


def _create(request: HttpRequest, fmt: str) -> Any:
    post = request.POST
    client = _client_for(post.get("api_key", ""))
    if client is None:
        return _error(fmt, 403, "api_key 无效或已停用")
    code = post.get("service_code", "")
    if code not in SERVICES:
        return _error(fmt, 400, "service_code 不正确，可选：" + "、".join(SERVICES))
    description = post.get("description", "").strip()
    if not description:
        return _error(fmt, 400, "请提供 description（诉求内容）")
    if len(description) > 4000:  # the spec's limit
        return _error(fmt, 400, "description 不能超过4000字")
    place, problem = _location(post)
    if problem:
        return _error(fmt, 400, problem)
    phone, email = post.get("phone", "").strip(), post.get("email", "").strip()
    if phone and not PHONE.match(phone):
        return _error(fmt, 400, "phone 应为11位手机号码")
    if email and not EMAIL.match(email):
        return _error(fmt, 400, "email 格式不正确")
    if not (phone or email):
        return _error(fmt, 400, "请提供 phone 或 email，以便答复")
    refused = submission_refused(request, phone or email)
    if refused:
        return _error(fmt, 429, refused)
    name = f"{post.get('last_name', '')}{post.get('first_name', '')}".strip()[:30] or "网民"
    data = {
        "kind": code,
        "subject": description.splitlines()[0][:40],
        "content": description[:5000],
        "name": name,
        "phone": phone,
        "email": email[:254],
        "open311_client": client,
        **place,
    }
    try:
        msg, _query_code = message_submit(data=data)
    except ValidationError as exc:
        return _error(fmt, 400, "；".join(exc.messages))
    notice = f"已受理登记，留言编号 {msg.number}，答复期限 {msg.reply_due:%Y-%m-%d}"
    return _respond(
        fmt,
        "service_requests",
        "request",
        [{"service_request_id": msg.number, "service_notice": notice, "account_id": None}],
        201,
    )


@csrf_exempt  # an api_key, never a cookie, authenticates these calls
def requests(request: HttpRequest, fmt: str) -> Any:
    problem = _check(request, fmt)
    if problem:
        return problem
    if request.method == "POST":
        return _create(request, fmt)
    if request.method != "GET":
        return _error(fmt, 405, "只支持 GET 和 POST")
    return _list(request, fmt)


def request_one(request: HttpRequest, number: str, fmt: str) -> Any:
    problem = _check(request, fmt)
    if problem:
        return problem
    client = _client_for(request.GET.get("api_key", ""))
    msg = _visible(client).filter(number=number.upper()[:20]).first()
    if msg is None:
        return _error(fmt, 404, "没有该诉求，或其内容未公开")
    own = client is not None and msg.open311_client_id == client.pk
    return _respond(fmt, "service_requests", "request", [_as_request(msg, own=own)])
