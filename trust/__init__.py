"""`make trust`: the privacy, accessibility and security checks of issue 9 in one table.

`python -m trust` runs every test marked ``@pytest.mark.trust("<check>")``
with the plugin in `trust.plugin`, which counts per check the tests, their
outcomes and the pages they covered (``record_property("pages", n)``). It then
runs the dependency audit (scripts/pip-audit.sh), prints a Markdown table and
writes it to var/trust-report.md; docs/trust.md reproduces that table.
"""
