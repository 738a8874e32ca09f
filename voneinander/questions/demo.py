"""Demo data for questions (part of load_demo_data)."""


def load(report) -> None:
    """Idempotent."""
