"""Passwords are hashed with Argon2id at RFC 9106's memory-constrained parameters."""

import subprocess
import sys

from django.contrib.auth.hashers import Argon2PasswordHasher

from voneinander.accounts.hashers import Argon2RFC9106PasswordHasher


def test_new_hashes_use_argon2id_with_64_mib_and_three_passes():
    hasher = Argon2RFC9106PasswordHasher()
    encoded = hasher.encode("richtig-langes-Passwort", hasher.salt())
    assert encoded.startswith("argon2$argon2id$v=19$m=65536,t=3,p=4$")
    assert hasher.algorithm == "argon2"  # the name of Django's Argon2 hashes: they still verify
    assert hasher.verify("richtig-langes-Passwort", encoded)
    assert not hasher.verify("falsches-Passwort", encoded)


def test_hashes_made_with_djangos_defaults_still_verify_and_are_upgraded():
    hasher = Argon2RFC9106PasswordHasher()
    old = Argon2PasswordHasher().encode("richtig-langes-Passwort", hasher.salt())
    assert hasher.verify("richtig-langes-Passwort", old)
    assert hasher.must_update(old)
    assert not hasher.must_update(hasher.encode("richtig-langes-Passwort", hasher.salt()))


def test_production_settings_hash_with_this_hasher():
    """The test settings use a fast hasher; the real settings must name this one first."""
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'voneinander.settings'; "
        "django.setup(); "
        "from django.contrib.auth.hashers import get_hasher; print(type(get_hasher()).__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "Argon2RFC9106PasswordHasher"


def test_one_hash_allocates_about_64_mib_not_100():
    """Measured in a fresh process: the peak resident set (VmHWM) grows by the memory cost."""
    code = (
        "from voneinander.accounts.hashers import Argon2RFC9106PasswordHasher as H\n"
        "def hwm():\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith('VmHWM'):\n"
        "            return int(line.split()[1])\n"
        "before = hwm()\n"
        "H().encode('richtig-langes-Passwort', H().salt())\n"
        "print(hwm() - before)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    grown_mib = int(out.stdout) / 1024
    assert 50 < grown_mib < 80
