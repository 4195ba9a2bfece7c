"""Pages published as files, through the run command's server and Chromium: read from disk,
a change shows within a second, 长辈版 and the phone width still work."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser

# Run in the live portal's own environment (its database and SITE_ROOT), as the back office
# would: each step through the publishing services, then polled over HTTP until it shows.
JOURNEY = """
import json, time, urllib.request
from gongkai.accounts.models import User
from gongkai.publishing.services import publication_revise, publication_withdraw
from gongkai.testing.factories import publication_make
base = %r
editor = User.objects.get(username="ghj_editor")
reviewer = User.objects.get(username="ghj_reviewer")
took = {}

def shown(step, path, text, started):
    while time.perf_counter() - started < 5:
        if text in urllib.request.urlopen(base + path).read().decode():
            took[step] = (time.perf_counter() - started) * 1000
            return
        time.sleep(0.01)
    took[step] = None

started = time.perf_counter()
pub = publication_make(editor=editor, reviewer=reviewer, title="静态发布浏览器测试通知")
shown("published", f"/art/{pub.pk}/", "静态发布浏览器测试通知", started)
shown("home", "/", "静态发布浏览器测试通知", started)
started = time.perf_counter()
publication_revise(actor=reviewer, pub=pub, data={"title": "静态发布浏览器测试通知（修订）"}, note="更正")
shown("revised", f"/art/{pub.pk}/", "（修订）", started)
started = time.perf_counter()
publication_withdraw(actor=reviewer, pub=pub, reason="测试撤回")
shown("withdrawn", f"/art/{pub.pk}/", "已撤回", started)
print(json.dumps({"pk": pub.pk, "took": took}))
"""


def test_a_publication_its_revision_and_withdrawal_show_within_a_second(
    live_portal,
) -> None:
    manage = str(Path(settings.BASE_DIR) / "manage.py")
    done = subprocess.run(
        [sys.executable, manage, "shell", "-c", JOURNEY % str(live_portal)],
        env=live_portal.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    took = result["took"]
    # the page shows without waiting for the worker; the one-second target itself is measured
    # by bench/static_bench.py (docs/static-bench.md), not timed here on a loaded CI machine
    assert all(ms is not None and ms < 5000 for ms in took.values()), took
    page_file = live_portal.site_root / "art" / str(result["pk"]) / "index.html"
    assert "已撤回" in page_file.read_text() and "测试通知的正文" not in page_file.read_text()


def test_the_file_is_what_the_server_sends_without_asking_django(live_portal) -> None:
    home_file = (live_portal.site_root / "home" / "index.html").read_bytes()
    with urllib.request.urlopen(live_portal + "/") as response:
        assert response.read() == home_file
        # Django would have added its headers; the file carries its policy in <meta>
        assert response.headers.get("Content-Security-Policy") is None
    assert b'<meta http-equiv="Content-Security-Policy"' in home_file
    with urllib.request.urlopen(live_portal + "/info/") as response:  # Django's own page
        assert "frame-ancestors" in response.headers["Content-Security-Policy"]


def test_elder_mode_and_the_phone_width_on_a_page_read_from_disk(
    page,
    live_portal,
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_portal + "/col/documents/")
    article = page.locator(".pub-list a").first.get_attribute("href")
    assert article.startswith("/art/")
    page.goto(live_portal + article)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("[data-elder-toggle]").inner_text() == "长辈版"
    page.locator("[data-elder-toggle]").click()
    page.wait_for_url(live_portal + article)
    assert page.evaluate("document.documentElement.classList.contains('elder')")
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
    assert size >= 20
    assert page.locator("[data-elder-toggle]").inner_text() == "退出长辈版"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(Path(settings.BASE_DIR) / "var" / "log" / "static-elder-390.png"))
