"""Catalog content for search: 公开事项 and 办事指南 (权责清单, 公共服务清单)."""

from __future__ import annotations

from django.utils import timezone

from gongkai.accounts.models import Organisation
from gongkai.catalog.choices import Stage
from gongkai.catalog.models import CatalogItem, Domain, PowerItem, ServiceItem
from gongkai.catalog.rules import format_legal_bases
from gongkai.search.registry import (
    SearchDoc,
    SearchProvider,
    register,
    register_facet_labels,
    register_vocabulary,
)


def _item_doc(item: CatalogItem) -> SearchDoc:
    parent = item.parent.name if item.parent_id else ""
    return SearchDoc(
        key=f"catalog:{item.pk}",
        ctype="catalog",
        title=item.name,
        text=" ".join(
            [
                parent,
                item.content,
                format_legal_bases(item.legal_bases),
                item.time_limit_text,
                item.domain.name,
            ]
        ),
        url=item.get_absolute_url(),
        date=timezone.localtime(item.updated_at).date(),
        stage=item.stage,
        domains=[item.domain.code],
        organisation=item.organisation.short_name,
        doc_number=item.code,
    )


def _guide_doc(ctype: str):  # type: ignore[no-untyped-def]
    def to_doc(obj: PowerItem | ServiceItem) -> SearchDoc:
        steps = " ".join(s.title for s in obj.steps.all())
        materials = " ".join(m.name for m in obj.materials.all())
        return SearchDoc(
            key=f"{ctype}:{obj.pk}",
            ctype=ctype,
            title=f"{obj.name}办事指南" if ctype == "guide" else obj.name,
            text=" ".join([obj.basis, obj.scope, obj.conditions, steps, materials]),
            url=obj.get_absolute_url(),
            stage="service",
            organisation=obj.organisation.short_name,
            doc_number=obj.code,
        )

    return to_doc


register(
    SearchProvider(
        ctype="catalog",
        label="公开事项",
        model=CatalogItem,
        order=30,
        to_doc=_item_doc,
        public=lambda: (
            CatalogItem.objects.published()
            .filter(is_group=False)
            .select_related("domain", "organisation", "parent")
        ),
    )
)
register(
    SearchProvider(
        ctype="guide",
        label="办事指南",
        model=ServiceItem,
        order=40,
        to_doc=_guide_doc("guide"),
        public=lambda: ServiceItem.objects.select_related("organisation").prefetch_related(
            "steps", "materials"
        ),
    )
)
register(
    SearchProvider(
        ctype="power",
        label="权责事项",
        model=PowerItem,
        order=50,
        to_doc=_guide_doc("power"),
        public=lambda: PowerItem.objects.select_related("organisation").prefetch_related(
            "steps", "materials"
        ),
    )
)


# what search shows for the catalog's codes, and the words 您是不是要找 may offer
register_facet_labels("stage", lambda: {k: str(v) for k, v in Stage.choices}, order=Stage.values)
register_facet_labels("domains", lambda: dict(Domain.objects.values_list("code", "name")))
register_vocabulary(lambda: CatalogItem.objects.published().values_list("name", flat=True))
register_vocabulary(lambda: Domain.objects.values_list("name", flat=True))
register_vocabulary(lambda: Organisation.objects.values_list("short_name", flat=True))
