"""runcoach: a local-first running coach built on the principle of progression.

The public Python API is re-exported here lazily, so that ``import runcoach`` stays light
(heavy libraries load only when a function that needs them is called).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> module that defines it (relative to the package)
_EXPORTS: dict[str, str] = {
    "InputError": "runcoach.domain.errors",
    "parse_distance": "runcoach.domain.units",
    "parse_duration": "runcoach.domain.units",
    "parse_pace": "runcoach.domain.units",
    "parse_race": "runcoach.domain.units",
    "format_duration": "runcoach.domain.units",
    "format_pace": "runcoach.domain.units",
    "format_distance": "runcoach.domain.units",
    "vdot_from_race": "runcoach.domain.vdot",
    "equivalent_time": "runcoach.domain.vdot",
    "training_paces": "runcoach.domain.vdot",
    "TrainingPaces": "runcoach.domain.vdot",
    "time_off_factor": "runcoach.domain.vdot",
    "Prediction": "runcoach.domain.prediction",
    "predict_time": "runcoach.domain.prediction",
    "riegel": "runcoach.domain.prediction",
    "cameron": "runcoach.domain.prediction",
    "tanda_marathon": "runcoach.domain.prediction",
    "age_grade": "runcoach.domain.standards",
    "AgeGrade": "runcoach.domain.standards",
    "bq_standard_s": "runcoach.domain.standards",
    "bq_target": "runcoach.domain.standards",
    "BQTarget": "runcoach.domain.standards",
    "assess_goal": "runcoach.domain.goal",
    "GoalAssessment": "runcoach.domain.goal",
    "project_times": "runcoach.domain.goal",
    "pacing_table": "runcoach.domain.racing",
    "fuelling": "runcoach.domain.racing",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from runcoach.domain.errors import InputError
    from runcoach.domain.goal import GoalAssessment, assess_goal, project_times
    from runcoach.domain.prediction import Prediction, cameron, predict_time, riegel, tanda_marathon
    from runcoach.domain.racing import fuelling, pacing_table
    from runcoach.domain.standards import AgeGrade, BQTarget, age_grade, bq_standard_s, bq_target
    from runcoach.domain.units import (
        format_distance,
        format_duration,
        format_pace,
        parse_distance,
        parse_duration,
        parse_pace,
        parse_race,
    )
    from runcoach.domain.vdot import (
        TrainingPaces,
        equivalent_time,
        time_off_factor,
        training_paces,
        vdot_from_race,
    )

__all__ = [
    "AgeGrade",
    "BQTarget",
    "GoalAssessment",
    "InputError",
    "Prediction",
    "TrainingPaces",
    "__version__",
    "age_grade",
    "assess_goal",
    "bq_standard_s",
    "bq_target",
    "cameron",
    "equivalent_time",
    "format_distance",
    "format_duration",
    "format_pace",
    "fuelling",
    "pacing_table",
    "parse_distance",
    "parse_duration",
    "parse_pace",
    "parse_race",
    "predict_time",
    "project_times",
    "riegel",
    "tanda_marathon",
    "time_off_factor",
    "training_paces",
    "vdot_from_race",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'runcoach' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
