"""Fill coordinates from GeoNames: `manage.py import_places [PATH] [--create-missing]`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from voneinander.municipalities.management.commands.import_gv100ad import write_report
from voneinander.municipalities.places import PLACES_DE, open_rows
from voneinander.municipalities.services import import_geonames_places


class Command(BaseCommand):
    @property
    def help(self) -> str:  # a property: argparse cannot format a lazy string
        return _(
            "Fill coordinates, GeoNames ids and missing populations of municipalities from a "
            "GeoNames place list (tab-separated: name, geonames_id, state, population, "
            "latitude, longitude). Data: GeoNames (geonames.org), CC BY 4.0."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            type=Path,
            nargs="?",
            default=PLACES_DE,
            help=gettext_lazy("The place list; default: the list shipped with the app."),
        )
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help=gettext_lazy(
                "Create municipalities (without official keys) for places that match none; "
                "for demo and benchmark data when no GV100AD file is at hand."
            ),
        )

    def handle(self, *args, path: Path, create_missing: bool, verbosity: int, **options):
        try:
            report = import_geonames_places(rows=open_rows(path), create_missing=create_missing)
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror}
            ) from error
        except UnicodeDecodeError as error:
            raise CommandError(
                _("%(path)s is not UTF-8: %(error)s") % {"path": path, "error": error}
            ) from error
        write_report(self, report, verbosity=verbosity)
