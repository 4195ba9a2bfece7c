"""Backup and restore 备份与恢复 of one instance: database, uploaded files, and a manifest
(docs/deployment.md#backup).

Consistent while the site runs: SQLite through its online backup API (a snapshot of one
moment, readers and writers go on), PostgreSQL through ``pg_dump`` (one snapshot transaction).
Uploaded files are archived after the database, so every file a stored record names is in
the archive. The manifest counts the rows of every table, so a restore can prove it is whole.
The search index is not backed up: ``manage.py search_rebuild`` makes it again from the data.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import dj_database_url
from django.apps import apps
from django.conf import settings
from django.db import connections

MANIFEST = "manifest.json"
DB_SQLITE = "database.sqlite3"
DB_POSTGRES = "database.pgdump"
MEDIA = "media.tar.gz"


def _db(url: str | None) -> dict[str, Any]:
    return dj_database_url.parse(url) if url else dict(settings.DATABASES["default"])


def _is_sqlite(db: dict[str, Any]) -> bool:
    return "sqlite" in db["ENGINE"]


def _pg_env(db: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PGHOST=str(db.get("HOST") or "127.0.0.1"),
        PGPORT=str(db.get("PORT") or 5432),
        PGUSER=str(db.get("USER") or "postgres"),
        PGDATABASE=str(db["NAME"]),
    )
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def table_counts(db: dict[str, Any]) -> dict[str, int]:
    """Rows per model table, read from the database ``db`` describes."""
    tables = sorted({m._meta.db_table for m in apps.get_models() if m._meta.managed})
    if _is_sqlite(db):
        with sqlite3.connect(db["NAME"]) as conn:
            present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            return {
                t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
                for t in tables
                if t in present
            }
    import psycopg

    env = _pg_env(db)
    with psycopg.connect(
        host=env["PGHOST"],
        port=env["PGPORT"],
        user=env["PGUSER"],
        password=env.get("PGPASSWORD"),
        dbname=env["PGDATABASE"],
    ) as conn:
        present = {
            r[0]
            for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        }
        return {
            t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
            for t in tables
            if t in present
        }


def backup_create(*, target_dir: Path, media_root: Path | None = None) -> Path:
    """A new backup folder under ``target_dir``; returns its path."""
    db = _db(None)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")  # noqa: DTZ005  local time in a name
    folder = Path(target_dir) / f"gongkai-backup-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
    if _is_sqlite(db):
        # a connection of its own: in WAL mode it reads the last committed state while this
        # process's (or the site's) writers go on
        with sqlite3.connect(db["NAME"]) as source, sqlite3.connect(folder / DB_SQLITE) as copy:
            source.backup(copy)
        database = DB_SQLITE
    else:
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", f"--file={folder / DB_POSTGRES}"],
            env=_pg_env(db),
            check=True,
            capture_output=True,
        )
        database = DB_POSTGRES
    with tarfile.open(folder / MEDIA, "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname="media")
    manifest = {
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "database": database,
        "engine": db["ENGINE"],
        "media": MEDIA,
        "tables": table_counts(db),
        "settings": {k: os.environ[k] for k in SETTINGS_KEPT if k in os.environ},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
    return folder


# settings worth restoring with the data (never secrets: SECRET_KEY and passwords are the
# operator's to keep in their own secret store)
SETTINGS_KEPT = (
    "SITE_NAME",
    "SITE_DOMAIN",
    "SITE_URL",
    "SITE_ID_CODE",
    "TIME_ZONE",
    "SEARCH_ENGINE",
)


def backup_restore(
    *, folder: Path, database_url: str | None = None, media_root: Path | None = None
) -> dict[str, int]:
    """Restore ``folder`` into the database ``database_url`` (default: this instance's, which
    should be empty or disposable) and ``media_root``; returns the restored row counts, which
    must equal the manifest's."""
    folder = Path(folder)
    manifest = json.loads((folder / MANIFEST).read_text())
    db = _db(database_url)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    if manifest["database"] == DB_SQLITE:
        if not _is_sqlite(db):
            raise ValueError("该备份来自 SQLite，只能恢复到 SQLite 数据库")
        if database_url is None:
            connections["default"].close()
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(folder / DB_SQLITE) as source, sqlite3.connect(db["NAME"]) as dest:
            source.backup(dest)
    else:
        if _is_sqlite(db):
            raise ValueError("该备份来自 PostgreSQL，只能恢复到 PostgreSQL 数据库")
        subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--exit-on-error",
                f"--dbname={db['NAME']}",
                str(folder / DB_POSTGRES),
            ],
            env=_pg_env(db),
            check=True,
            capture_output=True,
        )
    with tarfile.open(folder / MEDIA, "r:gz") as archive:
        staging = media_root.parent / f".{media_root.name}-restore"
        shutil.rmtree(staging, ignore_errors=True)
        archive.extractall(staging, filter="data")  # refuses absolute paths and links out
        if (staging / "media").exists():
            shutil.copytree(staging / "media", media_root, dirs_exist_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
    restored = table_counts(db)
    missing = {t: n for t, n in manifest["tables"].items() if restored.get(t) != n}
    if missing:
        raise ValueError(f"恢复后的数据与备份清单不一致：{sorted(missing)[:5]}")
    return restored
