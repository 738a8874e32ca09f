"""Generated names for stored uploads: never a part of the name a client sent."""

import uuid

# What the content checks recognise (events/uploads.py, workinggroups/documents.py).
CHECKED_EXTENSIONS = frozenset(
    {"pdf", "png", "jpg", "gif", "webp", "docx", "xlsx", "pptx", "odt", "ods", "odp"}
)


def random_name(folder: str, filename: str, allowed: frozenset[str]) -> str:
    """`folder/<random>.<ext>`; the extension is the one the content check found
    (the service names the upload after it), or "bin" for anything else."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    suffix = suffix if suffix in allowed else "bin"
    return f"{folder}/{uuid.uuid4().hex}.{suffix}"
