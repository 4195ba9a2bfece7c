#!/usr/bin/env python
"""法律法规库 benchmark (issue 9): the whole corpus imported, then the search page under load.

    .venv/bin/python bench/laws_bench.py [--corpus ../shared/corpus/laws] [--requests 600]

1. A fresh SQLite database with the demo county (no laws), then ``manage.py laws_import`` of the
   whole corpus (3,475 texts): time of the import and of indexing the laws for search.
2. the run command's server (2 workers) serves the portal; the public search page ``/search/?q=…`` is asked
   the citizen queries of gongkai/laws/tests/judged_citizen.json round-robin; median and p95.

Writes docs/laws-benchmark.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from _server import PY, free_port, served

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "laws"))
    parser.add_argument("--requests", type=int, default=600)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="laws-bench-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "DEBUG": "false",
        "SECRET_KEY": "bench",
        "SEARCH_INDEX_DIR": str(work / "index"),
        "MEDIA_ROOT": str(work / "media"),
        "LAW_CORPUS_DIR": str(work / "no-laws"),  # the demo without laws; imported below
        "SEARCH_RATE_PER_MINUTE": "100000",  # one client asks everything here
    }

    def manage(*command: str) -> str:
        out = subprocess.run(
            [PY, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if out.returncode:
            sys.exit(out.stderr[-2000:])
        return out.stdout

    manage("migrate", "--noinput", "-v0")
    manage("seed_demo")
    manage("search_rebuild")
    t0 = time.perf_counter()
    output = manage("laws_import", args.corpus)
    total_s = time.perf_counter() - t0
    import_s = float(re.search(r"导入完成.*用时 ([\d.]+) 秒", output)[1])
    index_s = float(re.search(r"索引完成.*用时 ([\d.]+) 秒", output)[1])
    count = int(re.search(r"新增 (\d+) 部", output)[1])

    queries = [
        q["q"]
        for q in json.loads(
            (ROOT / "gongkai/laws/tests/judged_citizen.json").read_text(encoding="utf-8")
        )
    ]
    port = free_port()
    with served(env, port):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for q in queries[:10]:  # warm both workers
            conn.request("GET", "/search/?q=" + urllib.parse.quote(q))
            conn.getresponse().read()
        times = []
        for i in range(args.requests):
            q = queries[i % len(queries)]
            t = time.perf_counter()
            conn.request("GET", "/search/?q=" + urllib.parse.quote(q))
            response = conn.getresponse()
            body = response.read()
            times.append((time.perf_counter() - t) * 1000)
            assert response.status == 200 and "找到" in body.decode(), (
                q,
                response.status,
                body[:300],
            )

    def pct(xs: list[float], p: float) -> float:
        return sorted(xs)[max(0, int(len(xs) * p) - 1)]

    lines = [
        "# 法律法规库 benchmark",
        "",
        f"`bench/laws_bench.py` on this project's 2-core machine, {dt.date.today()}, SQLite and the "
        "embedded tantivy index (the defaults), the run command's server with 2 workers.",
        "",
        "| Measure | Result |",
        "|---|---|",
        f"| Import of the whole corpus ({count:,} texts: parse, store laws and provisions) | {import_s:.1f} s |",
        f"| Indexing the imported laws for search | {index_s:.1f} s |",
        f"| `manage.py laws_import`, end to end | {total_s:.1f} s |",
        f"| Search page `/search/?q=…` with the library in the index, {args.requests} requests of "
        f"{len(queries)} citizen queries | median {statistics.median(times):.1f} ms, p95 {pct(times, 0.95):.1f} ms |",
        "",
        "Re-running the import on an unchanged folder only compares checksums (under a second).",
    ]
    (ROOT / "docs" / "laws-benchmark.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
