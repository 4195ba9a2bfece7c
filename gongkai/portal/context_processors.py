from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from gongkai.accounts.permissions import is_staff_user
from gongkai.core.middleware import CSP_META
from gongkai.core.pagecache import ELDER_COOKIE, is_static_render


def site(request: HttpRequest) -> dict[str, Any]:
    """Site identity for the government-site meta tags (cn-rules §3.1) and the 长辈版 switch."""
    return {
        "gov_site_name": settings.SITE_NAME,
        "site_feeds": _site_feeds(),
        "gov_site_domain": settings.SITE_DOMAIN,
        "gov_site_id_code": settings.SITE_ID_CODE,
        "page_url": f"{settings.SITE_URL}{request.get_full_path()}",
        "elder_mode": request.COOKIES.get(ELDER_COOKIE) == "1",
        # a page rendered once for everyone, to be served as a file (gongkai/staticsite)
        "static_render": is_static_render(request),
        "static_render_csp": CSP_META,
        # staff see the 工作台 link, citizens their 个人中心
        "is_staff_member": is_staff_user(getattr(request, "user", None)),
    }


def _site_feeds() -> list[dict[str, str]]:
    from gongkai.publishing.feeds import feed_links

    return feed_links()
