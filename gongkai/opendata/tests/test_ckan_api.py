"""The CKAN Action API as ckanapi and the CKAN harvester see it (anchors §2): both routes,
GET and POST, no redirect, CKAN's envelope, error types and status codes, package_search with
q, fq, facets, rows, start and sort, the *_show and *_list actions, and datastore_search that
matches the rows loaded (``limit=0`` gives the fields with ``_id`` first and the total)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from gongkai.testing import factories as f

CSV = "镇街,年份,金额\n如城街道,2025,1200\n白蒲镇,2025,800\n长江镇,2026,950\n"


@pytest.fixture
def cast(world, planning_editor, planning_reviewer):  # type: ignore[no-untyped-def]
    finance_editor, finance_reviewer = world.finance_editor, world.finance_reviewer
    budget = f.dataset_make(
        editor=finance_editor,
        reviewer=finance_reviewer,
        name="czj-budget",
        title="部门预算收支表",
        csv_text=CSV,
        tags=["预算", "财政"],
    )
    subsidy = f.dataset_make(
        editor=finance_editor,
        reviewer=finance_reviewer,
        name="czj-subsidy",
        title="惠民补贴发放汇总",
        csv_text=CSV,
        tags=["补贴"],
    )
    plans = f.dataset_make(
        editor=planning_editor,
        reviewer=planning_reviewer,
        name="ghj-plans",
        title="规划项目批前公示",
        csv_text=CSV,
        tags=["规划"],
        domain=world.plan_item.domain,
    )
    f.dataset_make(editor=planning_editor, name="ghj-draft", title="未发布的草稿", csv_text=CSV)
    return {"budget": budget, "subsidy": subsidy, "plans": plans}


def call(name: str, method: str = "post", prefix: str = "/api/3/action/", **data):  # type: ignore[no-untyped-def]
    client = Client()
    if method == "get":
        return client.get(prefix + name, data)
    return client.post(
        prefix + name, json.dumps(data).encode("ascii"), content_type="application/json"
    )


@pytest.mark.django_db
def test_envelope_routes_and_errors(cast) -> None:
    for prefix in ("/api/3/action/", "/api/action/"):
        for method in ("get", "post"):
            r = call("site_read", method, prefix)
            assert (
                r.status_code == 200 and r.json()["success"] is True and r.json()["result"] is True
            )
            assert r.json()["help"].endswith("/api/3/action/help_show?name=site_read")
    assert Client().get("/api/3").json() == {"version": 3}
    assert Client().get("/api/3/action/package_list/").status_code in (404,)  # no slash redirect
    unknown = call("no_such_action")
    assert unknown.status_code == 400 and unknown.json().startswith(
        "Bad request - Action name not known"
    )
    broken = Client().post(
        "/api/3/action/package_show", b"{not json", content_type="application/json"
    )
    assert broken.status_code == 400 and isinstance(broken.json(), str)
    missing = call("package_show", id="no-such")
    assert missing.status_code == 404
    assert (
        missing.json()["success"] is False
        and missing.json()["error"]["__type"] == "Not Found Error"
    )
    assert call("organization_show", id="nobody").json()["error"]["__type"] == "Not Found Error"
    invalid = call("package_search", rows="many")
    assert invalid.status_code == 409 and invalid.json()["error"]["__type"] == "Validation Error"
    assert "rows" in invalid.json()["error"]
    junk = call("package_search", nonsense=1)
    assert junk.status_code == 400 and junk.json()["error"]["__type"] == "Search Query Error"


@pytest.mark.django_db
def test_package_actions(cast, world) -> None:
    names = call("package_list").json()["result"]
    assert names == ["czj-budget", "czj-subsidy", "ghj-plans"]  # the draft is not listed
    pkg = call("package_show", "get", id="czj-budget").json()["result"]
    assert pkg["name"] == "czj-budget" and pkg["title"] == "部门预算收支表"
    assert pkg["organization"]["title"] == "示例县财政局" and pkg["num_resources"] == 1
    res = pkg["resources"][0]
    assert (
        res["format"] == "CSV" and res["datastore_active"] is True and res["url"].startswith("http")
    )
    assert res["hash"].startswith("sha256:") and res["size"] == len(CSV.encode())
    assert call("package_show", id=pkg["id"]).json()["result"]["name"] == "czj-budget"  # by id
    finance = pkg["organization"]["name"]

    found = call(
        "package_search",
        q="预算",
        fq=f"organization:{finance}",
        rows=0,
        **{"facet.field": ["tags", "res_format"]},
    ).json()["result"]
    assert found["count"] == 1 and found["results"] == []
    assert {"count", "results", "facets", "search_facets", "sort"} <= found.keys()
    assert found["facets"]["tags"] == {"预算": 1, "财政": 1} and found["facets"]["res_format"] == {
        "CSV": 1
    }
    assert found["search_facets"]["tags"]["items"][0]["count"] == 1
    over_get = call(
        "package_search", "get", fq=f"organization:{finance}", **{"facet.field": '["organization"]'}
    )
    facets = over_get.json()["result"]["search_facets"]["organization"]["items"]
    assert facets == [{"name": finance, "display_name": "示例县财政局", "count": 2}]
    either = call(
        "package_search", fq=f"organization:{finance} OR tags:规划", sort="name asc"
    ).json()["result"]
    assert [d["name"] for d in either["results"]] == ["czj-budget", "czj-subsidy", "ghj-plans"]
    not_finance = call("package_search", fq=f"-organization:{finance}").json()["result"]
    assert [d["name"] for d in not_finance["results"]] == ["ghj-plans"]
    paged = [
        call("package_search", rows=1, start=n, sort="id asc").json()["result"]["results"]
        for n in range(4)
    ]
    assert [len(p) for p in paged] == [1, 1, 1, 0] and len({p[0]["id"] for p in paged[:3]}) == 3
    since = call("package_search", fq="metadata_modified:[2000-01-01T00:00:00Z TO *]").json()
    assert since["result"]["count"] == 3
    assert call("package_search", rows=5000).json()["success"] is True  # capped, not refused

    orgs = call("organization_list").json()["result"]
    assert finance in orgs and len(orgs) == 2
    full = call("organization_list", all_fields=True).json()["result"]
    assert {o["name"]: o["package_count"] for o in full}[finance] == 2
    shown = call("organization_show", id=finance, include_datasets=True).json()["result"]
    assert shown["is_organization"] is True and len(shown["packages"]) == 2
    groups = call("group_list").json()["result"]
    assert groups == [world.plan_item.domain.code.lower()]
    assert call("group_show", id=groups[0]).json()["result"]["package_count"] == 1
    assert call("tag_list").json()["result"] == sorted({"规划", "补贴", "财政", "预算"})
    assert call("resource_show", id=res["id"]).json()["result"]["id"] == res["id"]
    assert call("resource_show", id="x").status_code == 404
    status = call("status_show").json()["result"]
    assert status["ckan_version"].startswith("2.") and "datastore" in status["extensions"]


@pytest.mark.django_db
def test_datastore_search_matches_the_loaded_rows(cast) -> None:
    rid = str(cast["budget"].resources.get().pk)
    head = call("datastore_search", resource_id=rid, limit=0).json()["result"]
    assert [x["id"] for x in head["fields"]] == ["_id", "镇街", "年份", "金额"]
    assert head["total"] == 3 and head["records"] == []
    rows = call(
        "datastore_search", "get", resource_id=rid, filters='{"年份": 2025}', sort="金额 desc"
    ).json()
    assert [r["镇街"] for r in rows["result"]["records"]] == ["如城街道", "白蒲镇"]
    lists = call(
        "datastore_search", resource_id=rid, fields=["镇街"], records_format="lists", q="长江"
    ).json()
    assert lists["result"]["records"] == [["长江镇"]]
    junk = call("datastore_search", resource_id=rid, __junk=1)
    assert junk.status_code == 409 and "__junk" in junk.json()["error"]
    bad = call("datastore_search", resource_id=rid, filters={"没有": 1})
    assert bad.status_code == 409 and "没有字段" in bad.json()["error"]["message"]
    assert call("datastore_search", resource_id="nope").status_code == 404


@pytest.mark.django_db
def test_dcat_datapackage_feeds_and_search(cast) -> None:
    from xml.etree import ElementTree as ET

    client = Client()
    catalog = client.get("/data/catalog.jsonld")
    assert catalog["Content-Type"] == "application/ld+json"
    body = catalog.json()
    assert body["@type"] == "dcat:Catalog" and body["hydra:view"]["hydra:totalItems"] == 3
    budget = next(d for d in body["dcat:dataset"] if d["dct:identifier"] == "czj-budget")
    assert budget["dcat:keyword"] == ["预算", "财政"]
    assert budget["dct:publisher"]["foaf:name"] == "示例县财政局"
    dist = budget["dcat:distribution"][0]
    assert dist["dct:format"] == "CSV" and dist["dcat:mediaType"] == "text/csv"
    assert dist["dcat:downloadURL"]["@id"].endswith("/download/")
    rdf = ET.fromstring(client.get("/data/catalog.rdf").content)
    dcat = "{http://www.w3.org/ns/dcat#}"
    titles = [e.text for e in rdf.iter("{http://purl.org/dc/terms/}title")]
    assert len(list(rdf.iter(f"{dcat}Dataset"))) == 3 and "部门预算收支表" in titles
    package = client.get("/data/czj-budget/datapackage.json").json()
    assert package["profile"] == "tabular-data-package" and package["name"] == "czj-budget"
    fields = package["resources"][0]["schema"]["fields"]
    assert fields == [
        {"name": "镇街", "type": "string"},
        {"name": "年份", "type": "integer"},
        {"name": "金额", "type": "integer"},
    ]
    assert client.get("/data/ghj-draft/datapackage.json").status_code == 404
    rss = client.get("/data/feeds/rss.xml").content.decode()
    assert "部门预算收支表：发布" in rss and "未发布的草稿" not in rss
    assert "<feed" in client.get("/data/feeds/atom.xml").content.decode()


@pytest.mark.django_db
def test_datasets_are_in_the_main_search_with_their_own_type(cast, tmp_path, monkeypatch) -> None:
    from gongkai.search import services
    from gongkai.search.engines.tantivy_engine import TantivyEngine

    engine = TantivyEngine(tmp_path / "index")
    services.search_rebuild(engine=engine)
    monkeypatch.setattr(services, "get_engine", lambda: engine)
    page = Client().get("/search/", {"q": "预算收支"}).content.decode()
    assert "/data/czj-budget/" in page and "开放数据" in page
    assert "未发布的草稿" not in Client().get("/search/", {"q": "草稿"}).content.decode()


@pytest.mark.django_db
def test_write_actions_need_a_token_with_the_scope(
    cast, world, planning_editor, finance_editor
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.accounts.tokens import api_token_create
    from gongkai.opendata.models import Dataset

    _t, write = api_token_create(
        actor=planning_editor, user=planning_editor, name="ckan", scopes=["opendata:write"]
    )
    _t, read = api_token_create(
        actor=planning_editor, user=planning_editor, name="ckan", scopes=["foi:read"]
    )
    org = call("package_show", id="ghj-plans").json()["result"]["organization"]["name"]
    body = {
        "name": "ghj-api",
        "title": "接口建立的数据集",
        "notes": "说明",
        "owner_org": org,
        "tags": [{"name": "接口"}],
    }

    def post(action: str, token: str | None, **data):  # type: ignore[no-untyped-def]
        headers = {"HTTP_AUTHORIZATION": token, "HTTP_X_CKAN_API_KEY": token} if token else {}
        return Client().post(
            f"/api/3/action/{action}",
            json.dumps(data).encode("ascii"),
            content_type="application/json",
            **headers,
        )

    assert post("package_create", None, **body).json()["error"]["__type"] == "Authorization Error"
    assert post("package_create", read, **body).status_code == 403
    assert Client().get("/api/3/action/package_create", body).status_code == 400  # POST only
    made = post("package_create", write, **body)
    assert made.status_code == 200 and made.json()["result"]["state"] == "draft"
    assert Dataset.objects.get(name="ghj-api").tags == ["接口"]
    assert call("package_show", id="ghj-api").status_code == 404  # not public before review
    dup = post("package_create", write, **body)
    assert (
        dup.status_code == 409
        and dup.json()["error"]["__type"] == "Validation Error"
        and "name" in dup.json()["error"]
    )
    finance = call("package_show", id="czj-budget").json()["result"]["organization"]["name"]
    other = post("package_create", write, **{**body, "name": "ghj-x", "owner_org": finance})
    assert other.status_code == 409 and "owner_org" in other.json()["error"]
    updated = post("package_update", write, id="ghj-api", title="接口改过的标题")
    assert updated.json()["result"]["title"] == "接口改过的标题"
    upload = SimpleUploadedFile("rows.csv", CSV.encode("utf-8"), "text/csv")
    res = Client().post(
        "/api/3/action/resource_create",
        {"package_id": "ghj-api", "name": "明细", "upload": upload},
        HTTP_AUTHORIZATION=write,
    )
    assert res.status_code == 200 and res.json()["result"]["format"] == "CSV"
    assert Dataset.objects.get(name="ghj-api").resources.count() == 1
    nope = post("package_update", write, id="czj-budget", title="别人的")
    assert nope.status_code == 404
