"""The reports on the four corpora, pinned: any change to a finding shows as a diff here.

After a deliberate change, rewrite them with `python tests/golden/update.py` and review the
diff of the golden files like code.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location("golden_update", Path(__file__).parent / "golden" / "update.py")
assert _SPEC is not None and _SPEC.loader is not None
golden = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(golden)

CASES = [(name, fmt) for name in golden.corpus_names() for fmt in golden.FORMATS]


def test_every_corpus_has_golden_reports():
    assert len(golden.corpus_names()) == 4
    for name, fmt in CASES:
        assert golden.golden_path(name, fmt).is_file(), f"no golden {fmt} report for {name}"


@pytest.mark.parametrize("name, fmt", CASES, ids=[f"{n}-{f}" for n, f in CASES])
def test_report_matches_golden(name, fmt):
    expected = golden.golden_path(name, fmt).read_text(encoding="utf-8")
    got = golden.render(name, fmt)
    if got != expected:
        diff = [f"line {i}: golden {a!r} / now {b!r}" for i, (a, b) in
                enumerate(zip(expected.splitlines(), got.splitlines()), 1) if a != b][:5]  # fmt: skip
        pytest.fail(f"{name} ({fmt}) differs from tests/golden; first differences: {diff or 'length'}")
