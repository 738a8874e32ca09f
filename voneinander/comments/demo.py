"""German demo data for comments (idempotent)."""


def load(report) -> None:
    """Filled in with the feature."""
