"""Browser tests: axe-core finds no accessibility violation; keyboard-only use; a real
publish journey seen through Chromium. (GB/T 37668 / WCAG 2.1 AA, issue 3.)"""

from __future__ import annotations

import os
import re
import urllib.parse

import pytest
from axe_playwright_python.sync_playwright import Axe

from gongkai.portal.tests.browser import submit

pytestmark = pytest.mark.browser
PAGES = [
    "/",
    "/info/",
    "/info/c/documents/",
    "/col/documents/",
    "/info/c/interpretations/",
    "/catalog/",
    "/item/010201/",
    "/catalog/adjustments/",
    "/tools/workdays/?start=2026-12-20&days=20",
    "/info/normative/",
    "/info/gazette/",
    "/accounts/login/",
    "/search/?q=老年人优待证",
    "/search/?q=低宝",
    "/foi/apply/",
    "/foi/track/",
    "/hudong/",
    "/hudong/write/consult/",
    "/hudong/track/",
    "/hudong/tongji/",
    "/hudong/zhengji/",
    "/laws/",
    "/data/",
    "/data/gov-publications-monthly/",
    "/data/nyj-subsidy-details/",
    "/data/gov-publications-monthly/correct/",
    "/gk/chengjidan/",
    "/gk/nianbao/",
    "/banshi/",
    "/banshi/?for=company",
    "/banshi/theme/chusheng/",
    "/banshi/s/320682-GG-0002/",
    "/banshi/yijianshi/kaicanguan/",
    "/banshi/list/?q=许可",
    "/tongma/?code=320682-XK-0001",
    "/banjian/",
]


def first_article(page, live_portal: str) -> str:  # type: ignore[no-untyped-def]
    page.goto(live_portal + "/info/c/documents/")
    return page.locator(".pub-list a").first.get_attribute("href")


def first_rows(page, live_portal: str) -> str:  # type: ignore[no-untyped-def]
    """The rows page of a demo table (its address holds the resource's id)."""
    page.goto(live_portal + "/data/gov-publications-monthly/")
    return page.locator("#resources a", has_text="在线查询").first.get_attribute("href")


@pytest.mark.parametrize("elder", [False, True])
def test_axe_reports_no_violation(page, live_portal: str, elder: bool) -> None:
    if elder:
        page.goto(live_portal + "/mode/elder/?next=/")
    urls = [*PAGES, first_article(page, live_portal), first_rows(page, live_portal)]
    failures = {}
    blocked: list[str] = []  # the Content-Security-Policy must not block anything of ours
    page.on(
        "console",
        lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None,
    )
    for url in urls:
        page.goto(live_portal + url)
        result = Axe().run(page)
        if result.violations_count:
            failures[url] = result.generate_report()
    assert not failures, "\n".join(f"{u}\n{r}" for u, r in failures.items())
    assert not blocked, blocked


def test_elder_mode_enlarges_text(page, live_portal: str) -> None:
    page.goto(live_portal + "/")
    normal = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.goto(live_portal + "/mode/elder/?next=/")
    elder = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    line = page.evaluate("parseFloat(getComputedStyle(document.body).lineHeight)")
    assert elder >= normal * 1.5 and line >= elder * 1.3


def test_keyboard_only(page, live_portal: str) -> None:
    page.goto(live_portal + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到主要内容"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # from the top of a fresh page, reach the catalog link in the main navigation by keyboard
    page.goto(live_portal + "/")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "政务公开事项标准目录":
            break
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/catalog/$"))
    assert page.locator("h1").inner_text() == "政务公开事项标准目录"


def test_editor_drafts_reviewer_approves_portal_shows_it(browser, live_portal: str) -> None:
    title = "关于做好冬季城乡规划建设安全工作的通知"
    editor = browser.new_context(locale="zh-CN").new_page()
    editor.goto(live_portal + "/accounts/login/")
    editor.fill("#id_username", "ghj_editor")
    editor.fill("#id_password", "gongkai-demo-2026")
    submit(editor, "button[type=submit]")
    editor.goto(live_portal + "/manage/publications/new/")
    editor.fill("#id_title", title)
    editor.fill("#id_doc_number", "皋规发〔2026〕99号")
    editor.select_option("#id_genre", "notice")
    editor.select_option("#id_stage", "execution")
    editor.fill("#id_body", "<p>各单位：请做好冬季安全工作。</p>")
    submit(editor, "main form button[type=submit]")
    assert "已保存草稿" in editor.content(), editor.locator("main").inner_text()[:1500]
    submit(editor, "button[value=submit]")
    assert "待审" in editor.content()

    reviewer = browser.new_context(locale="zh-CN").new_page()
    reviewer.goto(live_portal + "/accounts/login/")
    reviewer.fill("#id_username", "ghj_reviewer")
    reviewer.fill("#id_password", "gongkai-demo-2026")
    submit(reviewer, "button[type=submit]")
    reviewer.goto(editor.url)
    reviewer.check("input[name=decision][value=approve]")
    submit(reviewer, "text=提交第1级审核意见")
    assert "已发布" in reviewer.content()

    public = browser.new_context(locale="zh-CN").new_page()
    public.goto(live_portal + "/info/?q=冬季城乡规划")
    submit(public, f"text={title}")
    assert public.locator("h1").inner_text() == title
    assert public.locator('meta[name="ArticleTitle"]').get_attribute("content") == title
    assert re.search(r"/2026-\d{5}|/\d{4}-\d{5}", public.locator(".gk-header").inner_text())


def _login(browser, live_portal: str, username: str):  # type: ignore[no-untyped-def]
    tab = browser.new_context(locale="zh-CN").new_page()
    tab.goto(live_portal + "/accounts/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", "gongkai-demo-2026")
    submit(tab, "main button[type=submit]")
    return tab


def test_foi_apply_handle_reply_track(browser, live_portal: str) -> None:
    citizen = browser.new_context(locale="zh-CN").new_page()
    citizen.goto(live_portal + "/foi/apply/")
    citizen.select_option("#id_organisation", label="如皋市自然资源和规划局")
    citizen.check("input[name=applicant_kind][value=person]")
    citizen.fill("#id_name", "王小明")
    citizen.fill("#id_id_number", "320682199001011223")
    citizen.fill("#id_phone", "13912345678")
    citizen.fill("#id_email", "wang@example.com")
    citizen.fill("#id_description", "如皋市2025年城市总体规划修改的批复文件")
    citizen.check("input[name=delivery][value=email]")
    submit(citizen, "main form button[type=submit]")
    receipt = citizen.locator("main").inner_text()
    receipt_no = re.search(r"受理编号：(YSQ\d+)", receipt).group(1)
    code = re.search(r"查询码：([A-Z0-9]{8})", receipt).group(1)

    handler = _login(browser, live_portal, "ghj_editor")
    handler.goto(live_portal + "/manage/foi/")
    submit(handler, f"text={receipt_no}")
    detail_url = handler.url
    reviewer = _login(browser, live_portal, "ghj_reviewer")
    reviewer.goto(detail_url)
    reviewer.click("text=保密审查（第十七条）")  # opens the <details>, no navigation
    submit(reviewer, "text=我已完成保密审查")
    handler.goto(detail_url)
    handler.select_option("#id_outcome", "1")
    handler.fill("#id_reply_text", "予以公开，所需文件已发送至您的电子邮箱。")
    submit(handler, "form:has(#id_outcome) button[type=submit]")
    assert "已答复" in handler.locator("main").inner_text()

    tracker = browser.new_context(locale="zh-CN").new_page()
    tracker.goto(live_portal + "/foi/track/")
    tracker.fill("#id_receipt_no", receipt_no)
    tracker.fill("#id_code", code)
    submit(tracker, "main form button[type=submit]")
    text = tracker.locator("main").inner_text()
    assert (
        "已答复" in text
        and "予以公开" in text
        and "王**" in text
        and "320682199001011223" not in text
    )


def _public_pages(page, live_portal: str) -> list[str]:  # type: ignore[no-untyped-def]
    """One URL for every public page template, found by following the portal's own links."""

    def first(url: str, selector: str) -> str:
        page.goto(live_portal + url)
        return page.locator(selector).first.get_attribute("href")

    return [
        *PAGES,
        first_article(page, live_portal),
        "/info/invalid/",
        "/info/standards/",
        first("/info/standards/", "main a[href^='/info/standards/']"),
        "/info/p/guide/",
        "/laws/",
        "/laws/?level=law",
        first("/laws/?q=政府信息公开条例", "main table a[href^='/laws/']"),
        first("/info/gazette/", "main a[href^='/info/gazette/']"),
        first("/catalog/organisations/", "main a[href^='/catalog/organisations/']"),
        first(
            "/item/010201/",
            "main a[href^='/catalog/power/'], main a[href^='/catalog/services/']",
        ),
        "/catalog/items/010201/diff/",
        "/foi/cases/",
        "/gk/nianbao/",
        first("/gk/nianbao/", "main a[href^='/gk/nianbao/']"),
        "/accounts/register/",
        "/accounts/password/reset/",
        "/no/such/page/",
    ]


@pytest.mark.parametrize("width", [360, 390])
@pytest.mark.parametrize("elder", [False, True])
def test_no_public_page_scrolls_sideways(
    browser,
    live_portal: str,
    width: int,
    elder: bool,
) -> None:
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 800})
    tab = context.new_page()
    urls = _public_pages(tab, live_portal)
    if elder:
        tab.goto(live_portal + "/mode/elder/?next=/")
    wide = {}
    for url in urls:
        tab.goto(live_portal + url)
        scroll = tab.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            culprit = tab.evaluate(
                """w => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('table, .table-wrap'))
                .slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 30))""",
                width,
            )
            wide[url] = (scroll, culprit)
    context.close()
    assert not wide, wide


def test_elder_mode_enlarges_what_people_read(browser, live_portal: str) -> None:
    tab = browser.new_context(locale="zh-CN").new_page()
    article = first_article(tab, live_portal)
    tab.goto(live_portal + "/mode/elder/?next=/")
    sizes = {}
    for url, selector in [
        (article, ".article-body p"),
        (article, ".gk-header td"),
        (article, "h1"),
        ("/info/c/documents/", ".pub-list .muted"),
        ("/foi/apply/", "label"),
        ("/foi/apply/", "input[type=text], input:not([type])"),
        ("/catalog/", "td"),
    ]:
        tab.goto(live_portal + url)
        element = tab.locator(selector).first
        sizes[(url, selector)] = (
            element.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"),
            element.evaluate(
                "e => parseFloat(getComputedStyle(e).lineHeight) / parseFloat(getComputedStyle(e).fontSize)"
            ),
        )
    small = {k: v for k, v in sizes.items() if v[0] < 20}
    assert not small, small
    body_line = tab.evaluate(
        "parseFloat(getComputedStyle(document.body).lineHeight) / parseFloat(getComputedStyle(document.body).fontSize)"
    )
    assert body_line >= 1.8
    # the switch is on every page and remembered
    tab.goto(live_portal + "/catalog/")
    assert tab.locator("text=退出长辈版").count() == 1


@pytest.mark.browser
def test_a_citizen_reads_a_law_article_by_its_anchor(browser, live_portal: str, tmp_path) -> None:
    """On a phone in 长辈版: a legal basis link opens the law at its article, large and legible."""
    tab = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    tab.goto(live_portal + "/mode/elder/?next=/")
    tab.goto(live_portal + "/item/010201/")  # 建设工程规划许可: 城乡规划法 第四十条
    tab.locator("a[href*='#第四十条']").first.click()
    tab.wait_for_load_state()
    assert urllib.parse.unquote(tab.url).endswith("#第四十条")
    article = tab.locator("section.law-article[id='第四十条']")
    assert article.is_visible()
    box = article.bounding_box()
    assert (
        box is not None and -1 < box["y"] < 844
    )  # scrolled to the article (sub-pixel offsets allowed)
    size = article.locator("p").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 20
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    tab.screenshot(path=os.environ.get("GK_SCREENSHOT", str(tmp_path / "law.png")))
