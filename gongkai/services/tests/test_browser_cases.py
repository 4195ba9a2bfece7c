"""A citizen in Chromium on a 390 px phone: finds 开餐馆 among the services, reads the
combined materials list, follows their case with the number and 查询码 on their receipt (read
from the demo's 中间库, as the department printed it), in 长辈版 too; then, signed in with a
verified phone, sees their own cases; the department's staff see the source and overdue cases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from django.conf import settings

from gongkai.portal.tests.browser import submit
from gongkai.portal.tests.test_browser import _login

pytestmark = pytest.mark.browser
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def _receipt(live_portal) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    middle = Path(live_portal.env["MEDIA_ROOT"]).parent / "demo-middle.sqlite3"
    with sqlite3.connect(middle) as conn:
        return conn.execute(
            "SELECT bjbh, cxm FROM v_bj_banjian WHERE lxdh = '13800000000' ORDER BY bjbh LIMIT 1"
        ).fetchone()


def test_citizen_finds_a_service_and_follows_their_case(browser, live_portal) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(live_portal + "/")
    submit(tab, "nav.main-nav >> text=办事服务")
    submit(tab, "text=企业办事")
    submit(tab, "#packages >> text=开餐馆")
    steps = tab.locator("#package-steps").inner_text()
    assert steps.index("营业执照") < steps.index("食品经营许可") < steps.index("消防")
    materials = tab.locator("#package-materials").inner_text()
    assert sum(1 for line in materials.splitlines() if line.startswith("营业执照")) == 1
    tab.screenshot(path=str(SHOTS / "banshi-package-390.png"), full_page=True)

    number, code = _receipt(live_portal)
    tab.goto(live_portal + "/banjian/")
    tab.fill("#id_number", number)
    tab.fill("#id_code", "WRONG1")
    submit(tab, "main button[type=submit]")
    assert "办件编号或查询码不正确" in tab.locator("main").inner_text()
    tab.fill("#id_number", number.lower())
    tab.fill("#id_code", code)
    submit(tab, "main button[type=submit]")
    main = tab.locator("main").inner_text()
    assert number in main and "窗口受理" in main and "张*" in main and "张三" not in main
    assert tab.locator("#case-nodes li").count() >= 2
    tab.screenshot(path=str(SHOTS / "banjian-case-390.png"), full_page=True)
    tab.goto(live_portal + "/mode/elder/?next=" + tab.url.removeprefix(live_portal))
    assert (
        tab.evaluate("parseFloat(getComputedStyle(document.querySelector('#case-nodes')).fontSize)")
        >= 24
    )
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    tab.screenshot(path=str(SHOTS / "banjian-case-elder-390.png"), full_page=True)
    tab.goto(live_portal + "/mode/elder/?next=/shuanggongshi/")  # back to the standard view
    submit(tab, "nav.tabs >> text=行政处罚")
    double = tab.locator("#double").inner_text()
    assert "皋城管罚决字" in double and "如皋市鑫达建材有限公司" in double and "王*" in double
    assert "王建军" not in double
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    tab.screenshot(path=str(SHOTS / "shuanggongshi-390.png"), full_page=True)
    context.close()

    citizen = _login(browser, live_portal, "13800000000")
    citizen.set_viewport_size({"width": 390, "height": 844})
    citizen.goto(live_portal + "/banjian/my/")
    rows = citizen.locator("#my-cases tbody tr")
    assert rows.count() == 3, citizen.locator("main").inner_text()
    submit(citizen, f"#my-cases >> text={number}")
    assert "办理环节" in citizen.locator("main").inner_text()

    staff = _login(browser, live_portal, "spj_editor")
    staff.goto(live_portal + "/manage/banjian/")
    sources = staff.locator("#sources").inner_text()
    assert "如皋市政务服务中间库" in sources and "SQLite" in sources
    staff.screenshot(path=str(SHOTS / "manage-banjian.png"), full_page=True)
