"""Rows of the permission matrix (tests/test_access_matrix.py) for the probes and metrics.

Format as in tests/events/access_rows.py. The probes answer everybody; /metrics
answers nobody without the bearer token, and does not exist (404) while no
METRICS_TOKEN is configured, as in the test settings.
"""

ROWS = {
    "healthz": ({}, "200 200 200 200 200 200"),
    "readyz": ({}, "200 200 200 200 200 200"),
    "metrics": ({}, "404 404 404 404 404 404"),
}
