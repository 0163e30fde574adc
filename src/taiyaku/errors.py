"""Exceptions shared across taiyaku."""

from __future__ import annotations


class InputError(Exception):
    """An input that cannot be checked; str(e) is a one-line, user-facing reason (no traceback)."""
