"""The pure domain core: standard library and numpy only, no I/O, no clock, no logging.

Everything here works in SI units (metres, seconds); the user's units appear only when values are
parsed or formatted (see :mod:`runcoach.domain.units`).
"""
