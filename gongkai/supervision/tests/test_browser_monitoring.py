"""在线监督 in Chromium (issue 12, done when): a record formed 60 days ago is drafted and sits
逾期未完成 on the 政务公开办's monitoring page; the reviewer publishes it late, the obligation
turns 逾期完成 and the editor finds the 告警 in their alerts and acknowledges it; the item's
timeline shows every step with the deadline that applied; a citizen reads the public timeline
at 390 px and in 长辈版 without any staff name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from gongkai.portal.tests.browser import submit
from gongkai.portal.tests.test_browser import _login

pytestmark = pytest.mark.browser
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
TITLE = "关于公布2026年第三季度建设工程规划许可情况的通知"


def test_a_late_publication_turns_its_obligation_overdue_and_alarms(
    browser, live_portal: str
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    formed = (timezone.localdate() - dt.timedelta(days=60)).isoformat()
    editor = _login(browser, live_portal, "ghj_editor")
    editor.goto(live_portal + "/manage/publications/new/")
    editor.fill("#id_title", TITLE)
    editor.fill("#id_formed_on", formed)
    editor.select_option("#id_genre", "notice")
    editor.select_option("#id_stage", "result")
    editor.fill("#id_body", "<p>现将第三季度建设工程规划许可情况公布如下。</p>")
    submit(editor, "main form button[type=submit]")
    assert "已保存草稿" in editor.content(), editor.locator("main").inner_text()[:800]
    record_url = editor.url
    submit(editor, "button[value=submit]")

    office = _login(browser, live_portal, "gkb")
    office.goto(live_portal + "/manage/supervision/")
    overdue = office.locator("[data-check=overdue]").inner_text()
    assert TITLE in overdue  # 逾期未完成 before anyone acts
    office.screenshot(path=str(SHOTS / "manage-monitor.png"), full_page=True)

    reviewer = _login(browser, live_portal, "ghj_reviewer")
    reviewer.goto(record_url)
    reviewer.check("input[name=decision][value=approve]")
    submit(reviewer, "text=提交第1级审核意见")
    assert "已发布" in reviewer.content()

    office.reload()
    assert TITLE not in office.locator("[data-check=overdue]").inner_text()

    editor.goto(live_portal + "/manage/alerts/")
    row = editor.locator("#alerts tr", has_text=TITLE)
    assert "告警" in row.inner_text() and "超期完成" in row.inner_text()
    editor.screenshot(path=str(SHOTS / "manage-alerts.png"), full_page=True)
    row.locator("input[type=checkbox]").check()
    submit(editor, "text=确认所选")
    assert "已确认1条提醒" in editor.locator("main").inner_text()
    assert TITLE not in editor.locator("main").inner_text()

    editor.goto(record_url)
    submit(editor, "text=查看每一步的办理人、时间和适用时限")
    steps = editor.locator("#timeline").inner_text()
    for label in ("开始计算期限", "新建政府信息", "提交审核", "发布政府信息", "超期完成"):
        assert label in steps, steps
    assert "ghj公开专员" in steps or "公开专员" in steps
    editor.screenshot(path=str(SHOTS / "manage-timeline.png"), full_page=True)

    citizen = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    citizen.goto(live_portal + "/info/?q=第三季度建设工程规划许可")
    submit(citizen, f"text={TITLE}")
    submit(citizen, "text=本信息从形成到发布的每一步")
    public = citizen.locator("#timeline").inner_text()
    assert "超期完成" in public and "公开专员" not in public and "审核人" not in public
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 390
    citizen.screenshot(path=str(SHOTS / "timeline-390.png"), full_page=True)
    citizen.goto(live_portal + "/mode/elder/?next=" + citizen.url.split(live_portal)[1])
    size = citizen.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('#timeline li')).fontSize)"
    )
    assert size >= 20
    citizen.screenshot(path=str(SHOTS / "timeline-elder-390.png"), full_page=True)
