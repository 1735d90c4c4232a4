"""Errors the domain raises for bad input."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input from the user or a file.

    The message is one sentence that names the input (flag, field, file or value) and the reason,
    so that adapters can show it as is, without a traceback.
    """
