"""Size limits that keep hostile or broken inputs from exhausting memory.

The largest real activity files are a few megabytes (a 14-hour triathlon FIT is 3 MB; a 24-hour
1 Hz GPX with extensions is about 20 MB). Anything above the limit is refused before it is read.
"""

from __future__ import annotations

#: Largest activity file (after decompression) runcoach reads: 256 MiB.
MAX_FILE_BYTES = 256 * 1024 * 1024
#: Largest Strava ``activities.csv`` runcoach reads: 64 MiB.
MAX_CSV_BYTES = 64 * 1024 * 1024
#: Most members read from one ZIP archive.
MAX_ZIP_MEMBERS = 200_000


def describe_size(n_bytes: int) -> str:
    """A size for messages: ``512 B``, ``3.1 MB``, ``1.0 GB`` (decimal units)."""
    if n_bytes < 1000:
        return f"{n_bytes} B"
    for unit, factor in (("kB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12)):
        if n_bytes < factor * 1000 or unit == "TB":
            return f"{n_bytes / factor:.1f} {unit}"
    return f"{n_bytes} B"  # pragma: no cover - unreachable
