"""Whole-page cache for public pages, invalidated by a version number (docs/publishing.md).

Apps announce changes to public content with their own signals (``publishing.signals``); the
portal connects them to ``bump_public_cache`` in its ``apps.py``. Pages of the old version are
never read again and expire on their own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from gongkai.core.cacheversion import cache_version, cache_version_bump

ELDER_COOKIE = "gk_elder"  # 长辈版 is remembered in this cookie; pages are cached per mode

# Set in the WSGI environ of the internal request that renders a page to a file
# (gongkai/staticsite): such a render is never served from, nor stored in, this cache, and
# the page carries in <meta> what the server that reads the file cannot send as headers.
STATIC_RENDER_KEY = "gongkai.static_render"

VERSION_KEY = "public-cache-version"
TIMEOUT = 600


def is_static_render(request: HttpRequest) -> bool:
    return request.META.get(STATIC_RENDER_KEY) == "1"


def public_cache_version() -> int:
    return cache_version(VERSION_KEY)


def bump_public_cache() -> None:
    cache_version_bump(VERSION_KEY)


def cached_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Cache anonymous GETs by path, query, 长辈版 and version; never for logged-in users."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "GET" or request.user.is_authenticated or is_static_render(request):
            return view(request, *args, **kwargs)
        raw = f"{request.get_full_path()}|{request.COOKIES.get(ELDER_COOKIE, '')}"
        key = f"page:{public_cache_version()}:{hashlib.sha1(raw.encode()).hexdigest()}"
        hit = cache.get(key)
        if hit is not None:
            status, content, content_type = hit
            response = HttpResponse(content, status=status, content_type=content_type)
            response["X-Cache"] = "HIT"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            if hasattr(response, "render"):
                response.render()
            cache.set(key, (200, response.content, response["Content-Type"]), TIMEOUT)
            response["X-Cache"] = "MISS"
        return response

    return wrapper
