"""Security defaults: a Content-Security-Policy that forbids inline script, and TLS settings
(secure cookies, HTTPS redirect, HSTS) when ``HTTPS=true``."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings

from conftest import client_for

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)


@pytest.mark.django_db
def test_every_page_carries_a_policy_without_inline_script(client, world, office) -> None:  # type: ignore[no-untyped-def]
    pages = [
        "/",
        "/info/",
        world.notice.get_absolute_url(),
        world.notice.get_absolute_url() + "?print=1",
        "/catalog/",
        world.permit_item.get_absolute_url(),
        "/search/?q=规划",
        "/foi/apply/",
        "/accounts/login/",
        "/laws/",
        "/no-such-page/",
    ]
    for url in pages:
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy, url
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html))
        assert ' style="' not in html and "javascript:" not in html, url
    staff = client_for(office).get("/manage/")
    assert not INLINE_SCRIPT.search(staff.content.decode())
    # the Django admin keeps its inline styles, never inline script
    admin = client_for(world.sysadmin).get("/admin/")
    assert "style-src 'self' 'unsafe-inline'" in admin["Content-Security-Policy"]
    assert "script-src 'self';" in admin["Content-Security-Policy"]


def _settings_with(env: dict[str, str]) -> dict:  # type: ignore[type-arg]
    code = (
        "import django, json; from django.conf import settings as s; django.setup(); "
        "print(json.dumps({k: getattr(s, k, None) for k in ('SESSION_COOKIE_SECURE', "
        "'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', "
        "'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_PROXY_SSL_HEADER')}))"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    base.update(DJANGO_SETTINGS_MODULE="config.settings", DEBUG="false", SECRET_KEY="x", **env)
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=base,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_https_turns_on_secure_cookies_redirect_and_hsts() -> None:
    on = _settings_with({"HTTPS": "true"})
    assert on["SESSION_COOKIE_SECURE"] and on["CSRF_COOKIE_SECURE"] and on["SECURE_SSL_REDIRECT"]
    assert on["SECURE_HSTS_SECONDS"] == 31536000 and on["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert on["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    off = _settings_with({"HTTPS": "false"})
    assert not off["SESSION_COOKIE_SECURE"] and not off["SECURE_SSL_REDIRECT"]
    assert not off["SECURE_HSTS_SECONDS"]
