"""The rules, one small class each with a stable code, grouped by what they look at.

Importing this package registers them all (checks.registry).
"""

from . import arithmetic, dates, labels, names, numeric, periods, polarity, prose, structure, terms  # noqa: F401

__all__ = ["arithmetic", "dates", "labels", "names", "numeric", "periods", "polarity", "prose", "structure", "terms"]
