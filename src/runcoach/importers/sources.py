"""What ``runcoach log import PATH...`` reads: paths expanded into one unit per activity file.

A path may be an activity file (any name: the format is detected by content), a folder
(walked recursively; hidden files skipped; files that neither look like nor are named like an
activity file are ignored), a ZIP archive, or a Strava bulk export (a folder or ZIP with
``activities.csv``). In a Strava export every CSV row becomes a unit: its file when the export
holds it, a summary-only row otherwise (rows come after the files, so the distance unit of the
CSV can be inferred from the imported files first).

Sizes are checked before anything is read: a file or ZIP member above
:data:`~runcoach.importers.limits.MAX_FILE_BYTES` fails with a one-line reason, and ZIP members
are read with a hard cap whatever their header claims (ZIP bombs).
"""

from __future__ import annotations

import os
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from runcoach.importers.detect import SNIFF_BYTES, detect_format
from runcoach.importers.errors import FileImportError
from runcoach.importers.limits import (
    MAX_CSV_BYTES,
    MAX_FILE_BYTES,
    MAX_ZIP_MEMBERS,
    describe_size,
)
from runcoach.importers.strava import StravaRow, read_strava_csv

#: Names that are imported from folders and archives even before their content is checked.
ACTIVITY_SUFFIXES = frozenset({".fit", ".gpx", ".tcx", ".gz"})
STRAVA_CSV = "activities.csv"


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One activity file: on disk, in a ZIP, or referenced by a Strava CSV row."""

    label: str
    size: int | None
    read: Callable[[], bytes]
    strava_row: StravaRow | None = None
    csv_name: str | None = None
    #: Where the bytes are, for another process: (file path, ZIP member or None).
    location: tuple[str, str | None] = ("", None)


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """A Strava CSV row whose activity file is not in the export (summary-only import)."""

    label: str
    row: StravaRow
    csv_name: str


@dataclass(frozen=True, slots=True)
class BrokenSource:
    """A path that cannot be expanded (missing, unreadable, damaged archive)."""

    label: str
    error: FileImportError


ImportUnit = SourceFile | SummaryRow | BrokenSource


@contextmanager
def open_sources(paths: Sequence[str | os.PathLike[str]]) -> Iterator[list[ImportUnit]]:
    """Expand ``paths`` into import units; archives stay open until the block ends."""
    with ExitStack() as stack:
        units: list[ImportUnit] = []
        for raw in paths:
            units.extend(_expand(Path(raw), stack))
        yield units


# --- paths ----------------------------------------------------------------------------------


def _expand(path: Path, stack: ExitStack) -> list[ImportUnit]:
    label = str(path)
    try:
        if path.is_dir():
            if (path / STRAVA_CSV).is_file():
                return _strava_folder(path)
            return _folder(path, stack)
        if not path.exists():
            return [BrokenSource(label, FileImportError(f"{label} does not exist."))]
        if not path.is_file():
            return [BrokenSource(label, FileImportError(f"{label} is not a regular file."))]
        head = _head(path)
    except OSError as exc:
        return [BrokenSource(label, FileImportError(f"{label} cannot be read ({_reason(exc)})."))]
    kind = detect_format(head)
    if kind == "zip":
        return _zip(path, stack)
    if kind == "strava_csv" or path.name.lower() == STRAVA_CSV:
        return _strava_folder(path.parent, csv_path=path)
    return [_disk_file(path)]


def _head(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(SNIFF_BYTES)


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _disk_file(path: Path, row: StravaRow | None = None, csv_name: str | None = None) -> SourceFile:
    label = str(path)
    try:
        size: int | None = path.stat().st_size
    except OSError:
        size = None
    return SourceFile(
        label, size, lambda: _read_disk(path, label), row, csv_name, (str(path), None)
    )


def _read_disk(path: Path, label: str) -> bytes:
    try:
        _check_size(label, path.stat().st_size)
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise FileImportError(f"{label} cannot be read ({_reason(exc)}).") from exc
    _check_size(label, len(data))
    return data


def read_location(location: tuple[str, str | None]) -> bytes:
    """The bytes of a :attr:`SourceFile.location` (for a worker process), with the same limits.

    ZIP archives stay open in this process for the next member.
    """
    path, member = location
    if member is None:
        return _read_disk(Path(path), path)
    label = f"{path}:{member}"
    archive = _OPEN_ARCHIVES.get(path)
    if archive is None:
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise FileImportError(f"{path} is not a readable ZIP ({exc}).") from exc
        _OPEN_ARCHIVES[path] = archive
    try:
        info = archive.getinfo(member)
    except KeyError as exc:
        raise FileImportError(f"{label} is not in the archive any more.") from exc
    return _read_member(archive, info, label, MAX_FILE_BYTES)


_OPEN_ARCHIVES: dict[str, zipfile.ZipFile] = {}


def _check_size(label: str, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise FileImportError(
            f"{label} is {describe_size(size)}, over the {describe_size(MAX_FILE_BYTES)} limit "
            "for an activity file; it was not read."
        )


def _folder(path: Path, stack: ExitStack) -> list[ImportUnit]:
    units: list[ImportUnit] = []
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            file_path = Path(root) / name
            try:
                if not file_path.is_file():
                    continue
                kind = detect_format(_head(file_path))
            except OSError as exc:
                units.append(
                    BrokenSource(
                        str(file_path),
                        FileImportError(f"{file_path} cannot be read ({_reason(exc)})."),
                    )
                )
                continue
            if kind == "zip":
                units.extend(_zip(file_path, stack))
            elif kind in ("fit", "gpx", "tcx", "gzip") or _named_like_activity(name):
                units.append(_disk_file(file_path))
    return units


def _named_like_activity(name: str) -> bool:
    return PurePosixPath(name.lower()).suffix in ACTIVITY_SUFFIXES


# --- Strava export --------------------------------------------------------------------------


def _strava_folder(folder: Path, csv_path: Path | None = None) -> list[ImportUnit]:
    csv_file = csv_path or folder / STRAVA_CSV
    label = str(csv_file)
    try:
        size = csv_file.stat().st_size
        if size > MAX_CSV_BYTES:
            raise FileImportError(
                f"{label} is {describe_size(size)}, over the {describe_size(MAX_CSV_BYTES)} "
                "limit for activities.csv."
            )
        rows = read_strava_csv(csv_file.read_bytes(), name=label)
    except FileImportError as exc:
        return [BrokenSource(label, exc)]
    except OSError as exc:
        return [BrokenSource(label, FileImportError(f"{label} cannot be read ({_reason(exc)})."))]
    files: list[ImportUnit] = []
    summaries: list[ImportUnit] = []
    referenced: set[Path] = set()
    for row in rows:
        target = _safe_join(folder, row.filename) if row.filename else None
        if target is not None and target.is_file():
            referenced.add(target.resolve())
            files.append(_disk_file(target, row, label))
        else:
            summaries.append(SummaryRow(row.label(label), row, label))
    activities_dir = folder / "activities"
    if activities_dir.is_dir():
        for file_path in sorted(activities_dir.iterdir()):
            hidden = file_path.name.startswith(".")
            if file_path.is_file() and not hidden and file_path.resolve() not in referenced:
                files.append(_disk_file(file_path))
    return files + summaries


def _safe_join(folder: Path, relative: str) -> Path | None:
    parts = PurePosixPath(relative.replace("\\", "/")).parts
    if not parts or any(p in ("..", "") for p in parts) or parts[0].startswith("/"):
        return None
    return folder.joinpath(*parts)


# --- ZIP archives ---------------------------------------------------------------------------


def _zip(path: Path, stack: ExitStack) -> list[ImportUnit]:
    label = str(path)
    try:
        archive = stack.enter_context(zipfile.ZipFile(path))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        return [BrokenSource(label, FileImportError(f"{label} is not a readable ZIP ({exc})."))]
    if len(members) > MAX_ZIP_MEMBERS:
        return [
            BrokenSource(
                label,
                FileImportError(f"{label} holds {len(members)} files, over the import limit."),
            )
        ]
    csv_members = [m for m in members if PurePosixPath(m.filename).name.lower() == STRAVA_CSV]
    if csv_members:
        csv_info = min(csv_members, key=lambda m: len(PurePosixPath(m.filename).parts))
        return _strava_zip(path, archive, members, csv_info)
    units: list[ImportUnit] = []
    for info in sorted(members, key=lambda m: m.filename):
        name = PurePosixPath(info.filename).name
        if name.startswith(".") or "__MACOSX" in info.filename:
            continue
        if _named_like_activity(name) or _member_sniff(archive, info) in ("fit", "gpx", "tcx"):
            units.append(_member(path, archive, info))
    return units


def _member_sniff(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    try:
        with archive.open(info) as fh:
            return detect_format(fh.read(SNIFF_BYTES))
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, zlib.error, EOFError):
        return "unknown"


def _member(
    path: Path,
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    row: StravaRow | None = None,
    csv_name: str | None = None,
) -> SourceFile:
    label = f"{path}:{info.filename}"

    def read() -> bytes:
        return _read_member(archive, info, label, MAX_FILE_BYTES)

    return SourceFile(label, info.file_size, read, row, csv_name, (str(path), info.filename))


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, limit: int) -> bytes:
    if info.file_size > limit:
        raise FileImportError(
            f"{label} is {describe_size(info.file_size)}, over the {describe_size(limit)} limit; "
            "it was not read."
        )
    try:
        with archive.open(info) as fh:
            data = fh.read(limit + 1)
    except RuntimeError as exc:  # encrypted member
        raise FileImportError(f"{label} cannot be read ({exc}).") from exc
    except (zipfile.BadZipFile, OSError, NotImplementedError, zlib.error, EOFError) as exc:
        raise FileImportError(f"{label} is damaged in the archive ({exc}).") from exc
    if len(data) > limit:
        raise FileImportError(
            f"{label} unpacks to more than {describe_size(limit)} (its header said "
            f"{describe_size(info.file_size)}); it was refused."
        )
    return data


def _strava_zip(
    path: Path,
    archive: zipfile.ZipFile,
    members: list[zipfile.ZipInfo],
    csv_info: zipfile.ZipInfo,
) -> list[ImportUnit]:
    csv_label = f"{path}:{csv_info.filename}"
    base = PurePosixPath(csv_info.filename).parent
    try:
        rows = read_strava_csv(
            _read_member(archive, csv_info, csv_label, MAX_CSV_BYTES), name=csv_label
        )
    except FileImportError as exc:
        return [BrokenSource(csv_label, exc)]
    by_name = {PurePosixPath(m.filename): m for m in members}
    files: list[ImportUnit] = []
    summaries: list[ImportUnit] = []
    used: set[str] = set()
    for row in rows:
        info = None
        if row.filename:
            info = by_name.get(base / PurePosixPath(row.filename.replace("\\", "/")))
        if info is not None:
            used.add(info.filename)
            files.append(_member(path, archive, info, row, csv_label))
        else:
            summaries.append(SummaryRow(row.label(csv_label), row, csv_label))
    activities_dir = base / "activities"
    for info in sorted(members, key=lambda m: m.filename):
        member_path = PurePosixPath(info.filename)
        hidden = member_path.name.startswith(".")
        if member_path.parent == activities_dir and info.filename not in used and not hidden:
            files.append(_member(path, archive, info))
    return files + summaries
