"""Demo data for workinggroups (part of load_demo_data)."""


def load(report) -> None:
    """Idempotent."""
