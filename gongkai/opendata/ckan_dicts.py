"""Datasets, organisations, 领域 and resources as CKAN dicts (docs/opendata.md#ckan): the keys
ckanapi, the CKAN harvester and ckanapi's datapackage export read
(anchors §2.3 "Package dict keys")."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from gongkai.opendata.rules import LICENCE_URLS, MIMETYPES, Access, Format, Licence


def iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def org_name(org: Any) -> str:
    """CKAN's organisation ``name``: the 机构代码, lower case (or ``org-<id>`` without one)."""
    return (org.code or f"org-{org.pk}").lower()


def group_name(domain: Any) -> str:
    return domain.code.lower()


def organization_dict(org: Any, *, package_count: int = 0) -> dict[str, Any]:
    return {
        "id": str(org.pk),
        "name": org_name(org),
        "title": org.name,
        "display_name": org.name,
        "description": "",
        "image_url": "",
        "image_display_url": "",
        "created": None,
        "is_organization": True,
        "state": "active",
        "type": "organization",
        "approval_status": "approved",
        "package_count": package_count,
        "extras": [],
        "users": [],
        "groups": [],
        "tags": [],
    }


def group_dict(domain: Any, *, package_count: int = 0) -> dict[str, Any]:
    return {
        "id": str(domain.pk),
        "name": group_name(domain),
        "title": domain.name,
        "display_name": domain.name,
        "description": domain.description,
        "image_url": "",
        "image_display_url": "",
        "created": None,
        "is_organization": False,
        "state": "active",
        "type": "group",
        "approval_status": "approved",
        "package_count": package_count,
        "extras": [],
        "users": [],
        "groups": [],
        "tags": [],
    }


def resource_dict(resource: Any, base: str) -> dict[str, Any]:
    version = resource.current()
    if resource.format == Format.API:
        url = resource.url
    else:
        url = base + reverse("opendata:download", args=[resource.dataset.name, resource.pk])
    return {
        "id": str(resource.pk),
        "package_id": str(resource.dataset_id),
        "name": resource.name,
        "description": resource.description,
        "url": url,
        "url_type": "upload" if version else "",
        "format": resource.format or "",
        "mimetype": MIMETYPES.get(resource.format, "") or None,
        "size": version.size if version else None,
        "hash": f"sha256:{version.sha256}" if version else "",
        "created": iso(resource.created_at),
        "last_modified": iso(version.created_at if version else resource.last_modified),
        "position": resource.position,
        "state": "active",
        "resource_type": None,
        "datastore_active": bool(version and version.queryable),
        "schema": {"fields": [{"name": f["id"], "type": f["type"]} for f in version.fields]}
        if version and version.fields
        else None,
        "version": version.number if version else None,
    }


def package_dict(dataset: Any, base: str) -> dict[str, Any]:
    org = dataset.organisation
    licence = Licence(dataset.licence)
    tags = [
        {"id": t, "name": t, "display_name": t, "state": "active", "vocabulary_id": None}
        for t in dataset.tags
    ]
    groups = [group_dict(dataset.domain)] if dataset.domain_id else []
    resources = [resource_dict(r, base) for r in dataset.resources.all()]
    extras = [
        {"key": "access_level", "value": Access(dataset.access).label},
        {"key": "frequency", "value": dataset.get_frequency_display()},
        {"key": "spatial", "value": dataset.spatial},
        {"key": "temporal_start", "value": iso(dataset.temporal_start) or ""},
        {"key": "temporal_end", "value": iso(dataset.temporal_end) or ""},
        {"key": "next_update_due", "value": iso(dataset.next_update_due) or ""},
    ]
    return {
        "id": str(dataset.pk),
        "name": dataset.name,
        "title": dataset.title,
        "notes": dataset.notes,
        "type": "dataset",
        "state": "active",
        "private": False,
        "owner_org": str(org.pk),
        "organization": organization_dict(org),
        "author": org.name,
        "author_email": None,
        "maintainer": dataset.contact_name or None,
        "maintainer_email": dataset.contact_email or None,
        "license_id": licence.value,
        "license_title": str(licence.label),
        "license_url": LICENCE_URLS.get(licence, ""),
        "isopen": dataset.access == Access.OPEN,
        "url": base + dataset.get_absolute_url(),
        "version": str(dataset.version),
        "metadata_created": iso(dataset.created_at),
        "metadata_modified": iso(dataset.modified_at),
        "tags": tags,
        "num_tags": len(tags),
        "groups": groups,
        "extras": extras,
        "resources": resources,
        "num_resources": len(resources),
        "relationships_as_subject": [],
        "relationships_as_object": [],
    }
