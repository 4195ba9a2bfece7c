"""A live portal for browser tests: its own SQLite database, demo data and published pages, the
run command's server (granian, scripts/serve).

Kept out of the pytest-django test database on purpose: the browser talks to a separate
process over HTTP, exactly as a citizen's browser would.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from gongkai.testing.smtp_sink import SmtpSink

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LivePortal(str):
    """The portal's base URL, and where its embedded database lives."""

    database: Path
    site_root: Path  # where its pages published as files are
    env: dict[str, str]  # to run manage.py against it
    mail: SmtpSink  # every e-mail the portal sent


@pytest.fixture(scope="session")
def live_portal(tmp_path_factory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} not found: install Debian's chromium (scripts/test does it as root)"
        )
    work = tmp_path_factory.mktemp("portal")
    sink = SmtpSink()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_SETTINGS"))}
    env.update(
        DATABASE_URL=f"sqlite:///{work / 'portal.sqlite3'}",
        DEBUG="false",
        SECRET_KEY="browser-test-secret",
        MEDIA_ROOT=str(work / "media"),
        SEARCH_INDEX_DIR=str(work / "index"),
        SITE_ROOT=str(work / "site"),
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(sink.port),
        # the tests' 58 legal texts, as in conftest.py (the whole corpus is the bench's job)
        LAW_CORPUS_DIR=str(Path(settings.BASE_DIR) / "gongkai" / "laws" / "tests" / "corpus"),
    )
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["seed_demo"],
        ["search_rebuild"],
        ["site_build"],
    ):
        subprocess.run(manage + command, env=env, check=True, capture_output=True, timeout=300)
    port = _free_port()
    # the run command's production server, its log kept with the test's files
    env.update(PORT_BIND=f"127.0.0.1:{port}", PYTHON=sys.executable)
    log = (work / "web.log").open("ab")
    server = subprocess.Popen(
        [str(Path(settings.BASE_DIR) / "scripts" / "serve")],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = LivePortal(f"http://127.0.0.1:{port}")
    url.database = work / "portal.sqlite3"
    url.site_root = work / "site"
    url.env = env
    url.mail = sink
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/robots.txt", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
        sink.shutdown()
        log.close()
        logs = Path(settings.BASE_DIR) / "var" / "log"  # kept for whoever reads a failure
        logs.mkdir(parents=True, exist_ok=True)
        if (work / "web.log").exists():
            shutil.copy(work / "web.log", logs / "live-portal-web.log")
        shutil.rmtree(work, ignore_errors=True)


def submit(tab, selector: str) -> None:  # type: ignore[no-untyped-def]
    """Click what sends a form or follows a link, and wait until the page it leads to has loaded.

    A bare click returns once the next page's headers arrive; reading that page straight away
    races its parsing, and on a loaded CI machine the test then reads the old page or half the
    new one."""
    with tab.expect_navigation(wait_until="load"):
        tab.click(selector)


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="zh-CN")
    yield context.new_page()
    context.close()
