"""docs/cli.md is generated from the code and must be current."""

from __future__ import annotations

from pathlib import Path

from runcoach.cli.reference import render_reference

DOC = Path(__file__).resolve().parents[3] / "docs" / "cli.md"


def test_cli_reference_is_current() -> None:
    expected = render_reference()
    assert DOC.read_text(encoding="utf-8") == expected, (
        "docs/cli.md is stale: run `python -m runcoach.cli.reference > docs/cli.md`"
    )


def test_reference_documents_every_command() -> None:
    text = render_reference()
    assert "### `runcoach paces`" in text
    assert "`--race`" in text
