"""Import the Destatis municipality register: `manage.py import_gv100ad GV100AD_311224.txt`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from voneinander.municipalities.reports import ImportReport
from voneinander.municipalities.services import import_gv100ad

AUTO = "auto"


class Command(BaseCommand):
    @property
    def help(self) -> str:  # a property: argparse cannot format a lazy string
        return _(
            "Import the municipality register of Destatis (GV100AD file): creates and updates "
            "municipalities, deletes nothing. Run it again with a newer file to update."
        )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help=gettext_lazy("The GV100AD text file."))
        parser.add_argument(
            "--encoding",
            default=AUTO,
            help=gettext_lazy(
                "Encoding of the file, e.g. latin-1 for older files. Default: UTF-8 "
                "(the files of recent years), or Latin-1 if the file is no valid UTF-8."
            ),
        )

    def handle(self, *args, path: Path, encoding: str, verbosity: int, **options):
        text = decode(read_bytes(path), encoding)
        # Not splitlines(): it would also break at characters such as \x85 and \x1c.
        report = import_gv100ad(lines=text.split("\n"), source=f"GV100AD {path.name}")
        write_report(self, report, verbosity=verbosity)


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise CommandError(
            _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror}
        ) from error


def decode(data: bytes, encoding: str) -> str:
    if encoding == AUTO:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    try:
        return data.decode(encoding)
    except LookupError as error:
        raise CommandError(_("Unknown encoding “%(name)s”.") % {"name": encoding}) from error
    except UnicodeDecodeError as error:
        raise CommandError(
            _("The file is not valid %(name)s: %(error)s") % {"name": encoding, "error": error}
        ) from error


def write_report(command: BaseCommand, report: ImportReport, *, verbosity: int) -> None:
    """Errors go to stderr; changes are listed with --verbosity 2."""
    for line in report.details(changes=verbosity >= 2):
        command.stdout.write(line)
    for line in report.error_lines():
        command.stderr.write(line)
    command.stdout.write(report.summary())
