"""A villager in Chromium on a 390 px phone types their ID number and name and sees every
惠民资金 paid to them, in 长辈版 too; reads a 公示 list with names and ID numbers masked; signed
in with a verified phone, sees their payments without typing; the 民政局's 审核人 puts the
newest 高龄津贴 list on 公示 and the villager's lookup shows it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from gongkai.demo.ledgers import CITIZEN_NAME, citizen_id
from gongkai.portal.tests.browser import submit
from gongkai.portal.tests.test_browser import _login

pytestmark = pytest.mark.browser
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def _lookup(tab, live_portal: str) -> str:  # type: ignore[no-untyped-def]
    tab.goto(live_portal + "/huimin/")
    tab.fill("#id_id_number", citizen_id())
    tab.fill("#id_name", CITIZEN_NAME)
    submit(tab, "main form button[type=submit]")
    return tab.locator("#results").inner_text()


def test_villager_finds_their_subsidies(browser, live_portal) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(live_portal + "/")
    submit(tab, "nav.main-nav >> text=惠民资金")
    tab.fill("#id_id_number", citizen_id())
    tab.fill("#id_name", "张四")
    submit(tab, "main form button[type=submit]")
    assert "没有查到" in tab.locator("#results").inner_text()
    results = _lookup(tab, live_portal)
    assert "共查到 3 笔" in results, results
    assert "耕地地力保护补贴" in results and "高龄津贴" in results and "如皋市民政局" in results
    assert citizen_id() not in tab.content()
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    tab.screenshot(path=str(SHOTS / "huimin-lookup-390.png"), full_page=True)

    tab.goto(live_portal + "/mode/elder/?next=/huimin/")
    results = _lookup(tab, live_portal)
    assert "共查到 3 笔" in results
    size = tab.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('#payments')).fontSize)"
    )
    assert size >= 24
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    tab.screenshot(path=str(SHOTS / "huimin-lookup-elder-390.png"), full_page=True)
    tab.goto(live_portal + "/mode/elder/?next=/huimin/")  # and back

    submit(tab, "#programmes >> text=高龄津贴")
    submit(tab, "#batches tbody tr >> nth=0 >> a")
    listed = tab.locator("#batch-rows").inner_text()
    masked = citizen_id()[:4] + "**********" + citizen_id()[-4:]
    assert "张*" in listed and masked in listed and CITIZEN_NAME not in listed
    tab.screenshot(path=str(SHOTS / "huimin-gongshi-390.png"), full_page=True)
    context.close()

    villager = _login(browser, live_portal, "13800000000")
    villager.set_viewport_size({"width": 390, "height": 844})
    villager.goto(live_portal + "/huimin/my/")
    assert "共查到 3 笔" in villager.locator("#results").inner_text()

    reviewer = _login(browser, live_portal, "mzj_reviewer")
    reviewer.goto(live_portal + "/manage/huimin/")
    submit(reviewer, "#programmes >> text=高龄津贴")
    submit(reviewer, "#batches >> text=待审核 >> xpath=ancestor::tr//a")
    submit(reviewer, "button[value=approve]")
    assert "已公示" in reviewer.locator("main").inner_text()
    reviewer.screenshot(path=str(SHOTS / "manage-huimin-batch.png"), full_page=True)
    villager.goto(live_portal + "/huimin/my/")
    assert "共查到 4 笔" in villager.locator("#results").inner_text()
