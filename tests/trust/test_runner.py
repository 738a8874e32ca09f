"""The trust runner (`python -m trust`): its pytest plugin and the report table."""

import pytest

from trust.__main__ import ROOT, UNREACHABLE_NOTE, audit_row, check_rows, markdown_table
from trust.plugin import TrustResults

pytest_plugins = ["pytester"]


def test_results_add_counts_outcomes_and_pages_per_check():
    results = TrustResults()
    results.add(checks=["A", "B"], nodeid="t1", outcome="passed", pages=3)
    results.add(checks=["A"], nodeid="t2", outcome="failed", pages=2)
    results.add(checks=["B", "B"], nodeid="t3", outcome="skipped", pages=None)

    a, b = results.checks["A"], results.checks["B"]
    assert (a.tests, a.passed, a.failed, a.skipped, a.pages) == (2, 1, 1, 0, 5)
    assert a.failures == ["t2"]
    assert (b.tests, b.passed, b.failed, b.skipped, b.pages) == (2, 1, 0, 1, 3)
    assert not a.ok and not b.ok


def test_results_survive_json_round_trip():
    results = TrustResults()
    results.add(checks=["A"], nodeid="t1", outcome="passed", pages=7)

    again = TrustResults.from_json(results.to_json())

    assert again.checks["A"].pages == 7 and again.checks["A"].ok


def test_check_rows_fail_missing_and_failed_checks():
    results = TrustResults()
    results.add(checks=["Done"], nodeid="t1", outcome="passed", pages=4)
    results.add(checks=["Broken"], nodeid="t2", outcome="failed", pages=None)
    results.add(checks=["Extra"], nodeid="t3", outcome="passed", pages=None)

    rows = check_rows(results, expected=["Done", "Broken", "Missing"])

    assert [(r.check, r.pages, r.tests, r.result, r.ok) for r in rows] == [
        ("Done", "4", "1", "passed", True),
        ("Broken", "—", "1", "FAILED (1 of 1 tests)", False),
        ("Missing", "—", "0", "FAILED: no tests", False),
        ("Extra", "—", "1", "passed", True),
    ]


@pytest.mark.parametrize(
    ("returncode", "result", "ok"),
    [
        (0, "passed", True),
        (1, "FAILED: known vulnerabilities", False),
        (3, UNREACHABLE_NOTE, True),
        (2, "FAILED: exit status 2", False),
        (None, "FAILED: pip-audit.sh missing", False),
    ],
)
def test_audit_row_reads_the_exit_status(returncode, result, ok):
    row = audit_row(returncode)

    assert (row.result, row.ok) == (result, ok)


def test_markdown_table_has_header_and_one_line_per_row():
    table = markdown_table(check_rows(TrustResults(), expected=["A"]))

    assert table.splitlines() == [
        "| Check | Pages covered | Tests | Result |",
        "|---|---:|---:|---|",
        "| A | — | 0 | FAILED: no tests |",
    ]


def test_plugin_collects_outcomes_and_pages_of_marked_tests(pytester, monkeypatch):
    pytester.makeini(
        """
        [pytest]
        markers =
            trust(check): trust check
        """
    )
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.trust("Pages")
        def test_two_pages(record_property):
            record_property("pages", 2)

        @pytest.mark.trust("Pages")
        @pytest.mark.trust("Other")
        def test_fails(record_property):
            record_property("pages", 5)
            assert False

        @pytest.fixture
        def broken():
            raise RuntimeError("set-up fails")

        @pytest.mark.trust("Other")
        def test_setup_error(broken):
            pass

        def test_unmarked():
            pass
        """
    )
    out = pytester.path / "results.json"

    # In a subprocess: pytest-django's set-up must not run a second time in this one.
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.runpytest_subprocess(
        "-p", "trust.plugin", "-p", "no:django", "-p", "no:randomly", "--trust-json", str(out)
    )

    results = TrustResults.from_json(out.read_text())
    pages, other = results.checks["Pages"], results.checks["Other"]
    assert set(results.checks) == {"Pages", "Other"}
    assert (pages.tests, pages.passed, pages.failed, pages.pages) == (2, 1, 1, 7)
    assert (other.tests, other.passed, other.failed, other.pages) == (2, 0, 2, 5)
    assert sorted(other.failures) == [
        "test_plugin_collects_outcomes_and_pages_of_marked_tests.py::test_fails",
        "test_plugin_collects_outcomes_and_pages_of_marked_tests.py::test_setup_error",
    ]
