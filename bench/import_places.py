"""Benchmark: import all GeoNames places of Germany into an empty registry.

`.venv/bin/python -m bench.import_places` migrates a fresh SQLite database in a temporary
directory (or uses DATABASE_URL when set), imports the 11,921 places of
voneinander/municipalities/data/places-de.tsv with create_missing=True, then imports
them again (nothing to change), and prints both times. Target: under 10 s.
"""

import os
import sys
import tempfile
import time


def setup_django(workdir: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voneinander.settings")
    os.environ.setdefault("VONEINANDER_VAR_DIR", workdir)
    os.environ.setdefault("EMAIL_URL", "dummy://")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def main() -> int:
    with tempfile.TemporaryDirectory() as workdir:
        setup_django(workdir)
        from voneinander.municipalities.models import Municipality
        from voneinander.municipalities.places import PLACES_DE, open_rows
        from voneinander.municipalities.services import import_geonames_places

        for run in ("first import", "second import"):
            start = time.perf_counter()
            report = import_geonames_places(rows=open_rows(PLACES_DE), create_missing=True)
            seconds = time.perf_counter() - start
            print(f"{run}: {seconds:.2f} s — {report.summary()}")
        print(f"municipalities in the database: {Municipality.objects.count()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
