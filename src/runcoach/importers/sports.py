"""Sport names of the file formats mapped to runcoach's sports (runs count as running volume).

Source: FIT Profile ``sport`` and ``sub_sport`` enums; TCX ``Sport`` attribute (Running, Biking,
Other); GPX ``<type>`` free text (Garmin writes ``running``, Strava ``9`` for a run — seen in the
Strava bulk-export files the corpus holds, where the CSV lists those activities as Run);
Strava ``activities.csv`` "Activity Type" names.
"""

from __future__ import annotations

from runcoach.domain.activity import Sport

#: FIT sub sports that make a run a treadmill run or a trail run.
_FIT_TREADMILL = frozenset({"treadmill", "indoor_running", "virtual_activity"})
_FIT_TRAIL = frozenset({"trail"})

_FIT_SPORTS: dict[str, Sport] = {
    "running": "running",
    "walking": "walking",
    "hiking": "hiking",
    "cycling": "cycling",
    "e_biking": "cycling",
    "swimming": "swimming",
    "transition": "transition",
    "floor_climbing": "other",
}

_TEXT_SPORTS: dict[str, Sport] = {
    "run": "running",
    "running": "running",
    "jog": "running",
    "jogging": "running",
    "9": "running",
    "street_running": "running",
    "road_running": "running",
    "track_running": "running",
    "virtualrun": "treadmill",
    "virtual_run": "treadmill",
    "treadmill": "treadmill",
    "treadmill_running": "treadmill",
    "indoor_running": "treadmill",
    "trailrun": "trail_running",
    "trail_run": "trail_running",
    "trail_running": "trail_running",
    "trail": "trail_running",
    "walk": "walking",
    "walking": "walking",
    "hike": "hiking",
    "hiking": "hiking",
    "ride": "cycling",
    "biking": "cycling",
    "bike": "cycling",
    "cycling": "cycling",
    "virtualride": "cycling",
    "virtual_ride": "cycling",
    "ebikeride": "cycling",
    "e_bike_ride": "cycling",
    "mountainbikeride": "cycling",
    "gravelride": "cycling",
    "road_biking": "cycling",
    "mountain_biking": "cycling",
    "1": "cycling",
    "swim": "swimming",
    "swimming": "swimming",
    "open_water_swimming": "swimming",
    "lap_swimming": "swimming",
    "weighttraining": "strength",
    "weight_training": "strength",
    "strength": "strength",
    "strength_training": "strength",
    "transition": "transition",
    "workout": "other",
    "yoga": "other",
    "elliptical": "other",
    "rowing": "other",
    "crossfit": "strength",
    "other": "other",
}


def sport_from_fit(sport: object, sub_sport: object) -> Sport:
    """runcoach's sport for a FIT ``sport``/``sub_sport`` pair (enum names or numbers)."""
    name = sport if isinstance(sport, str) else ""
    sub = sub_sport if isinstance(sub_sport, str) else ""
    if name == "running":
        if sub in _FIT_TREADMILL:
            return "treadmill"
        if sub in _FIT_TRAIL:
            return "trail_running"
        return "running"
    if name == "fitness_equipment" and sub in _FIT_TREADMILL:
        return "treadmill"
    if name == "training" and sub == "strength_training":
        return "strength"
    return _FIT_SPORTS.get(name, "other")


def sport_from_text(text: str | None) -> Sport | None:
    """runcoach's sport for a sport name written in a GPX, TCX or Strava CSV file.

    Returns None when the text is empty or unknown, so the caller can keep a better guess.
    """
    if not text:
        return None
    key = text.strip().lower().replace(" ", "_").replace("-", "_")
    found = _TEXT_SPORTS.get(key)
    if found is None:
        found = _TEXT_SPORTS.get(key.replace("_", ""))
    return found
