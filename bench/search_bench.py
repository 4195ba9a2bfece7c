#!/usr/bin/env python
"""Search benchmark (issue 4): 1,000,000 documents from the law corpus.

    .venv/bin/python bench/search_bench.py [--docs 1000000] [--queries 500]

1. Splits the 3,502 texts of shared/corpus/laws into articles (≈ 100k+ passages) and
   recombines them into N realistic documents (title from the law and article number, text
   from the article and its neighbours, random type, 五公开 stage, domain, year…).
2. Indexes them end to end (normalise → rjieba → tantivy) and reports documents per second.
3. Runs the same queries against the raw engine and through /api/v1/search (the run command's server, 2
   workers) and reports median and p95 latency of each, and the web worker's memory (RSS).

Figures are written to docs/search-benchmark.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from _server import served

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "laws"
ARTICLE = re.compile(r"^(第[一二三四五六七八九十百零]+条)\s*(.+)$")
STAGES = ["decision", "execution", "management", "service", "result"]
TYPES = ["info", "info", "info", "reading", "catalog", "guide"]


def passages() -> list[tuple[str, str, str]]:
    out = []
    for path in sorted(CORPUS.rglob("*.md")):
        title = path.stem.split("(")[0]
        for line in path.read_text(encoding="utf-8", errors="ignore").splitlines():
            m = ARTICLE.match(line.strip())
            if m and len(m.group(2)) > 10:
                out.append((title, m.group(1), m.group(2)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--batch", type=int, default=20_000)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()

    work = ROOT / "var" / "bench-search"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "SEARCH_INDEX_DIR": str(work / "index"),
        "API_ANON_RATE": "1000000/minute",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    os.environ.update(
        {k: env[k] for k in ("DEBUG", "SECRET_KEY", "DATABASE_URL", "SEARCH_INDEX_DIR")}
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from gongkai.search.engines.base import EngineQuery
    from gongkai.search.engines.tantivy_engine import TantivyEngine
    from gongkai.search.registry import SearchDoc
    from gongkai.search.services import query_groups
    from gongkai.search.text import ensure_dictionary

    ensure_dictionary()
    t0 = time.perf_counter()
    pool = passages()
    print(f"{len(pool)} passages from {CORPUS}")
    rng = random.Random(42)
    engine = TantivyEngine(work / "index", writer_heap=512_000_000, threads=2)
    today = dt.date(2026, 11, 1)
    start = time.perf_counter()
    batch: list[SearchDoc] = []
    for i in range(args.docs):
        title, art, text = pool[i % len(pool)]
        neighbour = pool[(i * 7 + 3) % len(pool)][2]
        ctype = TYPES[i % len(TYPES)]
        batch.append(
            SearchDoc(
                key=f"{ctype}:{i}",
                ctype=ctype,
                title=f"关于贯彻落实《{title}》{art}的通知" if i % 3 else f"{title}{art}解读",
                text=f"{text} {neighbour}",
                url=f"/art/{i}/",
                date=today - dt.timedelta(days=i % 3000),
                stage=STAGES[i % 5],
                domains=[f"{(i % 26) + 1:02d}"],
                organisation=f"部门{i % 40}",
                validity="valid" if i % 11 else "expired",
                doc_number=f"皋政发〔{2000 + i % 26}〕{i % 997}号",
            )
        )
        if len(batch) >= args.batch:
            engine.add(batch)
            batch = []
            done = i + 1
            print(
                f"\r{done} docs, {done / (time.perf_counter() - start):.0f} docs/s",
                end="",
                flush=True,
            )
    engine.add(batch)
    index_s = time.perf_counter() - start
    rate = args.docs / index_s
    print(f"\nindexed {args.docs} in {index_s:.0f} s: {rate:.0f} docs/s")

    words = sorted(
        {w for t, _a, _x in pool[:20000] for w in re.findall(r"[\u4e00-\u9fff]{2,6}", t)}
    )
    queries = [rng.choice(words) for _ in range(args.queries)]
    queries[::10] = ["低保"] * len(queries[::10])
    queries[5::10] = ["皋政发[2012]15号"] * len(queries[5::10])
    raw = []
    for q in queries:
        t = time.perf_counter()
        engine.search(EngineQuery(groups=query_groups(q), limit=10))
        raw.append((time.perf_counter() - t) * 1000)

    with served(env, args.port) as server:
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
        for _ in range(20):  # warm both workers
            conn.request("GET", "/api/v1/search?q=" + urllib.parse.quote("条例"))
            conn.getresponse().read()
        api = []
        for q in queries:
            t = time.perf_counter()
            conn.request("GET", "/api/v1/search?q=" + urllib.parse.quote(q))
            response = conn.getresponse()
            body = response.read()
            api.append((time.perf_counter() - t) * 1000)
            assert response.status == 200, body[:200]
        rss = subprocess.run(
            ["ps", "-o", "rss=", "--ppid", str(server.pid)], capture_output=True, text=True
        ).stdout.split()
        rss_mb = max(int(x) for x in rss) / 1024
    size_mb = sum(f.stat().st_size for f in (work / "index").rglob("*") if f.is_file()) / 1e6

    def pct(xs: list[float], p: float) -> float:
        return sorted(xs)[int(len(xs) * p) - 1]

    lines = [
        "# Search benchmark",
        "",
        f"`bench/search_bench.py --docs {args.docs}` on this project's 2-core machine, {dt.date.today()}: "
        f"{len(pool)} article passages from the law corpus recombined into {args.docs:,} documents; "
        f"tantivy on disk ({size_mb:.0f} MB index); the run command's server with 2 workers for the API.",
        "",
        "| Measure | Result | Target |",
        "|---|---|---|",
        f"| Indexing, end to end (normalise, segment, index) | {rate:,.0f} docs/s ({index_s:.0f} s) | ≥ 3,000 docs/s |",
        f"| Raw engine, top 10 with facets | median {statistics.median(raw):.1f} ms, p95 {pct(raw, 0.95):.1f} ms | — |",
        f"| `/api/v1/search` | median {statistics.median(api):.1f} ms, p95 {pct(api, 0.95):.1f} ms | p95 ≤ 50 ms, ≤ 2× raw |",
        f"| Web worker memory (RSS after the run) | {rss_mb:.0f} MB | ≤ 1 GB |",
        "",
        f"{len(queries)} queries: random 2–6 character words from law titles, plus 低保 (synonym "
        "expansion) and a 文号 typed with square brackets. Total run time "
        f"{time.perf_counter() - t0:.0f} s.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "docs" / "search-benchmark.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
