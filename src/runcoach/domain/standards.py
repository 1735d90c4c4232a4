"""Boston Marathon qualifying standards and WMA/USATF age grading.

Boston: the 2026 and 2027 standards (identical) by age on Boston race day and sex, non-binary
athletes using the women's times; the net-downhill allowance for 2027 qualifiers; the history of
acceptance cutoffs and a recommended buffer. Age grading: the WMA/USATF road tables of 2020 and
2025, shipped as package data (``runcoach/data/age_grading``) and read lazily on first use.

Units: times in seconds, distances in metres, elevation in feet (as the B.A.A. publishes it).
Source: COACHING.md Part B §3 (B.A.A. announcements via AP 2024-09-17, wror.com 2025-06-18 and
2025-09-08) and §4 (AlanLyttonJones/Age-Grade-Tables, CC0).
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Literal

from runcoach.domain.athlete import Sex
from runcoach.domain.errors import InputError
from runcoach.domain.units import format_duration

Edition = Literal[2020, 2025]
AGE_GRADE_EDITIONS: tuple[Edition, ...] = (2020, 2025)

# --- Boston qualifying ---------------------------------------------------------------------------

#: (lowest age of the group, men's standard, women's and non-binary standard), seconds.
#: Source: B.A.A. 2026 standards (AP, 2024-09-17); unchanged for 2027 (wror.com, 2025-09-08).
BQ_STANDARDS_2026_S: tuple[tuple[int, int, int], ...] = (
    (18, 2 * 3600 + 55 * 60, 3 * 3600 + 25 * 60),
    (35, 3 * 3600, 3 * 3600 + 30 * 60),
    (40, 3 * 3600 + 5 * 60, 3 * 3600 + 35 * 60),
    (45, 3 * 3600 + 15 * 60, 3 * 3600 + 45 * 60),
    (50, 3 * 3600 + 20 * 60, 3 * 3600 + 50 * 60),
    (55, 3 * 3600 + 30 * 60, 4 * 3600),
    (60, 3 * 3600 + 50 * 60, 4 * 3600 + 20 * 60),
    (65, 4 * 3600 + 5 * 60, 4 * 3600 + 35 * 60),
    (70, 4 * 3600 + 20 * 60, 4 * 3600 + 50 * 60),
    (75, 4 * 3600 + 35 * 60, 5 * 3600 + 5 * 60),
    (80, 4 * 3600 + 50 * 60, 5 * 3600 + 20 * 60),
)
#: Boston editions whose standards are published (2027 uses the 2026 table).
PUBLISHED_BQ_YEARS = (2026, 2027)
BQ_MIN_AGE = 18

#: Margin under the standard that was needed to be accepted, by race year, seconds.
#: Source: COACHING.md §3.2 (wikimili table 2012–2023; Boston Globe, Reuters, SI for 2024–2026).
CUTOFF_HISTORY_S: dict[int, int] = {
    2012: 74,
    2013: 0,
    2014: 98,
    2015: 62,
    2016: 148,
    2017: 129,
    2018: 203,
    2019: 292,
    2020: 99,
    2021: 467,
    2022: 0,
    2023: 0,
    2024: 329,
    2025: 411,
    2026: 274,
}
RECENT_CUTOFF_YEARS = (2024, 2025, 2026)

#: Net-downhill allowance for 2027+ qualifiers: (lowest ft, highest ft, seconds added to the time).
#: Source: B.A.A. rule for 2027 qualifiers (wror.com 2025-06-18; COACHING.md §3.1).
NET_DOWNHILL_BANDS_FT: tuple[tuple[int, int, int], ...] = ((1500, 2999, 300), (3000, 6000, 600))
NET_DOWNHILL_FROM_YEAR = 2027

#: Qualifying windows (first day, last day) and race days of the published editions.
#: The 2027 window closes in registration week of September 2026; the exact day is not yet
#: published, so 11 September 2026 is an estimate.
BOSTON_EDITIONS: dict[int, tuple[date, date, date]] = {
    2026: (date(2024, 9, 1), date(2025, 9, 12), date(2026, 4, 20)),
    2027: (date(2025, 9, 13), date(2026, 9, 11), date(2027, 4, 19)),
}


def recent_cutoffs_s() -> dict[int, int]:
    """The acceptance cutoffs of the last three Boston races (year → seconds under standard)."""
    return {year: CUTOFF_HISTORY_S[year] for year in RECENT_CUTOFF_YEARS}


def mean_recent_cutoff_s() -> float:
    """Mean cutoff of the last three Boston races in seconds (5:38 for 2024–2026)."""
    recent = recent_cutoffs_s()
    return sum(recent.values()) / len(recent)


def recommended_buffer_s() -> int:
    """Margin under the standard to aim for, in seconds: the largest recent cutoff, rounded up to
    a whole minute (7:00 for 2024–2026).

    Source: COACHING.md §3.2 ("plan a BQ with a buffer of ≥ 5–7 minutes"); the exact cutoff is
    unknowable until the B.A.A. publishes it in late September.
    """
    return math.ceil(max(recent_cutoffs_s().values()) / 60) * 60


def patriots_day(year: int) -> date:
    """Boston Marathon day: the third Monday of April of ``year``."""
    first = date(year, 4, 1)
    first_monday = first + timedelta(days=(7 - first.weekday()) % 7)
    return first_monday + timedelta(days=14)


@dataclass(frozen=True, slots=True)
class BostonEdition:
    """A Boston Marathon and its qualifying window; ``published`` is False for later years."""

    year: int
    race_day: date
    window_start: date
    window_end: date
    published: bool


def boston_edition(year: int) -> BostonEdition:
    """The Boston Marathon of ``year`` (2026 on). Years after 2027 use estimated windows."""
    if year < PUBLISHED_BQ_YEARS[0]:
        raise InputError(
            f"Boston {year} is before 2026; runcoach ships the 2026/2027 standards only."
        )
    if year in BOSTON_EDITIONS:
        start, end, day = BOSTON_EDITIONS[year]
        return BostonEdition(year, day, start, end, published=True)
    return BostonEdition(
        year,
        patriots_day(year),
        date(year - 2, 9, 13),
        date(year - 1, 9, 11),
        published=False,
    )


def boston_edition_for_qualifier(race_date: date) -> BostonEdition:
    """The Boston Marathon a qualifying marathon run on ``race_date`` counts for."""
    first = BOSTON_EDITIONS[2026][0]
    if race_date < first:
        raise InputError(
            f"race date {race_date.isoformat()} is before the 2026 qualifying window "
            f"(from {first.isoformat()}); runcoach ships the 2026/2027 standards only."
        )
    year = 2026
    while boston_edition(year).window_end < race_date:
        year += 1
    return boston_edition(year)


def age_on(day: date, birth_date: date) -> int:
    """Age in whole years on ``day`` for someone born on ``birth_date``."""
    if birth_date > day:
        raise InputError(f"birth date {birth_date.isoformat()} is after {day.isoformat()}.")
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def age_range_on(day: date, age_today: int, today: date) -> tuple[int, int]:
    """The youngest and oldest possible age on ``day`` for someone ``age_today`` years old today.

    Without a birth date the age on a later day is known to within one year.
    """
    if day < today:
        raise InputError(f"{day.isoformat()} is before today ({today.isoformat()}).")
    # Born at the latest exactly ``age_today`` years ago (youngest on ``day``), at the earliest
    # one day less than ``age_today + 1`` years ago (oldest on ``day``).
    latest_birth = _add_years(today, -age_today)
    earliest_birth = _add_years(today, -(age_today + 1)) + timedelta(days=1)
    return age_on(day, latest_birth), age_on(day, earliest_birth)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def bq_standard_s(age_on_race_day: int, sex: Sex) -> int:
    """Boston 2026/2027 qualifying standard in seconds for an age on Boston race day and a sex.

    Non-binary athletes (``"X"``) use the women's standards. Source: B.A.A. via AP 2024-09-17
    (2026) and wror.com 2025-09-08 (2027 unchanged); COACHING.md §3.1.
    """
    if age_on_race_day < BQ_MIN_AGE:
        raise InputError(
            f"age {age_on_race_day} on Boston race day is below {BQ_MIN_AGE}, the minimum age "
            "for the Boston Marathon."
        )
    if age_on_race_day > 120:
        raise InputError(f"age {age_on_race_day} is not a plausible age.")
    standard = BQ_STANDARDS_2026_S[0]
    for row in BQ_STANDARDS_2026_S:
        if age_on_race_day >= row[0]:
            standard = row
    return standard[1] if sex == "M" else standard[2]


def bq_age_group(age_on_race_day: int) -> str:
    """The B.A.A. age group label (``"40–44"``, ``"80+"``) for an age on race day."""
    lows = [row[0] for row in BQ_STANDARDS_2026_S]
    for i, low in enumerate(lows):
        high = lows[i + 1] - 1 if i + 1 < len(lows) else None
        if age_on_race_day >= low and (high is None or age_on_race_day <= high):
            return f"{low}–{high}" if high is not None else f"{low}+"
    raise InputError(f"age {age_on_race_day} is below {BQ_MIN_AGE}.")


def net_downhill_allowance_s(net_downhill_ft: float, edition_year: int) -> int:
    """Seconds added to a qualifying time run on a net-downhill course (0 for 2026 qualifiers).

    1,500–2,999 ft: +5:00; 3,000–6,000 ft: +10:00 (B.A.A. rule for 2027 qualifiers, wror.com
    2025-06-18; COACHING.md §3.1). Courses beyond 6,000 ft are not covered by the rule.
    """
    if not math.isfinite(net_downhill_ft) or net_downhill_ft < 0:
        raise InputError(
            f"--net-downhill-ft {net_downhill_ft:g} must be zero or more (feet of net drop)."
        )
    if net_downhill_ft > NET_DOWNHILL_BANDS_FT[-1][1]:
        raise InputError(
            f"net downhill {net_downhill_ft:,.0f} ft is above the 6,000 ft the B.A.A. rule covers; "
            "check the course."
        )
    if edition_year < NET_DOWNHILL_FROM_YEAR:
        return 0
    allowance = 0
    for low, _high, seconds in NET_DOWNHILL_BANDS_FT:
        if net_downhill_ft >= low:
            allowance = seconds
    return allowance


@dataclass(frozen=True, slots=True)
class BQTarget:
    """What a runner needs for Boston: the standard, the course allowance and safe targets.

    All times are net (chip) marathon times in seconds. ``required_s`` is the slowest net time
    that meets the standard on this course; ``with_last_cutoff_s`` would have been accepted with
    the last published cutoff; ``recommended_s`` leaves the recommended buffer.
    """

    edition_year: int
    published: bool
    age_on_race_day: int
    age_group: str
    sex: Sex
    standard_s: int
    net_downhill_allowance_s: int
    required_s: int
    last_cutoff_year: int
    last_cutoff_s: int
    with_last_cutoff_s: int
    mean_recent_cutoff_s: float
    buffer_s: int
    recommended_s: int


def bq_target(
    age_on_race_day: int, sex: Sex, *, edition_year: int = 2027, net_downhill_ft: float = 0.0
) -> BQTarget:
    """The Boston qualifying target for an age on Boston race day, sex, edition and course.

    Source: COACHING.md §3 (standards, net-downhill allowance, cutoffs, buffer of 5–7 minutes).
    Oracle (§3.2): a man 41 on race day 2027 needs ≤ 3:05:00, ≤ 3:00:26 with the 2026 cutoff.
    """
    standard = bq_standard_s(age_on_race_day, sex)
    allowance = net_downhill_allowance_s(net_downhill_ft, edition_year)
    required = standard - allowance
    last_year = max(CUTOFF_HISTORY_S)
    last = CUTOFF_HISTORY_S[last_year]
    buffer = recommended_buffer_s()
    return BQTarget(
        edition_year=edition_year,
        published=edition_year in PUBLISHED_BQ_YEARS,
        age_on_race_day=age_on_race_day,
        age_group=bq_age_group(age_on_race_day),
        sex=sex,
        standard_s=standard,
        net_downhill_allowance_s=allowance,
        required_s=required,
        last_cutoff_year=last_year,
        last_cutoff_s=last,
        with_last_cutoff_s=required - last,
        mean_recent_cutoff_s=mean_recent_cutoff_s(),
        buffer_s=buffer,
        recommended_s=required - buffer,
    )


def qualifying_time_s(net_time_s: float, net_downhill_ft: float, edition_year: int) -> float:
    """The time the B.A.A. compares with the standard: net time plus the downhill allowance."""
    return net_time_s + net_downhill_allowance_s(net_downhill_ft, edition_year)


def meets_standard(
    net_time_s: float,
    age_on_race_day: int,
    sex: Sex,
    *,
    edition_year: int = 2027,
    net_downhill_ft: float = 0.0,
) -> bool:
    """True when a net marathon time meets the Boston standard (it may still miss the cutoff)."""
    counted = qualifying_time_s(net_time_s, net_downhill_ft, edition_year)
    return counted <= bq_standard_s(age_on_race_day, sex)


# --- Age grading ---------------------------------------------------------------------------------

#: Performance levels by age grade % (Runalyze/age-grade ``Level.php`` limits; COACHING.md §4.1).
AGE_GRADE_LEVELS: tuple[tuple[float, str], ...] = (
    (100.0, "world record level"),
    (90.0, "world class"),
    (80.0, "national class"),
    (70.0, "regional class"),
    (60.0, "local class"),
    (0.0, "recreational"),
)

_TABLE_FILES: dict[tuple[Edition, str], str] = {
    (2020, "M"): "MaleRoadStd2020.csv",
    (2020, "F"): "FemaleRoadStd2020.csv",
    (2025, "M"): "MaleRoadStd2025-factors.csv",
    (2025, "F"): "FemaleRoadStd2025-factors.csv",
}


@dataclass(frozen=True, slots=True)
class AgeGradeTable:
    """One road table: distances (m, ascending), open-class seconds and factors by age."""

    edition: Edition
    sex: Literal["F", "M"]
    distances_m: tuple[float, ...]
    open_class_s: tuple[float, ...]
    factors: dict[int, tuple[float, ...]]

    @property
    def ages(self) -> tuple[int, int]:
        """The youngest and oldest age in the table."""
        return min(self.factors), max(self.factors)


def _parse_table(text: str, edition: Edition, sex: Literal["F", "M"]) -> AgeGradeTable:
    rows = list(csv.reader(text.splitlines()))
    labelled = {r[0].strip(): r for r in rows if r and r[0].strip() in ("Distance", "OC sec")}
    # The 2025 women's sheet repeats its first column ("Age,Age,...").
    skip = 2 if len(labelled["Distance"]) > 1 and labelled["Distance"][1] == "Distance" else 1

    def numbers(row: list[str]) -> list[float]:
        return [float(x) for x in row[skip:] if x.strip()]

    distances = [km * 1000.0 for km in numbers(labelled["Distance"])]
    open_class = numbers(labelled["OC sec"])
    factors: dict[int, tuple[float, ...]] = {}
    for row in rows:
        if row and row[0].strip().isdigit():
            values = numbers(row)
            if len(values) == len(distances):
                factors[int(row[0])] = tuple(values)
    if not factors or len(open_class) != len(distances):
        raise ValueError(f"age-grading table {edition} {sex} is malformed")
    order = sorted(range(len(distances)), key=distances.__getitem__)
    return AgeGradeTable(
        edition=edition,
        sex=sex,
        distances_m=tuple(distances[i] for i in order),
        open_class_s=tuple(open_class[i] for i in order),
        factors={age: tuple(f[i] for i in order) for age, f in factors.items()},
    )


@cache
def age_grade_table(edition: Edition, sex: Sex) -> AgeGradeTable:
    """The road table of ``edition`` for ``sex`` (non-binary: the women's table), read once."""
    from importlib import resources

    table_sex: Literal["F", "M"] = "M" if sex == "M" else "F"
    if edition not in AGE_GRADE_EDITIONS:
        raise InputError(f"age-grading edition {edition} is not one of 2020 or 2025.")
    name = _TABLE_FILES[(edition, table_sex)]
    text = (
        resources.files("runcoach")
        .joinpath("data", "age_grading", name)
        .read_text(encoding="utf-8-sig")
    )
    return _parse_table(text, edition, table_sex)


def _interpolate(table: AgeGradeTable, values: tuple[float, ...], distance_m: float) -> float:
    """Linear interpolation in log distance between the two nearest table distances.

    Source: the 2025 tables' own method for distances between their anchors (COACHING.md §4.2).
    """
    d = table.distances_m
    for i, metres in enumerate(d):
        if abs(metres - distance_m) <= 0.5:
            return values[i]
    for i in range(len(d) - 1):
        if d[i] < distance_m < d[i + 1]:
            u = (math.log(distance_m) - math.log(d[i])) / (math.log(d[i + 1]) - math.log(d[i]))
            return values[i] * (1 - u) + values[i + 1] * u
    raise InputError(
        f"distance {distance_m / 1000:g} km is outside the age-grading tables "
        f"({d[0] / 1000:g}–{d[-1] / 1000:g} km)."
    )


def _interpolate_open_class(table: AgeGradeTable, distance_m: float) -> float:
    # Open-class times grow almost as a power of distance: interpolate log time in log distance.
    logs = tuple(math.log(s) for s in table.open_class_s)
    return math.exp(_interpolate(table, logs, distance_m))


@dataclass(frozen=True, slots=True)
class AgeGrade:
    """An age-graded result. Times in seconds; ``percent`` is the age grade in %."""

    percent: float
    level: str
    factor: float
    open_class_s: float
    age_standard_s: float
    age_graded_time_s: float
    edition: Edition
    age: int
    sex: Sex


def age_grade_level(percent: float) -> str:
    """The level name for an age grade: ≥ 60 % local, 70 % regional, 80 % national, 90 % world
    class, 100 % world record level; below 60 % recreational.

    Source: Runalyze/age-grade ``src/Level.php`` limits 0.6/0.7/0.8/0.9/1.0 (COACHING.md §4.1).
    """
    for limit, name in AGE_GRADE_LEVELS:
        if percent >= limit:
            return name
    return AGE_GRADE_LEVELS[-1][1]


def age_factor(distance_m: float, age: int, sex: Sex, edition: Edition = 2025) -> float:
    """The WMA/USATF road age factor (1.0 at peak ages) for a distance in metres, age and sex."""
    table = age_grade_table(edition, sex)
    youngest, oldest = table.ages
    if not youngest <= age <= oldest:
        raise InputError(f"age {age} is outside the age-grading tables ({youngest}–{oldest}).")
    return _interpolate(table, table.factors[age], distance_m)


def age_grade(
    distance_m: float, time_s: float, age: int, sex: Sex, edition: Edition = 2025
) -> AgeGrade:
    """Age grade of a road result: 100 · OC / (time · factor).

    ``age`` is the age on the day of the race; non-binary runners are graded on the women's
    table. Source: WMA/USATF road tables 2020 and 2025 (AlanLyttonJones/Age-Grade-Tables, CC0);
    COACHING.md §4.1.
    """
    if not math.isfinite(time_s) or time_s <= 0:
        raise InputError(f"time {time_s:g} s must be positive.")
    table = age_grade_table(edition, sex)
    factor = age_factor(distance_m, age, sex, edition)
    open_class = _interpolate_open_class(table, distance_m)
    percent = 100.0 * open_class / (time_s * factor)
    if percent > 115.0:
        raise InputError(
            f"{distance_m / 1000:g} km in {format_duration(time_s)} would be far faster than the "
            "age-group world record; check the time."
        )
    return AgeGrade(
        percent=percent,
        level=age_grade_level(percent),
        factor=factor,
        open_class_s=open_class,
        age_standard_s=open_class / factor,
        age_graded_time_s=time_s * factor,
        edition=edition,
        age=age,
        sex=sex,
    )
