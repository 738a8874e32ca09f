"""Demo data for search (last in load_demo_data): index everything the other apps loaded.

The demo loaders write many rows in bulk, which sends no signals, so the index
is rebuilt here (idempotent, a second or two).
"""

from voneinander.search import signals
from voneinander.search.services import rebuild


def load(report) -> None:
    rebuild()
    # Everything changed so far is indexed now; nothing left to do after the commit.
    signals.discard_pending()
