"""Error pages 错误页面: Chinese, in the portal's layout, with a way back (docs/api.md).

API paths answer the API's one JSON error shape (core.api_base.error_body). The 500 page
falls back to plain HTML when even the layout cannot be rendered (a database that is down
must not hide the message).
"""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

CJK = re.compile(r"[\u4e00-\u9fff]")

PAGES = {
    400: ("请求有误", "您提交的地址或参数不正确，请检查后重试。"),
    403: ("没有访问权限", "您没有权限访问此页面。工作人员请使用本机构账号登录。"),
    404: ("页面不存在", "您要找的页面不存在，或已被移动、撤回。"),
    500: ("服务器出现错误", "服务器暂时无法完成您的请求，我们已记录此问题，请稍后再试。"),
}


def _message(exception: BaseException | None, default: str) -> str:
    """Show a refusal's own reason when it is written in Chinese (services raise such)."""
    text = str(exception.args[0]) if exception is not None and exception.args else ""
    return text if text and CJK.search(text) and len(text) < 200 else default


def error_response(
    request: HttpRequest, status: int, message: str, title: str = ""
) -> HttpResponse:
    title = title or PAGES.get(status, PAGES[400])[0]
    if request.path.startswith("/api/"):
        from gongkai.core.api_base import error_body

        return JsonResponse(
            error_body(status, message), status=status, json_dumps_params={"ensure_ascii": False}
        )
    try:
        html = render_to_string(
            "error.html",
            {"title": title, "message": message, "status": status, "column_name": title},
            request=request,
        )
    except Exception:
        html = (
            f'<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><title>{title}</title>'
            f'<h1>{title}</h1><p>{message}</p><p><a href="/">返回首页</a></p></html>'
        )
    return HttpResponse(html, status=status)


def bad_request(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return error_response(request, 400, PAGES[400][1])


def permission_denied(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return error_response(request, 403, _message(exception, PAGES[403][1]))


def page_not_found(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return error_response(request, 404, _message(exception, PAGES[404][1]))


def server_error(request: HttpRequest) -> HttpResponse:
    return error_response(request, 500, PAGES[500][1])


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_response(
        request,
        403,
        "页面已过期或安全校验未通过。请返回上一页，刷新后重新提交；如仍不行，请确认浏览器允许使用Cookie。",
        title="请刷新后重试",
    )
