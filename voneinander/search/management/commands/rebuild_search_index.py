"""`manage.py rebuild_search_index [--kind solution …] [--batch-size 500]`

Indexes every findable object again, in batches, and drops entries of objects
that no longer exist or may no longer be found. Safe while the site runs: the
old entries stay findable until their batch is replaced.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from voneinander.search.indexers import REGISTRY
from voneinander.search.services import rebuild


class Command(BaseCommand):
    help = "Rebuild the search index (all kinds, or those given with --kind)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind", action="append", choices=sorted(REGISTRY), help="Only this kind (repeatable)."
        )
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, kind=None, batch_size=500, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        start = time.perf_counter()
        counts = rebuild(kinds=kind, batch_size=batch_size)
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {sum(counts.values())} entries in {time.perf_counter() - start:.1f} s."
            )
        )
