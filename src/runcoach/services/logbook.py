"""The training-log use cases behind ``runcoach log``: import files, add manual entries, list.

Import: the paths are expanded into one unit per activity file (:mod:`runcoach.importers.sources`:
files, folders, ZIPs, Strava exports); each unit is read, its format detected by content,
decoded, hashed (SHA-256 of the decompressed bytes) and handed to
:meth:`~runcoach.services.activities.ActivityService.import_file`, one file per transaction.
A file that cannot be read is reported with its one-sentence reason and the import goes on;
re-running the same import stores nothing twice (content hash, then start ±2 min and
distance ±3 %).
"""

from __future__ import annotations

import math
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Literal

from runcoach.domain.errors import InputError

if TYPE_CHECKING:
    from os import PathLike

    from runcoach.domain.activity import Activity, Sport
    from runcoach.importers.sources import ImportUnit
    from runcoach.services.activities import ActivityService
    from runcoach.services.ports import StoredActivity

Status = Literal["imported", "duplicate", "failed"]


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What happened to one file (or one summary-only Strava CSV row)."""

    label: str
    status: Status
    reason: str = ""
    activity_ids: tuple[int, ...] = ()
    duplicate_of: tuple[int, ...] = ()
    sports: tuple[str, ...] = ()
    partial: bool = False
    warnings: tuple[str, ...] = ()


@dataclass(slots=True)
class ImportReport:
    """The outcome of every file of one ``log import``, in order."""

    outcomes: list[FileOutcome] = field(default_factory=list)

    def count(self, status: Status) -> int:
        """How many files ended with ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def ok(self) -> bool:
        """True when every file was imported or recognised as a duplicate."""
        return all(o.status != "failed" for o in self.outcomes)


#: Called with (units done, units in total, label of the unit just finished).
ProgressCallback = Callable[[int, int, str], None]


#: Imports with at least this many files decode in worker processes while the store writes.
PARALLEL_MIN_FILES = 24
#: Most worker processes used for decoding.
MAX_WORKERS = 4


def import_paths(
    activities: ActivityService,
    paths: Sequence[str | PathLike[str]],
    *,
    default_sport: Sport | None = None,
    fast: bool = True,
    workers: int | None = None,
    on_start: Callable[[int], None] | None = None,
    on_progress: ProgressCallback | None = None,
) -> ImportReport:
    """Import every activity file found under ``paths`` (files, folders, ZIPs, Strava exports).

    ``default_sport`` applies to GPX/TCX files that do not state their sport; ``fast=False``
    forces the reference FIT decoder. Large imports decode files in worker processes ahead of
    the store (``workers``: how many; None chooses from the CPU count, 0 decodes in this
    process); files are still stored one by one, in order, each in its own transaction.
    ``on_start(total)`` and ``on_progress(done, total, label)`` report progress. Per-file
    problems are outcomes, not exceptions; store failures (the database itself) propagate.
    """
    from runcoach.importers.sources import open_sources

    report = ImportReport()
    with open_sources(paths) as units:
        total = len(units)
        if on_start is not None:
            on_start(total)
        pairs: dict[str, list[tuple[float, float]]] = {}
        ahead = _decode_ahead(units, default_sport=default_sport, fast=fast, workers=workers)
        for done, (unit, decoded) in enumerate(ahead, start=1):
            report.outcomes.append(
                _import_unit(
                    activities,
                    unit,
                    decoded,
                    default_sport=default_sport,
                    fast=fast,
                    pairs=pairs,
                )
            )
            if on_progress is not None:
                on_progress(done, total, unit.label)
    return report


#: A file decoded in a worker: ("ok", legs, content hash) or ("failed", reason, "").
WorkerResult = tuple[str, object, str]


def _worker_count(workers: int | None, files: int) -> int:
    if workers is not None:
        return max(0, workers)
    cpus = os.cpu_count() or 1
    if cpus < 2 or files < PARALLEL_MIN_FILES:
        return 0
    return min(MAX_WORKERS, cpus - 1)


def _decode_ahead(
    units: Sequence[ImportUnit],
    *,
    default_sport: Sport | None,
    fast: bool,
    workers: int | None,
) -> Iterator[tuple[ImportUnit, WorkerResult | None]]:
    """The units in order, each with its file already decoded by a worker (or None: decode
    it here). At most a few files per worker are decoded ahead of the store."""
    from runcoach.importers.sources import SourceFile

    files = sum(1 for u in units if isinstance(u, SourceFile))
    count = _worker_count(workers, files)
    if count == 0:
        yield from ((unit, None) for unit in units)
        return
    try:
        import multiprocessing
        from concurrent.futures import Future, ProcessPoolExecutor

        executor = ProcessPoolExecutor(
            max_workers=count, mp_context=multiprocessing.get_context("spawn")
        )
    except (ImportError, OSError, NotImplementedError, ValueError):  # no processes here
        yield from ((unit, None) for unit in units)
        return
    window: deque[tuple[ImportUnit, Future[WorkerResult] | None]] = deque()
    pending = iter(units)
    try:
        while True:
            while len(window) < 4 * count:
                unit = next(pending, None)
                if unit is None:
                    break
                future = None
                if isinstance(unit, SourceFile) and unit.location[0]:
                    future = executor.submit(
                        decode_located_file, unit.location, unit.label, default_sport, fast
                    )
                window.append((unit, future))
            if not window:
                return
            unit, future = window.popleft()
            result: WorkerResult | None = None
            if future is not None:
                try:
                    result = future.result()
                except Exception:  # a broken pool: decode this file here instead
                    result = None
            yield unit, result
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def decode_located_file(
    location: tuple[str, str | None], label: str, default_sport: Sport | None, fast: bool
) -> WorkerResult:
    """Read and decode one file in a worker process; failures come back as reasons."""
    from runcoach.importers.errors import FileImportError
    from runcoach.importers.files import read_activity_file
    from runcoach.importers.sources import read_location

    try:
        decoded = read_activity_file(
            read_location(location), name=label, default_sport=default_sport, fast=fast
        )
    except FileImportError as exc:
        return ("failed", str(exc), "")
    except MemoryError:
        return ("failed", f"{label} is too large to read in memory.", "")
    except Exception as exc:  # a decoder bug must not stop a whole-history import
        return ("failed", _unexpected(label, exc), "")
    return ("ok", decoded.activities, decoded.content_hash)


def _unexpected(label: str, exc: BaseException) -> str:
    return f"{label} could not be read (unexpected {type(exc).__name__}: {exc})."


def _import_unit(
    activities: ActivityService,
    unit: ImportUnit,
    decoded: WorkerResult | None,
    *,
    default_sport: Sport | None,
    fast: bool,
    pairs: dict[str, list[tuple[float, float]]],
) -> FileOutcome:
    from runcoach.importers.errors import FileImportError
    from runcoach.importers.sources import BrokenSource, SummaryRow

    if isinstance(unit, BrokenSource):
        return FileOutcome(unit.label, "failed", str(unit.error))
    if decoded is not None and decoded[0] == "failed":
        return FileOutcome(unit.label, "failed", str(decoded[1]))
    try:
        if isinstance(unit, SummaryRow):
            legs, content_hash = _summary_legs(unit, pairs)
        else:
            legs, content_hash = _file_legs(unit, decoded, default_sport, fast, pairs)
    except FileImportError as exc:
        return FileOutcome(unit.label, "failed", str(exc))
    except InputError as exc:
        return FileOutcome(unit.label, "failed", str(exc))
    except MemoryError:
        return FileOutcome(unit.label, "failed", f"{unit.label} is too large to read in memory.")
    except Exception as exc:  # a decoder bug must not stop a whole-history import
        return FileOutcome(unit.label, "failed", _unexpected(unit.label, exc))
    try:
        result = activities.import_file(legs, content_hash, unit.label)
    except InputError as exc:
        return FileOutcome(unit.label, "failed", str(exc))
    warnings = tuple(dict.fromkeys(w for leg in legs for w in leg.warnings))
    return FileOutcome(
        unit.label,
        result.status,
        result.reason,
        activity_ids=result.activity_ids,
        duplicate_of=result.duplicate_of,
        sports=tuple(leg.sport for leg in legs),
        partial=any(leg.partial for leg in legs),
        warnings=warnings,
    )


def _file_legs(
    unit: object,
    decoded: WorkerResult | None,
    default_sport: Sport | None,
    fast: bool,
    pairs: dict[str, list[tuple[float, float]]],
) -> tuple[tuple[Activity, ...], str]:
    from runcoach.importers.files import read_activity_file
    from runcoach.importers.sources import SourceFile
    from runcoach.importers.strava import merge_row

    assert isinstance(unit, SourceFile)
    if decoded is None:
        here = read_activity_file(
            unit.read(), name=unit.label, default_sport=default_sport, fast=fast
        )
        legs, content_hash = here.activities, here.content_hash
    else:
        legs, content_hash = decoded[1], decoded[2]  # type: ignore[assignment]
    row = unit.strava_row
    if row is not None:
        legs = merge_row(legs, row)
        total = sum(leg.distance_m or 0.0 for leg in legs)
        if row.distance_display and total > 0 and unit.csv_name is not None:
            pairs.setdefault(unit.csv_name, []).append((row.distance_display, total))
    return legs, content_hash


def _summary_legs(
    unit: object, pairs: dict[str, list[tuple[float, float]]]
) -> tuple[tuple[Activity, ...], str]:
    from runcoach.importers.sources import SummaryRow
    from runcoach.importers.strava import infer_distance_unit, row_hash, summary_activity

    assert isinstance(unit, SummaryRow)
    unit_m = infer_distance_unit(pairs.get(unit.csv_name, []))
    activity = summary_activity(unit.row, csv_name=unit.csv_name, metres_per_unit=unit_m)
    return (activity,), row_hash(unit.row)


# --- manual entries -------------------------------------------------------------------------

#: Sports accepted by ``log add --sport`` (runcoach's own names and common aliases).
MANUAL_SPORT_HELP = "run, trail_run, treadmill, walk, hike, ride, swim, strength, other"


def manual_entry(
    *,
    day: str,
    distance: str | None,
    duration: str,
    rpe: float | None = None,
    pain: float | None = None,
    pain_location: str | None = None,
    notes: str | None = None,
    sport: str | None = None,
    race: bool = False,
) -> Activity:
    """A manual log entry from the user's words (``--date 2027-01-05 --distance 10km --time
    52:30 --rpe 4 --pain 2``). The start is the given time of day, or noon local time.
    ``race``: a race or time trial (``extra["kind"] = "race"``), which the plan review counts as
    a race and which refreshes the fitness estimate.

    Raises :class:`InputError` naming the flag and the value for anything invalid.
    """
    from runcoach.domain.activity import Activity
    from runcoach.domain.units import parse_distance, parse_duration
    from runcoach.importers.sports import sport_from_text

    start = _parse_start(day)
    elapsed = parse_duration(duration, what="--time")
    metres = parse_distance(distance, what="--distance") if distance is not None else None
    chosen: Sport = "running"
    if sport is not None:
        found = sport_from_text(sport)
        if found is None:
            raise InputError(
                f"--sport {sport!r} is not a sport runcoach knows: use {MANUAL_SPORT_HELP}."
            )
        chosen = found
    _check_scale("--rpe", rpe, 1, 10)
    _check_scale("--pain", pain, 0, 10)
    if pain_location is not None and not pain_location.strip():
        raise InputError("--pain-location is empty: name where it hurts, e.g. 'left knee'.")
    return Activity(
        sport=chosen,
        start_time=start,
        elapsed_time_s=elapsed,
        moving_time_s=elapsed,
        distance_m=metres,
        source_format="manual",
        rpe=rpe,
        pain=pain,
        pain_location=pain_location.strip() if pain_location else None,
        notes=notes.strip() if notes and notes.strip() else None,
        extra={"kind": "race"} if race else {},
    )


def _parse_start(text: str) -> datetime:
    raw = text.strip()
    try:
        if "T" in raw or " " in raw:
            moment = datetime.fromisoformat(raw)
        else:
            moment = datetime.combine(date.fromisoformat(raw), time(12, 0))
    except ValueError:
        raise InputError(
            f"--date {text!r} is not a date: use YYYY-MM-DD (or YYYY-MM-DDTHH:MM)."
        ) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # the machine's local time zone
    return moment


def _check_scale(flag: str, value: float | None, low: int, high: int) -> None:
    if value is None:
        return
    if not math.isfinite(value) or not low <= value <= high:
        raise InputError(f"{flag} {value:g} is out of range: give a number from {low} to {high}.")


# --- listing --------------------------------------------------------------------------------


def activity_json(stored: StoredActivity) -> dict[str, object]:
    """The ``log list --json`` object of one stored activity (SI units, ISO 8601 times)."""
    a = stored.activity
    return {
        "id": stored.id,
        "start_time": a.start_time.isoformat(),
        "sport": a.sport,
        "sub_sport": a.sub_sport,
        "name": a.name,
        "distance_m": _rounded(a.distance_m, 1),
        "moving_time_s": _rounded(a.moving_time_s, 1),
        "elapsed_time_s": _rounded(a.elapsed_time_s, 1),
        "avg_hr": _rounded(a.avg_hr_bpm, 1),
        "max_hr": _rounded(a.max_hr_bpm, 1),
        "avg_cadence_spm": _rounded(a.avg_cadence_spm, 1),
        "avg_power_w": _rounded(a.avg_power_w, 1),
        "rpe": a.rpe,
        "pain": a.pain,
        "pain_location": a.pain_location,
        "notes": a.notes,
        "kind": a.extra.get("kind"),
        "device": a.device,
        "source": stored.source,
        "source_name": stored.source_name,
        "partial": a.partial,
        "warnings": list(a.warnings),
        "group_key": a.group_key,
        "leg_index": a.leg_index,
        "lap_count": stored.lap_count,
        "sample_count": stored.sample_count,
    }


def _rounded(value: float | None, digits: int) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(value, digits)


def parse_day(text: str | None, flag: str) -> date | None:
    """A ``YYYY-MM-DD`` option value, or None; InputError naming the flag otherwise."""
    from runcoach.domain.units import parse_date

    return None if text is None else parse_date(text, what=flag)
