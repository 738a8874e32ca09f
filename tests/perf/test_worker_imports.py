"""An app worker does not carry the big document and solver libraries (issue 8).

Loading every view must not import SciPy, fpdf2/fontTools, openpyxl, pypdf,
python-docx or odfpy: they are imported in the functions that use them, so a
worker only pays for them after a request that needs them. A fresh process,
as gunicorn starts one, sets up Django with production settings, resolves the
view of every URL pattern and reports what it imported and its peak memory.
"""

import json

import pytest

from tests.processes import run_project_process

HEAVY = ["scipy", "numpy", "fpdf", "fontTools", "openpyxl", "pypdf", "docx", "odf", "lxml"]
# Peak RSS (VmHWM) measured with all views loaded: 100 MB (192 MB before the lazy imports).
MAX_RSS_MB = 140

PROBE = """
import json, sys
import django
django.setup()
from django.urls import URLResolver, get_resolver

def views(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from views(pattern.url_patterns)
        else:
            yield pattern.callback

def peak_kb():
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent.
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))

count = sum(1 for _view in views(get_resolver().url_patterns))
print(json.dumps({
    "views": count,
    "modules": sorted({name.split(".")[0] for name in sys.modules}),
    "peak_rss_mb": peak_kb() / 1024,
}))
"""

PRODUCTION = {
    "VONEINANDER_ENV": "production",
    "DJANGO_SETTINGS_MODULE": "voneinander.settings",
    "SECRET_KEY": "production-key-" + "k" * 50,
    "ALLOWED_HOSTS": "voneinander.example.org",
}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("worker")
    result = run_project_process(["-c", PROBE], tmp_path=tmp_path, env=PRODUCTION, timeout=180)
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"all {facts['views']} views loaded: peak RSS {facts['peak_rss_mb']:.0f} MB")
    return facts


@pytest.mark.subprocess
def test_worker_loading_all_views_imports_no_heavy_library(loaded):
    assert loaded["views"] > 100
    assert [name for name in HEAVY if name in loaded["modules"]] == []


@pytest.mark.subprocess
def test_worker_loading_all_views_stays_below_memory_bound(loaded):
    assert loaded["peak_rss_mb"] < MAX_RSS_MB
