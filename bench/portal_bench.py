#!/usr/bin/env python
"""Portal benchmark (issue 3): 100,000 publications, then home, list and article pages under load.

    .venv/bin/python bench/portal_bench.py [--records 100000] [--duration 10]

It builds its own SQLite database in var/bench/ (or uses DATABASE_URL), loads the demo county,
bulk-inserts synthetic publications made from the law corpus (fast path: bulk_create, not the
services — the workflow is not what is measured), starts the run command's server (2 workers, as on this
2-core machine), and measures with wrk (Debian package; installed if missing):

- cached: the same URL over and over (whole-page cache hit);
- uncached: a different article on every request (cache miss), latency percentiles from a
  sequential Python client.

Results are printed and written to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from _server import served

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def sh(*args: str, env: dict[str, str], **kw) -> subprocess.CompletedProcess:  # type: ignore[no-untyped-def]
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kw)


def build(env: dict[str, str], records: int) -> None:
    sh(PY, "manage.py", "migrate", "--noinput", "-v0", env=env)
    sh(PY, "manage.py", "seed_demo", env=env, stdout=subprocess.DEVNULL)
    code = f"""
import datetime as dt, random
from django.utils import timezone
from gongkai.accounts.models import Organisation
from gongkai.catalog.models import Domain
from gongkai.publishing.models import Publication, IndexCounter
random.seed(7)
orgs = list(Organisation.objects.filter(kind="department"))
domains = list(Domain.objects.all())
have = Publication.objects.count()
target = {records}
now = timezone.now()
batch, seq = [], {{}}
bodies = [p.body for p in Publication.objects.all()[:200]]
for i in range(have, target):
    org = orgs[i % len(orgs)]
    seq[org.pk] = seq.get(org.pk, 100000) + 1
    batch.append(Publication(organisation=org, issuer=org.name, status="published",
        index_no=f"{{org.code}}/2025-{{seq[org.pk]:06d}}", title=f"{{org.short_name}}关于第{{i}}号事项的通知",
        body=bodies[i % len(bodies)], doc_number=f"皋{{org.short_name[:2]}}发〔2025〕{{i}}号",
        formed_on=dt.date(2025, 1, 1) + dt.timedelta(days=i % 300), written_on=dt.date(2025, 1, 1),
        published_at=now - dt.timedelta(minutes=i), genre="notice",
        stage=["decision","execution","management","service","result"][i % 5]))
    if len(batch) == 5000:
        Publication.objects.bulk_create(batch); batch = []
Publication.objects.bulk_create(batch)
through = Publication.domains.through
ids = list(Publication.objects.filter(domains__isnull=True).values_list("pk", flat=True))
through.objects.bulk_create([through(publication_id=p, domain_id=domains[p % 9].pk) for p in ids], batch_size=5000)
print(Publication.objects.count())
"""
    sh(PY, "manage.py", "shell", "-c", code, env=env)


def wrk(url: str, duration: int, connections: int = 32) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    return {
        "rps": rps,
        "p99_ms": float(p99.group(1)) * scale[p99.group(2)] if p99 else float("nan"),
    }


def sequential(urls: list[str]) -> dict[str, float]:
    times = []
    for url in urls:
        start = time.perf_counter()
        with urllib.request.urlopen(url, timeout=30) as r:
            r.read()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "median_ms": statistics.median(times),
        "p95_ms": times[int(len(times) * 0.95) - 1],
        "n": len(times),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--keep", action="store_true", help="reuse an existing var/bench database")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    work = ROOT / "var" / "bench"
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "bench-only", "ALLOWED_HOSTS": "127.0.0.1"}
    env.setdefault("DATABASE_URL", f"sqlite:///{work / 'bench.sqlite3'}")
    if not args.keep and env["DATABASE_URL"].startswith("sqlite"):
        shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    if not args.keep:
        build(env, args.records)
    load_s = time.perf_counter() - t0
    with served(env, args.port) as server:
        base = server.base
        ids = json.loads(
            subprocess.run(
                [
                    PY,
                    "manage.py",
                    "shell",
                    "-c",
                    "import json; from gongkai.publishing.models import Publication as P;"
                    "print(json.dumps(list(P.objects.published().order_by('?').values_list('pk', flat=True)[:1200])))",
                ],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        article = f"{base}/art/{ids[0]}/"
        for url in (base + "/", base + "/info/", article):
            urllib.request.urlopen(url).read()  # warm the cache
        results = {
            "home_cached": wrk(base + "/", args.duration),
            "list_cached": wrk(base + "/info/", args.duration),
            "article_cached": wrk(article, args.duration),
            "article_uncached": sequential(
                # the print version: always rendered by Django (the article's page is a file)
                [f"{base}/info/{i}/?print=1&r={random.random()}" for i in ids[1:1001]]
            ),
            "list_uncached": sequential([f"{base}/info/?page={p}" for p in range(2, 202)]),
            "home_uncached": sequential([f"{base}/?r={random.random()}" for _ in range(100)]),
        }
    report(results, args.records, load_s, env["DATABASE_URL"].split(":")[0])


def report(results: dict, records: int, load_s: float, engine: str) -> None:
    lines = [
        "# Portal benchmark",
        "",
        f"Run on {dt.date.today()} with `bench/portal_bench.py --records {records}` on this project's "
        f"2-core machine; database: {engine}; the run command's server (granian) with 2 workers; local-memory page cache per worker. "
        f"Building the data set took {load_s:.0f} s.",
        "",
        "| Page | Mode | Result |",
        "|---|---|---|",
    ]
    for name, r in results.items():
        page, mode = name.split("_")
        if "rps" in r:
            lines.append(
                f"| {page} | {mode} (wrk, 32 connections) | {r['rps']:.0f} req/s, p99 {r['p99_ms']:.1f} ms |"
            )
        else:
            lines.append(
                f"| {page} | {mode} (sequential, {r['n']} different URLs) | "
                f"median {r['median_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms |"
            )
    lines += [
        "",
        "Targets (issue 3): article page cached ≥ 2,000 req/s; uncached p95 ≤ 50 ms at 100,000 records.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "docs" / "benchmarks.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
