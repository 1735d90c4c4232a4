"""Export the whole store to one JSON document and import it back (DESIGN.md §6).

The document (``"schema": "runcoach.export/1"``) holds every athlete with the profile, race
results, plan lineages with every version (statuses, reasons, diffs, links) and every activity
with laps and samples. It has no database ids: plan versions refer to each other by
``"<lineage number>.<version>"``, so a document exported from one store imports into any empty
store (SQLite or PostgreSQL) and exports again identically.

Samples are written in their lossless compressed form (``{"encoding": "rcs1+base64", ...}``:
base64 of the ``RCS1`` blob of :mod:`runcoach.services.sample_codec`, a documented layout of
zlib-compressed float columns), so a whole history stays a manageable file: about 90 kB per
run-hour at 1 Hz. ``activity_to_json(activity)`` writes plain number columns for other uses; the
reader accepts both. A ``.gz`` file name compresses the file. Writing streams one activity at a
time.
"""

from __future__ import annotations

import base64
import gzip
import json
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import fields
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, cast

from runcoach.domain.errors import InputError
from runcoach.errors import OperationError
from runcoach.services.ports import (
    PLAN_STATUSES,
    Clock,
    NewPlanVersion,
    PlanStatus,
    UnitOfWork,
    UnitOfWorkFactory,
)

if TYPE_CHECKING:
    from runcoach.domain.activity import Activity, Lap, Samples
    from runcoach.domain.athlete import AthleteProfile, RaceResult

EXPORT_SCHEMA = "runcoach.export/1"
SAMPLES_ENCODING = "rcs1+base64"


class BackupService:
    """Whole-store export and import (every athlete)."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def export_all(self) -> dict[str, Any]:
        """The whole store as a ``runcoach.export/1`` JSON-ready document."""
        from runcoach import __version__

        athletes = []
        with self._uow() as uow:
            for athlete_id, handle in uow.athletes.handles():
                athlete = _export_athlete(uow, athlete_id, handle)
                athlete["activities"] = list(_export_activities(uow, athlete_id))
                athletes.append(athlete)
        return {
            "schema": EXPORT_SCHEMA,
            "exported_at": self._clock.now().isoformat(),
            "runcoach_version": __version__,
            "athletes": athletes,
        }

    def import_all(self, document: Mapping[str, Any], *, source: str = "export") -> dict[str, int]:
        """Load a ``runcoach.export/1`` document into an empty store, in one transaction.

        Returns counts (athletes, races, plans, plan_versions, activities). Raises InputError
        naming the bad field, or OperationError when the store is not empty.
        """
        reader = _Reader(source)
        doc = reader.obj(document, "document")
        if doc.get("schema") != EXPORT_SCHEMA:
            raise InputError(
                f"{source}: schema is {doc.get('schema')!r}, not {EXPORT_SCHEMA!r}; "
                "it is not a runcoach export."
            )
        counts = dict.fromkeys(_COUNT_KEYS, 0)
        with self._uow() as uow:
            if uow.athletes.handles():
                raise OperationError(
                    "the store is not empty; import all only loads into an empty store "
                    "(use a new RUNCOACH_HOME or RUNCOACH_DATABASE_URL)."
                )
            for i, item in enumerate(reader.seq(doc.get("athletes"), "athletes")):
                _import_athlete(
                    uow, reader, reader.obj(item, f"athletes[{i}]"), f"athletes[{i}]", counts
                )
            uow.commit()
        return counts

    def write_export(self, path: Path) -> dict[str, int]:
        """Write the :meth:`export_all` document to ``path`` (gzip when the name ends in
        ``.gz``), one activity at a time so memory stays small, from one consistent read
        transaction; the file appears only when complete. Returns the counts."""
        from runcoach import __version__

        counts = dict.fromkeys(_COUNT_KEYS, 0)
        tmp = path.with_name(path.name + ".tmp")

        def dump(value: Any) -> str:
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)

        try:
            with _open_text(tmp, "w") as fh, self._uow() as uow:
                head = {
                    "schema": EXPORT_SCHEMA,
                    "exported_at": self._clock.now().isoformat(),
                    "runcoach_version": __version__,
                }
                fh.write(dump(head)[:-1] + ',"athletes":[')
                for n, (athlete_id, handle) in enumerate(uow.athletes.handles()):
                    athlete = _export_athlete(uow, athlete_id, handle)
                    _count_athlete(athlete, counts)
                    fh.write(("," if n else "") + dump(athlete)[:-1] + ',"activities":[')
                    for k, item in enumerate(_export_activities(uow, athlete_id)):
                        fh.write(("," if k else "") + dump(item))
                        counts["activities"] += 1
                    fh.write("]}")
                fh.write("]}\n")
            tmp.replace(path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise OperationError(f"cannot write {path}: {exc.strerror or exc}.") from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return counts

    def read_import(self, path: Path) -> dict[str, int]:
        """Read a file written by :meth:`write_export` and :meth:`import_all` it."""
        try:
            with _open_text(path, "r") as fh:
                document = json.load(fh)
        except FileNotFoundError:
            raise InputError(f"{path} does not exist.") from None
        except (OSError, UnicodeDecodeError, EOFError, json.JSONDecodeError) as exc:
            raise InputError(f"{path} is not a runcoach JSON export ({exc}).") from exc
        return self.import_all(document, source=str(path))


def _open_text(path: Path, mode: str) -> IO[str]:
    if path.name.endswith(".gz") or (mode == "w" and path.name.endswith(".gz.tmp")):
        return cast(IO[str], gzip.open(path, mode + "t", encoding="utf-8"))
    return path.open(mode, encoding="utf-8")


# --- export ---------------------------------------------------------------------------------


def _export_athlete(uow: UnitOfWork, athlete_id: int, handle: str) -> dict[str, Any]:
    created_at, saved_at = uow.athletes.timestamps(athlete_id)
    profile = uow.athletes.get_profile(athlete_id)
    refs: dict[int, str] = {}
    plans = []
    lineages = uow.plans.lineages(athlete_id)
    versions = uow.plans.list_versions(athlete_id)
    for n, (plan_id, _, _) in enumerate(lineages, start=1):
        for v in versions:
            if v.plan_id == plan_id:
                refs[v.id] = f"{n}.{v.version}"
    for plan_id, name, plan_created in lineages:
        plans.append(
            {
                "name": name,
                "created_at": plan_created.isoformat(),
                "versions": [
                    {
                        "version": v.version,
                        "status": v.status,
                        "created_at": v.created_at.isoformat(),
                        "activated_at": _iso(v.activated_at),
                        "parent": refs.get(v.parent_id) if v.parent_id else None,
                        "previous_current": (
                            refs.get(v.previous_current_id) if v.previous_current_id else None
                        ),
                        "reasons": [dict(r) for r in v.reasons],
                        "diff": v.diff,
                        "note": v.note,
                        "document": dict(v.document),
                    }
                    for v in versions
                    if v.plan_id == plan_id
                ],
            }
        )
    return {
        "handle": handle,
        "created_at": created_at.isoformat(),
        "profile_saved_at": _iso(saved_at),
        "profile": None if profile is None else profile_to_json(profile),
        "plans": plans,
    }


def _export_activities(uow: UnitOfWork, athlete_id: int) -> Iterator[dict[str, Any]]:
    for activity_id in uow.activities.ids(athlete_id):
        stored = uow.activities.get(athlete_id, activity_id)
        assert stored is not None
        item = activity_to_json(stored.activity, samples="blob")
        item.update(
            content_hash=stored.content_hash,
            source_name=stored.source_name,
            imported_at=stored.imported_at.isoformat(),
        )
        yield item


_COUNT_KEYS = ("athletes", "races", "plans", "plan_versions", "activities")


def _count_athlete(athlete: Mapping[str, Any], counts: dict[str, int]) -> None:
    counts["athletes"] += 1
    counts["races"] += len((athlete.get("profile") or {}).get("races", []))
    counts["plans"] += len(athlete["plans"])
    counts["plan_versions"] += sum(len(p["versions"]) for p in athlete["plans"])


def profile_to_json(profile: AthleteProfile) -> dict[str, Any]:
    """A profile as JSON (SI units; race dates ISO 8601)."""
    return {
        "name": profile.name,
        "age": profile.age,
        "sex": profile.sex,
        "units": profile.units,
        "weekly_volume_m": profile.weekly_volume_m,
        "longest_run_m": profile.longest_run_m,
        "days_per_week": profile.days_per_week,
        "available_days": list(profile.available_days),
        "long_run_day": profile.long_run_day,
        "races": [race_to_json(r) for r in profile.races],
        "injury_prone": profile.injury_prone,
        "beginner": profile.beginner,
        "lifts_weights": profile.lifts_weights,
        "weight_kg": profile.weight_kg,
        "hr_max_bpm": profile.hr_max_bpm,
        "hr_rest_bpm": profile.hr_rest_bpm,
        "injuries": list(profile.injuries),
    }


def race_to_json(race: RaceResult) -> dict[str, Any]:
    """A race result as JSON: ``distance_m``, ``time_s``, ``date`` (ISO or null), ``name``,
    ``label``."""
    return {
        "distance_m": race.distance_m,
        "time_s": race.time_s,
        "date": None if race.date is None else race.date.isoformat(),
        "name": race.name,
        "label": race.label,
    }


_ACTIVITY_SCALARS = (
    "sport",
    "elapsed_time_s",
    "moving_time_s",
    "distance_m",
    "sub_sport",
    "avg_hr_bpm",
    "max_hr_bpm",
    "avg_cadence_spm",
    "avg_power_w",
    "total_ascent_m",
    "total_descent_m",
    "calories_kcal",
    "device",
    "name",
    "source_format",
    "partial",
    "group_key",
    "leg_index",
    "rpe",
    "pain",
    "pain_location",
    "notes",
)
_LAP_SCALARS = (
    "elapsed_time_s",
    "distance_m",
    "moving_time_s",
    "avg_hr_bpm",
    "max_hr_bpm",
    "avg_cadence_spm",
    "avg_power_w",
)


def activity_to_json(
    activity: Activity, *, samples: Literal["columns", "blob"] = "columns"
) -> dict[str, Any]:
    """An activity with laps and samples as JSON.

    ``samples="columns"`` writes each sample column as a list of numbers (null = missing);
    ``"blob"`` writes ``{"encoding": "rcs1+base64", "points": n, "data": ...}``: the lossless
    compressed form of :mod:`runcoach.services.sample_codec`, about 20 times smaller (backups).
    """
    out: dict[str, Any] = {"start_time": activity.start_time.isoformat()}
    out.update({f: _num(getattr(activity, f)) for f in _ACTIVITY_SCALARS})
    out["warnings"] = list(activity.warnings)
    out["extra"] = dict(activity.extra)
    out["laps"] = [
        {
            "start_time": lap.start_time.isoformat(),
            **{f: _num(getattr(lap, f)) for f in _LAP_SCALARS},
        }
        for lap in activity.laps
    ]
    if activity.samples is None:
        out["samples"] = None
    elif samples == "blob":
        from runcoach.services.sample_codec import encode_samples

        out["samples"] = {
            "encoding": SAMPLES_ENCODING,
            "points": len(activity.samples),
            "data": base64.b64encode(encode_samples(activity.samples)).decode("ascii"),
        }
    else:
        out["samples"] = _samples_to_json(activity.samples)
    return out


def _samples_to_json(samples: Samples) -> dict[str, list[float | None]]:
    out: dict[str, list[float | None]] = {}
    for name, column in samples.columns().items():
        out[name] = [None if v != v else v for v in column.tolist()]
    return out


def _num(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


# --- import ---------------------------------------------------------------------------------


class _Reader:
    """Reads an export document, raising InputError that names the bad field."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, why: str) -> InputError:
        return InputError(f"{self.source}: {where} {why}.")

    def obj(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(where, "must be an object")
        return value

    def seq(self, value: Any, where: str) -> Sequence[Any]:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail(where, "must be a list")
        return value

    def moment(self, value: Any, where: str) -> datetime:
        try:
            parsed = datetime.fromisoformat(str(value))
        except ValueError:
            raise self.fail(where, f"must be an ISO 8601 time, not {value!r}") from None
        if parsed.tzinfo is None:
            raise self.fail(where, f"needs a UTC offset, not {value!r}")
        return parsed

    def opt_moment(self, value: Any, where: str) -> datetime | None:
        return None if value is None else self.moment(value, where)

    def opt_num(self, value: Any, where: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(where, f"must be a number, not {value!r}")
        return float(value)


def _import_athlete(
    uow: UnitOfWork,
    reader: _Reader,
    item: Mapping[str, Any],
    where: str,
    counts: dict[str, int],
) -> None:
    handle = item.get("handle")
    if not isinstance(handle, str) or not handle:
        raise reader.fail(f"{where}.handle", "must be a non-empty text")
    created_at = reader.moment(item.get("created_at"), f"{where}.created_at")
    athlete_id = uow.athletes.create(handle, created_at)
    counts["athletes"] += 1
    if item.get("profile") is not None:
        profile = profile_from_json(
            reader.obj(item["profile"], f"{where}.profile"), reader, f"{where}.profile"
        )
        uow.athletes.save_profile(athlete_id, profile, created_at)
        counts["races"] += len(profile.races)
    uow.athletes.set_timestamps(
        athlete_id,
        created_at,
        reader.opt_moment(item.get("profile_saved_at"), f"{where}.profile_saved_at"),
    )

    ids: dict[str, int] = {}
    links: list[tuple[int, Any, Any, str]] = []
    current: list[int] = []
    for n, plan_item in enumerate(reader.seq(item.get("plans"), f"{where}.plans"), start=1):
        pw = f"{where}.plans[{n - 1}]"
        plan = reader.obj(plan_item, pw)
        name = plan.get("name")
        plan_id = uow.plans.create_lineage(
            athlete_id,
            reader.moment(plan.get("created_at"), f"{pw}.created_at"),
            None if name is None else str(name),
        )
        counts["plans"] += 1
        for k, version_item in enumerate(reader.seq(plan.get("versions"), f"{pw}.versions")):
            vw = f"{pw}.versions[{k}]"
            v = reader.obj(version_item, vw)
            status = v.get("status")
            if status not in PLAN_STATUSES:
                raise reader.fail(f"{vw}.status", f"must be one of {', '.join(PLAN_STATUSES)}")
            reasons = reader.seq(v.get("reasons"), f"{vw}.reasons")
            stored = uow.plans.add_version(
                athlete_id,
                plan_id,
                NewPlanVersion(
                    document=reader.obj(v.get("document"), f"{vw}.document"),
                    # The current version is marked last: one current per athlete at any moment.
                    status="superseded" if status == "current" else cast(PlanStatus, status),
                    created_at=reader.moment(v.get("created_at"), f"{vw}.created_at"),
                    reasons=tuple(reader.obj(r, f"{vw}.reasons") for r in reasons),
                    diff=v.get("diff"),
                    activated_at=reader.opt_moment(v.get("activated_at"), f"{vw}.activated_at"),
                    note=None if v.get("note") is None else str(v.get("note")),
                ),
            )
            if v.get("version") != stored.version:
                raise reader.fail(
                    f"{vw}.version", f"must be {stored.version} (versions count from 1)"
                )
            ids[f"{n}.{stored.version}"] = stored.id
            links.append((stored.id, v.get("parent"), v.get("previous_current"), vw))
            if status == "current":
                current.append(stored.id)
            counts["plan_versions"] += 1
    for version_id, parent, previous, vw in links:
        for ref, field_name in ((parent, "parent"), (previous, "previous_current")):
            if ref is not None and ref not in ids:
                raise reader.fail(f"{vw}.{field_name}", f"refers to unknown version {ref!r}")
        if parent is not None or previous is not None:
            uow.plans.set_links(
                version_id,
                None if parent is None else ids[parent],
                None if previous is None else ids[previous],
            )
    if len(current) > 1:
        raise reader.fail(f"{where}.plans", "has more than one current version")
    for version_id in current:
        uow.plans.set_status(version_id, "current")

    for i, activity_item in enumerate(reader.seq(item.get("activities"), f"{where}.activities")):
        aw = f"{where}.activities[{i}]"
        a = reader.obj(activity_item, aw)
        activity = activity_from_json(a, reader, aw)
        content_hash = a.get("content_hash")
        source_name = a.get("source_name")
        uow.activities.add(
            athlete_id,
            activity,
            content_hash=None if content_hash is None else str(content_hash),
            source_name=None if source_name is None else str(source_name),
            imported_at=reader.moment(a.get("imported_at"), f"{aw}.imported_at"),
        )
        counts["activities"] += 1


def profile_from_json(
    doc: Mapping[str, Any], reader: _Reader | None = None, where: str = "profile"
) -> AthleteProfile:
    """Read a profile written by :func:`profile_to_json` (validated)."""
    from runcoach.domain.athlete import AthleteProfile, check_profile

    reader = reader or _Reader("profile")
    known = {f.name for f in fields(AthleteProfile)}
    unknown = set(doc) - known
    if unknown:
        raise reader.fail(where, f"has unknown fields {', '.join(sorted(unknown))}")
    values: dict[str, Any] = dict(doc)
    for key in ("available_days", "injuries"):
        if key in values:
            values[key] = tuple(reader.seq(values[key], f"{where}.{key}"))
    if "races" in values:
        values["races"] = tuple(
            race_from_json(reader.obj(r, f"{where}.races[{i}]"), reader, f"{where}.races[{i}]")
            for i, r in enumerate(reader.seq(values["races"], f"{where}.races"))
        )
    try:
        profile = AthleteProfile(**values)
    except TypeError as exc:
        raise reader.fail(where, f"is not a profile ({exc})") from None
    try:
        return check_profile(profile)
    except InputError as exc:
        raise reader.fail(where, f"is not valid: {exc}") from None


def race_from_json(doc: Mapping[str, Any], reader: _Reader, where: str) -> RaceResult:
    """Read a race written by :func:`race_to_json`."""
    from runcoach.domain.athlete import RaceResult

    distance = reader.opt_num(doc.get("distance_m"), f"{where}.distance_m")
    time_s = reader.opt_num(doc.get("time_s"), f"{where}.time_s")
    if distance is None or time_s is None:
        raise reader.fail(where, "needs distance_m and time_s")
    raw_date = doc.get("date")
    try:
        day = None if raw_date is None else date.fromisoformat(str(raw_date))
    except ValueError:
        raise reader.fail(f"{where}.date", f"must be YYYY-MM-DD, not {raw_date!r}") from None
    name = doc.get("name")
    return RaceResult(
        distance_m=distance, time_s=time_s, date=day, name=None if name is None else str(name)
    )


def activity_from_json(
    doc: Mapping[str, Any], reader: _Reader | None = None, where: str = "activity"
) -> Activity:
    """Read an activity written by :func:`activity_to_json`."""
    import numpy as np

    from runcoach.domain.activity import SAMPLE_COLUMNS, Activity, Lap, Samples

    reader = reader or _Reader("activity")
    values: dict[str, Any] = {}
    for f in _ACTIVITY_SCALARS:
        if f in doc:
            values[f] = doc[f]
    for f in (
        "elapsed_time_s",
        "moving_time_s",
        "distance_m",
        "avg_hr_bpm",
        "max_hr_bpm",
        "avg_cadence_spm",
        "avg_power_w",
        "total_ascent_m",
        "total_descent_m",
        "calories_kcal",
        "rpe",
        "pain",
    ):
        if f in values:
            values[f] = reader.opt_num(values[f], f"{where}.{f}")
    if values.get("elapsed_time_s") is None:
        raise reader.fail(f"{where}.elapsed_time_s", "is missing")
    laps: list[Lap] = []
    for i, lap_item in enumerate(reader.seq(doc.get("laps"), f"{where}.laps")):
        lw = f"{where}.laps[{i}]"
        lap = reader.obj(lap_item, lw)
        lap_values = {f: reader.opt_num(lap.get(f), f"{lw}.{f}") for f in _LAP_SCALARS}
        elapsed = lap_values.pop("elapsed_time_s")
        if elapsed is None:
            raise reader.fail(f"{lw}.elapsed_time_s", "is missing")
        laps.append(
            Lap(
                start_time=reader.moment(lap.get("start_time"), f"{lw}.start_time"),
                elapsed_time_s=elapsed,
                **lap_values,
            )
        )
    samples = None
    if doc.get("samples") is not None and "encoding" in reader.obj(
        doc["samples"], f"{where}.samples"
    ):
        samples = _samples_from_blob(reader.obj(doc["samples"], f"{where}.samples"), reader, where)
    elif doc.get("samples") is not None:
        columns_doc = reader.obj(doc["samples"], f"{where}.samples")
        allowed = {"time_s", *SAMPLE_COLUMNS}
        columns: dict[str, Any] = {}
        for name, values_list in columns_doc.items():
            if name not in allowed:
                raise reader.fail(f"{where}.samples", f"has an unknown column {name!r}")
            seq = reader.seq(values_list, f"{where}.samples.{name}")
            try:
                columns[name] = np.array(
                    [np.nan if v is None else v for v in seq], dtype=np.float64
                )
            except (TypeError, ValueError):
                raise reader.fail(f"{where}.samples.{name}", "must hold numbers or null") from None
        if "time_s" not in columns:
            raise reader.fail(f"{where}.samples", "needs a time_s column")
        samples = Samples(**columns)
    try:
        return Activity(
            start_time=reader.moment(doc.get("start_time"), f"{where}.start_time"),
            warnings=tuple(str(w) for w in reader.seq(doc.get("warnings"), f"{where}.warnings")),
            extra={
                str(k): str(v)
                for k, v in reader.obj(doc.get("extra") or {}, f"{where}.extra").items()
            },
            laps=tuple(laps),
            samples=samples,
            **values,
        )
    except TypeError as exc:
        raise reader.fail(where, f"is not an activity ({exc})") from None


def _samples_from_blob(doc: Mapping[str, Any], reader: _Reader, where: str) -> Samples:
    from runcoach.services.sample_codec import SampleBlobError, decode_samples

    if doc.get("encoding") != SAMPLES_ENCODING:
        raise reader.fail(f"{where}.samples.encoding", f"must be {SAMPLES_ENCODING!r}")
    try:
        blob = base64.b64decode(str(doc.get("data", "")), validate=True)
        samples = decode_samples(blob)
    except (ValueError, SampleBlobError) as exc:
        raise reader.fail(f"{where}.samples.data", f"is not a valid sample blob ({exc})") from None
    if doc.get("points") != len(samples):
        raise reader.fail(
            f"{where}.samples.points", f"says {doc.get('points')!r}, the blob holds {len(samples)}"
        )
    return samples
