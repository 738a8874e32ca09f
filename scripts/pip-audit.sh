#!/usr/bin/env bash
# Check the installed Python packages (.venv) against published advisories.
#
# Exit status:
#   0  every installed package was checked and none has a known vulnerability
#   1  at least one package has a known vulnerability (listed on stdout)
#   2  pip-audit itself failed (not installed, crashed)
#   3  advisory data not reachable: some or all packages could not be checked,
#      e.g. because PyPI's JSON API or OSV cannot be reached from this machine.
#      Not a pass: run this script on a machine with access before a release
#      (docs/trust.md, "Release checklist").
#
# Environment: PIP_AUDIT_SERVICE=pypi|osv (default pypi), PIP_AUDIT_TIMEOUT (s, default 15),
# VENV (default .venv next to this script's parent directory).
set -uo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
SERVICE="${PIP_AUDIT_SERVICE:-pypi}"
TIMEOUT="${PIP_AUDIT_TIMEOUT:-15}"

if [ ! -x "$VENV/bin/pip-audit" ]; then
  echo "pip-audit: not installed in $VENV (pip install pip-audit)" >&2
  exit 2
fi

report=$(mktemp /tmp/voneinander-pip-audit.XXXXXX)
trap 'rm -f "$report"' EXIT
# --skip-editable: the project itself is not on PyPI. pip-audit exits 1 when it
# finds vulnerabilities; the JSON report decides, not its exit status.
"$VENV/bin/pip-audit" --local --skip-editable --progress-spinner off \
  --vulnerability-service "$SERVICE" --timeout "$TIMEOUT" --format json \
  --output "$report" >/dev/null 2>"$report.err"
status=$?
if [ ! -s "$report" ]; then
  if grep -qiE "connection|resolve|timed? ?out|unreachable|HTTPError|ServiceError" "$report.err"; then
    echo "pip-audit ($SERVICE): advisory data not reachable"
    tail -n 3 "$report.err"
    echo "Run scripts/pip-audit.sh where PyPI/OSV is reachable before each release."
    rm -f "$report.err"
    exit 3
  fi
  echo "pip-audit: failed (exit $status) without a report:" >&2
  cat "$report.err" >&2
  rm -f "$report.err"
  exit 2
fi
rm -f "$report.err"

"$VENV/bin/python" - "$report" "$SERVICE" <<'PY'
import json
import sys

path, service = sys.argv[1], sys.argv[2]
with open(path) as f:
    data = json.load(f)
deps = data.get("dependencies", [])
# The project itself (installed editable) is not on PyPI and has no advisories.
deps = [d for d in deps if "marked as editable" not in (d.get("skip_reason") or "")]
skipped = [d for d in deps if d.get("skip_reason")]
checked = [d for d in deps if not d.get("skip_reason")]
vulnerable = [d for d in checked if d.get("vulns")]
for dep in vulnerable:
    for vuln in dep["vulns"]:
        fixed = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
        print(f"VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} (fixed in: {fixed})")
print(
    f"pip-audit ({service}): {len(deps)} packages, {len(checked)} checked, "
    f"{len(skipped)} not checked, {len(vulnerable)} vulnerable"
)
if vulnerable:
    sys.exit(1)
if skipped:
    reasons = sorted({d["skip_reason"].split(":")[0] for d in skipped})
    print("advisory data not reachable: " + "; ".join(reasons))
    print("Run scripts/pip-audit.sh where PyPI/OSV is reachable before each release.")
    sys.exit(3)
print("no known vulnerabilities")
PY
