"""Check the pairs of a batch in a process pool; write each JSON report and summary.json."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..options import Options
from .manifest import Pair

SUMMARY = "summary.json"
_glossaries: dict[tuple, Any] = {}


def _entry(pair: Pair, exit: int | None, error: str | None = None) -> dict[str, Any]:
    return {"ja": pair.ja, "en": pair.en, "line": pair.line, "report": None, "summary": None,
            "problem_summary": None, "exit": exit, "verdict": None, "seconds": 0.0, "error": error}  # fmt: skip


def check_pair(pair: Pair, options: Options, outdir: str, batch: str | None = None) -> dict[str, Any]:
    """One pair, as `taiyaku check --format json` would check it: its summary entry. The glossary
    is loaded once per process and `batch` (a cluster's long-lived workers are given a new one
    each run, so that they read the glossary files again)."""
    from .. import api
    from ..atomic import write_text_atomic
    from ..errors import InputError
    from ..gate import verdict
    from ..report.registry import render

    start = time.perf_counter()
    entry = _entry(pair, exit=2)
    try:
        key = (options.glossaries, options.default_glossary, batch)
        if key not in _glossaries:  # one load per worker process (and batch)
            _glossaries.clear()
            _glossaries[key] = api.load_glossary(list(options.glossaries), default=options.default_glossary)
        report = replace(api.check(pair.ja, pair.en, options, glossary=_glossaries[key]), outputs=())
        text = render("json", report)
        assert isinstance(text, str)
        write_text_atomic(Path(outdir) / pair.name, text)
        v = verdict(report)
        entry.update(report=pair.name, summary=report.summary, problem_summary=report.problem_summary,
                     exit=v.exit_code, verdict=v.line, error=v.reason)  # fmt: skip
    except InputError as e:
        entry["error"] = str(e)
    except Exception as e:  # one bad pair never stops the batch
        entry["error"] = " ".join(f"internal error: {type(e).__name__}: {e}".split())
    entry["seconds"] = round(time.perf_counter() - start, 3)
    return entry


@dataclass
class Outcome:
    entries: list[dict[str, Any]]
    checked: int
    skipped: int
    seconds: float
    interrupted: bool = False

    @property
    def failed(self) -> int:
        return sum(1 for e in self.entries if e.get("exit") == 2)

    @property
    def failing(self) -> int:
        return sum(1 for e in self.entries if e.get("exit") == 1)

    @property
    def exit_code(self) -> int:
        return 2 if self.failed or self.interrupted else 1 if self.failing else 0


def _previous(outdir: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads((outdir / SUMMARY).read_text(encoding="utf-8"))
        return {e["report"]: e for e in data["pairs"] if e.get("report")}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _fresh(pair: Pair, outdir: Path, previous: dict[str, dict[str, Any]]) -> bool:
    """Whether the pair's report is newer than both inputs and its summary entry exists."""
    entry = previous.get(pair.name)
    if entry is None or entry.get("ja") != pair.ja or entry.get("en") != pair.en:
        return False
    try:
        made = (outdir / pair.name).stat().st_mtime
        return all(os.stat(p).st_mtime < made for p in (pair.ja, pair.en) if p)
    except OSError:
        return False


def _warm() -> None:
    """Import the pipeline once in the parent, so that forked workers start with it."""
    from .. import api  # noqa: F401
    from ..align import align  # noqa: F401
    from ..checks.run import run_rules  # noqa: F401
    from ..parse import parse_documents  # noqa: F401
    from ..read import read  # noqa: F401
    from ..recompute import recompute  # noqa: F401
    from ..report import json as _json  # noqa: F401


def write_summary(outdir: Path, outcome: Outcome) -> None:
    from ..atomic import write_text_atomic

    rate = outcome.checked / outcome.seconds if outcome.seconds else 0.0
    data = {"version": 1, "interrupted": outcome.interrupted,
            "totals": {"pairs": len(outcome.entries), "checked": outcome.checked, "skipped": outcome.skipped,
                       "failed": outcome.failed, "failing": outcome.failing, "seconds": round(outcome.seconds, 3),
                       "pairs_per_second": round(rate, 2)},
            "pairs": outcome.entries}  # fmt: skip
    write_text_atomic(outdir / SUMMARY, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def run(pairs: list[Pair], outdir: Path, options: Options, jobs: int | None = None, force: bool = False,
        tell: Callable[[dict[str, Any]], None] | None = None, scheduler: str | None = None,
        timeout: float | None = None) -> Outcome:  # fmt: skip
    """Check every pair not fresh (all with `force`) on `jobs` processes (default: every core),
    or with `scheduler` on the Dask cluster at that address (`timeout` seconds to reach it; see
    taiyaku.batch.cluster: relative paths are made absolute, ClusterError when it cannot be used);
    summary.json is written at the end, also when interrupted (KeyboardInterrupt re-raised)."""
    client = None
    if scheduler is not None:  # connected first: a bad scheduler fails before anything is written
        from . import cluster

        client = cluster.connect(scheduler, cluster.CONNECT_TIMEOUT if timeout is None else timeout)
        pairs, options = cluster.absolute(pairs, options)
        outdir = Path(cluster.absolute_path(str(outdir)))
    try:
        return _run(pairs, outdir, options, jobs, force, tell, client)
    finally:
        if client is not None:
            client.close()


def _run(pairs: list[Pair], outdir: Path, options: Options, jobs: int | None, force: bool,
         tell: Callable[[dict[str, Any]], None] | None, client: Any) -> Outcome:  # fmt: skip
    outdir.mkdir(parents=True, exist_ok=True)
    previous = {} if force else _previous(outdir)
    entries: list[dict[str, Any] | None] = [None] * len(pairs)
    todo = []
    for i, p in enumerate(pairs):
        if not force and _fresh(p, outdir, previous):
            entries[i] = previous[p.name]
        else:
            todo.append(i)
    skipped = len(pairs) - len(todo)
    options = replace(options, reports=())
    start = time.perf_counter()
    interrupted = False
    jobs = jobs or os.cpu_count() or 1

    def done(i: int, entry: dict[str, Any]) -> None:
        entries[i] = entry
        if tell is not None:
            tell(entry)

    try:
        if client is not None:
            from .cluster import check_all

            check_all(client, [(i, pairs[i]) for i in todo], options, str(outdir), done)
        elif jobs == 1 or len(todo) <= 1:
            for i in todo:
                done(i, check_pair(pairs[i], options, str(outdir)))
        else:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor, as_completed

            _warm()
            with ProcessPoolExecutor(min(jobs, len(todo)), mp_context=multiprocessing.get_context("fork")) as pool:
                futures = {pool.submit(check_pair, pairs[i], options, str(outdir)): i for i in todo}
                try:
                    for f in as_completed(futures):
                        done(futures[f], f.result())
                except BaseException:
                    for f in futures:
                        f.cancel()
                    raise
    except KeyboardInterrupt:
        interrupted = True
    seconds = time.perf_counter() - start
    final = [e if e is not None else _entry(p, exit=None, error="not checked: the batch was interrupted")
             for e, p in zip(entries, pairs)]  # fmt: skip
    outcome = Outcome(final, len(todo) if not interrupted else sum(1 for i in todo if entries[i] is not None),
                      skipped, seconds, interrupted)  # fmt: skip
    write_summary(outdir, outcome)
    if interrupted:
        raise KeyboardInterrupt
    return outcome
