"""Batches: many pairs checked in one run (`taiyaku batch`).

`manifest` turns a TSV manifest or a folder into the list of pairs, `run` checks them in a
process pool, writes each pair's JSON report and OUTDIR/summary.json, and skips the pairs whose
report is newer than their inputs on a rerun.
"""

from __future__ import annotations

from .manifest import ManifestError, Pair, pairs_of

__all__ = ["ManifestError", "Pair", "pairs_of"]
