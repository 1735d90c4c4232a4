"""Errors raised by adapters and services (the domain's own are in ``domain.errors``)."""

from __future__ import annotations


class OperationError(RuntimeError):
    """An operation failed for a reason the user can act on (missing plan, unreadable file...).

    The message is one sentence naming what failed and why; the CLI prints it without a traceback.
    """
