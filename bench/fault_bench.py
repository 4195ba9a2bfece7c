"""Load and faults (issue 10): mixed traffic against the run command's server on PostgreSQL
with a Redis cache, while the worker is killed, Redis is stopped and PostgreSQL restarted.

    .venv/bin/python bench/fault_bench.py            # 10 minutes (the issue's run)
    .venv/bin/python bench/fault_bench.py --minutes 3

Loopback only. It makes its own database (``gongkai_fault``, dropped first), seeds the demo
county, publishes its pages as files, starts the run command's server (scripts/serve) and a
database worker under a restart loop (as scripts/start does), and sends, from 8 clients:
page views (pages published as files, and pages Django renders), searches, FOI submissions
(each from its own loopback address, as different households), FOI tracking, and staff
writes through the staff API with a token (offline registrations); one more process is a
staff member revising a published record every 3 s through the publishing service, which
rewrites its page. Faults, as fractions of the run: 25% the worker is killed (SIGKILL) — the
loop restarts it; 45%–55% Redis is down; 70%–75% PostgreSQL is stopped (the database is
down), then started. It reports requests served, errors by kind, and FOI submissions
acknowledged (201 with a receipt) against stored: they must be equal, 0 lost.

Writes docs/fault-bench.md. Needs root for the service commands (as on the CI machine); do not
run it while anything else uses this machine's PostgreSQL or Redis (it restarts them).
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _server import PY, ROOT, free_port

DB = "gongkai_fault"
PG_URL = f"postgres://postgres@127.0.0.1:5432/{DB}"
REDIS_URL = "redis://127.0.0.1:6379/7"
REDIS_START = (
    "redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save '' "
    "--appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log"
)
PG_VERSION = (
    next(iter(sorted(os.listdir("/etc/postgresql"))), "15")
    if os.path.isdir("/etc/postgresql")
    else "15"
)
QUERIES = ["低保", "规划", "行政许可", "信息公开", "财政预算", "养老", "就业", "条例"]


def sh(command: str) -> None:
    subprocess.run(command, shell=True, check=False, capture_output=True, timeout=120)


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    if done.returncode:
        sys.exit(done.stderr[-2000:])
    return done.stdout


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.ok: collections.Counter[str] = collections.Counter()
        self.errors: collections.Counter[str] = collections.Counter()
        self.receipts: list[str] = []
        self.visible: list[float] = []  # ms until a revision showed at its address

    def add(self, kind: str, outcome: str) -> None:
        with self.lock:
            (self.ok if outcome == "ok" else self.errors)[
                kind if outcome == "ok" else f"{kind}: {outcome}"
            ] += 1


def request(
    port: int,
    method: str,
    path: str,
    body: dict | None = None,
    *,
    source: str = "127.0.0.1",
    headers: dict[str, str] | None = None,
) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
    payload = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
    all_headers = {"Content-Type": "application/json"} if payload else {}
    all_headers.update(headers or {})
    try:
        conn.request(method, path, payload, all_headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def client(n: int, port: int, until: float, stats: Stats, ctx: dict) -> None:
    rng = random.Random(n)
    counter = 0
    while time.monotonic() < until:
        counter += 1
        roll = rng.random()
        try:
            if roll < 0.30:
                kind = "page (file)"
                path = rng.choice(["/", "/col/documents/", *ctx["articles"]])
                status, _ = request(port, "GET", path)
            elif roll < 0.45:
                kind = "page (Django)"
                path = rng.choice(["/info/", "/info/c/documents/?page=2", "/catalog/"])
                status, _ = request(port, "GET", path)
            elif roll < 0.65:
                kind = "search"
                query = urllib.parse.quote(rng.choice(QUERIES))
                status, _ = request(port, "GET", f"/api/v1/search?q={query}")
            elif roll < 0.85:
                kind = "foi_submit"
                seq = n * 100_000 + counter
                source = f"127.{10 + n}.{(seq // 250) % 250}.{seq % 250 + 1}"
                status, raw = request(
                    port, "POST", "/api/v1/foi/applications", ctx["applicant"](seq), source=source
                )
                if status == 201:
                    with stats.lock:
                        stats.receipts.append(json.loads(raw)["receipt_no"])
            elif roll < 0.93:
                kind = "foi_track"
                status, _ = request(
                    port,
                    "POST",
                    "/api/v1/foi/applications/track",
                    {"receipt_no": "YSQ2026010100000", "query_code": "ABCDEFGH"},
                )
                status = 200 if status == 404 else status  # a wrong code is answered, not failed
            else:
                kind = "staff_write"
                status, _ = request(
                    port,
                    "POST",
                    "/api/v1/manage/foi/applications/register",
                    ctx["offline"](n * 100_000 + counter),
                    headers={"Authorization": f"Bearer {ctx['token']}"},
                )
                status = 200 if status == 201 else status
            stats.add(kind, "ok" if status < 400 or status == 429 else f"HTTP {status}")
        except (OSError, http.client.HTTPException, ValueError) as exc:
            stats.add(kind, type(exc).__name__)
            time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()
    duration = args.minutes * 60
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        DATABASE_URL=PG_URL,
        REDIS_URL=REDIS_URL,
        DEBUG="false",
        SECRET_KEY="fault-bench",
        SEARCH_ENGINE="postgres",
        MEDIA_ROOT=str(ROOT / "var" / "fault-media"),
        SITE_ROOT=str(ROOT / "var" / "fault-site"),
        LAW_CORPUS_DIR=str(ROOT / "gongkai" / "laws" / "tests" / "corpus"),
    )
    sh(f'psql -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS {DB} WITH (FORCE)"')
    sh(f'psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE {DB}"')
    sh(REDIS_START)
    print("migrate, seed the demo, index…", flush=True)
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["seed_demo"],
        ["search_rebuild"],
        ["site_build", "--all"],
    ):
        manage(env, *command)
    setup = manage(env, "shell", "-c", SETUP)
    ctx = json.loads(setup.strip().splitlines()[-1])
    ctx["applicant"] = lambda seq: {
        "organisation": ctx["org"],
        "applicant_kind": "person",
        "name": f"压测{seq}",
        "id_number": _id(seq),
        "phone": f"139{seq % 10**8:08d}",
        "description": f"压力与故障测试申请 {seq}",
        "delivery": "email",
        "email": f"f{seq}@example.com",
    }
    ctx["offline"] = lambda seq: {
        **ctx["applicant"](seq),
        "name": f"线下{seq}",
        "channel": "in_person",
        "submitted_on": ctx["today"],
    }
    port = free_port()
    env.update(PORT_BIND=f"127.0.0.1:{port}", PYTHON=PY, WEB_LOG_LEVEL="warning")
    (ROOT / "var" / "log").mkdir(parents=True, exist_ok=True)
    web = subprocess.Popen(
        [str(ROOT / "scripts" / "serve")],
        cwd=ROOT,
        env=env,
        stdout=(ROOT / "var" / "log" / "fault-web.log").open("ab"),
        stderr=subprocess.STDOUT,
    )
    worker_loop = subprocess.Popen(
        ["bash", "-c", f"while true; do {PY} manage.py db_worker --queue-name '*'; sleep 2; done"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(4)
    stats, events = Stats(), []
    start = time.monotonic()
    until = start + duration
    publisher = subprocess.Popen(
        [PY, "manage.py", "shell", "-c", PUBLISHER % (until - time.monotonic(), port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    threads = [threading.Thread(target=client, args=(n, port, until, stats, ctx)) for n in range(8)]
    for t in threads:
        t.start()

    def at(fraction: float) -> None:
        time.sleep(max(0.0, start + duration * fraction - time.monotonic()))

    at(0.25)
    # the worker process itself, not the restart loop around it (whose command line names it)
    killed = subprocess.run(["pkill", "-9", "-f", f"^{PY} manage.py db_worker"], check=False)
    events.append(
        f"{time.monotonic() - start:.0f} s: worker killed (pkill exit {killed.returncode})"
    )
    at(0.45)
    sh("redis-cli -p 6379 shutdown nosave")
    events.append(f"{time.monotonic() - start:.0f} s: Redis stopped")
    at(0.55)
    sh(REDIS_START)
    events.append(f"{time.monotonic() - start:.0f} s: Redis started")
    at(0.70)
    sh(f"pg_ctlcluster --skip-systemctl-redirect {PG_VERSION} main stop")
    events.append(f"{time.monotonic() - start:.0f} s: PostgreSQL stopped")
    at(0.75)
    sh(f"pg_ctlcluster --skip-systemctl-redirect {PG_VERSION} main start")
    events.append(f"{time.monotonic() - start:.0f} s: PostgreSQL started")
    for t in threads:
        t.join()
    out = publisher.communicate(timeout=120)[0].strip().splitlines()
    published = json.loads(out[-1]) if out else {}
    stats.ok["staff_publish"] += published.get("ok", 0)
    if published.get("failed"):
        stats.errors["staff_publish: database error"] += published["failed"]
    stats.visible = published.get("visible_ms", [])
    elapsed = time.monotonic() - start
    worker_alive = subprocess.run(
        ["pgrep", "-f", f"^{PY} manage.py db_worker"], capture_output=True
    )
    stored = json.loads(
        manage(env, "shell", "-c", COUNT % json.dumps(stats.receipts)).strip().splitlines()[-1]
    )
    web.send_signal(signal.SIGTERM)
    web.wait(timeout=30)
    os.killpg(worker_loop.pid, signal.SIGTERM)
    report(args.minutes, elapsed, stats, stored, events, worker_alive.returncode == 0)


def _id(seq: int) -> str:
    """A 居民身份证号码 with a valid GB 11643 check character, in the unused region 320999."""
    body = f"320999{1960 + seq % 40}{1 + seq % 12:02d}{1 + seq % 28:02d}{seq % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


SETUP = """
import json
from django.utils import timezone
from gongkai.accounts.models import User, TokenScope
from gongkai.accounts.tokens import api_token_create
from gongkai.publishing.models import Publication
staff = User.objects.get(username="ghj_editor")
_t, token = api_token_create(actor=staff, user=staff, name="压测", scopes=list(TokenScope.values))
pubs = [p.get_absolute_url() for p in Publication.objects.published().order_by("-pk")[:20]]
print(json.dumps({"org": staff.organisation_id, "token": token, "articles": pubs,
                  "today": timezone.localdate().isoformat()}))
"""
# A staff member revising a published record every 3 s through the publishing service (as the
# back office's form does); each revision must show at the page's address, which the server
# reads from disk: the time until it does is recorded.
PUBLISHER = """
import json, time, urllib.request
from gongkai.accounts.models import User
from gongkai.publishing.models import Publication
from gongkai.publishing.services import publication_revise
until = time.monotonic() + %f
port = %d
staff = User.objects.get(username="ghj_reviewer")
pub = Publication.objects.published().filter(organisation=staff.organisation).first()
ok = failed = n = 0
visible = []
while time.monotonic() < until - 3:
    n += 1
    title = f"压测修订第{n}次：" + pub.title.split("：")[-1]
    try:
        pub.refresh_from_db()
        publication_revise(actor=staff, pub=pub, data={"title": title}, note="压测")
        done = time.monotonic()
        while time.monotonic() - done < 5:
            page = urllib.request.urlopen(f"http://127.0.0.1:{port}/art/{pub.pk}/").read()
            if title.encode() in page:
                visible.append(round((time.monotonic() - done) * 1000, 1))
                break
            time.sleep(0.01)
        ok += 1
    except Exception:
        failed += 1
        from django.db import connection
        connection.close()
    time.sleep(3)
print(json.dumps({"ok": ok, "failed": failed, "visible_ms": visible}))
"""
COUNT = """
import json
from gongkai.foi.models import Application
receipts = json.loads('%s')
print(json.dumps(Application.objects.filter(receipt_no__in=receipts).count()))
"""


def report(
    minutes: float, elapsed: float, stats: Stats, stored: int, events: list[str], worker_alive: bool
) -> None:
    served = sum(stats.ok.values())
    failed = sum(stats.errors.values())
    acked = len(stats.receipts)
    lines = [
        "# Load and fault run (bench/fault_bench.py)",
        "",
        f"Run on {time.strftime('%Y-%m-%d')}, this machine (2 cores), loopback only: the run "
        f"command's server (granian, scripts/serve) on PostgreSQL with a Redis cache, "
        f"8 clients and one staff member publishing, {minutes:g} minutes ({elapsed:.0f} s).",
        "",
        "Faults: " + "; ".join(events) + ".",
        "",
        "| | count |",
        "|---|---|",
        f"| requests answered (2xx–3xx, 404 for a wrong query code, 429 limits) | {served} |",
        *[f"| — {k} | {v} |" for k, v in sorted(stats.ok.items())],
        f"| requests failed | {failed} |",
        *[f"| — {k} | {v} |" for k, v in sorted(stats.errors.items())],
        f"| FOI submissions acknowledged (201 with a receipt) | {acked} |",
        f"| of those, stored | {stored} |",
        f"| **lost** (acknowledged, not stored) | **{acked - stored}** |",
        f"| worker running again after the kill | {'yes' if worker_alive else 'no'} |",
        f"| staff revisions shown at the article's address | {len(stats.visible)} |",
        f"| — slowest, from the service's return | {max(stats.visible or [0]):.0f} ms |",
        "",
        "A failed request is one the client saw fail (an error status or a broken connection)"
        " — the client knows and can retry; it is not a lost submission. Pages published as"
        " files are read from disk by the server's Rust core: they stay readable while the"
        " database is down (compare page (file) with page (Django) above).",
    ]
    text = "\n".join(lines) + "\n"
    (ROOT / "docs" / "fault-bench.md").write_text(text)
    print(text)
    if acked != stored:
        sys.exit("submissions were lost")


if __name__ == "__main__":
    main()
