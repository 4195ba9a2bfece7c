"""A villager in Chromium on a 390 px phone works out their 征地补偿 under the standard in
force, sees each item and the standard it came from, in 长辈版 too; and learns why a 79-year-old
gets no 高龄津贴."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

from gongkai.portal.tests.browser import submit

pytestmark = pytest.mark.browser
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def test_villager_works_out_their_compensation(browser, live_portal) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(live_portal + "/jisuan/")
    submit(tab, "#calculators >> text=征地补偿计算器")
    tab.select_option("#id_zone", "一类区")
    tab.select_option("#id_category", "耕地")
    tab.fill("#id_area", "2.5")
    tab.fill("#id_persons", "3")
    submit(tab, "main form button[type=submit]")
    result = tab.locator("#result").inner_text()
    # 2026年调整: 2.5 亩 × 56000 × 1 + 2.5 × 1500 + 3 × 31500
    assert "140000.00 元" in result and "3750.00 元" in result and "94500.00 元" in result
    assert "238250.00 元" in result and "2026年调整" in result and "如政发〔2025〕96号" in result
    assert "区片综合地价：一类区 → 56000" in result
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    tab.screenshot(path=str(SHOTS / "jisuan-zhengdi-390.png"), full_page=True)

    here = tab.url.removeprefix(live_portal).split("#")[0]
    tab.goto(live_portal + "/mode/elder/?next=" + quote(here))
    size = tab.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('#result-lines')).fontSize)"
    )
    assert size >= 24 and tab.evaluate("document.documentElement.scrollWidth") <= 390
    tab.screenshot(path=str(SHOTS / "jisuan-zhengdi-elder-390.png"), full_page=True)
    tab.goto(live_portal + "/mode/elder/?next=/jisuan/gaoling/")  # and back

    tab.fill("#id_age", "79")
    submit(tab, "main form button[type=submit]")
    assert "不在“高龄津贴标准”的任何一档内" in tab.locator("#result").inner_text()
    tab.fill("#id_age", "92")
    submit(tab, "main form button[type=submit]")
    result = tab.locator("#result").inner_text()
    assert "150.00 元" in result and "1800.00 元" in result
    context.close()
