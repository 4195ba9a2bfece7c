"""OpenAPI generation: every operation documents the error statuses it can really answer,
all in the one error shape (core.api_base.ErrorOut; docs/api.md#errors).

Which statuses an operation can answer follows from how it is built, so they are derived here
instead of being repeated on every view: 400 when it takes parameters or a body, 401/403 when
its permission classes are not AllowAny (403 also for CSRF on session writes), 404 when its
path names an object, 415 when it takes a body, 429 always (anonymous and token rates).
Statuses a view answers for its own reasons (409 for a step its state does not allow, 404 for
a wrong query code) are declared on the view with ``extend_schema(responses=…)``.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema as BaseAutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework.permissions import AllowAny

from gongkai.core.api_base import DEFAULTS, ErrorOut

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def error(status: int, description: str = "") -> OpenApiResponse:
    return OpenApiResponse(ErrorOut, description=description or DEFAULTS[status][1])


class AutoSchema(BaseAutoSchema):
    def _error_statuses(self) -> dict[int, str]:
        statuses: dict[int, str] = {}
        has_body = self.method in UNSAFE
        has_params = bool(self._get_parameters()) or has_body  # type: ignore[attr-defined]
        if has_params:
            statuses[400] = "输入有误（errors 中逐项中文说明）"
        restricted = any(not isinstance(p, AllowAny) for p in self.view.get_permissions())
        if restricted:
            statuses[401] = "未登录，或访问令牌无效、已过期、已撤销"
            statuses[403] = "没有权限（非本机关工作人员，或令牌缺少所需权限范围）"
        elif has_body:
            statuses[403] = "已登录的浏览器会话未通过 CSRF 校验"
        if "{" in self.path:
            statuses[404] = "对象不存在，或不在您的权限范围内"
        elif self._is_list_view() and self._get_paginator():  # type: ignore[attr-defined]
            statuses[404] = "页码超出范围"
        if has_body:
            statuses[415] = DEFAULTS[415][1]
        statuses[429] = "请求过于频繁（Retry-After 头给出等待秒数）"
        return statuses

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)  # type: ignore[arg-type]
        for status, description in self._error_statuses().items():
            if str(status) not in responses:
                responses[str(status)] = self._get_response_for_code(
                    error(status, description), str(status), direction=direction
                )
        return dict(sorted(responses.items()))
