"""The annual report in Chromium: the 政务公开办 drafts this year's government report, sees
every check pass, edits section 五, publishes it; a citizen finds it in the 信息公开年报 column
at 390 px and in 长辈版."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from gongkai.portal.tests.browser import submit
from gongkai.portal.tests.test_browser import _login

pytestmark = pytest.mark.browser
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def test_the_office_drafts_checks_and_publishes_a_report(browser, live_portal: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    office = _login(browser, live_portal, "gkb")
    office.goto(live_portal + "/manage/annual-reports/")
    office.select_option("#id_organisation", label="如皋市人民政府")
    office.fill("#id_year", "2026")
    submit(office, "main form button[type=submit]")
    main = office.locator("main")
    assert "已生成年度报告草稿" in main.inner_text()
    assert office.locator("#checks-ok").is_visible()
    office.fill("#id_problems", "政策解读形式仍较单一，下一步增加图解和音视频解读。")
    submit(office, "section[aria-label=修改文字部分] button")
    submit(office, "text=审核公布")
    assert "年度报告已公布" in main.inner_text()
    office.screenshot(path=str(SHOTS / "manage-annual-report.png"), full_page=True)

    citizen = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    citizen.goto(live_portal + "/gk/nianbao/")
    submit(citizen, "text=如皋市人民政府2026年政府信息公开工作年度报告")
    text = citizen.locator("main").inner_text()
    assert "政策解读形式仍较单一" in text and "二、上年结转政府信息公开申请数量" in text
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 390
    citizen.screenshot(path=str(SHOTS / "annual-report-390.png"), full_page=True)
    citizen.goto(live_portal + "/mode/elder/?next=" + citizen.url.split(live_portal)[1])
    size = citizen.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)"
    )
    assert size >= 20
    citizen.screenshot(path=str(SHOTS / "annual-report-elder-390.png"), full_page=True)
