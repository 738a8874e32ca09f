"""pytest plugin for `python -m trust`: per-check outcomes of the trust tests.

Loaded with ``-p trust.plugin``; ``--trust-json PATH`` names the file the
results go to. A test counts once per check it is marked with: failed if any
phase (set-up, call, tear-down) failed, skipped if it was skipped, passed
otherwise. Its ``pages`` user property (``record_property("pages", n)``) is
added to the pages covered by each of its checks.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pytest

RESULTS_KEY = pytest.StashKey["TrustResults"]()


@dataclass
class CheckResult:
    tests: int = 0
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    pages: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.tests > 0 and self.failed == 0 and self.skipped == 0


@dataclass
class TrustResults:
    """Outcomes per check, fed one finished test at a time."""

    checks: dict[str, CheckResult] = field(default_factory=dict)

    def add(self, *, checks: list[str], nodeid: str, outcome: str, pages: int | None) -> None:
        for name in dict.fromkeys(checks):  # a check named twice on one test counts once
            result = self.checks.setdefault(name, CheckResult())
            result.tests += 1
            if outcome == "failed":
                result.failed += 1
                result.failures.append(nodeid)
            elif outcome == "skipped":
                result.skipped += 1
            else:
                result.passed += 1
            result.pages += pages or 0

    def to_json(self) -> str:
        return json.dumps({name: asdict(r) for name, r in self.checks.items()}, indent=2)

    @classmethod
    def from_json(cls, text: str) -> TrustResults:
        return cls({name: CheckResult(**values) for name, values in json.loads(text).items()})


def trust_checks(item: pytest.Item) -> list[str]:
    return [marker.args[0] for marker in item.iter_markers("trust") if marker.args]


def pages_of(user_properties) -> int | None:
    pages = [int(value) for name, value in user_properties if name == "pages"]
    return sum(pages) if pages else None


def pytest_addoption(parser):
    parser.addoption("--trust-json", default=None, help="write per-check trust results here")


def pytest_configure(config):
    config.stash[RESULTS_KEY] = TrustResults()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    # Collect this test's phase reports, then count it once.
    reports: list[pytest.TestReport] = []
    item.stash[_REPORTS_KEY] = reports
    result = yield
    checks = trust_checks(item)
    if checks and reports:
        if any(r.failed for r in reports):
            outcome = "failed"
        elif any(r.skipped for r in reports):
            outcome = "skipped"
        else:
            outcome = "passed"
        pages = pages_of(item.user_properties)
        item.config.stash[RESULTS_KEY].add(
            checks=checks, nodeid=item.nodeid, outcome=outcome, pages=pages
        )
    return result


_REPORTS_KEY = pytest.StashKey[list]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    reports = item.stash.get(_REPORTS_KEY, None)
    if reports is not None:
        reports.append(report)
    return report


def pytest_sessionfinish(session, exitstatus):
    path = session.config.getoption("--trust-json")
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(session.config.stash[RESULTS_KEY].to_json(), encoding="utf-8")
