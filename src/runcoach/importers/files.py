"""One activity file (bytes) → its activities, whatever the format; gzip is unwrapped first."""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass

from runcoach.domain.activity import Activity, Sport
from runcoach.importers.detect import SNIFF_BYTES, FileFormat, detect_format
from runcoach.importers.errors import FileImportError
from runcoach.importers.limits import MAX_FILE_BYTES, describe_size


@dataclass(frozen=True, slots=True)
class DecodedFile:
    """The activities of one file and the SHA-256 of its (decompressed) content."""

    activities: tuple[Activity, ...]
    content_hash: str
    file_format: str


def read_activity_file(
    data: bytes, *, name: str, default_sport: Sport | None = None, fast: bool = True
) -> DecodedFile:
    """Detect the format of ``data`` by content and decode it.

    ``name`` names the file in error messages; ``default_sport`` is used when a GPX or TCX file
    does not say its sport; ``fast=False`` forces the reference FIT decoder. Raises
    :class:`~runcoach.importers.errors.FileImportError` (one sentence) for anything unusable.
    """
    if not data:
        raise FileImportError(f"{name} is empty.")
    kind = detect_format(data[:SNIFF_BYTES])
    if kind == "gzip":
        data = gunzip(data, name=name)
        if not data:
            raise FileImportError(f"{name} is an empty gzip file.")
        kind = detect_format(data[:SNIFF_BYTES])
        if kind in ("gzip", "zip"):
            raise FileImportError(f"{name} holds another archive inside gzip; unpack it first.")
    content_hash = hashlib.sha256(data).hexdigest()
    if kind == "xml":
        kind = _xml_kind(data, name)
    if kind == "fit":
        from runcoach.importers.fit import read_fit

        activities = read_fit(data, name=name, fast=fast)
    elif kind == "gpx":
        from runcoach.importers.gpx import read_gpx

        activities = read_gpx(data, name=name, default_sport=default_sport)
    elif kind == "tcx":
        from runcoach.importers.tcx import read_tcx

        activities = read_tcx(data, name=name, default_sport=default_sport)
    elif kind == "zip":
        raise FileImportError(f"{name} is a ZIP archive; import it as an archive, not as one file.")
    elif kind == "xml":
        raise FileImportError(f"{name} is XML but neither GPX nor TCX.")
    elif kind == "strava_csv":
        raise FileImportError(
            f"{name} is a Strava activities.csv; import the export folder or ZIP that holds it."
        )
    else:
        raise FileImportError(
            f"{name} is not an activity file runcoach can read (FIT, GPX, TCX, or those gzipped)."
        )
    return DecodedFile(tuple(activities), content_hash, kind)


def _xml_kind(data: bytes, name: str) -> FileFormat:
    """GPX or TCX for an XML document whose root the first bytes did not show (safe parse)."""
    from runcoach.importers.xml_safe import local_name, parse_xml

    root = local_name(parse_xml(data, name=name).tag)
    if root == "gpx":
        return "gpx"
    return "tcx" if root == "TrainingCenterDatabase" else "xml"


def gunzip(data: bytes, *, name: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """Decompress a gzip file, refusing output larger than ``limit`` (a gzip bomb)."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise FileImportError(f"{name} is a damaged gzip file ({exc}).") from exc
    if len(out) > limit:
        raise FileImportError(
            f"{name} unpacks to more than {describe_size(limit)}, over the limit for an "
            "activity file."
        )
    if not inflater.eof:
        raise FileImportError(f"{name} is a truncated gzip file.")
    return out
