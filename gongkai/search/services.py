"""Search use cases: indexing, rebuild, consistency check, querying, suggestions, analytics.

Docs: docs/search.md.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Count
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.search.dictionary import synonym_groups
from gongkai.search.docs import SearchDoc
from gongkai.search.engines.base import FILTERS, EngineHit, EngineQuery
from gongkai.search.models import SearchLog
from gongkai.search.privacy import looks_personal, mask_query
from gongkai.search.registry import (
    PROVIDERS,
    facet_labels,
    facet_order,
    provider_for_model,
    providers,
    vocabulary,
)
from gongkai.search.text import (
    ensure_dictionary,
    looks_like_doc_number,
    looks_like_index_no,
    normalize,
    tokens_for_query,
)


def _stage_order() -> list[str]:
    """五公开 in their order, as the catalog registers them (search imports no other app)."""
    return facet_order("stage")


def _stage_label(value: str) -> str:
    return facet_labels("stage").get(value, "")


MAX_QUERY = 100
GROUPED_WINDOW = 200


@lru_cache(maxsize=1)
def get_engine():  # type: ignore[no-untyped-def]
    if settings.SEARCH_ENGINE == "postgres":
        from gongkai.search.engines.postgres_engine import PostgresEngine

        return PostgresEngine()
    from gongkai.search.engines.tantivy_engine import TantivyEngine

    return TantivyEngine(settings.SEARCH_INDEX_DIR)


# indexing -------------------------------------------------------------------------------------
def search_index_objects(*, model: str, pks: list[str], engine: Any = None) -> int:
    """(Re)index some objects of one model; those no longer public leave the index."""
    ensure_dictionary()
    engine = engine or get_engine()
    model_cls = apps.get_model(model)
    upserts: list[SearchDoc] = []
    deletes: list[str] = []
    for provider in provider_for_model(model_cls):
        public = {str(o.pk): o for o in provider.public().filter(pk__in=pks)}
        for pk in pks:
            if pk in public:
                upserts.append(provider.to_doc(public[pk]))
            else:
                deletes.append(provider.key(pk))
    engine.delete(deletes)
    engine.upsert(upserts)
    return len(upserts)


def expected_versions() -> dict[str, str]:
    out: dict[str, str] = {}
    for provider in providers():
        for obj in provider.public().iterator(chunk_size=2000):
            doc = provider.to_doc(obj)
            out[doc.key] = doc.version
    return out


def search_rebuild(
    *, engine: Any = None, batch: int = 1000, progress: Callable[[int, int], None] | None = None
) -> int:
    """Rebuild the whole index from the database (the index holds nothing else)."""
    ensure_dictionary()
    engine = engine or get_engine()
    total = sum(p.public().count() for p in providers())
    engine.clear()
    done = 0
    for provider in providers():
        chunk: list[SearchDoc] = []
        for obj in provider.public().iterator(chunk_size=2000):
            chunk.append(provider.to_doc(obj))
            if len(chunk) >= batch:
                engine.add(chunk)
                done += len(chunk)
                chunk = []
                if progress:
                    progress(done, total)
        engine.add(chunk)
        done += len(chunk)
        if progress:
            progress(done, total)
    return done


@dataclass
class ConsistencyReport:
    missing: list[str]
    stale: list[str]
    extra: list[str]

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def search_check(*, engine: Any = None) -> ConsistencyReport:
    engine = engine or get_engine()
    expected, actual = expected_versions(), engine.versions()
    return ConsistencyReport(
        missing=sorted(set(expected) - set(actual)),
        stale=sorted(k for k in expected.keys() & actual.keys() if expected[k] != actual[k]),
        extra=sorted(set(actual) - set(expected)),
    )


# querying -------------------------------------------------------------------------------------
@dataclass
class Hit:
    key: str
    ctype: str
    ctype_label: str
    url: str
    title: str
    title_html: SafeString
    snippet_html: SafeString
    date: Any
    stage: str
    stage_label: str
    organisation: str
    doc_number: str
    index_no: str
    exact: bool = False
    rank: int = 0


@dataclass
class SearchResponse:
    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, list[dict[str, Any]]]
    page: int
    page_size: int
    suggestion: str = ""
    log_id: int | None = None
    sort: str = "relevance"
    filters: dict[str, str] = field(default_factory=dict)
    partial: list[str] = field(default_factory=list)  # parts searched when the whole found nothing

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def clean_query(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").strip())[:MAX_QUERY]


def query_groups(text: str) -> list[list[str]]:
    ensure_dictionary()
    synonyms = synonym_groups()
    groups = []
    for word in tokens_for_query(text):
        alts = [word, *sorted(synonyms.get(word, set()) - {word})]
        groups.append([normalize(a) for a in alts])
    return groups


def _highlight(text: str, words: list[str], width: int | None) -> SafeString:
    if not text:
        return mark_safe("")
    lowered = normalize(text)
    if len(lowered) != len(text):  # NFKC changed the length: match on plain lower case
        lowered = text.lower()
    if width is not None:
        positions = [lowered.find(w) for w in words if w and lowered.find(w) >= 0]
        start = max(0, min(positions) - width // 4) if positions else 0
        text, lowered = text[start : start + width], lowered[start : start + width]
        prefix, suffix = ("…" if start else ""), ("…" if len(text) == width else "")
    else:
        prefix = suffix = ""
    spans: list[tuple[int, int]] = []
    for w in sorted({w for w in words if w}, key=len, reverse=True):
        for m in re.finditer(re.escape(w), lowered):
            if not any(a < m.end() and m.start() < b for a, b in spans):
                spans.append((m.start(), m.end()))
    out, pos = [], 0
    for a, b in sorted(spans):
        out.append(escape(text[pos:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        pos = b
    out.append(escape(text[pos:]))
    return mark_safe(prefix + "".join(out) + suffix)


def _to_hit(h: EngineHit, words: list[str], *, exact: bool = False) -> Hit:
    provider = PROVIDERS.get(h.ctype)
    return Hit(
        key=h.key,
        ctype=h.ctype,
        ctype_label=provider.label if provider else h.ctype,
        url=h.url,
        title=h.title,
        title_html=_highlight(h.title, words, None),
        snippet_html=_highlight(h.text, words, 120),
        date=h.date,
        stage=h.stage,
        stage_label=_stage_label(h.stage),
        organisation=h.organisation,
        doc_number=h.doc_number,
        index_no=h.index_no,
        exact=exact,
    )


def _facet_labels(facets: dict[str, list[tuple[str, int]]]) -> dict[str, list[dict[str, Any]]]:
    from django.core.cache import cache

    domains = cache.get("search-domain-labels")
    if domains is None:
        domains = facet_labels("domains")
        cache.set("search-domain-labels", domains, 300)
    stages, validity = facet_labels("stage"), facet_labels("validity")
    stage_order = _stage_order()
    labels: dict[str, Callable[[str], str]] = {
        "ctype": lambda v: PROVIDERS[v].label if v in PROVIDERS else v,
        "stage": lambda v: stages.get(v, v),
        "domains": lambda v: domains.get(v, v),
        "validity": lambda v: validity.get(v, v),
    }
    out = {}
    for name, buckets in facets.items():
        label = labels.get(name, str)
        items = [{"value": v, "label": label(v), "count": n} for v, n in buckets]
        if name == "stage":
            items.sort(
                key=lambda i: stage_order.index(i["value"]) if i["value"] in stage_order else 99
            )
        elif name == "year":
            items.sort(key=lambda i: i["value"], reverse=True)
        out["domain" if name == "domains" else name] = items
    return out


def query_parts(groups: list[list[str]], engine: Any) -> list[list[str]]:
    """The parts of a query that found nothing as a whole: each word the index does not know is
    replaced by its two-character pieces (噪音扰民 → 噪音 音扰 扰民), known words are kept.
    Empty when there is nothing smaller to try."""
    parts: list[list[str]] = []
    changed = False
    for group in groups:
        if any(engine.doc_freq(w) for w in group):
            parts.append(group)
            continue
        word = group[0]
        if len(word) < 3:
            continue
        changed = True
        for i in range(len(word) - 1):
            piece = word[i : i + 2]
            if not any(piece in g for g in parts):
                parts.append([piece])
    return parts if changed else []


def did_you_mean(text: str, groups: list[list[str]], engine: Any) -> str:
    """Replace words the index does not know by the closest known word, if that finds results."""
    vocabulary = _vocabulary()
    changed, words = False, []
    for group in groups:
        word = group[0]
        if engine.doc_freq(word) == 0:
            close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.5)
            if close:
                word, changed = close[0], True
        words.append(word)
    if not changed:
        return ""
    candidate = "".join(words)
    probe = engine.search(EngineQuery(groups=query_groups(candidate), limit=1, facets=False))
    return candidate if probe.total else ""


def _vocabulary() -> list[str]:
    """Words 您是不是要找 may offer: the dictionary and what the apps register — never what a
    visitor typed (search.privacy)."""
    from django.core.cache import cache

    from gongkai.search.dictionary import load_terms

    words = cache.get("search-vocabulary")
    if words is None:
        pool = set(load_terms()) | vocabulary()
        words = sorted(w for w in pool if w and len(w) <= 20)
        cache.set("search-vocabulary", words, 600)
    return words


def search(
    *,
    text: str,
    filters: dict[str, str] | None = None,
    sort: str = "relevance",
    page: int = 1,
    page_size: int = 10,
    log: bool = True,
    engine: Any = None,
    visitor: str = "",
) -> SearchResponse:
    """Search everything; ``visitor`` is search.privacy.visitor_key of who asked (for the log)."""
    engine = engine or get_engine()
    text = clean_query(text)
    filters = {k: str(v) for k, v in (filters or {}).items() if k in FILTERS and v}
    if "year" in filters and not filters["year"].isdigit():
        filters.pop("year")
    page, page_size = max(1, page), max(1, min(page_size, 50))
    groups = query_groups(text)
    words = [w for g in groups for w in g]
    exact: list[EngineHit] = []
    if page == 1 and text:
        if looks_like_index_no(text):
            exact = engine.exact(index_no=text.strip())
        elif looks_like_doc_number(text):
            exact = engine.exact(doc_number=text)

    def one_page(query: list[list[str]]) -> EngineQuery:
        return EngineQuery(
            groups=query,
            filters=filters,
            sort=sort,
            offset=(page - 1) * page_size,
            limit=page_size,
        )

    if sort == "stage":
        order = _stage_order()
        result = engine.search(EngineQuery(groups=groups, filters=filters, limit=GROUPED_WINDOW))
        ordered = sorted(
            result.hits, key=lambda h: order.index(h.stage) if h.stage in order else 99
        )
        result.hits = ordered[(page - 1) * page_size : page * page_size]
    else:
        result = engine.search(one_page(groups))
    partial: list[str] = []
    if text and not exact and result.total == 0 and sort != "stage":
        parts = query_parts(groups, engine)
        if parts:
            result = engine.search(one_page(parts))
            if result.total:
                partial = [g[0] for g in parts]
                words = [w for g in parts for w in g]
    exact_keys = {h.key for h in exact}
    hits = [_to_hit(h, words, exact=True) for h in exact]
    hits += [_to_hit(h, words) for h in result.hits if h.key not in exact_keys]
    for i, hit in enumerate(hits, start=(page - 1) * page_size + 1):
        hit.rank = i
    total = max(result.total, len(exact))
    suggestion = did_you_mean(text, groups, engine) if text and total == 0 else ""
    response = SearchResponse(
        query=text,
        total=total,
        hits=hits,
        facets=_facet_labels(result.facets),
        page=page,
        page_size=page_size,
        suggestion=suggestion,
        sort=sort,
        filters=filters,
        partial=partial,
    )
    if log and text:
        masked = mask_query(text)
        response.log_id = SearchLog.objects.create(
            query=masked[:200],
            normalized=normalize(masked)[:200],
            results=total,
            filters=filters,
            suggestion=suggestion,
            visitor=visitor,
        ).pk
    return response


def search_suggest(prefix: str, *, limit: int = 8, engine: Any = None) -> list[str]:
    """As-you-type suggestions: queries many different visitors made, then matching titles.

    Never one visitor's text: a past query is offered only when at least
    ``SEARCH_SUGGEST_MIN_VISITORS`` distinct visitors typed it and it looks impersonal
    (search.privacy.looks_personal); the rest comes from content titles.
    """
    prefix = normalize(clean_query(prefix))
    if not prefix:
        return []
    engine = engine or get_engine()
    popular = [
        q
        for q in SearchLog.objects.filter(normalized__startswith=prefix, results__gt=0)
        .exclude(visitor="")
        .values("normalized")
        .annotate(visitors=Count("visitor", distinct=True))
        .filter(visitors__gte=settings.SEARCH_SUGGEST_MIN_VISITORS)
        .order_by("-visitors")
        .values_list("normalized", flat=True)[: limit * 3]
        if not looks_personal(q)
    ][:limit]
    hits = engine.search(EngineQuery(groups=query_groups(prefix), limit=30, facets=False)).hits
    # titles that contain what was typed first, then the best of the rest
    titles: list[str] = []
    for hit in hits:
        if hit.title not in titles:
            titles.append(hit.title)
    titles.sort(key=lambda t: prefix not in normalize(t))  # stable: relevance order kept
    out: list[str] = []
    for item in popular + titles:
        if item not in out:
            out.append(item)
    return out[:limit]


def search_logs_purge(*, older_than_days: int | None = None) -> int:
    """Delete search records older than the retention period (个人信息 kept no longer)."""
    import datetime as dt

    from django.utils import timezone

    days = settings.SEARCH_LOG_RETENTION_DAYS if older_than_days is None else older_than_days
    deleted, _ = SearchLog.objects.filter(at__lt=timezone.now() - dt.timedelta(days=days)).delete()
    return deleted


def search_analytics(*, days: int = 30) -> dict[str, Any]:
    import datetime as dt

    from django.utils import timezone

    since = timezone.now() - dt.timedelta(days=days)
    logs = SearchLog.objects.filter(at__gte=since)
    total = logs.count()
    clicked = logs.filter(clicks__isnull=False).distinct().count()
    return {
        "total": total,
        "top": list(logs.values("normalized").annotate(n=Count("id")).order_by("-n")[:20]),
        "zero": list(
            logs.filter(results=0).values("normalized").annotate(n=Count("id")).order_by("-n")[:20]
        ),
        "ctr": (clicked / total) if total else 0.0,
        "clicked": clicked,
    }
