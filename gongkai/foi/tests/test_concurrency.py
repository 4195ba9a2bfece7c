"""No public submission fails because another write is running (issue 10).

On the embedded default (SQLite in WAL mode, immediate write transactions, a busy timeout),
a write transaction is held open for 3 seconds — longer than any staff write takes — while 50
citizens submit applications at the same moment from 50 addresses, through the run command's
server (granian, scripts/serve). Every submission must be acknowledged (201) and
every acknowledged receipt stored; none may answer 500 "database is locked".
"""

from __future__ import annotations

import http.client
import json
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest

from gongkai.testing.factories import id_number_make

CITIZENS = 50
HOLD_SECONDS = 3.0


def _submit(base: str, n: int, organisation: int) -> tuple[int, dict]:
    url = urlsplit(base)
    # each citizen from its own loopback address, as 50 households would be: the per-address
    # flood limit (foi.limits) is not what this test is about
    conn = http.client.HTTPConnection(
        url.hostname, url.port, timeout=60, source_address=(f"127.0.1.{n + 1}", 0)
    )
    body = {
        "organisation": organisation,
        "applicant_kind": "person",
        "name": f"并发测试{n:02d}",
        "id_number": id_number_make(5000 + n),
        "phone": f"137{n:08d}",
        "description": f"并发提交测试 第{n}件：2026年老旧小区改造计划",
        "delivery": "email",
        "email": f"c{n}@example.com",
    }
    conn.request(
        "POST",
        "/api/v1/foi/applications",
        json.dumps(body, ensure_ascii=False).encode(),
        {"Content-Type": "application/json"},
    )
    response = conn.getresponse()
    payload = json.loads(response.read() or b"{}")
    conn.close()
    return response.status, payload


@pytest.mark.live
def test_fifty_submissions_during_a_slow_write_are_all_stored(live_portal) -> None:
    db = sqlite3.connect(live_portal.database, timeout=30)
    organisation = db.execute(
        "SELECT id FROM accounts_organisation WHERE kind = 'department' AND is_active ORDER BY id"
    ).fetchone()[0]
    before = db.execute("SELECT COUNT(*) FROM foi_application").fetchone()[0]
    holding = threading.Event()

    def slow_write() -> None:
        writer = sqlite3.connect(live_portal.database, timeout=30, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")  # the write lock, as a long staff transaction holds it
        writer.execute(
            "UPDATE accounts_organisation SET phone = phone WHERE id = ?", (organisation,)
        )
        holding.set()
        time.sleep(HOLD_SECONDS)
        writer.execute("COMMIT")
        writer.close()

    writer = threading.Thread(target=slow_write)
    writer.start()
    holding.wait(10)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=CITIZENS) as pool:
        results = list(pool.map(lambda n: _submit(live_portal, n, organisation), range(CITIZENS)))
    elapsed = time.monotonic() - started
    writer.join()

    statuses = [status for status, _payload in results]
    assert statuses == [201] * CITIZENS, [r for r in results if r[0] != 201][:3]
    receipts = {payload["receipt_no"] for _status, payload in results}
    stored = {
        row[0]
        for row in db.execute(
            "SELECT receipt_no FROM foi_application WHERE name LIKE '并发测试%'"
        ).fetchall()
    }
    assert receipts == stored and len(stored) == CITIZENS  # acknowledged == stored, none lost
    assert db.execute("SELECT COUNT(*) FROM foi_application").fetchone()[0] == before + CITIZENS
    assert elapsed >= HOLD_SECONDS * 0.5  # they really waited for the lock, and then went in
    db.close()
