"""Website self-inspection 网站自查 against 国办秘函〔2019〕19号 (docs/supervision.md#inspection):
column freshness and empty columns from the publishing records, unanswered messages from
政民互动, and a bounded crawl of the portal's own public pages for broken links and missing
page tags. The result is the national indicator table, each single-veto item passed or
failed with what fails it.

The crawl runs in process through Django's own request handling (the pages a visitor gets,
without a network); external links are only checked when asked, with short time-outs.
"""

from __future__ import annotations

import datetime as dt
import urllib.error
import urllib.request
from collections import deque
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.interaction.selectors import messages_unanswered_since
from gongkai.publishing.selectors import columns_with_last_update, latest_publication_at
from gongkai.supervision import inspection_rules as R
from gongkai.supervision.models import InspectionRun

MAX_LISTED = 50  # failing items listed under one indicator


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        elif tag == "meta" and a.get("name"):
            self.meta[a["name"] or ""] = a.get("content") or ""


def _internal(href: str) -> str | None:
    """The path of a link to the portal itself, or None (external, anchor, mail, script)."""
    parts = urlsplit(href)
    if parts.scheme in ("mailto", "tel", "javascript"):
        return None
    if parts.scheme or parts.netloc:
        return None
    if not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(*, max_pages: int = R.MAX_PAGES, check_external: bool = False) -> dict[str, Any]:
    """Breadth-first from the home page over the portal's public pages, at most ``max_pages``.
    Returns the pages fetched, the broken links (with the page they were found on) and the
    pages missing tags."""
    from django.test import Client

    host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "localhost"
    client = Client(HTTP_HOST=host if host != "*" else "localhost")
    secure = bool(getattr(settings, "SECURE_SSL_REDIRECT", False))
    seen, queue = {"/"}, deque([("/", "")])
    status: dict[str, int] = {}
    found_on: dict[str, str] = {}
    missing_tags: list[dict[str, Any]] = []
    external: dict[str, str] = {}
    while queue and len(status) < max_pages:
        path, referrer = queue.popleft()
        response = client.get(path, secure=secure)
        status[path] = response.status_code
        found_on.setdefault(path, referrer)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = _Page()
        page.feed(response.content.decode("utf-8", "replace"))
        needed = R.PAGE_TAGS + (R.ARTICLE_TAGS if path.startswith(R.ARTICLE_PREFIX) else ())
        absent = [t for t in needed if not page.meta.get(t, "").strip()]
        if absent:
            missing_tags.append({"url": path, "missing": absent})
        for href in page.links:
            if href.startswith(("http://", "https://", "//")):
                external.setdefault(href, path)
                continue
            target = _internal(urljoin(path, href))
            # filtered and paged variants of a list would eat the budget: one of each page
            if target is None or "?" in target:
                continue
            clean = target
            if (
                clean in seen
                or clean.startswith(R.SKIP_PREFIXES)
                or clean.endswith(R.SKIP_SUFFIXES)
            ):
                continue
            seen.add(clean)
            queue.append((clean, path))
    broken = [
        {"url": url, "status": code, "found_on": found_on.get(url, "")}
        for url, code in status.items()
        if code >= 400
    ]
    if check_external:
        broken += _check_external(external)
    return {"pages": len(status), "broken": broken, "missing_tags": missing_tags}


def _check_external(links: dict[str, str], *, limit: int = 50) -> list[dict[str, Any]]:
    out = []
    for url, page in list(links.items())[:limit]:
        try:
            request = urllib.request.Request(
                url, method="HEAD", headers={"User-Agent": "gongkai-inspection"}
            )
            with urllib.request.urlopen(request, timeout=5) as answer:
                code = answer.status
        except urllib.error.HTTPError as exc:
            code = exc.code
        except (urllib.error.URLError, OSError, ValueError):
            code = 0  # unreachable
        if code == 0 or code >= 400:
            out.append({"url": url, "status": code, "found_on": page})
    return out


def _age_days(when: dt.datetime | None, now: dt.datetime) -> int | None:
    return None if when is None else (now - when).days


def _row(
    key: str, *, failed: bool, value: str, items: list[dict[str, Any]], total: int | None = None
) -> dict[str, Any]:
    spec = next(i for i in R.INDICATORS if i.key == key)
    return {
        "key": key,
        "name": spec.name,
        "rule": spec.rule,
        "veto": spec.veto,
        "failed": failed,
        "value": value,
        "items": items[:MAX_LISTED],
        "more": max((len(items) if total is None else total) - MAX_LISTED, 0),
    }


def indicators(*, now: dt.datetime, crawl_result: dict[str, Any]) -> list[dict[str, Any]]:
    """The national indicator table from the records and the crawl."""
    rows = []
    last = latest_publication_at()
    age = _age_days(last, now)
    rows.append(
        _row(
            "home",
            failed=age is None or age > R.HOME_DAYS,
            value="从未更新"
            if age is None
            else f"最近更新：{timezone.localtime(last):%Y-%m-%d}（{age}天前）",
            items=[],
        )
    )
    columns = columns_with_last_update()
    stale, long_stale, empty = [], [], []
    for c in columns:
        col, count, updated = c["column"], c["count"], c["last"]
        item = {
            "label": col.name,
            "url": col.get_absolute_url(),
            "last": timezone.localtime(updated).strftime("%Y-%m-%d") if updated else "",
        }
        if not count:
            empty.append(item)
            continue
        days = _age_days(updated, now) or 0
        news = col.column_type in R.NEWS_TYPES
        # 动态、要闻类: 2 weeks; 通知公告、政策文件类一级栏目 (the other top-level ones): 6 months
        limit = R.NEWS_DAYS if news else (R.NOTICE_DAYS if col.parent_id is None else None)
        if limit is not None and days > limit:
            stale.append(item)
        if days > R.LONG_DAYS:
            long_stale.append(item)
    rows.append(
        _row("stale", failed=len(stale) >= R.STALE_LIMIT, value=f"{len(stale)}个", items=stale)
    )
    rows.append(
        _row(
            "long",
            failed=len(long_stale) >= R.LONG_LIMIT,
            value=f"{len(long_stale)}个",
            items=long_stale,
        )
    )
    rows.append(
        _row("empty", failed=len(empty) >= R.EMPTY_LIMIT, value=f"{len(empty)}个", items=empty)
    )
    today = timezone.localdate(now)
    late = messages_unanswered_since(
        received_before=today - dt.timedelta(days=R.UNANSWERED_DAYS),
        received_after=today - dt.timedelta(days=R.LOOKBACK_DAYS),
    ).order_by("received_on")
    late_items = [
        {
            "label": f"{m.number}（{m.organisation.short_name or m.organisation.name}，"
            f"{m.received_on:%Y-%m-%d}收到）",
            "url": "",
        }
        for m in late[:MAX_LISTED]
    ]
    count = late.count()
    rows.append(
        _row("interaction", failed=bool(count), value=f"{count}条", items=late_items, total=count)
    )
    broken = [
        {"label": f"{b['url']}（{b['status'] or '无法访问'}）", "url": b["found_on"]}
        for b in crawl_result["broken"]
    ]
    rows.append(_row("links", failed=bool(broken), value=f"{len(broken)}个", items=broken))
    tags = [
        {"label": f"{t['url']} 缺少 {'、'.join(t['missing'])}", "url": t["url"]}
        for t in crawl_result["missing_tags"]
    ]
    rows.append(_row("tags", failed=bool(tags), value=f"{len(tags)}个页面", items=tags))
    return rows


def inspection_run(
    *, actor: Any = None, max_pages: int = R.MAX_PAGES, check_external: bool | None = None
) -> InspectionRun:
    """Crawl, compute the table, keep it (the history shows how the site went)."""
    started = timezone.now()
    external = settings.INSPECTION_CHECK_EXTERNAL if check_external is None else check_external
    crawled = crawl(max_pages=max_pages, check_external=external)
    rows = indicators(now=started, crawl_result=crawled)
    run = InspectionRun.objects.create(
        started_at=started,
        finished_at=timezone.now(),
        pages=crawled["pages"],
        vetoed=any(r["failed"] and r["veto"] for r in rows),
        results=rows,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(actor=run.actor, action="inspection.run", obj=run, new={"vetoed": run.vetoed})
    return run


# per organisation (scorecards) ---------------------------------------------------------------
PAGE_INDICATORS = ("links", "tags")  # the indicators that name the failing page


def failures_by_organisation(run: InspectionRun | None) -> dict[int, int]:
    """Failing pages of a run that belong to one organisation — an article of its own or its
    catalog item page with a broken link or missing tags — counted per organisation. Column
    and home-page indicators concern the whole portal and count for no one in particular."""
    from urllib.parse import urlsplit

    from django.urls import Resolver404, resolve

    from gongkai.catalog.selectors import organisations_of_items
    from gongkai.publishing.selectors import organisations_of_publications

    if run is None:
        return {}
    articles: set[int] = set()
    items: set[str] = set()
    for row in run.results:
        if row.get("key") not in PAGE_INDICATORS or not row.get("failed"):
            continue
        for item in row.get("items", []):
            try:
                match = resolve(urlsplit(item.get("url") or "").path or "/")
            except Resolver404:
                continue
            if match.view_name == "publishing:article":
                articles.add(int(match.kwargs["pk"]))
            elif match.view_name == "catalog:item":
                items.add(str(match.kwargs["code"]))
    out: dict[int, int] = {}
    owners = list(organisations_of_publications(publication_ids=sorted(articles)).values())
    owners += list(organisations_of_items(codes=sorted(items)).values())
    for org in owners:
        out[org] = out.get(org, 0) + 1
    return out
