"""Pages published as files (静态发布, docs/static-site.md): which pages a change touches,
marking them stale, rendering them once and writing them to disk atomically.

The public addresses ``/``, ``/art/<id>/``, ``/col/<slug>/`` and ``/item/<code>/`` are read
from SITE_ROOT by the web server without asking Django; Django renders the same addresses
too, so a missing file only costs speed. A render's HTTP status decides what happens to the
file: 200 writes it; 410 (a withdrawn article) writes the withdrawal notice in its place;
404 or a redirect removes it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from gongkai.staticsite.models import SitePage
from gongkai.staticsite.render import HOME, file_for, is_site_path, render_anonymous

log = logging.getLogger(__name__)

WRITTEN = {200, 410}  # the page, or a withdrawn article's notice (the text itself is gone)
REMOVED = {301, 302, 404}
FOLDERS = ("home", "art", "col", "item")  # one per address family, mounted by the server
STAMP = ".stamp"

_paused = threading.local()


@dataclass
class FlushReport:
    written: int = 0
    removed: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def _is_paused() -> bool:
    return getattr(_paused, "on", False)


def site_enabled() -> bool:
    return bool(settings.STATIC_SITE)


@contextmanager
def site_publishing_paused() -> Iterator[None]:
    """Within the block changes only mark pages stale; nothing is rendered (bulk loads such as
    the demo, which end with ``site_build``)."""
    _paused.on = True
    try:
        yield
    finally:
        _paused.on = False


def site_folders_ensure() -> Path:
    root = Path(settings.SITE_ROOT)
    for name in FOLDERS:
        (root / name).mkdir(parents=True, exist_ok=True)
    return root


def site_pages_mark(*, paths: Iterable[str]) -> int:
    """Mark pages stale (creating their rows); returns how many."""
    wanted = sorted({p for p in paths if is_site_path(p)})
    if not wanted:
        return 0
    SitePage.objects.bulk_create(
        [SitePage(path=p) for p in wanted], ignore_conflicts=True, batch_size=500
    )
    marked = 0
    for start in range(0, len(wanted), 500):
        marked += SitePage.objects.filter(path__in=wanted[start : start + 500]).update(
            dirty=F("dirty") + 1
        )
    return marked


def site_pages_flush(
    *,
    paths: list[str] | None = None,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> FlushReport:
    """Render every stale page (or those of ``paths``) and write or remove its file."""
    report = FlushReport()
    stale = SitePage.objects.filter(dirty__gt=F("rendered"))
    if paths is not None:
        stale = stale.filter(path__in=paths)
    todo = list(stale.order_by("id").values_list("pk", "path", "dirty")[:limit])
    site_folders_ensure()
    for n, (pk, path, generation) in enumerate(todo, start=1):
        _flush_one(pk, path, generation, report)
        if progress is not None:
            progress(n, len(todo))
    return report


def _flush_one(pk: int, path: str, generation: int, report: FlushReport) -> None:
    try:
        response = render_anonymous(path)
        status = response.status_code
        if response.cookies:
            raise RuntimeError("页面设置了Cookie（含表单令牌），不能作为静态文件发布")
        if status not in WRITTEN | REMOVED:
            raise RuntimeError(f"页面生成返回状态码 {status}")
        content = response.content if status in WRITTEN else b""
        with transaction.atomic():
            claimed = SitePage.objects.filter(
                pk=pk, dirty=generation, rendered__lt=generation
            ).update(
                rendered=generation,
                status=status,
                size=len(content),
                rendered_at=timezone.now(),
                error="",
            )
            if not claimed:  # changed again meanwhile, or a newer render already wrote it
                return
            if status in WRITTEN:
                _write_atomic(file_for(path), content)
                report.written += 1
            else:
                _remove(file_for(path))
                report.removed += 1
    except Exception as exc:
        log.exception("static page %s not written", path)
        SitePage.objects.filter(pk=pk).update(error=str(exc)[:300])
        report.failed += 1
        report.errors.append(f"{path}: {exc}")


def _write_atomic(target: Path, content: bytes) -> None:
    """Readers see the old file or the new one, never a part: write beside it, then rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and target.read_bytes() == content:
        return
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove(target: Path) -> None:
    target.unlink(missing_ok=True)
    if target.parent.name not in FOLDERS:  # art/<id>/ goes with its page, never art/ itself
        with contextlib.suppress(OSError):
            target.parent.rmdir()


def site_pages_for_publication_changed(*, publication: Any, change: str) -> bool:
    """A record was published, revised or withdrawn (or the portal's structure edited).
    Returns True when pages are left for the worker to render."""
    if not site_enabled():
        return False
    if change == "portal":  # columns or pages edited: every page's navigation may differ
        known = SitePage.objects.values_list("path", flat=True)
        site_pages_mark(paths=[*known, *site_paths_expected()])
        return not _is_paused()
    from gongkai.publishing.selectors import columns_listing

    article = publication.get_absolute_url()
    if change == "linked":  # only its own page shows the new link
        site_pages_mark(paths=[article])
        if not _is_paused():
            site_pages_flush(paths=[article])
        return False
    paths = [article, HOME, *(c.get_absolute_url() for c in columns_listing(publication))]
    if publication.interprets_id:  # the policy's page lists its interpretations
        paths.append(reverse("publishing:article", args=[publication.interprets_id]))
    site_pages_mark(paths=paths)
    if _is_paused():
        return False
    # at once, in the request that made the change: a revision or a withdrawal shows now
    site_pages_flush(paths=paths)
    return False


def site_pages_for_catalog_changed(*, codes: list[str]) -> bool:
    """Catalog items changed (often in bulk, from an import): marked for the worker."""
    if not site_enabled():
        return False
    site_pages_mark(paths=[HOME, *(reverse("catalog:item", args=[c]) for c in codes)])
    return not _is_paused()


def site_paths_expected() -> list[str]:
    """Every address that should be a file: the home page, each public or withdrawn record,
    each column's first page and each published (or revoked) catalog item."""
    from gongkai.catalog.choices import ItemStatus
    from gongkai.catalog.models import CatalogItem
    from gongkai.publishing.choices import PubStatus
    from gongkai.publishing.models import Column, Publication

    paths = [HOME]
    pubs = Publication.objects.filter(status__in=[PubStatus.PUBLISHED, PubStatus.WITHDRAWN])
    paths += [f"/art/{pk}/" for pk in pubs.values_list("pk", flat=True).iterator()]
    paths += [
        reverse("publishing:column", args=[s])
        for s in Column.objects.values_list("slug", flat=True)
    ]
    items = CatalogItem.objects.filter(status__in=[ItemStatus.PUBLISHED, ItemStatus.REVOKED])
    paths += [
        reverse("catalog:item", args=[c]) for c in items.values_list("code", flat=True).iterator()
    ]
    return paths


def _templates_stamp() -> str:
    """Pages change when the templates or the static files they name change."""
    digest = hashlib.sha256(settings.SITE_URL.encode())
    base = Path(settings.BASE_DIR)
    for path in sorted(
        [*base.glob("templates/**/*.html"), *base.glob("gongkai/*/templates/**/*.html")]
    ):
        digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()


@dataclass
class BuildReport:
    expected: int
    marked: int
    flush: FlushReport


def site_build(
    *, everything: bool = False, progress: Callable[[int, int], None] | None = None
) -> BuildReport:
    """Bring SITE_ROOT up to date: pages with no file, stale pages, pages no longer public
    (their files are removed), and every page when the templates changed or ``everything``."""
    root = site_folders_ensure()
    stamp = _templates_stamp()
    stamp_file = root / STAMP
    if not stamp_file.exists() or stamp_file.read_text() != stamp:
        everything = True
    expected = site_paths_expected()
    SitePage.objects.bulk_create(
        [SitePage(path=p) for p in expected], ignore_conflicts=True, batch_size=500
    )
    if everything:
        marked = site_pages_mark(paths=SitePage.objects.values_list("path", flat=True))
    else:
        wanted = set(expected)
        stale = [
            path
            for path, status in SitePage.objects.values_list("path", "status")
            if path not in wanted or (status in WRITTEN and not file_for(path).exists())
        ]
        marked = site_pages_mark(paths=stale)
    report = site_pages_flush(progress=progress)
    if not report.failed:
        stamp_file.write_text(stamp)
    return BuildReport(expected=len(expected), marked=marked, flush=report)
