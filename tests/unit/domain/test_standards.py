"""Boston qualifying (COACHING §3) and WMA/USATF age grading (COACHING §4): oracle tables."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from runcoach.domain.errors import InputError
from runcoach.domain.standards import (
    age_factor,
    age_grade,
    age_grade_level,
    age_grade_table,
    age_on,
    age_range_on,
    boston_edition_for_qualifier,
    bq_age_group,
    bq_standard_s,
    bq_target,
    mean_recent_cutoff_s,
    meets_standard,
    net_downhill_allowance_s,
    patriots_day,
    qualifying_time_s,
    recommended_buffer_s,
)
from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M, parse_duration

# --- §3.1 BQ table: 2026 = 2027 standards, age on race day; non-binary uses women's ------------------

BQ_TABLE = [
    ("18–34", 18, 34, "2:55:00", "3:25:00"),
    ("35–39", 35, 39, "3:00:00", "3:30:00"),
    ("40–44", 40, 44, "3:05:00", "3:35:00"),
    ("45–49", 45, 49, "3:15:00", "3:45:00"),
    ("50–54", 50, 54, "3:20:00", "3:50:00"),
    ("55–59", 55, 59, "3:30:00", "4:00:00"),
    ("60–64", 60, 64, "3:50:00", "4:20:00"),
    ("65–69", 65, 69, "4:05:00", "4:35:00"),
    ("70–74", 70, 74, "4:20:00", "4:50:00"),
    ("75–79", 75, 79, "4:35:00", "5:05:00"),
    ("80+", 80, 99, "4:50:00", "5:20:00"),
]


@pytest.mark.parametrize(("group", "low", "high", "men", "women"), BQ_TABLE)
def test_bq_table(group: str, low: int, high: int, men: str, women: str) -> None:
    for age in (low, high):
        assert bq_age_group(age) == group
        assert bq_standard_s(age, "M") == parse_duration(men)
        assert bq_standard_s(age, "F") == parse_duration(women)
        assert bq_standard_s(age, "X") == parse_duration(women)


def test_bq_oracle_3_2() -> None:
    # A 41-year-old man (age on race day 2027) needs ≤ 3:05:00 net to apply; with a 2026-sized
    # cutoff (4:34) ≤ 3:00:26; on a 2,000-ft net-downhill course his 3:04:00 counts as 3:09:00
    # and does not qualify.
    target = bq_target(41, "M", edition_year=2027)
    assert target.standard_s == parse_duration("3:05:00")
    assert target.last_cutoff_year == 2026
    assert target.last_cutoff_s == parse_duration("4:34")
    assert target.with_last_cutoff_s == parse_duration("3:00:26")
    assert qualifying_time_s(parse_duration("3:04:00"), 2000, 2027) == parse_duration("3:09:00")
    assert not meets_standard(parse_duration("3:04:00"), 41, "M", net_downhill_ft=2000)
    assert meets_standard(parse_duration("3:04:00"), 41, "M", net_downhill_ft=0)
    downhill = bq_target(41, "M", edition_year=2027, net_downhill_ft=2000)
    assert downhill.required_s == parse_duration("3:00:00")


@pytest.mark.parametrize(
    ("feet", "year", "seconds"),
    [
        (0, 2027, 0),
        (1499, 2027, 0),
        (1500, 2027, 300),
        (2999, 2027, 300),
        (3000, 2027, 600),
        (6000, 2027, 600),
        (2000, 2026, 0),
        (4000, 2028, 600),
    ],
)
def test_net_downhill_allowance(feet: float, year: int, seconds: int) -> None:
    assert net_downhill_allowance_s(feet, year) == seconds


@pytest.mark.parametrize(("feet", "fragment"), [(-1, "zero or more"), (6500, "above the 6,000 ft")])
def test_net_downhill_bad_input(feet: float, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        net_downhill_allowance_s(feet, 2027)


def test_cutoffs_and_buffer() -> None:
    # Mean cutoff 2024–2026 = 5:38 (COACHING §3.2); buffer covers the largest (6:51) -> 7:00.
    assert round(mean_recent_cutoff_s()) == 5 * 60 + 38
    assert recommended_buffer_s() == 7 * 60
    assert bq_target(30, "F").recommended_s == parse_duration("3:18:00")


@pytest.mark.parametrize(
    ("race_date", "year"),
    [
        (date(2024, 9, 1), 2026),
        (date(2025, 9, 12), 2026),
        (date(2025, 9, 13), 2027),
        (date(2026, 4, 1), 2027),
        (date(2026, 10, 1), 2028),
    ],
)
def test_qualifier_counts_for_the_right_boston(race_date: date, year: int) -> None:
    edition = boston_edition_for_qualifier(race_date)
    assert edition.year == year
    assert edition.published == (year in (2026, 2027))


def test_boston_race_days() -> None:
    assert patriots_day(2026) == date(2026, 4, 20)
    assert patriots_day(2027) == date(2027, 4, 19)
    assert boston_edition_for_qualifier(date(2025, 1, 1)).race_day == date(2026, 4, 20)


def test_bq_bad_input() -> None:
    with pytest.raises(InputError, match="below 18"):
        bq_standard_s(17, "M")
    with pytest.raises(InputError, match="before the 2026 qualifying window"):
        boston_edition_for_qualifier(date(2024, 1, 1))


def test_age_on_race_day() -> None:
    assert age_on(date(2027, 4, 19), date(1985, 4, 20)) == 41
    assert age_on(date(2027, 4, 19), date(1985, 4, 19)) == 42
    assert age_range_on(date(2027, 4, 19), 41, date(2026, 1, 10)) == (42, 43)
    assert age_range_on(date(2026, 1, 10), 41, date(2026, 1, 10)) == (41, 41)


@settings(deadline=None)  # no timing asserts: the machine may be busy
@given(st.integers(18, 100), st.integers(18, 100))
def test_older_never_needs_a_faster_standard(a: int, b: int) -> None:
    young, old = sorted((a, b))
    for sex in ("M", "F", "X"):
        assert bq_standard_s(old, sex) >= bq_standard_s(young, sex)  # type: ignore[arg-type]
    assert bq_standard_s(a, "F") - bq_standard_s(a, "M") == 30 * 60


# --- §4.3 open-class standards and §4.4 age factors (exact table values) -------------------------

OC = [
    ("M", 2020, (771, 1584, 3481, 7299)),
    ("M", 2025, (769, 1584, 3451, 7235)),
    ("F", 2020, (884, 1783, 3871, 8044)),
    ("F", 2025, (834, 1726, 3772, 7796)),
]
DISTANCES = (5000.0, 10000.0, HALF_MARATHON_M, MARATHON_M)


@pytest.mark.parametrize(("sex", "edition", "seconds"), OC)
def test_open_class_standards_4_3(sex: str, edition: int, seconds: tuple[int, ...]) -> None:
    table = age_grade_table(edition, sex)  # type: ignore[arg-type]
    for metres, oc in zip(DISTANCES, seconds, strict=True):
        index = next(i for i, d in enumerate(table.distances_m) if abs(d - metres) < 1)
        assert table.open_class_s[index] == pytest.approx(oc, abs=0.5)


MEN_FACTORS = {
    # age: (5K, 10K, half, marathon) for 2020 and 2025
    30: ((0.9999, 1.0000, 1.0000, 1.0000), (0.9999, 1.0000, 1.0000, 1.0000)),
    35: ((0.9841, 0.9909, 0.9945, 0.9945), (0.9824, 0.9909, 0.9928, 1.0000)),
    40: ((0.9496, 0.9636, 0.9696, 0.9696), (0.9475, 0.9636, 0.9638, 0.9783)),
    45: ((0.9146, 0.9261, 0.9311, 0.9311), (0.9125, 0.9261, 0.9249, 0.9373)),
    50: ((0.8796, 0.8886, 0.8922, 0.8922), (0.8775, 0.8886, 0.8860, 0.8963)),
    55: ((0.8446, 0.8511, 0.8533, 0.8533), (0.8425, 0.8511, 0.8471, 0.8553)),
    60: ((0.8096, 0.8136, 0.8144, 0.8144), (0.8075, 0.8136, 0.8082, 0.8143)),
    65: ((0.7746, 0.7761, 0.7755, 0.7755), (0.7725, 0.7761, 0.7693, 0.7733)),
    70: ((0.7369, 0.7386, 0.7366, 0.7366), (0.7353, 0.7386, 0.7304, 0.7323)),
    75: ((0.6856, 0.6928, 0.6892, 0.6893), (0.6847, 0.6928, 0.6830, 0.6857)),
    80: ((0.6194, 0.6301, 0.6247, 0.6245), (0.6191, 0.6301, 0.6185, 0.6219)),
}
WOMEN_FACTORS = {
    30: ((1.0000, 0.9980, 0.9997, 1.0000), (0.9959, 0.9980, 0.9979, 0.9983)),
    35: ((0.9935, 0.9857, 0.9904, 0.9961), (0.9793, 0.9857, 0.9849, 0.9879)),
    40: ((0.9734, 0.9623, 0.9679, 0.9762), (0.9499, 0.9623, 0.9601, 0.9680)),
    45: ((0.9398, 0.9278, 0.9321, 0.9395), (0.9078, 0.9278, 0.9234, 0.9386)),
    50: ((0.8937, 0.8822, 0.8835, 0.8872), (0.8592, 0.8822, 0.8753, 0.8998)),
    55: ((0.8451, 0.8325, 0.8315, 0.8319), (0.8107, 0.8325, 0.8235, 0.8515)),
    60: ((0.7966, 0.7828, 0.7795, 0.7766), (0.7621, 0.7828, 0.7718, 0.7965)),
    65: ((0.7480, 0.7331, 0.7275, 0.7213), (0.7136, 0.7331, 0.7200, 0.7412)),
    70: ((0.6995, 0.6834, 0.6755, 0.6660), (0.6650, 0.6834, 0.6683, 0.6859)),
    75: ((0.6509, 0.6337, 0.6235, 0.6103), (0.6165, 0.6337, 0.6165, 0.6290)),
    80: ((0.6013, 0.5745, 0.5648, 0.5410), (0.5640, 0.5745, 0.5554, 0.5557)),
}


@pytest.mark.parametrize(
    ("sex", "age", "edition", "factors"),
    [
        (sex, age, edition, pair[i])
        for sex, table in (("M", MEN_FACTORS), ("F", WOMEN_FACTORS))
        for age, pair in table.items()
        for i, edition in enumerate((2020, 2025))
    ],
)
def test_age_factors_4_4(sex: str, age: int, edition: int, factors: tuple[float, ...]) -> None:
    for metres, expected in zip(DISTANCES, factors, strict=True):
        assert age_factor(metres, age, sex, edition) == pytest.approx(expected, abs=5e-5)  # type: ignore[arg-type]


# --- Oracle table E: age-graded results (±0.01 %) -----------------------------------------------------

TABLE_E = [
    (2025, "M", 50, MARATHON_M, "3:20:00", 8072.1, 67.27),
    (2020, "M", 50, MARATHON_M, "3:20:00", 8180.9, 68.17),
    (2025, "F", 45, 5000.0, "25:00", 918.7, 61.25),
    (2020, "F", 45, 5000.0, "25:00", 940.6, 62.71),
    (2025, "M", 60, 10000.0, "45:00", 1946.9, 72.11),
    (2020, "M", 60, 10000.0, "45:00", 1946.9, 72.11),
    (2025, "F", 55, HALF_MARATHON_M, "1:55:00", 4580.4, 66.38),
    (2020, "F", 55, HALF_MARATHON_M, "1:55:00", 4655.4, 67.47),
    (2025, "M", 40, HALF_MARATHON_M, "1:30:00", 3580.6, 66.31),
    (2025, "F", 70, MARATHON_M, "4:30:00", 11366.1, 70.16),
]


@pytest.mark.parametrize(
    ("edition", "sex", "age", "distance_m", "time", "standard_s", "percent"), TABLE_E
)
def test_oracle_table_e_age_grades(
    edition: int,
    sex: str,
    age: int,
    distance_m: float,
    time: str,
    standard_s: float,
    percent: float,
) -> None:
    grade = age_grade(distance_m, parse_duration(time), age, sex, edition)  # type: ignore[arg-type]
    assert grade.percent == pytest.approx(percent, abs=0.01)
    assert grade.age_standard_s == pytest.approx(standard_s, abs=0.1)


def test_non_binary_is_graded_on_the_womens_table() -> None:
    x = age_grade(5000.0, 1500.0, 45, "X")
    f = age_grade(5000.0, 1500.0, 45, "F")
    assert x.percent == f.percent


@pytest.mark.parametrize(
    ("percent", "level"),
    [
        (59.99, "recreational"),
        (60.0, "local class"),
        (70.0, "regional class"),
        (80.0, "national class"),
        (90.0, "world class"),
        (100.0, "world record level"),
    ],
)
def test_age_grade_levels(percent: float, level: str) -> None:
    assert age_grade_level(percent) == level


def test_distances_between_table_columns_are_interpolated() -> None:
    # 16 km lies between 15 km and 10 miles: its factor and grade lie between theirs.
    f15, f16, f10mi = (age_factor(d, 45, "M") for d in (15000.0, 16000.0, 16093.44))
    assert min(f15, f10mi) <= f16 <= max(f15, f10mi)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ((5000.0, 1500.0, 3, "M"), "outside the age-grading tables"),
        ((500.0, 60.0, 40, "M"), "outside the age-grading tables"),
        ((5000.0, 400.0, 40, "M"), "world record"),
    ],
)
def test_age_grade_bad_input(args: tuple[float, float, int, str], fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        age_grade(*args)  # type: ignore[arg-type]


@settings(deadline=None)  # no timing asserts: the machine may be busy
@given(st.integers(20, 90), st.floats(900, 3000), st.sampled_from(["M", "F"]))
def test_faster_time_means_higher_grade(age: int, seconds: float, sex: str) -> None:
    # Only times slower than the age-group world record are valid inputs.
    assume(
        100 * age_grade_table(2025, sex).open_class_s[1]
        < 110 * seconds * age_factor(5000.0, age, sex)
    )  # type: ignore[arg-type]
    slow = age_grade(5000.0, seconds * 1.05, age, sex)  # type: ignore[arg-type]
    fast = age_grade(5000.0, seconds, age, sex)  # type: ignore[arg-type]
    assert fast.percent > slow.percent
