"""Argon2id with the parameters of RFC 9106's memory-constrained recommendation."""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2RFC9106PasswordHasher(Argon2PasswordHasher):
    """Argon2id, t=3, m=64 MiB, p=4: RFC 9106 section 4, second recommended option.

    Django's defaults (t=2, m=100 MiB, p=8) make every sign-in allocate 100 MiB
    inside the app worker for a moment. A worker that holds ~130 MB then peaks at
    ~230 MB, and several sign-ins at once multiply that. The RFC's option for
    "much less memory" trades memory for a third pass; OWASP's guidance asks for
    at least 19 MiB. The name stays "argon2", so existing hashes verify, and
    Django rehashes them with these parameters at the next sign-in
    (`must_update`).
    """

    time_cost = 3
    memory_cost = 65536  # KiB
    parallelism = 4
