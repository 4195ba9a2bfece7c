"""The web server the benchmarks measure: the run command's (granian, scripts/serve), 2
workers on a loopback port, started from the project root with the benchmark's environment,
stopped afterwards."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").is_dir() else sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Served:
    base: str  # http://127.0.0.1:<port>
    pid: int  # the server's main process (its workers are its children)


@contextmanager
def served(env: dict[str, str], port: int) -> Iterator[Served]:
    """scripts/serve on 127.0.0.1:``port`` until the block ends, yielded once it answers
    ``/robots.txt``."""
    with socket.socket() as s:  # another server there would answer in its place
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            sys.exit(f"port {port} is in use: stop what listens there or pass --port")
    server = subprocess.Popen(
        [str(ROOT / "scripts" / "serve")],
        cwd=ROOT,
        env={
            **env,
            "PORT_BIND": f"127.0.0.1:{port}",
            "PYTHON": PY,
            "WEB_WORKERS": "2",
            "WEB_LOG_LEVEL": "warning",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        yield Served(base, server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
