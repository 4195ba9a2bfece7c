"""Services in the main search: one document per service on line, type 办事服务, found by name,
code (同码) or life event (docs/search.md)."""

from __future__ import annotations

from gongkai.search.registry import SearchDoc, SearchProvider, register
from gongkai.services.models import Service


def _public():  # type: ignore[no-untyped-def]
    return (
        Service.objects.filter(is_active=True)
        .select_related("power_item__organisation", "service_item__organisation", "domain")
        .prefetch_related("life_events")
    )


def _doc(s: Service) -> SearchDoc:
    item = s.item
    return SearchDoc(
        key=f"service:{s.pk}",
        ctype="service",
        title=s.name,
        text="\n".join([s.summary, item.scope, item.conditions, item.basis]),
        url=s.get_absolute_url(),
        date=None,
        domains=[s.domain.code] if s.domain_id else [],
        organisation=s.organisation.short_name,
        keywords=" ".join([s.code, *(e.name for e in s.life_events.all())]),
    )


register(
    SearchProvider(
        ctype="service", label="办事服务", model=Service, order=60, to_doc=_doc, public=_public
    )
)
