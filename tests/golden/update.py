#!/usr/bin/env python3
"""Write the golden reports: `taiyaku check` on each corpus document, as text and as JSON.

    python tests/golden/update.py

Run it from anywhere; it checks corpora/*.txt from the repository root (paths in the reports
are relative to it) and rewrites tests/golden/<name>.txt and <name>.json. Review the diff of a
golden file like code: every changed line is a changed finding.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent
FORMATS = ("text", "json")


def render(name: str, fmt: str) -> str:
    """The report of corpora/<name> in `fmt`, as `taiyaku check corpora/<name> --format fmt` prints it."""
    from taiyaku import api
    from taiyaku.report.registry import get_reporter

    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        report = api.check(f"corpora/{name}")
    finally:
        os.chdir(cwd)
    out = io.StringIO()
    get_reporter(fmt).write(report, out, False)
    return out.getvalue()


def golden_path(name: str, fmt: str) -> Path:
    return GOLDEN / f"{Path(name).stem}.{'txt' if fmt == 'text' else 'json'}"


def corpus_names() -> list[str]:
    return sorted(p.name for p in (REPO / "corpora").glob("*.txt"))


def main() -> None:
    sys.path.insert(0, str(REPO / "src"))
    for name in corpus_names():
        for fmt in FORMATS:
            path = golden_path(name, fmt)
            path.write_text(render(name, fmt), encoding="utf-8")
            print(path.relative_to(REPO))


if __name__ == "__main__":
    main()
