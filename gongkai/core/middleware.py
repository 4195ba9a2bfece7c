from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from gongkai.core.context import client_ip


def request_ip(request: HttpRequest) -> str | None:
    # Only REMOTE_ADDR is trusted; a reverse proxy must set it (docs/deployment.md).
    return request.META.get("REMOTE_ADDR") or None


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
