"""Reads of 政府数据开放: the public catalog (published datasets only), its facets, and staff
reads scoped to the user's organisations."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from gongkai.accounts.permissions import orgs_visible_to
from gongkai.opendata.models import Dataset, Resource, ResourceVersion
from gongkai.opendata.rules import Access, DatasetStatus, Format

FACETS = ("organization", "groups", "tags", "res_format", "license_id", "access")


def datasets_public() -> QuerySet[Dataset]:
    return (
        Dataset.objects.filter(status=DatasetStatus.PUBLISHED)
        .select_related("organisation", "domain")
        .prefetch_related(
            Prefetch(
                "resources",
                queryset=Resource.objects.prefetch_related(
                    Prefetch("versions", queryset=ResourceVersion.objects.order_by("-number"))
                ),
            )
        )
    )


def dataset_public_get(*, name: str) -> Dataset:
    dataset = datasets_public().filter(Q(name=name[:100])).first()
    if dataset is None:
        raise Http404("没有找到该数据集")
    return dataset


def field_q(field: str, value: str) -> Q:
    """One ``field:value`` term of CKAN's q/fq as a filter on published datasets."""
    value = value.strip().strip('"')
    if field == "organization":
        return Q(organisation__code__iexact=value) | Q(
            organisation__pk=value[4:] if value.startswith("org-") and value[4:].isdigit() else -1
        )
    if field == "groups":
        return Q(domain__code__iexact=value)
    if field == "tags":
        return Q(tag_index__contains=f"|{value}|")
    if field == "res_format":
        return Q(resources__format__iexact=value)
    if field == "license_id":
        return Q(licence=value)
    if field == "name":
        return Q(name=value)
    if field == "id":
        return Q(pk=value) if _uuid(value) else Q(pk__isnull=True)
    if field == "access":
        return Q(access=value)
    if field == "title":
        return Q(title__icontains=value)
    raise ValueError(field)


def _uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def text_q(words: list[str]) -> Q:
    q = Q()
    for word in words[:10]:
        q &= Q(title__icontains=word) | Q(notes__icontains=word) | Q(tag_index__icontains=word)
    return q


def facet_counts(datasets: QuerySet[Dataset], fields: list[str]) -> dict[str, Counter]:
    """Counts per value of each facet over the given datasets (value → (count, title))."""
    out: dict[str, Counter] = {}
    titles: dict[str, dict[str, str]] = {}
    rows = list(
        datasets.order_by()
        .values_list(
            "pk",
            "organisation__code",
            "organisation_id",
            "organisation__name",
            "domain__code",
            "domain__name",
            "tags",
            "licence",
            "access",
        )
        .distinct()
    )
    formats: dict[Any, set[str]] = {}
    if "res_format" in fields:
        for pk, fmt in Resource.objects.filter(dataset__in=[r[0] for r in rows]).values_list(
            "dataset_id", "format"
        ):
            formats.setdefault(pk, set()).add(fmt)
    for field in fields:
        counter: Counter = Counter()
        names: dict[str, str] = {}
        for pk, code, org_id, org, dcode, dname, tags, licence, access in rows:
            if field == "organization":
                key = (code or f"org-{org_id}").lower()
                counter[key] += 1
                names[key] = org
            elif field == "groups" and dcode:
                counter[dcode.lower()] += 1
                names[dcode.lower()] = dname
            elif field == "tags":
                for t in tags or []:
                    counter[t] += 1
                    names[t] = t
            elif field == "res_format":
                for fmt in formats.get(pk, ()):
                    counter[fmt] += 1
                    names[fmt] = fmt
            elif field == "license_id":
                counter[licence] += 1
                names[licence] = licence
            elif field == "access":
                counter[access] += 1
                names[access] = str(Access(access).label)
        out[field] = counter
        titles[field] = names
    out["__titles__"] = titles  # type: ignore[assignment]
    return out


def datasets_for_staff(*, user: Any) -> QuerySet[Dataset]:
    return Dataset.objects.filter(organisation__in=orgs_visible_to(user)).select_related(
        "organisation", "domain"
    )


def dataset_for_staff(*, user: Any, pk: Any) -> Dataset:
    dataset = datasets_for_staff(user=user).filter(pk=pk).first()
    if dataset is None:
        raise Http404("没有找到该数据集，或无权查看")
    return dataset


def resource_public_get(*, dataset: Dataset, resource_id: Any) -> Resource:
    try:
        resource = dataset.resources.filter(pk=resource_id).first()
    except Exception:  # not a UUID
        resource = None
    if resource is None:
        raise Http404("没有找到该数据资源")
    return resource


def formats() -> list[str]:
    return [f.value for f in Format]


def usage_by_organisation(*, organisation_ids: list[int]) -> list[dict[str, Any]]:
    """Published datasets and their views, downloads and API calls per organisation (the
    supervision figures), in one grouped query each."""
    from django.db.models import Count, Sum

    from gongkai.opendata.models import DatasetUsage

    published = dict(
        Dataset.objects.filter(organisation_id__in=organisation_ids, status=DatasetStatus.PUBLISHED)
        .values("organisation_id")
        .annotate(n=Count("id"))
        .values_list("organisation_id", "n")
    )
    sums = {
        row["dataset__organisation_id"]: row
        for row in DatasetUsage.objects.filter(dataset__organisation_id__in=organisation_ids)
        .values("dataset__organisation_id", "dataset__organisation__name")
        .annotate(views=Sum("views"), downloads=Sum("downloads"), api=Sum("api_calls"))
    }
    from gongkai.accounts.models import Organisation

    names = dict(
        Organisation.objects.filter(pk__in=set(published) | set(sums)).values_list("pk", "name")
    )
    return [
        {
            "organisation": names[org],
            "datasets": published.get(org, 0),
            "views": (sums.get(org) or {}).get("views") or 0,
            "downloads": (sums.get(org) or {}).get("downloads") or 0,
            "api_calls": (sums.get(org) or {}).get("api") or 0,
        }
        for org in sorted(names, key=lambda o: names[o])
    ]
