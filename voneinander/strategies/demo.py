"""German demo data for strategies (idempotent)."""


def load(report) -> None:
    """Filled in with the feature."""
