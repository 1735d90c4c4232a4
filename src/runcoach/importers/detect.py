"""Which format a file is, by its content (the extension is only a tie-breaker).

- FIT: the ``.FIT`` signature at byte 8 of a 12- or 14-byte header;
- gzip: the magic bytes ``1f 8b``; ZIP: ``PK\\x03\\x04`` (or an empty archive's ``PK\\x05\\x06``);
- GPX / TCX: an XML document whose root element is ``gpx`` / ``TrainingCenterDatabase``
  (UTF-8 or UTF-16, with or without a byte-order mark);
- Strava ``activities.csv``: text whose header names an activity id and date column.

Source: Garmin FIT Protocol "File Header"; RFC 1952 (gzip member header); PKWARE APPNOTE
(local file header and end-of-central-directory signatures); GPX 1.1 and TCX v2 schemas.
"""

from __future__ import annotations

import re
from typing import Literal

FileFormat = Literal["fit", "gpx", "tcx", "gzip", "zip", "strava_csv", "xml", "unknown"]

#: Bytes read from the start of a file to detect its format.
SNIFF_BYTES = 4096

_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")


def detect_format(head: bytes) -> FileFormat:
    """The format of a file from its first bytes (``head``, ideally :data:`SNIFF_BYTES`)."""
    if len(head) >= 12 and head[0] in (12, 14) and head[8:12] == b".FIT":
        return "fit"
    if head[:2] == b"\x1f\x8b":
        return "gzip"
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return "zip"
    root = xml_root_name(head)
    if root is not None:
        if root == "gpx":
            return "gpx"
        if root == "TrainingCenterDatabase":
            return "tcx"
        return "xml"  # another document, or the root lies beyond the bytes looked at
    if _looks_like_strava_csv(head):
        return "strava_csv"
    return "unknown"


def xml_root_name(head: bytes) -> str | None:
    """The local name of the first element of an XML document, None when not XML, and ''
    when the bytes start like XML but the root element is not within them."""
    text = _as_ascii_text(head)
    if text is None:
        return None
    stripped = text.lstrip()
    if not stripped.startswith(b"<"):
        return None
    looks_like_xml = stripped.startswith((b"<?xml", b"<!"))
    pos = 0
    while True:
        start = stripped.find(b"<", pos)
        if start < 0:
            return "" if looks_like_xml else None
        if stripped.startswith(b"<?", start):
            end = stripped.find(b"?>", start)
        elif stripped.startswith(b"<!--", start):
            end = stripped.find(b"-->", start)
        elif stripped.startswith(b"<!", start):
            end = stripped.find(b">", start)
        else:
            match = _ROOT.match(stripped, start)
            if match is None:
                return "" if looks_like_xml else None
            return match.group(2).decode("ascii")
        if end < 0:
            return "" if looks_like_xml else None
        pos = end + 1


def _as_ascii_text(head: bytes) -> bytes | None:
    if head.startswith(b"\xef\xbb\xbf"):
        return head[3:]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            even = head[2 : 2 + (len(head) - 2) // 2 * 2]
            return even.decode(codec, errors="ignore").encode("ascii", errors="replace")
    return head


def _looks_like_strava_csv(head: bytes) -> bool:
    first_line = head.split(b"\n", 1)[0].lower()
    if b"," not in first_line:
        return False
    return (b"activity id" in first_line and b"activity date" in first_line) or (
        first_line.startswith(b"id,date,")
    )
