"""`manage.py restore FILE --yes`: database and uploaded files from a backup archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from voneinander.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restores a backup archive into an EMPTY database and MEDIA_ROOT after checking "
        "every checksum and the migration state."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--yes", action="store_true", help="Confirm the restore (required).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite a database or MEDIA_ROOT that is not empty.",
        )
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args, archive, yes, force, database, **options):
        archive = Path(archive)
        if not yes:
            raise CommandError("A restore replaces data: confirm it with --yes.")
        if not archive.is_file():
            raise CommandError(f"{archive} does not exist.")
        try:
            result = restore_backup(archive, alias=database, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the database and {result.files} files from {archive}.")
        if result.pending_migrations:
            self.stdout.write(
                f"The backup is older than this code: {len(result.pending_migrations)} "
                "migrations are not applied yet. Run `manage.py migrate` next."
            )
