"""公开投诉 and 社会评议 in Chromium: the 政务公开办 registers a phone complaint and dispatches
it, the department's 公开专员 answers it, the office closes it after 回访; the office sets up a
社会评议, invites an evaluator and opens it; the evaluator scores every department and town
through the one-time link on a 390 px phone, in 长辈版, and cannot submit twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from gongkai.portal.tests.browser import submit
from gongkai.portal.tests.test_browser import _login

pytestmark = pytest.mark.browser
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def test_a_phone_complaint_from_intake_to_close(browser, live_portal: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    office = _login(browser, live_portal, "gkb")
    office.goto(live_portal + "/manage/complaints/")
    office.select_option("#id_organisation", label="如皋市民政局")
    office.select_option("#id_channel", "phone")
    office.fill("#id_subject", "低保审批结果未公示")
    office.fill("#id_content", "本村低保审批结果没有在网站和村务公开栏公示。")
    office.fill("#id_name", "冯女士")
    office.fill("#id_phone", "13962711111")
    submit(office, "section[aria-labelledby=new-h] button[type=submit]")
    main = office.locator("main")
    assert "已登记投诉" in main.inner_text() and "13962711111" not in main.inner_text()
    assert "139****1111" in main.inner_text()
    complaint_url = office.url
    submit(office, "section[aria-labelledby=a-dispatch] button")
    assert "办理中" in office.locator("#status").inner_text()

    editor = _login(browser, live_portal, "mzj_editor")
    editor.goto(complaint_url)
    editor.select_option("#id_finding", "upheld")
    editor.fill("#id_text", "经核查，审批结果公示确有遗漏，已在网站和公示栏补充公示。")
    submit(editor, "section[aria-labelledby=a-answer] button")
    assert "已答复" in editor.locator("#status").inner_text()
    editor.screenshot(path=str(SHOTS / "manage-complaint.png"), full_page=True)

    office.goto(complaint_url)
    office.select_option("#id_feedback", "satisfied")
    submit(office, "section[aria-labelledby=a-close] button")
    assert "已办结" in office.locator("#status").inner_text()
    submit(office, "text=公开过程完整还原")
    steps = office.locator("#timeline").inner_text()
    for label in ("登记", "分办", "答复", "办结", "按期完成"):
        assert label in steps, steps


def test_an_evaluator_scores_through_the_one_time_link(browser, live_portal: str) -> None:
    office = _login(browser, live_portal, "gkb")
    office.goto(live_portal + "/manage/evaluations/")
    office.fill("#id_title", "2026年第四季度政务公开第三方评估")
    office.select_option("#id_kind", "third_party")
    office.fill("#id_start", "2026-10-01")
    office.fill("#id_end", "2026-12-31")
    office.fill("#id_questions", "信息公开是否及时准确|60\n政策解读是否通俗易懂|40")
    submit(office, "main form button[type=submit]")
    assert "已建立评议" in office.locator("main").inner_text()
    office.fill("#id_name", "评估机构甲")
    office.select_option("#id_category", "third_party")
    submit(office, "button:has-text('邀请评议人')")
    link = office.locator("#invite-link code").inner_text()
    assert "/pingyi/" in link
    submit(office, "button:has-text('开始评议')")
    assert "评议中" in office.locator("#round-status").inner_text()

    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    phone.goto(link)
    inputs = phone.locator("main input[type=number]")
    count = inputs.count()
    assert count >= 20
    for i in range(count):
        inputs.nth(i).fill("30")
    inputs.nth(1).fill("45")  # above the second question's 40
    submit(phone, "button:has-text('提交评议')")
    assert "不能超过40分" in phone.locator("main").inner_text()
    inputs.nth(1).fill("35")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=str(SHOTS / "evaluate-390.png"), full_page=False)
    submit(phone, "button:has-text('提交评议')")
    assert "评议已提交" in phone.locator("main").inner_text()
    phone.goto(live_portal + "/mode/elder/?next=" + phone.url.split(live_portal)[1])
    assert "您已于" in phone.locator("#done").inner_text()
    size = phone.evaluate("parseFloat(getComputedStyle(document.querySelector('#done')).fontSize)")
    assert size >= 20
    phone.screenshot(path=str(SHOTS / "evaluate-elder-390.png"), full_page=False)

    office.reload()
    assert "已提交" in office.locator("main").inner_text()
    results = office.locator("#results").inner_text()
    assert "65.0" in results and "60.0" in results  # 30 + 35 for the first, 30 + 30 for the rest


def test_the_scorecards_chart_is_drawn_without_script(browser, live_portal: str) -> None:
    office = _login(browser, live_portal, "gkb")
    errors: list[str] = []
    office.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    office.goto(live_portal + "/manage/scorecards/")
    chart = office.locator("figure.chart svg")
    assert chart.is_visible() and chart.bounding_box()["width"] > 300
    assert "各机构得分" in chart.text_content()
    office.screenshot(path=str(SHOTS / "manage-scorecards.png"), full_page=True)
    assert not errors, errors


def test_a_citizen_reads_the_public_scorecard_on_a_phone(browser, live_portal: str) -> None:
    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    phone.goto(live_portal + "/gk/chengjidan/")
    submit(phone, "main li a")
    assert phone.locator("figure.chart svg").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.locator("figure.chart").scroll_into_view_if_needed()
    phone.screenshot(path=str(SHOTS / "public-scorecard-390.png"), full_page=False)
    phone.goto(live_portal + "/mode/elder/?next=" + phone.url.split(live_portal)[1])
    fill = phone.evaluate("getComputedStyle(document.querySelector('figure.chart text')).fill")
    assert fill == "rgb(255, 255, 0)"  # yellow on black, like the text around it
    phone.screenshot(path=str(SHOTS / "public-scorecard-elder-390.png"), full_page=False)
