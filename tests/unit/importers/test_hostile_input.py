"""Bad and hostile input: one clear sentence per file, never a traceback, nothing huge read.

The hostile files are generated here: XML bombs, external entities, a sparse "gigabyte" file,
gzip and ZIP bombs, wrong extensions, empty and random files.
"""

from __future__ import annotations

import gzip
import io
import os
import zipfile
from pathlib import Path

import pytest

from runcoach.importers.detect import detect_format
from runcoach.importers.errors import FileImportError
from runcoach.importers.files import gunzip, read_activity_file
from runcoach.importers.limits import MAX_FILE_BYTES
from runcoach.importers.sources import SourceFile, _read_member, open_sources
from tests.unit.importers.conftest import data_file

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE gpx [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><name>&lol9;</name><trkseg>
<trkpt lat="1" lon="1"><time>2024-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>"""


def _one_sentence(exc: pytest.ExceptionInfo[FileImportError], name: str) -> str:
    message = str(exc.value)
    assert name in message
    assert "\n" not in message and "Traceback" not in message
    return message


def test_billion_laughs_is_refused() -> None:
    with pytest.raises(FileImportError) as caught:
        read_activity_file(BILLION_LAUGHS, name="bomb.gpx")
    message = _one_sentence(caught, "bomb.gpx")
    assert "refused" in message


def test_quadratic_blowup_is_refused_without_expansion() -> None:
    big = "x" * 100_000
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "{big}">]>'
        f"<gpx><trk><name>{'&a;' * 2000}</name></trk></gpx>"
    ).encode()
    with pytest.raises(FileImportError) as caught:
        read_activity_file(doc, name="quadratic.gpx")
    assert "refused" in _one_sentence(caught, "quadratic.gpx")


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE gpx [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>',
        '<!DOCTYPE gpx SYSTEM "http://127.0.0.1:9/gpx.dtd">',
    ],
)
def test_external_entities_are_never_resolved(doctype: str) -> None:
    doc = (
        f'<?xml version="1.0"?>{doctype}<gpx xmlns="http://www.topografix.com/GPX/1/1">'
        '<trk><name>&xxe;</name><trkseg><trkpt lat="1" lon="1">'
        "<time>2024-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>"
    ).encode()
    with pytest.raises(FileImportError) as caught:
        read_activity_file(doc, name="xxe.gpx")
    message = _one_sentence(caught, "xxe.gpx")
    assert "root:" not in message  # nothing of /etc/passwd leaks into the message


def test_external_entity_in_tcx_is_refused() -> None:
    doc = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
        b'<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        b'<Activities><Activity Sport="Running"><Id>&e;</Id></Activity></Activities>'
        b"</TrainingCenterDatabase>"
    )
    with pytest.raises(FileImportError, match="declares a DTD"):
        read_activity_file(doc, name="xxe.tcx")


def test_deeply_nested_xml_fails_cleanly() -> None:
    depth = 20_000
    doc = b'<gpx xmlns="http://www.topografix.com/GPX/1/1">' + b"<a>" * depth + b"</a>" * depth
    doc += b"</gpx>"
    with pytest.raises(FileImportError) as caught:
        read_activity_file(doc, name="deep.gpx")
    _one_sentence(caught, "deep.gpx")


def test_gigabyte_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.fit"
    with path.open("wb") as fh:  # a sparse file: 1 GiB on paper, no disk used
        fh.write(data_file("fit/fitparse__Activity.fit")[:14])
        fh.truncate(1024**3)
    with open_sources([path]) as units:
        [unit] = units
        assert isinstance(unit, SourceFile)
        assert unit.size == 1024**3
        with pytest.raises(FileImportError) as caught:
            unit.read()
    message = _one_sentence(caught, "huge.fit")
    assert "1.1 GB" in message and "not read" in message


def test_gzip_bomb_is_refused() -> None:
    bomb = gzip.compress(b"\0" * 5_000_000)
    assert len(bomb) < 10_000
    with pytest.raises(FileImportError, match="unpacks to more than"):
        gunzip(bomb, name="bomb.fit.gz", limit=1_000_000)
    assert MAX_FILE_BYTES >= 100_000_000  # the real limit leaves room for any real file


def test_zip_member_larger_than_its_header_claims_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("run.gpx", b"<gpx>" + b" " * 2_000_000 + b"</gpx>")
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("run.gpx")
        with pytest.raises(FileImportError, match="over the"):
            _read_member(zf, info, "bomb.zip:run.gpx", 1_000_000)
        # A lying header: zipfile stops at the declared size and the CRC check fails, so the
        # member is refused either way (the size cap catches a reader that does not stop).
        object.__setattr__(info, "file_size", 10)
        with pytest.raises(FileImportError, match=r"damaged in the archive|unpacks to more"):
            _read_member(zf, info, "bomb.zip:run.gpx", 1_000_000)


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"", "empty.fit", "is empty"),
        (bytes(range(256)) * 20, "noise.fit", "not an activity file"),
        (b"hello, world\n", "notes.gpx", "not an activity file"),
        (b"<gpx><trk>", "cut.gpx", "not well-formed XML"),
        (b"<html><body>hi</body></html>", "page.gpx", "XML but neither GPX nor TCX"),
        (b"\x1f\x8b\x08\x00garbage", "bad.fit.gz", "gzip"),
        (gzip.compress(b"")[:-4], "cut.gz", "gzip"),
        (b"PK\x03\x04rest", "a.zip", "ZIP archive"),
    ],
)
def test_bad_files_give_one_sentence(data: bytes, name: str, expected: str) -> None:
    with pytest.raises(FileImportError) as caught:
        read_activity_file(data, name=name)
    assert expected in _one_sentence(caught, name)


def test_wrong_extensions_are_detected_by_content() -> None:
    fit = data_file("fit/fitparse__garmin-fenix-5-run.fit")
    tcx = data_file("tcx/tcxparser__test.tcx")
    gpx = data_file("gpx/gpxpy__track-with-empty-segment.gpx")
    assert read_activity_file(fit, name="run.gpx").file_format == "fit"
    assert read_activity_file(tcx, name="run.fit").file_format == "tcx"
    assert read_activity_file(gzip.compress(gpx), name="run.txt").file_format == "gpx"
    assert detect_format(gzip.compress(fit)[:64]) == "gzip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("x.fit", fit)
    assert detect_format(buffer.getvalue()[:64]) == "zip"


def test_gzipped_file_hashes_like_the_plain_file() -> None:
    fit = data_file("fit/fitparse__garmin-fenix-5-run.fit")
    plain = read_activity_file(fit, name="a.fit")
    packed = read_activity_file(gzip.compress(fit), name="a.fit.gz")
    assert plain.content_hash == packed.content_hash
    assert plain.activities == packed.activities


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root reads anything: use a directory named like a file instead
        path = tmp_path / "run.fit"
        path.mkdir()
        (path / "inner.txt").write_text("x")
        with open_sources([path]) as units:
            assert units == []  # a folder with no activity file in it
        return
    path = tmp_path / "run.fit"
    path.write_bytes(data_file("fit/fitparse__Activity.fit"))
    path.chmod(0)
    with open_sources([path]) as units:
        assert len(units) == 1


def test_missing_path_is_one_failed_unit(tmp_path: Path) -> None:
    from runcoach.importers.sources import BrokenSource

    with open_sources([tmp_path / "nope.fit"]) as units:
        [unit] = units
    assert isinstance(unit, BrokenSource)
    assert "does not exist" in str(unit.error)
