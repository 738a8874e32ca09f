"""German demo data for news (idempotent)."""


def load(report) -> None:
    """Filled in with the feature."""
