"""Datasets in the main search: one document per published dataset, its own type facet
开放数据 (docs/search.md, docs/opendata.md#search). A dataset leaves the index when withdrawn:
the index job drops objects no longer in ``public``."""

from __future__ import annotations

from django.utils import timezone

from gongkai.opendata.models import Dataset
from gongkai.opendata.selectors import datasets_public
from gongkai.search.registry import SearchDoc, SearchProvider, register


def _dataset_doc(ds: Dataset) -> SearchDoc:
    fields = [
        f["id"] for r in ds.resources.all() for v in list(r.versions.all())[:1] for f in v.fields
    ]
    published = timezone.localtime(ds.published_at).date() if ds.published_at else None
    return SearchDoc(
        key=f"dataset:{ds.pk}",
        ctype="dataset",
        title=ds.title,
        text="\n".join([ds.notes, " ".join(ds.tags), " ".join(fields)]),
        url=ds.get_absolute_url(),
        date=ds.last_updated or published,
        domains=[ds.domain.code] if ds.domain_id else [],
        organisation=ds.organisation.short_name,
        keywords=" ".join(
            [*ds.tags, ds.get_access_display(), *(r.format for r in ds.resources.all())]
        ),
    )


register(
    SearchProvider(
        ctype="dataset",
        label="开放数据",
        model=Dataset,
        order=70,
        to_doc=_dataset_doc,
        public=datasets_public,
    )
)
