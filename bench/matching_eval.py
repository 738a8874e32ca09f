"""Quality of challenge matching: `python -m bench.matching_eval [-v]` (part of `make bench`).

Loads the demo data into a fresh SQLite database in a temporary directory (or
DATABASE_URL when set), then asks `match_challenge` every challenge of
bench/data/matching_evaluation.json as a platform admin (who may see the
whole catalogue), with the asking municipality where the item names one, and
prints recall@5 (share of the relevant solutions among the first five,
averaged over the challenges) and MRR (mean of 1 / rank of the first relevant
solution among the first ten, 0 if none). Also printed: the same without the
re-ranking (text relevance alone), to show what similarity and reuse add.
`-v` lists each challenge with its ranks.

tests/knowledge/test_matching_evaluation.py asserts a floor on both numbers.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

EVALUATION = Path(__file__).resolve().parent / "data" / "matching_evaluation.json"
RANKS = 10


def load_items() -> list[dict]:
    return json.loads(EVALUATION.read_text(encoding="utf-8"))["items"]


def _municipality(spec):
    from voneinander.municipalities.models import Municipality

    if not spec:
        return None
    found = Municipality.objects.all()
    if spec.get("ags"):
        found = found.filter(ags=spec["ags"])
    else:
        found = found.filter(name=spec["name"], kind=spec["kind"])
    return found.order_by("pk").first()


def evaluator():
    """A person who may see every solution: a platform admin made for the evaluation."""
    from voneinander.accounts.models import User

    user, _created = User.objects.get_or_create(
        email="matching-evaluation@example.org",
        defaults={"is_superuser": True, "password": "!unusable"},
    )
    return user


@contextmanager
def weights(**values):
    """Temporarily other re-ranking weights (e.g. SIMILARITY_WEIGHT=0)."""
    from voneinander.knowledge import matching

    before = {name: getattr(matching, name) for name in values}
    for name, value in values.items():
        setattr(matching, name, value)
    try:
        yield
    finally:
        for name, value in before.items():
            setattr(matching, name, value)


def evaluate(items: list[dict] | None = None, *, user=None) -> dict:
    """{"recall_at_5", "mrr", "items": [(id, ranks of the relevant solutions, found slugs)]}."""
    from voneinander.knowledge.matching import match_challenge

    items = load_items() if items is None else items
    user = user or evaluator()
    recalls, reciprocal, rows = [], [], []
    for item in items:
        matches = match_challenge(
            text=item["challenge"],
            user=user,
            municipality=_municipality(item.get("municipality")),
            limit=RANKS,
        )
        slugs = [match.solution.slug for match in matches]
        relevant = item["relevant"]
        ranks = [slugs.index(slug) + 1 if slug in slugs else None for slug in relevant]
        recalls.append(sum(1 for r in ranks if r is not None and r <= 5) / len(relevant))
        first = min((r for r in ranks if r is not None), default=None)
        reciprocal.append(1 / first if first else 0.0)
        rows.append((item["id"], ranks, slugs))
    return {
        "recall_at_5": sum(recalls) / len(recalls),
        "mrr": sum(reciprocal) / len(reciprocal),
        "items": rows,
    }


def report(verbose: bool = False) -> None:
    items = load_items()
    result = evaluate(items)
    with weights(SIMILARITY_WEIGHT=0.0, REUSE_WEIGHT=0.0):
        text_only = evaluate(items)
    print(f"Challenge matching over the demo catalogue: {len(items)} challenges")
    print(f"{'':<32} {'recall@5':>9} {'MRR':>6}")
    print(
        f"{'text relevance + re-ranking':<32} {result['recall_at_5']:>9.3f} {result['mrr']:>6.3f}"
    )
    print(f"{'text relevance alone':<32} {text_only['recall_at_5']:>9.3f} {text_only['mrr']:>6.3f}")
    if verbose:
        for item_id, ranks, slugs in result["items"]:
            shown = ", ".join("–" if r is None else str(r) for r in ranks)
            print(f"  {item_id}: ranks {shown}   top 3: {', '.join(slugs[:3])}")


def ensure_database() -> None:
    """Create the database named in DATABASE_URL (PostgreSQL) if it does not exist yet,
    as in a fresh cluster of scripts/with-postgres.sh."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    server = {
        "host": config["HOST"],
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**server) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{config["NAME"]}"')


def main() -> int:
    from bench.__main__ import setup_django

    ensure_database()
    with tempfile.TemporaryDirectory() as workdir:
        os.environ.setdefault("VONEINANDER_VAR_DIR", workdir)
        setup_django(workdir)
        report(verbose="-v" in sys.argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
