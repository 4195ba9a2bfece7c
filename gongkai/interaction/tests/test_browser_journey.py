"""The 政民互动 journey in Chromium at 390 px: a citizen writes (proving the e-mail address
with a code the portal really sends, through the SMTP sink), a handler answers, a reviewer
approves, the citizen rates, and the public figures change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from gongkai.portal.tests.browser import submit
from gongkai.portal.tests.test_browser import _login

pytestmark = pytest.mark.browser
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def _figures(tab, live_portal: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    tab.goto(live_portal + "/hudong/tongji/")
    return {
        key: tab.locator(f"[data-figure={key}]").inner_text()
        for key in ("received", "done_rate", "satisfied_rate")
    }


def test_submit_answer_approve_rate_and_the_public_figures_change(
    browser, live_portal: str
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    citizen = context.new_page()
    before = _figures(citizen, live_portal)

    citizen.goto(live_portal + "/hudong/write/complaint/")
    citizen.fill("#id_subject", "某某路路灯不亮")
    citizen.fill("#id_content", "某某路北段路灯连续一周不亮，夜间出行不安全。")
    citizen.select_option("#id_organisation", label="如皋市自然资源和规划局")
    citizen.fill("#id_name", "王小明")
    citizen.fill("#id_email", "wang.xm@example.com")
    citizen.check("#id_allow_public")
    submit(citizen, "button[name=send_code]")
    assert "验证码已发送" in citizen.locator("main").inner_text()
    assert citizen.input_value("#id_content").startswith("某某路北段")  # kept
    texts = live_portal.mail.texts_to("wang.xm@example.com")
    code = re.search(r"验证码 (\d{6})", texts[-1]).group(1)
    citizen.fill("#id_code", code)
    citizen.screenshot(path=str(SHOTS / "hudong-write-390.png"), full_page=True)
    submit(citizen, "main form button:not([name=send_code])[type=submit]")
    receipt = citizen.locator("main").inner_text()
    number = re.search(r"留言编号：(HD\d+)", receipt).group(1)
    assert re.search(r"查询码：[A-Z0-9]{8}", receipt)

    handler = _login(browser, live_portal, "ghj_editor")
    handler.goto(live_portal + "/manage/messages/")
    submit(handler, f"text={number}")
    detail = handler.url
    submit(handler, "section[aria-label=受理] button")
    handler.fill("section[aria-label=拟写答复] textarea", "经核查，路灯线路故障已于今日修复。")
    submit(handler, "section[aria-label=拟写答复] button")
    assert "答复待审核" in handler.locator("main").inner_text()

    reviewer = _login(browser, live_portal, "ghj_reviewer")
    reviewer.goto(detail)
    reviewer.check("section[aria-label=审核通过答复] input[value='1']")
    submit(reviewer, "section[aria-label=审核通过答复] button")
    assert "已答复" in reviewer.locator("main").inner_text()

    citizen.goto(live_portal + f"/hudong/status/{number}/")
    assert "路灯线路故障已于今日修复" in citizen.locator("main").inner_text()
    citizen.check("input[name=rating][value=satisfied]")
    submit(citizen, "form[action$='/rate/'] button")
    assert "感谢您的评价" in citizen.locator("main").inner_text()

    after = _figures(citizen, live_portal)
    assert int(after["received"]) == int(before["received"]) + 1
    assert after != before
    citizen.screenshot(path=str(SHOTS / "hudong-figures-390.png"), full_page=True)
    public = citizen.locator("main")
    citizen.goto(live_portal + f"/hudong/{number}/")
    assert "王小明" not in public.inner_text() and "wang.xm" not in public.inner_text()
    citizen.goto(live_portal + "/mode/elder/?next=/hudong/tongji/")
    citizen.screenshot(path=str(SHOTS / "hudong-figures-elder-390.png"), full_page=True)
    context.close()


def test_suggestions_while_writing_a_survey_and_the_staff_pages(browser, live_portal: str) -> None:
    """At 390 px: the knowledge base answers as the citizen types; a survey is answered and
    its bars drawn (also in 长辈版); a handler sees the hot-topic clock; the 政务公开办 compiles
    and publishes a 知识清单."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    citizen = context.new_page()
    citizen.goto(live_portal + "/hudong/write/consult/")
    citizen.type("#id_subject", "灵活就业怎么交养老保险", delay=20)
    suggest = citizen.locator("#kb-suggest")
    suggest.wait_for(state="visible")
    assert "灵活就业人员如何缴纳养老保险" in suggest.inner_text()
    citizen.screenshot(path=str(SHOTS / "hudong-kb-suggest-390.png"), full_page=True)

    citizen.goto(live_portal + "/hudong/wenjuan/")
    submit(citizen, "text=城市管理服务满意度问卷调查")
    submit(citizen, "main form button[type=submit]")  # nothing chosen: told which question
    assert "请回答第1题" in citizen.locator("[role=alert]").inner_text()
    citizen.check("input[name=q1][value='2']")
    citizen.check("input[name=q2][value='3']")
    citizen.fill("#q3", "希望夜间路灯巡查更及时")
    submit(citizen, "main form button[type=submit]")
    results = citizen.locator("main").inner_text()
    assert "调查结果" in results and "希望夜间路灯" not in results
    citizen.screenshot(path=str(SHOTS / "hudong-survey-results-390.png"), full_page=True)
    citizen.goto(live_portal + "/mode/elder/?next=" + citizen.url.split(live_portal)[1])
    bar = citizen.locator("meter.bar").first.bounding_box()
    assert bar is not None and bar["height"] >= 30  # 长辈版 bars are not hairlines
    citizen.screenshot(path=str(SHOTS / "hudong-survey-results-elder-390.png"), full_page=True)
    context.close()

    handler = _login(browser, live_portal, "hbj_editor")
    handler.goto(live_portal + "/manage/hot-topics/")
    assert "发布权威信息" in handler.locator("main").inner_text()
    handler.screenshot(path=str(SHOTS / "manage-hot-topics.png"), full_page=True)

    office = _login(browser, live_portal, "gkb")
    office.goto(live_portal + "/manage/knowledge-lists/")
    office.fill("#id_start", "2026-01-01")
    office.fill("#id_end", "2026-01-31")
    submit(office, "main form button[type=submit]")
    assert "已编制" in office.locator("main").inner_text()
    submit(office, "text=发布到网站")
    assert "已发布" in office.locator("main").inner_text()
    office.screenshot(path=str(SHOTS / "manage-knowledge-list.png"), full_page=True)
