"""Backup → restore into an empty instance: every row and every uploaded file comes back."""

from __future__ import annotations

import json
import os
import uuid

import pytest
from django.conf import settings
from django.core.management import call_command

from gongkai.core.backup import MANIFEST, backup_create, backup_restore, table_counts


@pytest.mark.django_db
def test_backup_restores_every_record_and_file_into_an_empty_instance(world, tmp_path) -> None:
    media = tmp_path / "media"
    (media / "foi-files" / "2026").mkdir(parents=True)
    (media / "foi-files" / "2026" / "证明.pdf").write_bytes(b"%PDF-1.4 test\n%%EOF\n")
    folder = backup_create(target_dir=tmp_path / "backups", media_root=media)
    manifest = json.loads((folder / MANIFEST).read_text())
    assert manifest["tables"]["foi_application"] >= 1  # the world's application is in it
    assert (
        manifest["tables"]["accounts_organisation"]
        == table_counts(dict(settings.DATABASES["default"]))["accounts_organisation"]
    )
    assert "SECRET_KEY" not in manifest["settings"]

    engine = settings.DATABASES["default"]["ENGINE"]
    if "sqlite" in engine:
        target = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        cleanup = None
    else:
        import psycopg

        name = f"gongkai_restore_{uuid.uuid4().hex[:8]}"
        db = settings.DATABASES["default"]
        params = {
            "host": db.get("HOST") or "127.0.0.1",
            "port": db.get("PORT") or 5432,
            "user": db.get("USER") or "postgres",
            "password": db.get("PASSWORD") or None,
        }
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        target = f"postgres://{params['user']}@{params['host']}:{params['port']}/{name}"

        def cleanup() -> None:
            with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    try:
        restored_media = tmp_path / "restored-media"
        counts = backup_restore(folder=folder, database_url=target, media_root=restored_media)
        assert counts == manifest["tables"] and sum(counts.values()) > 50
        assert (restored_media / "foi-files" / "2026" / "证明.pdf").read_bytes().startswith(b"%PDF")
    finally:
        if cleanup:
            cleanup()


@pytest.mark.django_db
def test_restore_refuses_without_confirmation_and_a_wrong_kind_of_database(tmp_path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path))
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / MANIFEST).write_text(json.dumps({"database": "database.pgdump", "tables": {}}))
    with pytest.raises(CommandError, match="只能恢复到 PostgreSQL"):
        call_command(
            "restore", str(folder), "--yes", f"--database-url=sqlite:///{tmp_path / 'x.db'}"
        )
    assert os.path.exists(folder)
