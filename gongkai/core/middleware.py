from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from gongkai.core.context import client_ip


def request_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or the X-Real-IP header when the request came from a
    proxy named in TRUSTED_PROXIES (nginx in front, docs/deployment.md) — never a header a
    client could send on its own."""
    from django.conf import settings

    remote = request.META.get("REMOTE_ADDR") or None
    if remote and remote in settings.TRUSTED_PROXIES:
        real = request.META.get("HTTP_X_REAL_IP", "").strip()
        if real and len(real) <= 45:
            return real
    return remote


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = client_ip.set(request_ip(request))
        try:
            response = self.get_response(request)
        finally:
            client_ip.reset(token)
        return response


class RejectNulMiddleware:
    """A NUL character can be stored by no database we support (PostgreSQL refuses it and the
    whole transaction fails): such requests get a Chinese 400 before any view runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            from gongkai.core.views_errors import error_response

            return error_response(request, 400, "请求中含有无效字符（空字符），请检查后重试。")
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        if any("\x00" in v for values in request.GET.lists() for v in values[1]):
            return True
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method in ("POST", "PUT", "PATCH"):
            if content_type.startswith("application/x-www-form-urlencoded"):
                return any("\x00" in v for _k, values in request.POST.lists() for v in values)
            if content_type.startswith("application/json"):
                return b"\\u0000" in request.body or b"\x00" in request.body
        return False


# Content-Security-Policy: scripts and styles only from files of this site (no inline script,
# no inline style, no eval); the Django admin keeps its inline styles.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# the same policy in a <meta> element of pages published as files; browsers ignore
# frame-ancestors there, so the front server must send it (docs/static-site.md)
CSP_META = CSP.replace("; frame-ancestors 'none'", "")
CSP_ADMIN = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class SecurityHeadersMiddleware:
    """Content-Security-Policy on every response (docs/security.md)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith("/admin/")
            response["Content-Security-Policy"] = CSP_ADMIN if admin else CSP
        return response
