"""`python -m trust [pytest args]`: run the trust checks and print the report table.

Exit status 0 only if every check of `trust.checks.CHECKS` has tests and all
of them passed, and the dependency audit passed or could not reach its
advisory data (then it is a release step, docs/trust.md).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from trust.checks import CHECKS, DEPENDENCY_CHECK
from trust.plugin import TrustResults

ROOT = Path(__file__).resolve().parent.parent
RESULTS_JSON = ROOT / "var" / "trust-results.json"
REPORT_MD = ROOT / "var" / "trust-report.md"
PIP_AUDIT = ROOT / "scripts" / "pip-audit.sh"
AUDIT_UNREACHABLE = 3
UNREACHABLE_NOTE = "not reachable here — release step (docs/trust.md)"


@dataclass
class Row:
    check: str
    pages: str
    tests: str
    result: str
    ok: bool


def check_rows(results: TrustResults, expected: list[str] = CHECKS) -> list[Row]:
    """One row per expected check, then any other check the tests named."""
    names = list(expected) + sorted(set(results.checks) - set(expected))
    rows = []
    for name in names:
        r = results.checks.get(name)
        if r is None or r.tests == 0:
            rows.append(Row(name, "—", "0", "FAILED: no tests", False))
            continue
        if r.failed:
            result = f"FAILED ({r.failed} of {r.tests} tests)"
        elif r.skipped:
            result = f"FAILED ({r.skipped} of {r.tests} tests skipped)"
        else:
            result = "passed"
        pages = str(r.pages) if r.pages else "—"
        rows.append(Row(name, pages, str(r.tests), result, r.ok))
    return rows


def audit_row(returncode: int | None) -> Row:
    if returncode is None:
        return Row(DEPENDENCY_CHECK, "—", "—", f"FAILED: {PIP_AUDIT.name} missing", False)
    if returncode == 0:
        return Row(DEPENDENCY_CHECK, "—", "—", "passed", True)
    if returncode == AUDIT_UNREACHABLE:
        return Row(DEPENDENCY_CHECK, "—", "—", UNREACHABLE_NOTE, True)
    if returncode == 1:
        return Row(DEPENDENCY_CHECK, "—", "—", "FAILED: known vulnerabilities", False)
    return Row(DEPENDENCY_CHECK, "—", "—", f"FAILED: exit status {returncode}", False)


def markdown_table(rows: list[Row]) -> str:
    lines = ["| Check | Pages covered | Tests | Result |", "|---|---:|---:|---|"]
    lines += [f"| {r.check} | {r.pages} | {r.tests} | {r.result} |" for r in rows]
    return "\n".join(lines) + "\n"


def run_tests(extra_args: list[str]) -> TrustResults:
    RESULTS_JSON.unlink(missing_ok=True)
    command = [sys.executable, "-m", "pytest", "-m", "trust", "-p", "trust.plugin"]
    command += ["--trust-json", str(RESULTS_JSON), "-q", *extra_args]
    subprocess.run(command, cwd=ROOT, check=False)  # noqa: S603 - our own interpreter and args
    if not RESULTS_JSON.exists():
        return TrustResults()
    return TrustResults.from_json(RESULTS_JSON.read_text(encoding="utf-8"))


def run_audit() -> int | None:
    if not PIP_AUDIT.exists():
        return None
    return subprocess.run([str(PIP_AUDIT)], cwd=ROOT, check=False).returncode  # noqa: S603


def main(argv: list[str]) -> int:
    results = run_tests(argv)
    rows = [*check_rows(results), audit_row(run_audit())]
    table = markdown_table(rows)
    REPORT_MD.parent.mkdir(parents=True, exist_ok=True)
    REPORT_MD.write_text(table, encoding="utf-8")
    print()
    print(table, end="")
    print(f"\n(written to {REPORT_MD.relative_to(ROOT)})")
    failures = [f for r in results.checks.values() for f in r.failures]
    if failures:
        print("\nFailed tests:")
        print("\n".join(f"  {f}" for f in failures))
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
