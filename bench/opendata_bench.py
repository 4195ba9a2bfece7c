#!/usr/bin/env python
"""Open-data datastore benchmark: a 1,000,000-row CSV loaded, queried and streamed out.

    .venv/bin/python bench/opendata_bench.py [--rows 1000000] [--queries 200]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gongkai_bench .venv/bin/python bench/opendata_bench.py

1. Writes a CSV of N rows (镇街, 年份, 类别, 金额, 日期, 备注: 6 columns of four types, about
   70 bytes a row) and loads it with the datastore's own loader (types inferred over every
   row, then inserted and indexed) — the same call a staff upload makes.
2. Times Q filtered, sorted pages of 100 rows at random offsets (a 镇街 and a 年份, sorted by
   金额 descending: about 1/240 of the table matches), with their totals, as
   ``datastore_search`` answers them; reports the median and p95.
3. Streams the whole table out as CSV in a fresh process (what the export view does) and
   reports that process's peak resident memory.

Targets (issue 13): load ≤ 60 s; a filtered, sorted page p95 ≤ 100 ms; the full CSV download
streams with RSS under 300 MB. Figures go to docs/benchmarks.md (by hand).
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _django import setup  # noqa: E402  (the path above makes it importable)

TOWNS = [f"镇街{i:02d}" for i in range(20)]
KINDS = [
    "耕地地力保护补贴",
    "农机购置补贴",
    "高龄津贴",
    "低保金",
    "特困供养金",
    "残疾人补贴",
    "临时救助",
    "优抚金",
    "稻谷补贴",
    "生猪补贴",
]
YEARS = list(range(2015, 2027))


def write_csv(path: Path, rows: int) -> None:
    rng = random.Random(13)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["镇街", "年份", "类别", "金额", "日期", "备注"])
        for i in range(rows):
            year = rng.choice(YEARS)
            w.writerow(
                [
                    rng.choice(TOWNS),
                    year,
                    rng.choice(KINDS),
                    f"{rng.uniform(50, 5000):.2f}",
                    f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    "" if i % 7 else "补发",
                ]
            )


def stream_only(table: str, fields_json: str) -> None:
    import json

    from gongkai.opendata import datastore

    fields = json.loads(fields_json)
    size = lines = 0
    rows = datastore.stream_rows(table=table, fields=fields)
    for chunk in datastore.csv_chunks([f["id"] for f in fields], rows):
        size += len(chunk.encode("utf-8"))
        lines += chunk.count("\n")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{size} {lines - 1} {peak_mb:.0f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--stream", nargs=2, metavar=("TABLE", "FIELDS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    db = ROOT / "var" / "opendata-bench.sqlite3"
    if args.stream:
        setup(db, True)
        stream_only(*args.stream)
        return
    setup(db, False)
    import json

    from django.db import connection

    from gongkai.opendata import datastore

    path = ROOT / "var" / "opendata-bench.csv"
    t = time.perf_counter()
    write_csv(path, args.rows)
    print(
        f"wrote {args.rows:,} rows ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.1f} s"
    )
    print(f"database: {connection.vendor}")
    t = time.perf_counter()
    out = datastore.load(version_id=1, opener=lambda: path.open("rb"), fmt="CSV")
    load_s = time.perf_counter() - t
    assert out["rows"] == args.rows, out["rows"]
    kinds = ", ".join(str(f["type"]) for f in out["fields"])
    print(f"loaded {out['rows']:,} rows (types {kinds}): {load_s:.1f} s (target ≤ 60 s)")

    rng = random.Random(7)
    times = []
    for _ in range(args.queries):
        town, year = rng.choice(TOWNS), rng.choice(YEARS)
        t = time.perf_counter()
        page = datastore.search(
            table=out["table"],
            fields=out["fields"],
            filters={"镇街": town, "年份": year},
            sort="金额 desc",
            limit=100,
            offset=rng.randrange(0, 3000),
        )
        times.append((time.perf_counter() - t) * 1000)
        assert page["total"] and all(r["镇街"] == town for r in page["records"])
        amounts = [r["金额"] for r in page["records"]]
        assert amounts == sorted(amounts, reverse=True)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"filtered, sorted page of 100 rows: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms (target ≤ 100 ms)"
    )

    done = subprocess.run(
        [sys.executable, __file__, "--stream", out["table"], json.dumps(out["fields"])],
        capture_output=True,
        text=True,
        check=True,
        env={**__import__("os").environ},
    )
    size, lines, peak = done.stdout.split()
    assert int(lines) == args.rows, lines
    print(
        f"full CSV download: {int(lines):,} rows, {int(size) / 1e6:.0f} MB streamed, "
        f"peak RSS {peak} MB (target < 300 MB)"
    )
    ok = load_s <= 60 and p95 <= 100 and float(peak) < 300
    print("targets met" if ok else "TARGET MISSED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
