"""Render a public page as an anonymous visitor would get it, through the whole middleware
stack, without a network round trip (docs/static-site.md)."""

from __future__ import annotations

import contextvars
import io
import re
from pathlib import Path

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.http import HttpResponse

from gongkai.core.pagecache import STATIC_RENDER_KEY

# The addresses published as files, each under its own folder of SITE_ROOT. The run
# command's server mounts these folders (scripts/serve); nginx does the same (docs).
PAGE_PATTERN = re.compile(r"^/(?:(art)/(\d{1,12})|(col)/([-\w]{1,50})|(item)/([\w.-]{1,40}))/$")
HOME = "/"

_handler: WSGIHandler | None = None


def is_site_path(path: str) -> bool:
    return path == HOME or (PAGE_PATTERN.match(path) is not None and ".." not in path)


def file_for(path: str) -> Path:
    """The file a page is written to: ``/`` → home/index.html, ``/art/5/`` → art/5/index.html."""
    if not is_site_path(path):
        raise ValueError(f"not a page published as a file: {path!r}")
    root = Path(settings.SITE_ROOT)
    if path == HOME:
        return root / "home" / "index.html"
    return root / path.strip("/") / "index.html"


def _host() -> str:
    for host in settings.ALLOWED_HOSTS:
        if host and "*" not in host and not host.startswith("."):
            return host
    return "localhost"


def render_anonymous(path: str) -> HttpResponse:
    """GET ``path`` with no cookies, as the page every visitor is sent.

    Runs in a copy of the caller's context: the staff request that triggered it keeps its own
    request-scoped values (client address for the audit log).
    """
    global _handler
    if _handler is None:
        _handler = WSGIHandler()
    secure = bool(getattr(settings, "SECURE_SSL_REDIRECT", False))
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": _host(),
        "SERVER_PORT": "443" if secure else "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "https" if secure else "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        STATIC_RENDER_KEY: "1",
    }
    handler = _handler
    # get_response renders template responses itself
    return contextvars.copy_context().run(lambda: handler.get_response(WSGIRequest(environ)))
