"""German demo data for seminars (idempotent)."""


def load(report) -> None:
    """Filled in with the feature."""
