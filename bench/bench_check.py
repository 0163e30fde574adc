#!/usr/bin/env python3
"""Benchmark `taiyaku check FILE --format json` as a whole process.

Each run is a fresh child process (interpreter start-up and imports included),
started with subprocess.Popen and reaped with os.wait4, whose rusage gives the
child's own peak RSS (ru_maxrss, KiB on Linux).  For every corpus document
(corpora/*.txt: the bilingual ones and the English-only ones) it reports the
median and minimum wall time and the peak RSS over N runs, beside the targets
(0.25 s and 100 MB per document), and the floor: a process that only starts
Python, loads fugashi with UniDic and tokenizes every line of the document (no
taiyaku code), which no implementation can beat.  `taiyaku --help` is timed
too (target 0.15 s).

Scale test: a synthetic document made of the Japanese part of
iij-2003-05-fy2002q4.ja-en.txt repeated 20 times followed by its English part
repeated 20 times is checked too, and the ratio of its median time to the
single document's median is printed (target: no more than about 20, i.e. no
worse than linear).

Exit status 1 from `taiyaku check` means "findings present" and is normal;
a run counts as failed if it exits with any other non-zero status, or if its
stdout is not valid JSON (e.g. a Python traceback also exits with 1).

Stdlib only; does not import taiyaku.  Usage:

    python bench/bench_check.py [--runs 7] [--scale-runs 3] [--no-scale]
                                [--cmd "taiyaku"] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPORA = REPO / "corpora"

TARGET_SECONDS = 0.25
TARGET_MB = 100.0  # MB = 10**6 bytes
HELP_TARGET_SECONDS = 0.15
# The floor: Python, fugashi + UniDic, every line of the document tokenized.
FLOOR_CODE = (
    "import sys, fugashi\n"
    "tagger = fugashi.Tagger()\n"
    "for line in open(sys.argv[1], encoding='utf-8', errors='replace'):\n"
    "    tagger.parse(line)\n"
    "print('[]')\n"
)
SCALE_FACTOR = 20
SCALE_TARGET_RATIO = 20.0

# The scale test's source document.  In iij-2003-05-fy2002q4.ja-en.txt the
# Japanese release is lines 1-330 and the English translation starts at line
# 331 and runs to the end of the file (line 818, which has no final newline).
SCALE_SOURCE = "iij-2003-05-fy2002q4.ja-en.txt"
SCALE_JA_LINES = (1, 330)
SCALE_EN_FIRST_LINE = 331


@dataclass
class Run:
    seconds: float
    max_rss_kib: int
    exit_code: int
    ok: bool
    problem: str = ""  # why the run failed, one line


@dataclass
class Result:
    name: str
    path: str
    lines: int
    size_bytes: int
    runs: list[Run] = field(default_factory=list)
    floor: list[Run] = field(default_factory=list)  # the floor process on the same document

    @property
    def floor_s(self) -> float | None:
        good = [r for r in self.floor if r.ok]
        return statistics.median(r.seconds for r in good) if good else None

    @property
    def good_runs(self) -> list[Run]:
        return [r for r in self.runs if r.ok]

    @property
    def median_s(self) -> float | None:
        good = self.good_runs
        return statistics.median(r.seconds for r in good) if good else None

    @property
    def min_s(self) -> float | None:
        good = self.good_runs
        return min(r.seconds for r in good) if good else None

    @property
    def peak_rss_mb(self) -> float | None:
        good = self.good_runs
        return max(r.max_rss_kib for r in good) * 1024 / 1e6 if good else None

    def summary(self) -> dict[str, object]:
        median, minimum, rss = self.median_s, self.min_s, self.peak_rss_mb
        return {
            "name": self.name,
            "path": self.path,
            "lines": self.lines,
            "size_bytes": self.size_bytes,
            "runs": len(self.runs),
            "failed_runs": len(self.runs) - len(self.good_runs),
            "median_s": median,
            "min_s": minimum,
            "floor_median_s": self.floor_s,
            "peak_rss_mb": rss,
            "exit_codes": sorted({r.exit_code for r in self.runs}),
            "meets_time_target": None if median is None else median <= TARGET_SECONDS,
            "meets_memory_target": None if rss is None else rss <= TARGET_MB,
            "problems": sorted({r.problem for r in self.runs if r.problem}),
            "run_details": [asdict(r) for r in self.runs],
        }


# --- measuring one process ----------------------------------------------------


def measure(argv: Sequence[str], env: dict[str, str] | None = None, *, expect_json: bool = True) -> Run:
    """Run argv once; wall time from just before spawning to reaping, peak RSS from wait4."""
    import subprocess

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(list(argv), stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env)
        except OSError as e:
            return Run(0.0, 0, -1, False, f"cannot start {argv[0]}: {e.strerror or e}")
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        exit_code = os.waitstatus_to_exitcode(status)
        proc.returncode = exit_code  # reaped by wait4; keep Popen from waiting again
        rss_kib = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024

        problem = ""
        if exit_code not in (0, 1):
            problem = f"exit status {exit_code}: {_last_line(err)}"
        elif expect_json:
            out.seek(0)
            try:
                json.loads(out.read().decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                problem = f"exit status {exit_code} without JSON on stdout: {_last_line(err)}"
        return Run(seconds, rss_kib, exit_code, not problem, problem)


def _last_line(stream) -> str:  # type: ignore[no-untyped-def]
    stream.seek(0)
    text = stream.read().decode("utf-8", "replace").strip()
    return text.splitlines()[-1] if text else "(no stderr)"


def child_env() -> dict[str, str]:
    """The environment for the CLI: the repo's src/ first on PYTHONPATH so an uninstalled checkout works."""
    env = dict(os.environ)
    src = str(REPO / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def check_argv(cmd_prefix: Sequence[str], path: Path) -> list[str]:
    return [*cmd_prefix, "check", str(path), "--format", "json"]


def bench_file(name: str, path: Path, cmd_prefix: Sequence[str], runs: int, env: dict[str, str],
               floor: bool = True) -> Result:  # fmt: skip
    data = path.read_bytes()
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
    result = Result(name, str(path), lines, len(data))
    for _ in range(runs):
        result.runs.append(measure(check_argv(cmd_prefix, path), env))
        if floor:
            result.floor.append(measure([sys.executable, "-c", FLOOR_CODE, str(path)], env))
    return result


def bench_help(cmd_prefix: Sequence[str], runs: int, env: dict[str, str]) -> list[Run]:
    return [measure([*cmd_prefix, "--help"], env, expect_json=False) for _ in range(runs)]


# --- synthetic document ---------------------------------------------------------


def split_lines(data: bytes) -> list[bytes]:
    """Lines as `cat -n` numbers them, each with its terminator (a missing final newline is added)."""
    parts = data.split(b"\n")
    if parts and parts[-1] == b"":
        parts.pop()
    return [p + b"\n" for p in parts]


def build_scaled(source: bytes, factor: int = SCALE_FACTOR) -> bytes:
    """The Japanese part (SCALE_JA_LINES) repeated `factor` times, then the English part likewise."""
    lines = split_lines(source)
    first, last = SCALE_JA_LINES
    ja = b"".join(lines[first - 1 : last])
    en = b"".join(lines[SCALE_EN_FIRST_LINE - 1 :])
    return ja * factor + en * factor


# --- reporting ------------------------------------------------------------------


def fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def mark(ok: bool | None) -> str:
    return "n/a" if ok is None else ("ok" if ok else "OVER")


def print_table(results: list[Result], scale: dict[str, object] | None, command: str, runs: int,
                help_runs: list[Run] | None = None) -> None:  # fmt: skip
    print(f"taiyaku check benchmark: {runs} runs per document, each a fresh process")
    print(f"command: {command}")
    print(f"targets per document: median <= {TARGET_SECONDS} s, peak RSS <= {TARGET_MB:.0f} MB; "
          "floor = Python + fugashi tokenizing the document")
    print()
    header = (f"{'document':<34} {'lines':>6} {'KiB':>6} {'median s':>9} {'min s':>7} {'floor s':>8} "
              f"{'RSS MB':>7} {'exit':>5}  time  memory")
    print(header)
    print("-" * len(header))
    for r in results:
        s = r.summary()
        codes = ",".join(str(c) for c in s["exit_codes"])  # type: ignore[union-attr]
        print(
            f"{r.name:<34} {r.lines:>6} {r.size_bytes / 1024:>6.0f} {fmt(r.median_s, '.3f'):>9}"
            f" {fmt(r.min_s, '.3f'):>7} {fmt(r.floor_s, '.3f'):>8} {fmt(r.peak_rss_mb, '.1f'):>7} {codes:>5}"
            f"  {mark(s['meets_time_target']):<5} {mark(s['meets_memory_target'])}"  # type: ignore[arg-type]
        )
    failures = [(r.name, p) for r in results for p in r.summary()["problems"]]  # type: ignore[union-attr]
    if help_runs:
        help_s = statistics.median(r.seconds for r in help_runs)
        print(f"\ntaiyaku --help: median {help_s:.3f} s (target {HELP_TARGET_SECONDS} s) "
              f"{mark(help_s <= HELP_TARGET_SECONDS)}")
        failures += [("--help", r.problem) for r in help_runs if not r.ok]
    if scale is not None:
        print()
        print(
            f"scale test: {SCALE_SOURCE} with its Japanese and English parts each repeated "
            f"{SCALE_FACTOR}x ({scale['lines']} lines, {scale['runs']} runs)"
        )
        print(
            f"  median x1 {fmt(scale['median_x1_s'], '.3f')} s, "  # type: ignore[arg-type]
            f"median x{SCALE_FACTOR} {fmt(scale['median_x20_s'], '.3f')} s, "  # type: ignore[arg-type]
            f"peak RSS x{SCALE_FACTOR} {fmt(scale['peak_rss_x20_mb'], '.1f')} MB"  # type: ignore[arg-type]
        )
        print(
            f"  ratio median_x{SCALE_FACTOR} / median_x1 = {fmt(scale['ratio'], '.2f')} "  # type: ignore[arg-type]
            f"(target: no more than about {SCALE_TARGET_RATIO:.0f}) {mark(scale['meets_ratio_target'])}"  # type: ignore[arg-type]
        )
        failures += [("scale x20", p) for p in scale["problems"]]  # type: ignore[union-attr]
    if failures:
        print()
        print("FAILED RUNS:")
        for name, problem in failures:
            print(f"  {name}: {problem}")


# --- main -------------------------------------------------------------------------


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time `taiyaku check FILE --format json` (whole process, cold start) on the corpora."
    )
    parser.add_argument("--runs", type=positive_int, default=7, help="runs per corpus document (default 7)")
    parser.add_argument(
        "--scale-runs", type=positive_int, default=3, help=f"runs of the x{SCALE_FACTOR} scale test (default 3)"
    )
    parser.add_argument("--no-scale", action="store_true", help="skip the scale test")
    parser.add_argument(
        "--cmd",
        default=None,
        help='command that runs the CLI, split like a shell would (e.g. "taiyaku"); '
        "default: this interpreter with -m taiyaku",
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable results instead of the table")
    parser.add_argument("--selftest", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.cmd_prefix = shlex.split(args.cmd) if args.cmd is not None else [sys.executable, "-m", "taiyaku"]
    if not args.cmd_prefix:
        parser.error("--cmd must not be empty")
    return args


def corpus_paths() -> list[Path]:
    return sorted(CORPORA.glob("*.txt"))


def run_benchmark(args: argparse.Namespace) -> int:
    env = child_env()
    paths = corpus_paths()
    if not paths:
        print(f"no corpora found in {CORPORA}", file=sys.stderr)
        return 2
    results = [bench_file(p.name, p, args.cmd_prefix, args.runs, env) for p in paths]
    help_runs = bench_help(args.cmd_prefix, args.runs, env)

    scale: dict[str, object] | None = None
    if not args.no_scale:
        source = CORPORA / SCALE_SOURCE
        single = next((r for r in results if r.name == SCALE_SOURCE), None)
        if single is None:
            single = bench_file(SCALE_SOURCE, source, args.cmd_prefix, args.runs, env)
        with tempfile.TemporaryDirectory(prefix="taiyaku-bench-") as tmp:
            scaled_path = Path(tmp) / f"{source.name.split('.')[0]}-x{SCALE_FACTOR}.ja-en.txt"
            scaled_path.write_bytes(build_scaled(source.read_bytes()))
            scaled = bench_file(f"x{SCALE_FACTOR}", scaled_path, args.cmd_prefix, args.scale_runs, env, floor=False)
        m1, m20 = single.median_s, scaled.median_s
        ratio = m20 / m1 if m1 and m20 is not None else None
        scale = {
            "source": SCALE_SOURCE,
            "factor": SCALE_FACTOR,
            "lines": scaled.lines,
            "size_bytes": scaled.size_bytes,
            "runs": args.scale_runs,
            "median_x1_s": m1,
            "median_x20_s": m20,
            "min_x20_s": scaled.min_s,
            "peak_rss_x20_mb": scaled.peak_rss_mb,
            "ratio": ratio,
            "target_ratio": SCALE_TARGET_RATIO,
            "meets_ratio_target": None if ratio is None else ratio <= SCALE_TARGET_RATIO,
            "problems": scaled.summary()["problems"],
            "run_details": [asdict(r) for r in scaled.runs],
        }

    command = " ".join(shlex.quote(a) for a in check_argv(args.cmd_prefix, Path("FILE")))
    if args.json:
        payload = {
            "command": command,
            "runs": args.runs,
            "targets": {"median_s": TARGET_SECONDS, "peak_rss_mb": TARGET_MB, "scale_ratio": SCALE_TARGET_RATIO,
                        "help_s": HELP_TARGET_SECONDS},
            "documents": [r.summary() for r in results],
            "help_median_s": statistics.median(r.seconds for r in help_runs),
            "scale": scale,
        }
        json.dump(payload, sys.stdout, indent=2)
        print()
    else:
        print_table(results, scale, command, args.runs, help_runs)
    failed = (any(not r.ok for res in results for r in res.runs) or bool(scale and scale["problems"])
              or any(not r.ok for r in help_runs))  # fmt: skip
    return 1 if failed else 0


# --- self test (hidden --selftest) ------------------------------------------------


def selftest() -> int:
    failures: list[str] = []

    def check(condition: bool, what: str) -> None:
        print(("ok   " if condition else "FAIL ") + what)
        if not condition:
            failures.append(what)

    # argument parsing
    a = parse_args([])
    check(a.runs == 7 and a.scale_runs == 3 and not a.json and not a.no_scale, "defaults: 7 runs, 3 scale runs")
    check(a.cmd_prefix == [sys.executable, "-m", "taiyaku"], "default command is this interpreter -m taiyaku")
    a = parse_args(["--runs", "2", "--cmd", "taiyaku", "--json", "--scale-runs", "1"])
    check(a.runs == 2 and a.scale_runs == 1 and a.json and a.cmd_prefix == ["taiyaku"], "--runs/--cmd/--json parsed")
    a = parse_args(["--cmd", "uv run 'taiyaku cli'"])
    check(a.cmd_prefix == ["uv", "run", "taiyaku cli"], "--cmd split like a shell")
    check(
        check_argv(["taiyaku"], Path("c/x.txt")) == ["taiyaku", "check", "c/x.txt", "--format", "json"],
        "check command line",
    )
    for bad in (["--runs", "0"], ["--runs", "x"], ["--cmd", ""]):
        try:
            with open(os.devnull, "w") as devnull:
                saved, sys.stderr = sys.stderr, devnull
                try:
                    parse_args(bad)
                finally:
                    sys.stderr = saved
        except SystemExit as e:
            check(e.code == 2, f"rejects {bad}")
        else:
            check(False, f"rejects {bad}")
    check("--selftest" not in _help_text(), "--selftest hidden from --help")

    # corpora and the synthetic document
    names = [p.name for p in corpus_paths()]
    check(SCALE_SOURCE in names and "iij-2001-11-fy2001q2.ja-en.txt" in names, f"bilingual corpora found: {names}")
    check(split_lines(b"a\nb") == [b"a\n", b"b\n"] and split_lines(b"a\n\n") == [b"a\n", b"\n"], "split_lines")
    source = (CORPORA / SCALE_SOURCE).read_bytes()
    lines = split_lines(source)
    ja_first, ja_last = SCALE_JA_LINES
    check(len(lines) == 818, f"{SCALE_SOURCE} has 818 lines (got {len(lines)})")
    ja_text = b"".join(lines[: ja_last]).decode("utf-8")
    en_text = b"".join(lines[SCALE_EN_FIRST_LINE - 1 :]).decode("utf-8")
    check(_japanese_share(ja_text) > 0.2 and _japanese_share(en_text) < 0.01, "line 330/331 split is Japanese/English")
    check(b"Internet Initiative Japan" in lines[331], "English part starts near line 332")
    scaled = build_scaled(source)
    scaled_lines = split_lines(scaled)
    n_ja, n_en = ja_last - ja_first + 1, len(lines) - SCALE_EN_FIRST_LINE + 1
    check(len(scaled_lines) == SCALE_FACTOR * (n_ja + n_en), f"x20 has {SCALE_FACTOR}*({n_ja}+{n_en}) lines")
    check(scaled.endswith(b"\n") and scaled.count(b"\n") == len(scaled_lines), "x20 ends with a newline")
    check(
        all(scaled_lines[k * n_ja : (k + 1) * n_ja] == lines[:ja_last] for k in range(SCALE_FACTOR)),
        "x20 starts with the Japanese part 20 times",
    )
    tail = scaled_lines[SCALE_FACTOR * n_ja :]
    check(
        all(tail[k * n_en : (k + 1) * n_en] == lines[SCALE_EN_FIRST_LINE - 1 :] for k in range(SCALE_FACTOR)),
        "then the English part 20 times",
    )
    check(build_scaled(source, 1) == b"".join(lines), "x1 rebuild equals the source (plus final newline)")

    # measurement with trivial commands
    py = sys.executable
    r = measure([py, "-c", "pass"], expect_json=False)
    check(r.ok and r.exit_code == 0 and 0 < r.seconds < 10 and r.max_rss_kib > 1000, f"wait4 on `python -c pass`: {r}")
    r = measure([py, "-c", "print('{\"findings\": []}')"])
    check(r.ok and r.exit_code == 0, "exit 0 with JSON is ok")
    r = measure([py, "-c", "import sys; print('[1]'); sys.exit(1)"])
    check(r.ok and r.exit_code == 1, "exit 1 with JSON (findings present) is ok")
    r = measure([py, "-c", "import sys; sys.exit(1)"])
    check(not r.ok and "without JSON" in r.problem, f"exit 1 without JSON is a failure: {r.problem}")
    r = measure([py, "-c", "import sys; sys.stderr.write('cannot read x: is empty\\n'); sys.exit(2)"])
    check(not r.ok and r.exit_code == 2 and r.problem.endswith("cannot read x: is empty"), f"exit 2: {r.problem}")
    r = measure([py, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGTERM)"])
    check(not r.ok and r.exit_code == -15, f"killed by a signal is a failure: {r.problem}")
    r = measure(["/nonexistent/taiyaku-cli"])
    check(not r.ok and "cannot start" in r.problem, f"missing command: {r.problem}")
    r = measure([py, "-c", "b = bytearray(200 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096]); print(1)"])
    rss_mb = r.max_rss_kib * 1024 / 1e6
    check(r.ok and rss_mb > 200, f"peak RSS of a 200 MiB child: {rss_mb:.0f} MB")
    r = measure([py, "-c", "import time; time.sleep(0.3); print(1)"])
    check(0.3 <= r.seconds < 5, f"wall time covers a 0.3 s sleep: {r.seconds:.3f} s")
    env = child_env()
    src = str(REPO / "src")
    r = measure([py, "-c", f"import sys; sys.exit(0 if {src!r} in sys.path else 3)"], env, expect_json=False)
    check(r.ok, "child sees repo src/ on sys.path")
    check(env["PYTHONPATH"].split(os.pathsep)[0] == str(REPO / "src"), "child PYTHONPATH starts with repo src/")

    # reporting does not crash on empty or failed results
    res = Result("x", "x", 1, 1, [Run(0.1, 1000, 1, True), Run(0.2, 2000, 2, False, "exit status 2: boom")])
    s = res.summary()
    check(s["median_s"] == 0.1 and s["failed_runs"] == 1 and s["problems"] == ["exit status 2: boom"], "summary")
    empty = Result("y", "y", 1, 1, [Run(0.0, 0, 2, False, "exit status 2: x")])
    check(empty.median_s is None and empty.summary()["meets_time_target"] is None, "summary with no good runs")
    with open(os.devnull, "w") as devnull:
        saved, sys.stdout = sys.stdout, devnull
        try:
            print_table([res, empty], None, "cmd", 2)
            ok_print = True
        except Exception:  # noqa: BLE001
            ok_print = False
        finally:
            sys.stdout = saved
    check(ok_print, "table printing handles failed runs")

    print(f"\n{'FAILED' if failures else 'passed'}: {len(failures)} failure(s)")
    return 1 if failures else 0


def _help_text() -> str:
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        try:
            parse_args(["--help"])
        except SystemExit:
            pass
    return buf.getvalue()


def _japanese_share(text: str) -> float:
    chars = [c for c in text if not c.isspace()]
    jp = sum(1 for c in chars if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff")
    return jp / len(chars) if chars else 0.0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.selftest:
        return selftest()
    return run_benchmark(args)


if __name__ == "__main__":
    sys.exit(main())
