"""Shared fixtures: an isolated runcoach home, the database backends, and the installed CLI.

Every test that touches the store (directly or through the CLI) runs once per backend: SQLite
always, and PostgreSQL when ``RUNCOACH_TEST_DATABASE_URL`` is set (CI sets it to the local server).
Each PostgreSQL test gets its own schema, dropped afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

PG_URL = os.environ.get("RUNCOACH_TEST_DATABASE_URL", "")
BACKENDS = ["sqlite", *(["postgresql"] if PG_URL else [])]
DATA = Path(__file__).parent / "data"


@pytest.fixture
def runcoach_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh RUNCOACH_HOME for in-process code (data, config and the SQLite file live here)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("RUNCOACH_HOME", str(home))
    monkeypatch.delenv("RUNCOACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("RUNCOACH_UNITS", raising=False)
    return home


def _pg_schema_url(schema: str) -> str:
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL for an empty database on each backend under test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _pg_schema_url(schema)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def runcoach_executable() -> str:
    """The installed ``runcoach`` console script of the interpreter running the tests."""
    candidate = Path(sys.executable).parent / "runcoach"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("runcoach")
    if found is None:
        raise RuntimeError("the runcoach command is not installed; run `pip install -e .` first")
    return found


CliRunner = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture
def cli(tmp_path: Path, database_url: str) -> CliRunner:
    """Run the installed ``runcoach`` command in an isolated home on the backend under test.

    ``cli("paces", "--race", "10k=45:00")`` returns the CompletedProcess (text mode); pass
    ``expect=None`` to accept any exit code, or an int to require it (default 0).
    """
    home = tmp_path / "cli-home"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUNCOACH_")}
    env.update(
        RUNCOACH_HOME=str(home),
        RUNCOACH_DATABASE_URL=database_url,
        NO_COLOR="1",
        COLUMNS="120",
        TERM="dumb",
    )

    def run(
        *args: str,
        expect: int | None = 0,
        input: str | None = None,
        extra_env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [runcoach_executable(), *args],
            capture_output=True,
            text=True,
            env={**env, **(extra_env or {})},
            input=input,
            timeout=300,
            check=False,
        )
        if expect is not None and proc.returncode != expect:
            raise AssertionError(
                f"runcoach {' '.join(args)} exited {proc.returncode} (expected {expect})\n"
                f"--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}"
            )
        return proc

    return run
