"""Settings: where runcoach keeps its data, which database it uses, and display preferences.

Resolution order: environment variables, then the config file, then defaults.

- ``RUNCOACH_HOME``: one folder for both data and config (used by tests and portable installs);
  otherwise the platform's user data and config directories (platformdirs).
- ``RUNCOACH_DATABASE_URL``: any SQLAlchemy URL; default SQLite ``runcoach.db`` in the data folder.
- ``RUNCOACH_UNITS``: ``km`` or ``mi``; otherwise ``units`` in ``config.toml``; default ``km``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from runcoach.domain.errors import InputError
from runcoach.domain.units import Units, parse_units


@dataclass(frozen=True, slots=True)
class Settings:
    """Resolved settings for one run of runcoach."""

    data_dir: Path
    config_file: Path
    database_url: str
    units: Units

    @property
    def is_default_database(self) -> bool:
        """True when the embedded SQLite default is in use."""
        return "RUNCOACH_DATABASE_URL" not in os.environ


def _dirs() -> tuple[Path, Path]:
    home = os.environ.get("RUNCOACH_HOME")
    if home:
        base = Path(home).expanduser()
        return base, base / "config.toml"
    import platformdirs

    data = Path(platformdirs.user_data_dir("runcoach", appauthor=False))
    config = Path(platformdirs.user_config_dir("runcoach", appauthor=False)) / "config.toml"
    return data, config


def read_config_file(path: Path) -> dict[str, object]:
    """Read ``config.toml``; a missing file is an empty config, a broken one a clear error."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        return {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(
            f"config file {path} is not valid TOML ({exc}); fix or delete it."
        ) from exc


def load_settings() -> Settings:
    """Resolve the settings from the environment and the config file."""
    data_dir, config_file = _dirs()
    config = read_config_file(config_file)
    url = os.environ.get("RUNCOACH_DATABASE_URL") or f"sqlite:///{data_dir / 'runcoach.db'}"
    units_text = os.environ.get("RUNCOACH_UNITS") or str(config.get("units", "km"))
    units = parse_units(units_text, what="configured units")
    return Settings(data_dir=data_dir, config_file=config_file, database_url=url, units=units)


def resolve_units(flag: str | None) -> Units:
    """The units to display: the ``--units`` flag if given, else the configured default."""
    if flag is not None:
        return parse_units(flag)
    return load_settings().units


def write_config_value(key: str, value: str) -> Path:
    """Set one string ``key`` in ``config.toml`` (creating it), keeping the other keys."""
    settings = load_settings()
    config = read_config_file(settings.config_file)
    config[key] = value
    settings.config_file.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{k} = {_toml_value(v)}" for k, v in sorted(config.items())]
    tmp = settings.config_file.with_suffix(".toml.tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(settings.config_file)
    return settings.config_file


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'
