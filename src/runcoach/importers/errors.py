"""Errors of the importers: one sentence that names the file and says why it was not imported."""

from __future__ import annotations

from runcoach.errors import OperationError


class FileImportError(OperationError):
    """A file could not be imported (unreadable, corrupt, hostile, too large, unknown format)."""


class NotAnActivityError(FileImportError):
    """A valid file that holds no recorded activity (a route, a workout, monitoring data...)."""
