"""`manage.py backup --output FILE.tar.gz`: database and uploaded files in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from voneinander.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Writes the database and all files under MEDIA_ROOT to one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="Archive to write.")
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args, output, database, **options):
        output = Path(output)
        if output.exists():
            raise CommandError(f"{output} exists; choose a new file name.")
        try:
            manifest = create_backup(output, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = sum(entry["size"] for entry in manifest["files"])
        self.stdout.write(
            f"Backup written to {output}: {manifest['engine']} database, "
            f"{len(manifest['files'])} files ({size:,} bytes), "
            f"{len(manifest['migrations'])} migrations."
        )
