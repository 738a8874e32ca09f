"""Backup and restore of the database and the uploaded files in one archive.

The archive is a gzip-compressed tar with
- `database.pgdump` (PostgreSQL: `pg_dump -Fc`, keeps sequences, indexes and
  non-Django tables, restored with `pg_restore`) or `database.sqlite3`
  (SQLite: a consistent copy made with sqlite3's online backup API),
- `media/…`: every file under MEDIA_ROOT,
- `manifest.json` (last): format, platform version, creation time, engine, the
  applied migrations and every file with its size and sha256.

Django's dumpdata/loaddata is not used: it is slow on big tables, skips tables
Django does not model (search index, task results of libraries) and loses the
sequence positions.

The contents of the database cache table are not backed up: they are only
cached pages, counters and sessions copies that expire anyway, and stale
entries after a restore would be wrong. The table itself is, and stays empty.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_MEMBERS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass
class RestoreResult:
    files: int
    pending_migrations: list[str] = field(default_factory=list)


def _db(alias):
    """An alias of settings.DATABASES, or a connection object made elsewhere."""
    return connections[alias] if isinstance(alias, str) else alias


def _engine(alias: str) -> str:
    vendor = _db(alias).vendor
    if vendor not in DATABASE_MEMBERS:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def _platform_version() -> str:
    try:
        return package_version("voneinander")
    except PackageNotFoundError:
        return "unknown"


def _cache_tables() -> set[str]:
    return {
        config["LOCATION"]
        for config in settings.CACHES.values()
        if config["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    }


def _code_migrations(alias: str) -> set[tuple[str, str]]:
    loader = MigrationLoader(_db(alias), ignore_no_migrations=True, load=True)
    return set(loader.graph.nodes)


def _applied_migrations(alias: str) -> set[tuple[str, str]]:
    # Plain SQL: the ORM would look the connection up by alias again.
    connection = _db(alias)
    table = MigrationRecorder.Migration._meta.db_table
    if table not in connection.introspection.table_names():
        return set()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT app, name FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return {(app, name) for app, name in cursor.fetchall()}


# --- PostgreSQL ------------------------------------------------------------------------


def _pg_binary(alias: str, name: str) -> str:
    """The client tool of the server's major version (Debian installs them side by side)."""
    connection = _db(alias)
    connection.ensure_connection()
    major = connection.pg_version // 10000
    candidate = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} was not found. Install the PostgreSQL client of the server's version "
            f"(Debian: apt-get install postgresql-client-{major})."
        )
    return found


def _pg_command(alias: str, name: str) -> tuple[list[str], dict[str, str]]:
    params = _db(alias).settings_dict
    command = [_pg_binary(alias, name), "--no-password"]
    if params.get("HOST"):
        command += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        command += ["--port", str(params["PORT"])]
    if params.get("USER"):
        command += ["--username", str(params["USER"])]
    env = dict(os.environ)
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    sslmode = (params.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return command, env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    # The arguments come from the settings, never from a request.
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{what} failed:\n{result.stderr.strip()}")


def _dump_postgresql(alias: str, target: Path) -> None:
    command, env = _pg_command(alias, "pg_dump")
    command += ["--format=custom", "--no-owner", "--no-privileges", "--file", str(target)]
    for table in sorted(_cache_tables()):
        command += ["--exclude-table-data", table]
    command.append(str(_db(alias).settings_dict["NAME"]))
    _run(command, env, "pg_dump")


def _restore_postgresql(alias: str, source: Path, *, force: bool) -> None:
    _db(alias).close()
    command, env = _pg_command(alias, "pg_restore")
    command += ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    if force:
        command += ["--clean", "--if-exists"]
    command += ["--dbname", str(_db(alias).settings_dict["NAME"]), str(source)]
    _run(command, env, "pg_restore")


# --- SQLite ------------------------------------------------------------------------------


def _dump_sqlite(alias: str, target: Path) -> None:
    connection = _db(alias)
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
        for table in _cache_tables():
            if table in connection.introspection.table_names():
                destination.execute(f'DELETE FROM "{table}"')  # noqa: S608 (our setting)
        destination.commit()
    finally:
        destination.close()


def _sqlite_file_migrations(path: Path) -> set[tuple[str, str]]:
    database = sqlite3.connect(path)
    try:
        return set(database.execute("SELECT app, name FROM django_migrations").fetchall())
    except sqlite3.OperationalError:  # an empty database: no migrations table yet
        return set()
    finally:
        database.close()


def _restore_sqlite(alias: str, source: Path) -> None:
    connection = _db(alias)
    connection.ensure_connection()
    origin = sqlite3.connect(source)
    try:
        # Replaces every page of the target database, whatever it held.
        origin.backup(connection.connection)
    finally:
        origin.close()


# --- Archive -----------------------------------------------------------------------------


class _HashingReader(io.RawIOBase):
    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _add_file(archive: tarfile.TarFile, path: Path, name: str) -> dict:
    """Adds one file and returns its manifest entry (hashed while it is written)."""
    with path.open("rb") as handle:
        stat = os.fstat(handle.fileno())
        info = tarfile.TarInfo(name)
        info.size = stat.st_size
        info.mtime = int(stat.st_mtime)
        info.mode = 0o640
        reader = _HashingReader(handle)
        archive.addfile(info, reader)
    return {"path": name, "size": info.size, "sha256": reader.digest.hexdigest()}


def _media_files(media_root: Path):
    if not media_root.exists():
        return
    for directory, subdirectories, files in os.walk(media_root):
        if Path(directory) == media_root:
            # Left over by an interrupted restore: not uploads.
            subdirectories[:] = [
                name for name in subdirectories if not name.startswith(".restore-")
            ]
        subdirectories.sort()
        for filename in sorted(files):
            path = Path(directory) / filename
            if path.is_file() and not path.is_symlink():
                yield path, path.relative_to(media_root).as_posix()


def create_backup(output: Path, *, alias: str = "default", media_root: Path | None = None) -> dict:
    """Writes the archive to `output` (atomically: a partial archive never has its name)."""
    media_root = Path(media_root or settings.MEDIA_ROOT)
    engine = _engine(alias)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="voneinander-backup-") as workdir:
        database_file = Path(workdir) / DATABASE_MEMBERS[engine]
        if engine == "postgresql":
            # Read just before the dump; restore compares it with the restored table,
            # so a migration applied in between is noticed, never silently accepted.
            migrations = sorted(_applied_migrations(alias))
            _dump_postgresql(alias, database_file)
        else:
            _dump_sqlite(alias, database_file)
            migrations = sorted(_sqlite_file_migrations(database_file))
        manifest = {
            "format": FORMAT,
            "version": _platform_version(),
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "engine": engine,
            "database": None,
            "migrations": [list(item) for item in migrations],
            "files": [],
        }
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            manifest["database"] = _add_file(archive, database_file, DATABASE_MEMBERS[engine])
            for path, relative in _media_files(media_root):
                manifest["files"].append(_add_file(archive, path, MEDIA_PREFIX + relative))
            payload = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(payload)
            info.mtime = int(datetime.now(UTC).timestamp())
            info.mode = 0o640
            archive.addfile(info, io.BytesIO(payload))
    os.chmod(partial, 0o600)
    os.replace(partial, output)
    return manifest


def _safe_media_path(name: str) -> str:
    relative = name[len(MEDIA_PREFIX) :]
    parts = PurePosixPath(relative).parts
    if not relative or relative.startswith("/") or ".." in parts or "" in parts:
        raise BackupError(f"The archive contains an unsafe path: {name!r}.")
    return relative


def _extract_member(archive, member, workdir: Path, staging: Path, digests: dict) -> dict | None:
    """Writes one member out (or returns the manifest)."""
    if not member.isfile():
        raise BackupError(f"The archive contains an unexpected entry: {member.name!r}.")
    source = archive.extractfile(member)
    if member.name == MANIFEST:
        return json.loads(source.read().decode())
    if member.name in DATABASE_MEMBERS.values():
        target = workdir / member.name
    elif member.name.startswith(MEDIA_PREFIX):
        target = staging / _safe_media_path(member.name)
    else:
        raise BackupError(f"The archive contains an unexpected entry: {member.name!r}.")
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with target.open("wb") as handle:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            handle.write(chunk)
    target.chmod(settings.FILE_UPLOAD_PERMISSIONS or 0o640)
    digests[member.name] = digest.hexdigest()
    return None


def _extract(archive_path: Path, workdir: Path, staging: Path) -> tuple[dict, dict[str, str]]:
    """Streams the archive out; returns the manifest and the sha256 of every member."""
    digests: dict[str, str] = {}
    manifest = None
    try:
        with tarfile.open(archive_path, "r|gz") as archive:
            for member in archive:
                manifest = _extract_member(archive, member, workdir, staging, digests) or manifest
    except (OSError, EOFError, tarfile.TarError) as error:
        raise BackupError(f"{archive_path} is not a complete backup archive: {error}") from error
    if manifest is None:
        raise BackupError("The archive has no manifest.json; it is incomplete or not a backup.")
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest, digests


def _verify(manifest: dict, digests: dict[str, str]) -> None:
    expected = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
    expected[manifest["database"]["path"]] = manifest["database"]["sha256"]
    problems = []
    for name, sha256 in sorted(expected.items()):
        if name not in digests:
            problems.append(f"missing: {name}")
        elif digests[name] != sha256:
            problems.append(f"checksum differs: {name}")
    problems += [f"not in the manifest: {name}" for name in sorted(set(digests) - set(expected))]
    if problems:
        listed = "\n  ".join(problems[:20])
        raise BackupError(f"The archive is damaged; nothing was restored.\n  {listed}")


def _check_migrations(manifest: dict, alias: str) -> list[str]:
    """Refuses data newer than the code; returns the migrations still to apply."""
    in_backup = {tuple(item) for item in manifest["migrations"]}
    in_code = _code_migrations(alias)
    unknown = sorted(in_backup - in_code)
    if unknown:
        names = ", ".join(f"{app}.{name}" for app, name in unknown[:10])
        raise BackupError(
            "The backup was made by a newer version of the platform "
            f"({manifest.get('version')}); this code does not know the migrations {names}. "
            "Install the version that made the backup and restore again."
        )
    return [f"{app}.{name}" for app, name in sorted(in_code - in_backup)]


def _manifest_migrations(manifest: dict) -> set[tuple[str, str]]:
    return {(app, name) for app, name in manifest["migrations"]}


def _dump_migrations(alias: str, engine: str, database_file: Path) -> set[tuple[str, str]]:
    """The migrations recorded inside the dump itself, read without touching the database."""
    if engine == "sqlite":
        return _sqlite_file_migrations(database_file)
    command, env = _pg_command(alias, "pg_restore")
    table = MigrationRecorder.Migration._meta.db_table
    command += ["--data-only", "--table", table, "--file", "-", str(database_file)]
    # The arguments come from the settings, never from a request.
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"pg_restore could not read the dump:\n{result.stderr.strip()}")
    migrations = set()
    copying = False
    for line in result.stdout.splitlines():
        if line.startswith("COPY ") and f"{table} " in line:
            columns = line[line.index("(") + 1 : line.index(")")].split(", ")
            app_at, name_at = columns.index("app"), columns.index("name")
            copying = True
        elif copying and line == "\\.":
            copying = False
        elif copying:
            values = line.split("\t")
            migrations.add((values[app_at], values[name_at]))
    return migrations


class _MediaSwap:
    """Replaces MEDIA_ROOT's contents by renames only, and can put the old ones back.

    The old entries wait in a `.restore-old-*` directory inside MEDIA_ROOT (same
    file system, skipped by backups) and are deleted only after the database
    restore has succeeded. If anything fails, `undo` moves the new entries back
    out and the old ones back in.
    """

    def __init__(self, media_root: Path, staging: Path):
        self.media_root = media_root
        self.staging = staging
        self.old: Path | None = None
        self.moved_old: list[str] = []
        self.moved_new: list[str] = []

    def apply(self) -> None:
        self.old = Path(tempfile.mkdtemp(prefix=".restore-old-", dir=self.media_root))
        try:
            for entry in sorted(self.media_root.iterdir()):
                # Our own directories, and leftovers of an interrupted restore, stay.
                if entry.name.startswith(".restore-"):
                    continue
                os.replace(entry, self.old / entry.name)
                self.moved_old.append(entry.name)
            for entry in sorted(self.staging.iterdir()):
                os.replace(entry, self.media_root / entry.name)
                self.moved_new.append(entry.name)
        except BaseException:
            self.undo()
            raise

    def undo(self) -> None:
        try:
            for name in reversed(self.moved_new):
                os.replace(self.media_root / name, self.staging / name)
            self.moved_new = []
            for name in reversed(self.moved_old):
                os.replace(self.old / name, self.media_root / name)
            self.moved_old = []
        except OSError as error:
            raise BackupError(
                f"The restore failed and the old uploaded files could not all be moved "
                f"back: they are in {self.old}. Move them into {self.media_root} by hand. "
                f"({error})"
            ) from error
        self.old.rmdir()

    def finish(self) -> None:
        shutil.rmtree(self.old)


def database_is_empty(alias: str = "default") -> bool:
    return not _db(alias).introspection.table_names()


def _directory_is_empty(path: Path) -> bool:
    return not path.exists() or not any(path.iterdir())


def restore_backup(
    archive_path: Path,
    *,
    alias: str = "default",
    media_root: Path | None = None,
    force: bool = False,
) -> RestoreResult:
    """Restores database and files. Refuses a non-empty database or MEDIA_ROOT unless `force`.

    Everything is checked before anything is changed: the engine, an empty
    target, every checksum and the migration state (of the manifest against the
    code, and of the dump against the manifest). The old uploaded files are only
    moved aside and come back if the database restore fails.
    """
    media_root = Path(media_root or settings.MEDIA_ROOT)
    engine = _engine(alias)
    if not force and not database_is_empty(alias):
        raise BackupError(
            f"The database {_db(alias).settings_dict['NAME']!s} is not empty. Restore "
            "into a new, empty database, or pass --force to overwrite its contents."
        )
    if not force and not _directory_is_empty(media_root):
        raise BackupError(
            f"MEDIA_ROOT {media_root} is not empty. Restore into an empty directory, or pass "
            "--force to replace its contents."
        )
    # Staging inside MEDIA_ROOT: moving the files into place is a rename on the same
    # file system, also when MEDIA_ROOT is a mount point (NFS) that cannot be replaced.
    media_root.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="voneinander-restore-") as workdir,
        tempfile.TemporaryDirectory(prefix=".restore-", dir=media_root) as staging_parent,
    ):
        staging = Path(staging_parent) / "media"
        staging.mkdir()
        manifest, digests = _extract(Path(archive_path), Path(workdir), staging)
        if manifest["engine"] != engine:
            raise BackupError(
                f"The backup holds a {manifest['engine']} database; the configured database "
                f"is {engine}. Restore it into the same kind of database."
            )
        _verify(manifest, digests)
        pending = _check_migrations(manifest, alias)
        database_file = Path(workdir) / manifest["database"]["path"]
        # The dump's own migration table must match the manifest before the database
        # is touched: a backup made while migrations ran is refused here, not after.
        if _dump_migrations(alias, engine, database_file) != _manifest_migrations(manifest):
            raise BackupError(
                "The database dump records other migrations than the manifest: the "
                "backup was made while migrations ran. Nothing was restored; use an "
                "older backup."
            )
        swap = _MediaSwap(media_root, staging)
        swap.apply()
        try:
            if engine == "postgresql":
                _restore_postgresql(alias, database_file, force=force)
            else:
                _restore_sqlite(alias, database_file)
            _empty_cache_tables(alias)
            if _applied_migrations(alias) != _manifest_migrations(manifest):
                raise BackupError(
                    "The restored database records other migrations than the manifest. "
                    "The uploaded files were put back; restore the database again from "
                    "an older backup."
                )
        except BaseException:
            swap.undo()
            raise
        swap.finish()
    return RestoreResult(files=len(manifest["files"]), pending_migrations=pending)


def _empty_cache_tables(alias: str) -> None:
    connection = _db(alias)
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in sorted(_cache_tables() & existing):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608


def read_manifest(archive_path: Path) -> dict:
    with tarfile.open(archive_path, "r:gz") as archive:
        return json.loads(archive.extractfile(MANIFEST).read().decode())
