"""Importing the 法律法规库 (docs/laws.md). The only writer of Law and Provision rows."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from gongkai.core.audit import audit_record
from gongkai.core.cacheversion import cache_version_bump
from gongkai.laws.models import Law, Provision
from gongkai.laws.parser import LawFormatError, ParsedLaw, corpus_files, parse_file
from gongkai.search.registry import indexing_paused

TITLES_VERSION_KEY = "laws-titles-version"
BATCH = 100  # files per transaction: a long import never holds the database for long


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file, 中文 reason)
    law_ids: list[int] = field(default_factory=list)  # created or changed

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def _provisions(law: Law, parsed: ParsedLaw) -> list[Provision]:
    return [
        Provision(
            law=law,
            ordinal=i,
            kind=b.kind,
            label=b.label[:200],
            text=b.text,
            depth=b.level,
        )
        for i, b in enumerate(parsed.blocks, start=1)
    ]


def _save(parsed: ParsedLaw, *, source: str, checksum: str, existing: Law | None) -> Law:
    law = existing or Law(source=source)
    law.title = parsed.title
    law.level = parsed.level
    law.branch = parsed.branch[:40]
    law.region = parsed.region[:20]
    law.info = "\n".join(parsed.info)
    law.promulgated_on = parsed.promulgated_on
    law.effective_on = parsed.effective_on
    law.version_on = parsed.version_on
    law.article_count = len(parsed.articles)
    law.checksum = checksum
    law.save()
    if existing:
        law.provisions.all().delete()
    Provision.objects.bulk_create(_provisions(law, parsed), batch_size=1000)
    return law


def laws_mark_versions() -> int:
    """Of several versions of one title the latest is current, the others 已被修改."""
    latest: dict[str, tuple] = {}
    rows = Law.objects.values_list("pk", "title", "version_on", "superseded_by_id")
    for pk, title, version, _sup in rows:
        key = (version.isoformat() if version else "", pk)
        if title not in latest or key > latest[title][0]:
            latest[title] = (key, pk)
    changed = 0
    for pk, title, _version, superseded in rows:
        newest = latest[title][1]
        target = None if newest == pk else newest
        if superseded != target:
            Law.objects.filter(pk=pk).update(superseded_by_id=target)
            changed += 1
    return changed


def laws_import(
    *,
    root: Path,
    actor: object | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import every legal text under ``root``; re-running changes only what changed.

    A file that cannot be read as a legal text is reported (file and reason) and skipped; the
    others are imported. Search is told about changed laws afterwards (one index job).
    """
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"找不到法律法规文件夹：{root}")
    files = corpus_files(root)
    known = {law.source: law for law in Law.objects.all()}
    report = ImportReport()
    for start in range(0, len(files), BATCH):
        with transaction.atomic(), indexing_paused():  # laws_index runs once afterwards
            for path in files[start : start + BATCH]:
                source = str(path.relative_to(root))
                raw = path.read_bytes()
                checksum = hashlib.sha256(raw).hexdigest()
                existing = known.get(source)
                if existing and existing.checksum == checksum:
                    report.unchanged += 1
                    continue
                try:
                    parsed = parse_file(path, root=root)
                except LawFormatError as exc:
                    report.errors.append((source, str(exc)))
                    continue
                law = _save(parsed, source=source, checksum=checksum, existing=existing)
                report.law_ids.append(law.pk)
                if existing:
                    report.updated += 1
                else:
                    report.created += 1
        if progress:
            progress(min(start + BATCH, len(files)), len(files))
    with transaction.atomic():
        laws_mark_versions()
        if report.created or report.updated:
            audit_record(
                actor=actor,
                action="laws.import",
                object_type="laws.law",
                object_repr=str(root.name),
                new={
                    "created": report.created,
                    "updated": report.updated,
                    "errors": len(report.errors),
                },
            )
            transaction.on_commit(lambda: cache_version_bump(TITLES_VERSION_KEY))
    return report


def laws_index(
    *,
    pks: list[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
    chunk: int = 200,
) -> int:
    """Put these laws (default: all) into the search index — after an import, whose per-law
    index jobs are paused."""
    from gongkai.search.services import search_index_objects

    if pks is None:
        pks = list(Law.objects.order_by("pk").values_list("pk", flat=True))
    pks = [str(pk) for pk in pks]
    for start in range(0, len(pks), chunk):
        search_index_objects(model="laws.Law", pks=pks[start : start + chunk])
        if progress:
            progress(min(start + chunk, len(pks)), len(pks))
    return len(pks)
