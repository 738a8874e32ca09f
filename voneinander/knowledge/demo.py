"""Demo data for knowledge (part of load_demo_data)."""


def load(report) -> None:
    """Idempotent."""
