"""Backup and restore (issue 8): a full round trip into an empty database.

Runs on the engine the suite uses: SQLite locally, PostgreSQL in CI
(DATABASE_URL). The data must be committed for pg_dump (another process) to
see it, hence transactional tests.
"""

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from django.db.utils import load_backend

from tests.admissions.factories import ApplicationFactory
from tests.events.factories import EventFactory, SessionFactory
from tests.events.followup_factories import file_material
from voneinander.accounts.models import User
from voneinander.core import backup

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True)

# The database cache table holds only copies that expire (cached pages, counters):
# the backup leaves its rows out on purpose, and restore empties it.
CACHE_TABLE = "voneinander_cache"


@pytest.fixture
def empty_database(tmp_path):
    """A connection to a second, empty database: a new SQLite file or a new PG database."""
    default = connections["default"]
    config = dict(connections.settings["default"])
    config["TEST"] = dict(config.get("TEST") or {})
    created = None
    if default.vendor == "postgresql":
        created = f"restore_{uuid.uuid4().hex[:12]}"
        with default.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{created}"')
        config["NAME"] = created
    else:
        config["NAME"] = str(tmp_path / "restored.sqlite3")
    # A connection outside the handler: Django's test case refuses unknown aliases.
    restore = load_backend(config["ENGINE"]).DatabaseWrapper(config, alias="restore")
    yield restore
    restore.close()
    if created:
        with default.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{created}" WITH (FORCE)')


def _table_rows(connection) -> dict[str, list]:
    tables = {}
    with connection.cursor() as cursor:
        names = set(connection.introspection.table_names())
        if connection.vendor == "sqlite":
            names.add("sqlite_sequence")
        for table in sorted(names - {CACHE_TABLE}):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            tables[table] = sorted((tuple(row) for row in cursor.fetchall()), key=repr)
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT sequencename, last_value FROM pg_sequences "
                "WHERE schemaname = current_schema() ORDER BY 1"
            )
            tables["<sequences>"] = cursor.fetchall()
    return tables


def _files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _demo_with_uploads(world):
    call_command("load_demo_data", stdout=io.StringIO())
    ApplicationFactory(network=world.network, applicant=world.user("user"))
    event = EventFactory(networks=[world.network])
    file_material(event=event, session=SessionFactory(event=event))
    file_material(event=event, data=b"%PDF-1.4 minutes \x00\xff binary")


@pytest.fixture
def database_cache(settings):
    """The production cache: its table exists, but its rows are left out of the backup."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
        }
    }
    call_command("createcachetable")
    yield cache
    with connections["default"].cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {CACHE_TABLE}")


def test_backup_restore_round_trip_keeps_every_row_and_file(
    world, settings, tmp_path, empty_database, database_cache
):
    database_cache.set("cached-page", "stale after a restore")
    _demo_with_uploads(world)
    source_media = Path(settings.MEDIA_ROOT)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive), verbosity=0)

    manifest = backup.read_manifest(archive)
    assert manifest["engine"] == connections["default"].vendor
    assert {tuple(item) for item in manifest["migrations"]} == backup._code_migrations("default")
    assert sorted(entry["path"] for entry in manifest["files"]) == sorted(
        f"media/{name}" for name in _files(source_media)
    )
    assert len(manifest["files"]) >= 3

    target = empty_database
    restored_media = tmp_path / "restored-media"
    settings.MEDIA_ROOT = restored_media
    backup.restore_backup(archive, alias=target)

    original, restored = _table_rows(connections["default"]), _table_rows(target)
    assert sorted(restored) == sorted(original)
    for table in original:
        assert restored[table] == original[table], table
    assert sum(len(rows) for rows in original.values()) > 1000
    with target.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {CACHE_TABLE}")  # noqa: S608
        assert cursor.fetchone() == (0,)
    assert _files(restored_media) == _files(source_media)


def test_restore_refuses_a_database_that_is_not_empty(world, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive), verbosity=0)

    with pytest.raises(CommandError, match=r"is not empty.*--force"):
        call_command("restore", str(archive), yes=True, verbosity=0)


def test_restore_refuses_without_yes(tmp_path):
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), verbosity=0)


def test_restore_refuses_a_damaged_file_before_changing_anything(
    world, settings, tmp_path, empty_database
):
    _demo_with_uploads(world)
    archive = tmp_path / "backup.tar.gz"
    backup.create_backup(archive)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("media/events/"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            target.addfile(member, io.BytesIO(data))
    target = empty_database

    with pytest.raises(backup.BackupError, match="checksum differs: media/events/"):
        backup.restore_backup(damaged, alias=target, media_root=tmp_path / "restored-media")
    assert backup.database_is_empty(target)
    assert list((tmp_path / "restored-media").iterdir()) == []


def test_restore_refuses_data_of_a_newer_version(world, tmp_path, empty_database):
    archive = tmp_path / "backup.tar.gz"
    backup.create_backup(archive)
    newer = tmp_path / "newer.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(newer, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                manifest["migrations"].append(["events", "9999_from_the_future"])
                data = json.dumps(manifest).encode()
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    target = empty_database

    with pytest.raises(backup.BackupError, match=r"newer version.*events\.9999_from_the_future"):
        backup.restore_backup(newer, alias=target, media_root=tmp_path / "restored-media")
    assert backup.database_is_empty(target)


def _database_url(connection) -> str:
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{params['NAME']}"
    credentials = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    return f"postgres://{credentials}@{params['HOST']}:{params['PORT']}/{params['NAME']}"


def test_restore_command_restores_into_an_empty_database(world, tmp_path, empty_database):
    ApplicationFactory(network=world.network, applicant=world.user("user"))
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    target = empty_database
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "voneinander.settings",
        "VONEINANDER_ENV": "development",
        "VONEINANDER_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": _database_url(target),
        "MEDIA_ROOT": str(tmp_path / "restored-media"),
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive), "--yes"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert "Restored the database and 1 files" in result.stdout
    with target.cursor() as cursor:
        cursor.execute("SELECT email FROM accounts_user ORDER BY email")
        restored = [email for (email,) in cursor.fetchall()]
    assert restored == sorted(User.objects.values_list("email", flat=True))
    assert len(list((tmp_path / "restored-media").rglob("*.pdf"))) == 1


def test_backup_command_never_overwrites_an_archive(db, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    archive.write_bytes(b"an older backup")

    with pytest.raises(CommandError, match="exists"):
        call_command("backup", output=str(archive))
    assert archive.read_bytes() == b"an older backup"


def _rewrite_manifest(archive: Path, target: Path, change) -> Path:
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as output:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            output.addfile(member, io.BytesIO(data))
    return target


def test_restore_refuses_a_dump_whose_migrations_differ_before_changing_anything(
    world, tmp_path, empty_database
):
    archive = tmp_path / "backup.tar.gz"
    backup.create_backup(archive)
    # As if a migration was applied between reading the table and the dump.
    during_migrate = _rewrite_manifest(
        archive, tmp_path / "during-migrate.tar.gz", lambda manifest: manifest["migrations"].pop()
    )
    media = tmp_path / "restored-media"

    with pytest.raises(backup.BackupError, match=r"dump records other migrations.*Nothing"):
        backup.restore_backup(during_migrate, alias=empty_database, media_root=media)
    assert backup.database_is_empty(empty_database)
    assert list(media.iterdir()) == []


def _old_media(root: Path) -> dict[str, bytes]:
    (root / "events").mkdir(parents=True)
    (root / "events" / "old-minutes.pdf").write_bytes(b"%PDF old minutes")
    (root / "avatar.png").write_bytes(b"old avatar")
    return _files(root)


def test_restore_with_force_replaces_old_uploaded_files(world, tmp_path, empty_database):
    _demo_with_uploads(world)
    archive = tmp_path / "backup.tar.gz"
    manifest = backup.create_backup(archive)
    media = tmp_path / "restored-media"
    _old_media(media)

    backup.restore_backup(archive, alias=empty_database, media_root=media, force=True)

    assert sorted(_files(media)) == sorted(
        entry["path"].removeprefix("media/") for entry in manifest["files"]
    )
    assert [path.name for path in media.iterdir() if path.name.startswith(".restore-")] == []


def test_restore_keeps_old_uploaded_files_when_moving_the_new_ones_in_fails(
    world, tmp_path, empty_database, monkeypatch
):
    _demo_with_uploads(world)
    archive = tmp_path / "backup.tar.gz"
    backup.create_backup(archive)
    media = tmp_path / "restored-media"
    before = _old_media(media)
    replace = os.replace
    moved_in = []

    def disk_fails_on_second_new_entry(source, target):
        # New entries come from the staging directory `.restore-*/media/`.
        if Path(source).parent.name == "media" and Path(target).parent == media:
            if moved_in:
                raise OSError(28, "No space left on device")
            moved_in.append(target)
        replace(source, target)

    monkeypatch.setattr(os, "replace", disk_fails_on_second_new_entry)

    with pytest.raises(OSError, match="No space left"):
        backup.restore_backup(archive, alias=empty_database, media_root=media, force=True)
    assert moved_in
    assert _files(media) == before
    assert sorted(path.name for path in media.iterdir()) == ["avatar.png", "events"]
    assert backup.database_is_empty(empty_database)


def test_restore_puts_old_uploaded_files_back_when_the_database_restore_fails(
    world, tmp_path, empty_database
):
    _demo_with_uploads(world)
    archive = tmp_path / "backup.tar.gz"
    backup.create_backup(archive)
    media = tmp_path / "restored-media"
    before = _old_media(media)
    # A database that cannot be opened: a real failure of the database step after
    # the new files were moved in (PostgreSQL: pg_restore runs as its own client).
    if empty_database.vendor == "postgresql":
        empty_database.ensure_connection()
        empty_database.settings_dict["NAME"] = f"missing_{uuid.uuid4().hex[:8]}"
    else:
        empty_database.settings_dict["NAME"] = str(tmp_path / "missing-dir" / "db.sqlite3")

    with pytest.raises(Exception):  # noqa: B017,PT011 (the engine's own error)
        backup.restore_backup(archive, alias=empty_database, media_root=media, force=True)
    assert _files(media) == before
    assert sorted(path.name for path in media.iterdir()) == ["avatar.png", "events"]
