#!/usr/bin/env python3
"""Benchmark how `taiyaku check` grows with its input: time and peak RSS by size.

Whole processes, measured as bench_check.py measures them (wall time to reaping, the
child's own peak RSS from wait4). Inputs, made in a temporary folder:

- the bilingual 2003 corpus (iij-2003-05-fy2002q4.ja-en.txt, 59 KB) with its Japanese
  part repeated k times followed by its English part repeated k times, for sizes of about
  1, 2, 4 and 8 MB (target: 8 MB in at most 10 times the time of 1 MB);
- one table row of 64,000 cells in each language (target: at most 2 s);
- with --big, a 100 MB document (target: read and checked, or refused with a clear size
  message above the documented limit, with peak RSS at most 500 MB).

Stdlib only; does not import taiyaku. Usage:

    python bench/bench_scale.py [--runs 3] [--big] [--row-only] [--json]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
_SPEC = importlib.util.spec_from_file_location("bench_check", HERE / "bench_check.py")
assert _SPEC is not None and _SPEC.loader is not None
bench_check = importlib.util.module_from_spec(_SPEC)
sys.modules["bench_check"] = bench_check
_SPEC.loader.exec_module(bench_check)

REPO = HERE.parent
SOURCE = REPO / "corpora" / bench_check.SCALE_SOURCE
SIZES_MB = (1, 2, 4, 8)
ROW_CELLS = 64_000


def scaled_to(mb: float) -> bytes:
    """The corpus repeated to about `mb` megabytes (Japanese part k times, then English)."""
    source = SOURCE.read_bytes()
    factor = max(1, round(mb * 1024 * 1024 / len(source)))
    return bench_check.build_scaled(source, factor)


def wide_row(cells: int = ROW_CELLS) -> tuple[bytes, bytes]:
    """A Japanese and an English table (two files) of one header row and one row of `cells` figures."""
    head = "\t".join(f"{2000 + i % 20}年3月期" for i in range(cells))
    head_en = "\t".join(f"Year ended March 31, {2000 + i % 20}" for i in range(cells))
    values = "\t".join(f"{100 + i * 7:,}" for i in range(cells))  # every figure distinct: no cache helps
    ja = f"株式会社サンプル\n業績の推移\n\n売上高の推移\n(単位：百万円)\n\t{head}\n売上高\t{values}\n\n"
    en = f"Sample Corporation\nSummary of Results\n\nRevenue\n(Millions of yen)\n\t{head_en}\nRevenue\t{values}\n"
    return ja.encode("utf-8"), en.encode("utf-8")


def run(path: Path, runs: int, env: dict[str, str], en: Path | None = None) -> dict[str, object]:
    argv = bench_check.check_argv([sys.executable, "-m", "taiyaku"], path)
    if en is not None:
        argv.insert(argv.index(str(path)) + 1, str(en))
    results = [bench_check.measure(argv, env) for _ in range(runs)]
    good = [r for r in results if r.ok]
    return {
        "bytes": path.stat().st_size + (en.stat().st_size if en is not None else 0),
        "median_s": round(statistics.median(r.seconds for r in good), 3) if good else None,
        "peak_rss_mb": round(max(r.max_rss_kib for r in results) / 1024, 1),
        "exit": sorted({r.exit_code for r in results}),
        "problem": next((r.problem for r in results if not r.ok), ""),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--big", action="store_true", help="also a 100 MB document (slow)")
    ap.add_argument("--row-only", action="store_true", help="only the row of 64,000 cells")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    env = bench_check.child_env()
    out: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mb in () if args.row_only else SIZES_MB:
            p = Path(tmp) / f"scaled-{mb}mb.ja-en.txt"
            p.write_bytes(scaled_to(mb))
            out[f"{mb} MB"] = run(p, args.runs, env)
            print(f"{mb} MB: {out[f'{mb} MB']}", file=sys.stderr)
        ja, en = Path(tmp) / "wide-row.ja.txt", Path(tmp) / "wide-row.en.txt"
        ja_bytes, en_bytes = wide_row()
        ja.write_bytes(ja_bytes)
        en.write_bytes(en_bytes)
        out[f"row of {ROW_CELLS:,} cells"] = run(ja, args.runs, env, en)
        if args.big and not args.row_only:
            p = Path(tmp) / "big-100mb.ja-en.txt"
            p.write_bytes(scaled_to(100))
            out["100 MB"] = run(p, 1, env)
    first = out.get("1 MB", {}).get("median_s")
    last = out.get(f"{SIZES_MB[-1]} MB", {}).get("median_s")
    ratio = round(last / first, 2) if isinstance(first, float) and isinstance(last, float) else None
    if args.json:
        print(json.dumps({"results": out, "ratio_8_to_1": ratio}, indent=2))
        return 0
    print(f"{'input':<22} {'bytes':>11} {'median s':>9} {'peak MB':>8}  exit")
    for name, r in out.items():
        print(f"{name:<22} {r['bytes']:>11,} {r['median_s']!s:>9} {r['peak_rss_mb']!s:>8}  {r['exit']} {r['problem']}")
    if ratio is not None:
        print(f"8 MB / 1 MB time: {ratio} (target <= 10)")
    print(f"row of {ROW_CELLS:,} cells: target <= 2 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
