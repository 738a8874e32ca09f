"""Demo data for surveys (part of load_demo_data)."""


def load(report) -> None:
    """Idempotent."""
