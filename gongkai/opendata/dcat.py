"""The catalog for harvesters (docs/opendata.md#dcat): DCAT-AP as JSON-LD and RDF/XML at
``/data/catalog.jsonld`` and ``/data/catalog.rdf`` (100 datasets a page, Hydra paging like
ckanext-dcat), and a Frictionless ``datapackage.json`` per dataset (anchors §1 A6)."""

from __future__ import annotations

import math
from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse

from gongkai.opendata import selectors
from gongkai.opendata.rules import LICENCE_URLS, MIMETYPES, Format, Licence

PER_PAGE = 100
NS = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "hydra": "http://www.w3.org/ns/hydra/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
EU_FREQ = "http://publications.europa.eu/resource/authority/frequency/"
FREQUENCY = {
    "daily": "DAILY",
    "weekly": "WEEKLY",
    "monthly": "MONTHLY",
    "quarterly": "QUARTERLY",
    "yearly": "ANNUAL",
    "irregular": "IRREG",
}
PACKAGE_TYPES = {"int": "integer", "numeric": "number", "date": "date", "text": "string"}


def _page(request: HttpRequest) -> tuple[list[Any], int, int]:
    qs = selectors.datasets_public().order_by("name")
    total = qs.count()
    last = max(1, math.ceil(total / PER_PAGE))
    try:
        page = min(max(1, int(request.GET.get("page") or 1)), last)
    except ValueError:
        page = 1
    return list(qs[(page - 1) * PER_PAGE : page * PER_PAGE]), page, total


def _distribution(r: Any, base: str) -> dict[str, Any]:
    version = r.current()
    out: dict[str, Any] = {
        "@type": "dcat:Distribution",
        "dct:title": r.name,
        "dct:format": r.format,
        "dcat:accessURL": {"@id": base + r.dataset.get_absolute_url()},
    }
    if r.format == Format.API:
        out["dcat:accessURL"] = {"@id": r.url}
    elif version:
        out["dcat:downloadURL"] = {
            "@id": base + reverse("opendata:download", args=[r.dataset.name, r.pk])
        }
        out["dcat:byteSize"] = version.size
        out["dct:modified"] = version.created_at.date().isoformat()
    if MIMETYPES.get(r.format):
        out["dcat:mediaType"] = MIMETYPES[r.format]
    return out


def dataset_node(ds: Any, base: str) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": base + ds.get_absolute_url(),
        "@type": "dcat:Dataset",
        "dct:identifier": ds.name,
        "dct:title": ds.title,
        "dct:description": ds.notes,
        "dcat:keyword": list(ds.tags),
        "dct:issued": ds.published_at.date().isoformat() if ds.published_at else None,
        "dct:modified": (ds.last_updated or ds.modified_at.date()).isoformat(),
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": ds.organisation.name},
        "dct:accrualPeriodicity": {"@id": EU_FREQ + FREQUENCY.get(ds.frequency, "IRREG")},
        "dcat:landingPage": {"@id": base + ds.get_absolute_url()},
        "dct:accessRights": ds.get_access_display(),
        "dcat:distribution": [_distribution(r, base) for r in ds.resources.all()],
    }
    if LICENCE_URLS.get(ds.licence):
        node["dct:license"] = {"@id": LICENCE_URLS[ds.licence]}
    if ds.contact_name or ds.contact_email:
        point: dict[str, Any] = {
            "@type": "vcard:Kind",
            "vcard:fn": ds.contact_name or ds.organisation.name,
        }
        if ds.contact_email:
            point["vcard:hasEmail"] = f"mailto:{ds.contact_email}"
        node["dcat:contactPoint"] = point
    if ds.domain_id:
        node["dcat:theme"] = ds.domain.name
    return {k: v for k, v in node.items() if v is not None}


def catalog_jsonld(request: HttpRequest) -> JsonResponse:
    base = request.build_absolute_uri("/").rstrip("/")
    datasets, page, total = _page(request)
    last = max(1, math.ceil(total / PER_PAGE))
    here = base + reverse("opendata:catalog_jsonld")
    body: dict[str, Any] = {
        "@context": {k: v for k, v in NS.items() if k != "rdf"},
        "@id": base + "/data/",
        "@type": "dcat:Catalog",
        "dct:title": "政府数据开放目录",
        "dct:description": "本平台开放的数据集（DCAT-AP）",
        "dct:language": "zh",
        "dcat:dataset": [dataset_node(d, base) for d in datasets],
        "hydra:view": {
            "@id": f"{here}?page={page}",
            "@type": "hydra:PagedCollection",
            "hydra:totalItems": total,
            "hydra:itemsPerPage": PER_PAGE,
            "hydra:firstPage": f"{here}?page=1",
            "hydra:lastPage": f"{here}?page={last}",
            **({"hydra:nextPage": f"{here}?page={page + 1}"} if page < last else {}),
        },
    }
    return JsonResponse(
        body, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False}
    )


def catalog_rdf(request: HttpRequest) -> HttpResponse:
    """The same catalog in RDF/XML, written with the standard library."""
    for prefix, uri in NS.items():
        ET.register_namespace(prefix, uri)
    base = request.build_absolute_uri("/").rstrip("/")
    datasets, page, total = _page(request)

    def q(name: str) -> str:
        prefix, local = name.split(":")
        return f"{{{NS[prefix]}}}{local}"

    def literal(parent: ET.Element, name: str, text: Any) -> None:
        if text not in (None, ""):
            ET.SubElement(parent, q(name)).text = str(text)

    def ref(parent: ET.Element, name: str, uri: str) -> None:
        ET.SubElement(parent, q(name), {q("rdf:resource"): uri})

    root = ET.Element(q("rdf:RDF"))
    catalog = ET.SubElement(root, q("dcat:Catalog"), {q("rdf:about"): base + "/data/"})
    literal(catalog, "dct:title", "政府数据开放目录")
    literal(catalog, "dct:language", "zh")
    for ds in datasets:
        node = dataset_node(ds, base)
        holder = ET.SubElement(catalog, q("dcat:dataset"))
        d = ET.SubElement(holder, q("dcat:Dataset"), {q("rdf:about"): node["@id"]})
        for key in (
            "dct:identifier",
            "dct:title",
            "dct:description",
            "dct:issued",
            "dct:modified",
            "dct:accessRights",
            "dcat:theme",
        ):
            literal(d, key, node.get(key))
        for word in node["dcat:keyword"]:
            literal(d, "dcat:keyword", word)
        ref(d, "dcat:landingPage", node["dcat:landingPage"]["@id"])
        ref(d, "dct:accrualPeriodicity", node["dct:accrualPeriodicity"]["@id"])
        if "dct:license" in node:
            ref(d, "dct:license", node["dct:license"]["@id"])
        publisher = ET.SubElement(ET.SubElement(d, q("dct:publisher")), q("foaf:Agent"))
        literal(publisher, "foaf:name", node["dct:publisher"]["foaf:name"])
        for dist in node["dcat:distribution"]:
            holder2 = ET.SubElement(d, q("dcat:distribution"))
            x = ET.SubElement(holder2, q("dcat:Distribution"))
            literal(x, "dct:title", dist["dct:title"])
            literal(x, "dct:format", dist["dct:format"])
            literal(x, "dcat:mediaType", dist.get("dcat:mediaType"))
            literal(x, "dcat:byteSize", dist.get("dcat:byteSize"))
            ref(x, "dcat:accessURL", dist["dcat:accessURL"]["@id"])
            if "dcat:downloadURL" in dist:
                ref(x, "dcat:downloadURL", dist["dcat:downloadURL"]["@id"])
    view = ET.SubElement(
        root, q("hydra:PagedCollection"), {q("rdf:about"): f"{base}/data/catalog.rdf?page={page}"}
    )
    literal(view, "hydra:totalItems", total)
    literal(view, "hydra:itemsPerPage", PER_PAGE)
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, content_type="application/rdf+xml; charset=utf-8")


def datapackage(request: HttpRequest, name: str) -> JsonResponse:
    """Frictionless Data Package of one dataset (a tabular package when its resources are)."""
    ds = selectors.dataset_public_get(name=name)
    base = request.build_absolute_uri("/").rstrip("/")
    licence = Licence(ds.licence)
    resources = []
    tabular = True
    for r in ds.resources.all():
        version = r.current()
        if r.format == Format.API or version is None:
            continue
        item: dict[str, Any] = {
            "name": f"{r.format.lower()}-{str(r.pk)[:8]}",
            "title": r.name,
            "path": base + reverse("opendata:download", args=[ds.name, r.pk]),
            "format": r.format.lower(),
            "mediatype": MIMETYPES.get(r.format, ""),
            "bytes": version.size,
            "hash": f"sha256:{version.sha256}",
        }
        if version.fields:
            item["profile"] = "tabular-data-resource"
            item["schema"] = {
                "fields": [
                    {"name": f["id"], "type": PACKAGE_TYPES.get(f["type"], "string")}
                    for f in version.fields
                ]
            }
        else:
            tabular = False
            item["profile"] = "data-resource"
        resources.append(item)
    body = {
        "profile": "tabular-data-package" if tabular and resources else "data-package",
        "name": ds.name,
        "title": ds.title,
        "description": ds.notes,
        "version": str(ds.version),
        "homepage": base + ds.get_absolute_url(),
        "keywords": list(ds.tags),
        "licenses": [
            {
                "name": licence.value,
                "title": str(licence.label),
                "path": LICENCE_URLS.get(licence, ""),
            }
        ],
        "sources": [{"title": ds.organisation.name}],
        "resources": resources,
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
