"""DRF plumbing named in settings; kept free of view imports to avoid import cycles.

Every API error has one JSON shape (docs/api.md#errors)::

    {"code": "invalid", "message": "输入有误，请按各项说明修改。", "errors": {"phone": ["…"]}}

``code`` is stable for programs, ``message`` is Chinese for people, ``errors`` maps each field
(``non_field_errors`` for the whole input) to its Chinese reasons and is empty otherwise.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from gongkai.core.errors import Conflict

# status → (code, Chinese message) when the exception brings no Chinese reason of its own
DEFAULTS: dict[int, tuple[str, str]] = {
    400: ("invalid", "输入有误，请按各项说明修改。"),
    401: ("not_authenticated", "请先登录，或在 Authorization 头中提供有效的访问令牌。"),
    403: ("permission_denied", "您没有执行该操作的权限。"),
    404: ("not_found", "未找到该对象。"),
    405: ("method_not_allowed", "该接口不支持此请求方法。"),
    406: ("not_acceptable", "无法按请求的格式返回，请接受 application/json。"),
    409: ("conflict", "该对象当前的状态不允许此操作。"),
    413: ("too_large", "提交的内容过大。"),
    415: ("unsupported_media_type", "不支持的内容类型，请以 application/json 提交。"),
    429: ("throttled", "请求过于频繁，请稍后再试。"),
    500: ("server_error", "服务器暂时无法完成您的请求，请稍后再试。"),
    503: ("unavailable", "服务暂时不可用，请稍后再试。"),
}


class ErrorOut(serializers.Serializer):
    """The one error shape of the API (documented under every error status)."""

    code = serializers.CharField(help_text="稳定的错误代码，如 invalid、not_found、throttled")
    message = serializers.CharField(help_text="中文说明")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="逐项的中文说明（字段名 → 说明列表）；整体错误在 non_field_errors 下；无则为空",
    )


def error_body(
    status: int, message: str = "", errors: dict[str, list[str]] | None = None, code: str = ""
) -> dict[str, Any]:
    default_code, default_message = DEFAULTS.get(status, DEFAULTS[400])
    return {
        "code": code or default_code,
        "message": message or default_message,
        "errors": errors or {},
    }


def error_response(
    status: int, message: str = "", errors: dict[str, list[str]] | None = None, code: str = ""
) -> Response:
    return Response(error_body(status, message, errors, code), status=status)


class Pagination(PageNumberPagination):
    """Strict paging: a page or page size that is not a whole number in range is a 400 (DRF
    would silently fall back to the default), a page past the end a 404."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = "页码超出范围。"

    def _number(self, request: Any, name: str, high: int) -> int | None:
        raw = request.query_params.get(name)
        if raw is None:
            return None
        if not (raw.isascii() and raw.isdigit() and 1 <= int(raw) <= high):
            raise exceptions.ValidationError({name: [f"{name} 应为1至{high}之间的整数"]})
        return int(raw)

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> Any:
        self._number(request, self.page_query_param, MAX_PAGE)
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request: Any) -> int:
        size = self._number(request, self.page_size_query_param, self.max_page_size)
        return size or self.page_size

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        params = super().get_schema_operation_parameters(view)
        bounds = {self.page_query_param: MAX_PAGE, self.page_size_query_param: self.max_page_size}
        for param in params:
            param["schema"] = {"type": "integer", "minimum": 1, "maximum": bounds[param["name"]]}
        return params


MAX_PAGE = 100_000


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail → {"field": [...], "items.0.name": [...]}."""
    out: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            out.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(detail, list) and detail and all(isinstance(d, dict | list) for d in detail):
        for i, value in enumerate(detail):
            out.update(_flatten(value, f"{prefix}.{i}" if prefix else str(i)))
    else:
        items = detail if isinstance(detail, list) else [detail]
        out[prefix or "non_field_errors"] = [str(d) for d in items]
    return out


def _django_errors(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if k == "__all__" else k): v for k, v in exc.message_dict.items()
        }
    return {"non_field_errors": exc.messages}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Every error the API raises becomes the one shape above, with a Chinese message."""
    if isinstance(exc, Conflict):
        return error_response(409, exc.messages[0] if exc.messages else "")
    if isinstance(exc, DjangoValidationError):
        errors = _django_errors(exc)
        only = errors.get("non_field_errors", [])
        message = only[0] if len(errors) == 1 and len(only) == 1 else ""
        return error_response(400, message, errors)
    if isinstance(exc, Http404):
        return error_response(404)
    if isinstance(exc, DjangoPermissionDenied):
        return error_response(403, str(exc))
    if not isinstance(exc, exceptions.APIException):
        return None  # a real fault: Django's handler answers the JSON 500 (views_errors)
    status = exc.status_code
    headers: dict[str, str] = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header  # type: ignore[attr-defined]
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))  # type: ignore[attr-defined]
    if isinstance(exc, exceptions.ValidationError):
        body = error_body(400, "", _flatten(exc.detail))
    elif isinstance(exc, exceptions.Throttled):
        wait = f"请在 {int(exc.wait)} 秒后再试。" if exc.wait else "请稍后再试。"
        body = error_body(429, f"请求过于频繁，{wait}")
    elif isinstance(exc, exceptions.ParseError):
        body = error_body(400, "请求内容不是有效的 JSON。", code="parse_error")
    elif isinstance(exc, exceptions.AuthenticationFailed):
        body = error_body(status, _chinese(exc.detail), code="authentication_failed")
    else:
        body = error_body(status, _chinese(exc.detail))
    return Response(body, status=status, headers=headers)


def _chinese(detail: Any) -> str:
    """Keep a reason written in Chinese (ours, or DRF's zh-hans translation); else the default."""
    text = str(detail) if not isinstance(detail, dict | list) else ""
    return text if any("\u4e00" <= ch <= "\u9fff" for ch in text) else ""
