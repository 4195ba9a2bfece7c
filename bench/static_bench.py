#!/usr/bin/env python
"""Static-file speed (issue 10): pages published as files, served by the run command's server,
against nginx serving the same files, in one run on this machine.

    .venv/bin/python bench/static_bench.py [--duration 10] [--rounds 3]

It builds the demo county in its own SQLite database (var/bench/static/), publishes every
public page as a file (timed), starts the run command's server (scripts/serve: granian) and
nginx with the project's own nginx configuration (config/nginx-site.conf) on the same files,
and measures with wrk (2 threads, 50 connections), alternating the two servers round by round
and taking each one's median:

- the largest demo article, the home page and a column's first page;
- pages Django renders: a list from the page cache, and the uncached path (the article's print
  version, a different URL each time, sequential latency);
- how long a staff revision takes to show at the article's address (from the moment the
  service is called until the server sends the new title), and how long a new publication
  takes until the article, the home page and its columns show it.

Loopback only. Writes docs/static-bench.md. Goal: the article through the run command's
server ≥ 50% of nginx's requests per second, and a revision visible within 1 s.
"""

from __future__ import annotations

import argparse
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _server import PY, ROOT, free_port, served

WORK = ROOT / "var" / "bench" / "static"


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800
    )
    if done.returncode:
        sys.exit(done.stdout[-2000:] + done.stderr[-3000:])
    return done.stdout


def wrk(url: str, seconds: int) -> float:
    out = subprocess.run(
        ["wrk", "-t2", "-c50", f"-d{seconds}s", url], capture_output=True, text=True, check=True
    ).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]


def sequential(urls: list[str]) -> dict[str, float]:
    times = []
    for url in urls:
        started = time.perf_counter()
        urllib.request.urlopen(url).read()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"median": statistics.median(times), "p95": times[int(len(times) * 0.95) - 1]}


def nginx_start(port: int, app_port: int, env: dict[str, str]) -> Path:
    folder = WORK / "nginx"
    folder.mkdir(parents=True, exist_ok=True)
    site = (ROOT / "config" / "nginx-site.conf").read_text()
    for key, value in {
        "@LISTEN@": f"127.0.0.1:{port}",
        "@SITE_ROOT@": env["SITE_ROOT"],
        "@STATIC_ROOT@": str(ROOT / "var" / "static"),
        "@APP@": f"127.0.0.1:{app_port}",
    }.items():
        site = site.replace(key, value)
    (folder / "site.conf").write_text(site)
    conf = folder / "nginx.conf"
    conf.write_text(
        f"user root;\nworker_processes 2;\npid {folder}/nginx.pid;\n"
        f"error_log {folder}/error.log;\nevents {{ worker_connections 1024; }}\n"
        "http {\n  include /etc/nginx/mime.types;\n  access_log off;\n  sendfile on;\n"
        f"  tcp_nopush on;\n  client_body_temp_path {folder};\n  proxy_temp_path {folder};\n"
        f"  include {folder}/site.conf;\n}}\n"
    )
    subprocess.run(["nginx", "-c", str(conf)], check=True)
    return conf


REVISE = """
import json, time, urllib.request
from gongkai.accounts.models import User
from gongkai.publishing.models import Publication
from gongkai.publishing.services import publication_revise
from gongkai.testing.factories import publication_make
port = %d
editor = User.objects.get(username="ghj_editor")
reviewer = User.objects.get(username="ghj_reviewer")
pub = Publication.objects.get(pk=%d)

def wait_for(path, text):
    started = time.perf_counter()
    while time.perf_counter() - started < 10:
        if text.encode() in urllib.request.urlopen(f"http://127.0.0.1:{port}{path}").read():
            return
        time.sleep(0.005)
    raise SystemExit(f"{text} not shown at {path}")

revisions = []
for n in range(10):
    title = f"第{n + 1}次修订：{pub.title.split('：')[-1]}"
    started = time.perf_counter()
    publication_revise(actor=reviewer, pub=pub, data={"title": title}, note="测试修订")
    call = time.perf_counter() - started
    wait_for(f"/art/{pub.pk}/", title)
    revisions.append({"call_ms": call * 1000, "visible_ms": (time.perf_counter() - started) * 1000})
    pub.refresh_from_db()
publications = []
for n in range(5):
    title = f"关于静态发布测试的第{n + 1}号通知"
    started = time.perf_counter()
    new = publication_make(editor=editor, reviewer=reviewer, title=title)
    call = time.perf_counter() - started
    wait_for(f"/art/{new.pk}/", title)
    wait_for("/", title)
    publications.append({"call_ms": call * 1000, "visible_ms": (time.perf_counter() - started) * 1000})
print(json.dumps({"revisions": revisions, "publications": publications}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not shutil.which("wrk") or not shutil.which("nginx"):
        sys.exit("wrk and nginx are needed: apt-get install -y wrk nginx")
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        DATABASE_URL=f"sqlite:///{WORK / 'db.sqlite3'}",
        DEBUG="false",
        SECRET_KEY="static-bench",
        SITE_ROOT=str(WORK / "site"),
        MEDIA_ROOT=str(WORK / "media"),
        SEARCH_INDEX_DIR=str(WORK / "index"),
        LAW_CORPUS_DIR=str(ROOT / "gongkai" / "laws" / "tests" / "corpus"),
        TRUSTED_PROXIES="127.0.0.1",
    )
    print("migrate, seed the demo…", flush=True)
    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        manage(env, *command)
    manage(env, "seed_demo")
    started = time.monotonic()
    built = manage(env, "site_build", "--all").strip().splitlines()[-1]
    build_s = time.monotonic() - started
    pages = sorted((WORK / "site" / "art").glob("*/index.html"), key=lambda p: p.stat().st_size)
    article_path = f"/art/{pages[-1].parent.name}/"
    size = pages[-1].stat().st_size
    column = "/col/documents/"
    app_port, nginx_port = free_port(), free_port()
    results: dict[str, list[float]] = {}
    with served(env, app_port):
        nginx_conf = nginx_start(nginx_port, app_port, env)
        app, web = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{nginx_port}"
        try:
            for path in (article_path, "/", column):
                a = urllib.request.urlopen(app + path).read()
                b = urllib.request.urlopen(web + path).read()
                assert a == b, f"{path}: the two servers sent different pages"
            for _ in range(args.rounds):
                for name, url in (
                    ("article · run command", app + article_path),
                    ("article · nginx", web + article_path),
                ):
                    results.setdefault(name, []).append(wrk(url, args.duration))
            for name, url in (
                ("home page · run command", app + "/"),
                ("home page · nginx", web + "/"),
                ("column page · run command", app + column),
                ("column page · nginx", web + column),
                ("list from Django's page cache · run command", app + "/info/"),
            ):
                urllib.request.urlopen(url).read()
                results[name] = [wrk(url, args.duration)]
            ids = [int(p.parent.name) for p in pages]
            uncached = sequential(
                [f"{app}/info/{random.choice(ids)}/?print=1&r={n}" for n in range(300)]
            )
            timing = json.loads(
                manage(env, "shell", "-c", REVISE % (app_port, int(pages[-1].parent.name)))
                .strip()
                .splitlines()[-1]
            )
        finally:
            subprocess.run(["nginx", "-c", str(nginx_conf), "-s", "stop"], check=False)
    report(results, uncached, timing, built, build_s, article_path, size, args)


def report(
    results: dict[str, list[float]],
    uncached: dict[str, float],
    timing: dict[str, list[dict[str, float]]],
    built: str,
    build_s: float,
    article: str,
    size: int,
    args: argparse.Namespace,
) -> None:
    median = {k: statistics.median(v) for k, v in results.items()}
    ratio = median["article · run command"] / median["article · nginx"]
    revisions, publications = timing["revisions"], timing["publications"]
    worst_revision = max(r["visible_ms"] for r in revisions)
    lines = [
        "# Static-file speed (bench/static_bench.py)",
        "",
        f"Run on {time.strftime('%Y-%m-%d')}, this machine (2 cores), loopback only: the demo "
        "county on SQLite; the run command's server (granian 2.8.7, scripts/serve, 2 workers) "
        "and nginx with config/nginx-site.conf (2 workers, sendfile) serving the same files "
        f"(compared byte for byte first); wrk with 2 threads and 50 connections for "
        f"{args.duration} s, the article in {args.rounds} alternating rounds (median).",
        "",
        f"Publishing every page as a file (`site_build --all`): {built} (wall time with "
        f"start-up {build_s:.1f} s).",
        "",
        "| page | req/s |",
        "|---|---|",
        *[f"| {name} | {value:,.0f} |" for name, value in median.items()],
        "",
        f"**The article ({article}, {size:,} bytes) through the run command's server: "
        f"{ratio:.0%} of nginx's requests per second** (goal ≥ 50%). Rounds: "
        + "; ".join(f"{k}: " + ", ".join(f"{v:,.0f}" for v in results[k]) for k in results)
        + ".",
        "",
        f"The uncached path (the article's print version, rendered by Django each time, 300 "
        f"different URLs, sequential): median {uncached['median']:.1f} ms, p95 "
        f"{uncached['p95']:.1f} ms.",
        "",
        f"A staff revision (10 in a row) shows at the article's address after at most "
        f"**{worst_revision:.0f} ms** from the moment the service is called (goal ≤ 1 s); the "
        f"service call itself, which re-renders the article, the home page and the columns "
        f"listing it before it returns, took median "
        f"{statistics.median(r['call_ms'] for r in revisions):.0f} ms.",
        f"A new publication (5: drafted, submitted and approved) is on its page and the home "
        f"page after at most {max(p['visible_ms'] for p in publications):.0f} ms (median "
        f"{statistics.median(p['visible_ms'] for p in publications):.0f} ms).",
    ]
    text = "\n".join(lines) + "\n"
    (ROOT / "docs" / "static-bench.md").write_text(text, encoding="utf-8")
    print(text)
    if ratio < 0.5 or worst_revision > 1000:
        sys.exit("goal not met")


if __name__ == "__main__":
    main()
