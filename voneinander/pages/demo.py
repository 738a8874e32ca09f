"""German demo data for pages (idempotent)."""


def load(report) -> None:
    """Filled in with the feature."""
