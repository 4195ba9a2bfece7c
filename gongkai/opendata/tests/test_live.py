"""ckanapi, unmodified from PyPI, against the running demo portal (the run command's server):
the CLI's ``action package_search``, ``search datasets`` and ``dump datasets --all``, each
also GET-only (``-g``), and RemoteCKAN as a script would use it; then a citizen browses,
queries and sorts a dataset on a 390 px phone and in 长辈版."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from gongkai.portal.tests.browser import submit

pytestmark = pytest.mark.browser
CKANAPI = str(Path(sys.executable).parent / "ckanapi")
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def _cli(*args: str) -> str:
    done = subprocess.run([CKANAPI, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_ckanapi_commands_work_against_the_demo(live_portal: str) -> None:
    from ckanapi import NotFound, RemoteCKAN

    for get in ([], ["-g"]):
        found = json.loads(
            _cli(
                "action",
                "package_search",
                "-r",
                live_portal,
                *get,
                'facet.field:["organization"]',
                "rows:0",
            )
        )
        total = found["count"]
        assert total >= 20 and found["results"] == []
        assert sum(found["facets"]["organization"].values()) == total
        lines = _cli("search", "datasets", "-r", live_portal, *get).splitlines()
        assert len(lines) == total
        assert all(json.loads(line)["resources"] for line in lines)
        dumped = [
            json.loads(x)
            for x in _cli("dump", "datasets", "--all", "-r", live_portal, *get).splitlines()
        ]
        assert len(dumped) == total
        assert all("format" in r for d in dumped for r in d["resources"])

    with RemoteCKAN(live_portal) as ck:
        orgs = ck.action.organization_list()
        assert orgs
        r = ck.action.package_search(q="目录", rows=0, **{"facet.field": ["tags", "res_format"]})
        assert {"count", "results", "facets", "search_facets"} <= r.keys() and r["count"] >= 9
        first = ck.action.package_search(rows=1, fq="res_format:CSV")["results"][0]
        pkg = ck.action.package_show(id=first["name"])
        assert pkg["resources"] and all("format" in res for res in pkg["resources"])
        rid = pkg["resources"][0]["id"]
        head = ck.action.datastore_search(resource_id=rid, limit=0)
        rows = ck.action.datastore_search(resource_id=rid, limit=head["total"] or 1)
        assert head["fields"][0]["id"] == "_id" and len(rows["records"]) == head["total"]
        with pytest.raises(NotFound):
            ck.action.package_show(id="no-such")
        with pytest.raises(NotFound):
            ck.action.organization_show(id="no-such")


def test_a_citizen_queries_a_dataset_on_a_phone(browser, live_portal: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    phone.goto(live_portal + "/data/?q=" + "各部门主动公开")
    submit(phone, "text=各部门主动公开政府信息数量（按月）")
    assert "历史版本" in phone.locator("main").inner_text()
    phone.screenshot(path=str(SHOTS / "dataset-390.png"), full_page=True)
    submit(phone, "text=在线查询")
    total = int(phone.locator("#total").inner_text())
    assert total > 0
    submit(phone, "#rows thead a >> text=条数")
    first = phone.locator("#rows tbody tr").first.inner_text()
    submit(phone, "#rows thead a >> text=条数")  # again: descending
    assert phone.locator("#rows tbody tr").first.inner_text() != first or total == 1
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=str(SHOTS / "dataset-rows-390.png"), full_page=True)
    phone.goto(live_portal + "/mode/elder/?next=" + phone.url.split(live_portal)[1])
    size = phone.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('#rows td')).fontSize)"
    )
    assert size >= 20
    phone.screenshot(path=str(SHOTS / "dataset-rows-elder-390.png"), full_page=False)


def test_conditional_data_from_application_to_download(browser, live_portal: str) -> None:
    """有条件开放 end to end: a citizen applies, the publisher's 审核人 approves, the citizen
    takes the key once and downloads and queries the data with it."""
    import datetime as dt

    from gongkai.portal.tests.test_browser import _login

    citizen = _login(browser, live_portal, "13800000000")
    citizen.goto(live_portal + "/data/nyj-subsidy-details/")
    assert "有条件开放" in citizen.locator("#access").inner_text()
    submit(citizen, "#apply-note >> text=提交使用申请")
    from django.utils import timezone

    today = timezone.localdate()  # the portal's time zone, as the form checks it
    citizen.fill("#id_company", "如皋市农业经济研究会")
    citizen.fill("#id_purpose", "研究涉农补贴发放的及时性")
    citizen.fill("#id_scope", "2026年各镇（街道）发放明细")
    citizen.fill("#id_start", today.isoformat())
    citizen.fill("#id_end", (today + dt.timedelta(days=60)).isoformat())
    submit(citizen, "main form button[type=submit]")
    assert "已提交申请" in citizen.locator("main").inner_text()
    citizen.screenshot(path=str(SHOTS / "data-applications.png"), full_page=True)

    reviewer = _login(browser, live_portal, "nyj_reviewer")
    reviewer.goto(live_portal + "/manage/data/")
    submit(reviewer, "text=涉农补贴发放明细")
    reviewer.check("#application-list input[name=decision][value=approve]")
    reviewer.fill("#application-list #id_reason", "同意，仅限研究使用")
    submit(reviewer, "#application-list button[type=submit]")
    assert "已同意" in reviewer.locator("#application-list").inner_text()

    citizen.goto(live_portal + "/data/my/")
    submit(citizen, "text=获取授权密钥")
    key = citizen.locator("#new-key code").first.inner_text()
    assert key.startswith("gkd_")
    citizen.screenshot(path=str(SHOTS / "data-key.png"), full_page=True)
    citizen.goto(live_portal + "/data/nyj-subsidy-details/")
    link = citizen.locator("#resources a", has_text="下载").count()
    assert link == 0  # no key, no link
    res_path = citizen.evaluate(
        "fetch('/api/3/action/package_show?id=nyj-subsidy-details').then(r => r.json())"
        ".then(j => j.result.resources[0].id)"
    )
    rows = citizen.request.get(f"{live_portal}/data/nyj-subsidy-details/r/{res_path}/?key={key}")
    assert rows.ok and "如城街道" in rows.text()
    file = citizen.request.get(
        f"{live_portal}/data/nyj-subsidy-details/r/{res_path}/download/?key={key}"
    )
    assert file.ok and "耕地地力保护补贴" in file.text()
    locked = citizen.request.get(f"{live_portal}/data/nyj-subsidy-details/r/{res_path}/download/")
    assert locked.status == 403
