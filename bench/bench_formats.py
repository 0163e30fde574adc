#!/usr/bin/env python3
"""Benchmark `taiyaku check JA EN --format json` on every input format, as whole processes.

Each run is a fresh process (start-up and the reader's imports included); the wall time and
the peak RSS come from os.wait4, as in bench_check.py. Measured, with their targets:

- the 2003 corpus as text (the reference), and rendered as DOCX, XLSX, HTML (tests/fixtures/
  office/corpus, tests/fixtures/html/corpus) and PDF, ruled and unruled (tests/fixtures/
  corpus-pdf): DOCX, XLSX and HTML each in <= 1 s;
- made-up 決算短信 pairs of 20 and 100 pages per language, generated as PDFs with reportlab
  (tests/fixtures/pdf/make_pdfs.py, long_tanshin): <= 2 s and <= 8 s;
- a 300-page pair: peak RSS <= 500 MB.

    python bench/bench_formats.py [--runs 5] [--json] [--no-long]

Needs reportlab (the test extra) for the generated PDFs. Timing is never asserted in tests.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import REPO, Run, child_env, measure  # noqa: E402

FIX = REPO / "tests" / "fixtures"
C = "iij-2003-05-fy2002q4"

# name, Japanese, English, target seconds (None: reference), target MB
PAIRS: list[tuple[str, Path, Path | None, float | None]] = [
    ("text (reference)", REPO / "corpora" / f"{C}.ja-en.txt", None, None),
    ("docx", FIX / "office" / "corpus" / f"{C}.ja.docx", FIX / "office" / "corpus" / f"{C}.en.docx", 1.0),
    ("xlsx", FIX / "office" / "corpus" / f"{C}.ja.xlsx", FIX / "office" / "corpus" / f"{C}.en.xlsx", 1.0),
    ("html", FIX / "html" / "corpus" / f"{C}.ja.html", FIX / "html" / "corpus" / f"{C}.en.html", 1.0),
    ("pdf ruled", FIX / "corpus-pdf" / f"{C}.ja.ruled.pdf", FIX / "corpus-pdf" / f"{C}.en.ruled.pdf", None),
    ("pdf unruled", FIX / "corpus-pdf" / f"{C}.ja.unruled.pdf", FIX / "corpus-pdf" / f"{C}.en.unruled.pdf", None),
]
LONG = ((20, 2.0, None), (100, 8.0, None), (300, None, 500.0))


def _argv(ja: Path, en: Path | None) -> list[str]:
    return [sys.executable, "-m", "taiyaku", "check", str(ja), *([str(en)] if en else []), "--format", "json"]


def _row(name: str, runs: list[Run], pages: int | None, target_s: float | None, target_mb: float | None) -> dict:
    good = [r for r in runs if r.ok]
    median = statistics.median(r.seconds for r in good) if good else None
    rss = max(r.max_rss_kib for r in good) * 1024 / 1e6 if good else None
    return {
        "name": name, "pages": pages, "runs": len(runs), "median_s": median, "peak_rss_mb": rss,
        "target_s": target_s, "target_mb": target_mb,
        "meets": (target_s is None or (median is not None and median <= target_s))
        and (target_mb is None or (rss is not None and rss <= target_mb)),
        "problems": sorted({r.problem for r in runs if r.problem}),
    }  # fmt: skip


def _make_pdfs():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_pdfs", FIX / "pdf" / "make_pdfs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_pdfs"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-long", action="store_true", help="skip the generated 20/100/300-page PDFs")
    args = parser.parse_args(argv)
    env = child_env()
    rows = []
    for name, ja, en, target in PAIRS:
        if not ja.is_file():
            continue
        rows.append(_row(name, [measure(_argv(ja, en), env) for _ in range(args.runs)], None, target, None))
    if not args.no_long:
        make = _make_pdfs()
        with tempfile.TemporaryDirectory(prefix="taiyaku-bench-") as tmp:
            for pages, target_s, target_mb in LONG:
                paths = []
                for lang in ("ja", "en"):
                    path = Path(tmp) / f"{lang}-{pages}.pdf"
                    make.write_pdf(make.long_tanshin(lang, pages), path)
                    paths.append(path)
                runs = 1 if pages >= 300 else args.runs
                rows.append(_row(f"pdf {pages} pages x2", [measure(_argv(*paths), env) for _ in range(runs)],
                                 pages, target_s, target_mb))  # fmt: skip
    if args.json:
        json.dump(rows, sys.stdout, indent=2)
        print()
    else:
        print(f"taiyaku check JA EN --format json, whole process, median of {args.runs} runs")
        print(f"{'input':<24} {'median s':>9} {'RSS MB':>7}  target")
        for r in rows:
            target = " / ".join(t for t in (f"{r['target_s']} s" if r["target_s"] else "",
                                            f"{r['target_mb']:.0f} MB" if r["target_mb"] else "") if t)  # fmt: skip
            verdict = ("ok" if r["meets"] else "OVER") if target else ""
            median = "-" if r["median_s"] is None else f"{r['median_s']:.3f}"
            rss = "-" if r["peak_rss_mb"] is None else f"{r['peak_rss_mb']:.1f}"
            print(f"{r['name']:<24} {median:>9} {rss:>7}  {target} {verdict}".rstrip())
            for p in r["problems"]:
                print(f"    failed: {p}")
    return 1 if any(r["problems"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
