"""Simulate a second request that saves an entry with the same address at the same moment."""

from django.db import connection


def plant_before_insert(table: str, plant, *, after: int = 1):
    """A context manager: run `plant` once, right after the `after`-th check whether an
    address is taken in `table` (and so before the INSERT) — what another request saving
    the same title at the same moment does between the check and the insert."""
    seen = []

    def wrapper(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.startswith("SELECT") and f'"{table}"."slug" = %s LIMIT 1' in sql:
            seen.append(sql)
            if len(seen) == after:
                plant()
        return result

    return connection.execute_wrapper(wrapper)
