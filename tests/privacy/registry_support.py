"""Helpers for the registry tests: find a factory per model, attach a row to a person."""

import importlib
import itertools
from functools import cache
from pathlib import Path

from factory.django import DjangoModelFactory

TESTS = Path(__file__).resolve().parent.parent
_counter = itertools.count(1)


@cache
def factories() -> dict[str, type[DjangoModelFactory]]:
    """The preferred factory per model label: `<Model>Factory` from tests/privacy/factories.py
    (complete rows for models whose usual factory leaves links to be given), else from the
    app's own `tests/<app>/factories.py`, else from tests/factories.py, else anywhere."""
    candidates: dict[str, list[tuple[int, str, type]]] = {}
    for path in sorted(TESTS.glob("**/*factories.py")):
        module_name = ".".join(path.relative_to(TESTS.parent).with_suffix("").parts)
        module = importlib.import_module(module_name)
        for obj in vars(module).values():
            if not (isinstance(obj, type) and issubclass(obj, DjangoModelFactory)):
                continue
            model = obj._meta.model
            if model is None or obj.__module__ != module_name:
                continue
            label = model._meta.label
            own = f"tests.{model._meta.app_label}.factories"
            module_rank = {"tests.privacy.factories": 0, own: 1, "tests.factories": 2}.get(
                module_name, 3
            )
            name_rank = 0 if obj.__name__ == f"{model.__name__}Factory" else 1
            candidates.setdefault(label, []).append((name_rank, module_rank, module_name, obj))
    return {label: sorted(found, key=lambda c: c[:3])[0][3] for label, found in candidates.items()}


def marker() -> str:
    return f"pii{next(_counter)}x"
