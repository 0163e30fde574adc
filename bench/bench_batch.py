"""Batch throughput: `taiyaku batch` (--jobs default: every core) over N pairs made of copies
of the corpora, against a loop of single `taiyaku check` processes over the same pairs; with
--scheduler, the same batch on a Dask cluster too (`local`: a LocalCluster of --jobs workers,
two by default, one thread each; needs distributed).

    python bench/bench_batch.py [N] [--jobs J] [--scheduler ADDRESS|local] [--no-loop]   # N default 120
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "corpora" / n for n in ("iij-2001-11-fy2001q2.ja-en.txt", "iij-2002-05-6k-fy2001q4.en.txt",
                                          "iij-2002-08-fy2002q1.en.txt", "iij-2003-05-fy2002q4.ja-en.txt")]  # fmt: skip


def batch(manifest: Path, out: Path, env: dict[str, str], *extra: str) -> float:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "taiyaku", "batch", str(manifest), "-o", str(out), "--no-config",
                           "--no-progress", *extra], env=env, check=False, capture_output=True, text=True)  # fmt: skip
    seconds = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        sys.exit(f"bench: taiyaku batch {' '.join(extra)} failed: {proc.stderr.strip()}")
    return seconds


def main(n: int, jobs: int | None, scheduler: str | None, loop: bool) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cluster = None
    if scheduler == "local":
        from distributed import LocalCluster

        cluster = LocalCluster(n_workers=jobs or 2, processes=True, threads_per_worker=1, dashboard_address=":0")
        scheduler = cluster.scheduler_address
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        names = []
        for i in range(n):
            src = SOURCES[i % len(SOURCES)]
            name = f"p{i:04d}.{src.name}"
            shutil.copy(src, folder / name)
            names.append(name)
        manifest = Path(tmp) / "m.tsv"
        manifest.write_text("\n".join(f"in/{x}" for x in names) + "\n", encoding="utf-8")
        local = batch(manifest, Path(tmp) / "out", env, *(["--jobs", str(jobs)] if jobs else []))
        print(f"{n} pairs on {os.cpu_count()} cores: batch --jobs {jobs or 'default'} {local:.2f} s = "
              f"{n / local:.1f} pairs/s ({local / n * 1000:.0f} ms/pair)")  # fmt: skip
        if scheduler:
            on_cluster = batch(manifest, Path(tmp) / "out-dask", env, "--scheduler", scheduler)
            where = f"a LocalCluster of {jobs or 2} workers" if cluster else scheduler
            print(f"batch --scheduler ({where}) {on_cluster:.2f} s = {n / on_cluster:.1f} pairs/s "
                  f"({on_cluster / n * 1000:.0f} ms/pair)")  # fmt: skip
        if loop:
            t = time.perf_counter()
            for x in names:
                subprocess.run([sys.executable, "-m", "taiyaku", "check", str(folder / x), "--format", "json",
                                "--no-config", "--no-progress"], env=env, check=False, capture_output=True)  # fmt: skip
            single = time.perf_counter() - t
            print(f"loop of single checks {single:.2f} s = {n / single:.1f} pairs/s ({single / n * 1000:.0f} ms/pair);"
                  f" batch speed-up {single / local:.1f}x")  # fmt: skip
    if cluster is not None:
        cluster.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=120, help="pairs (default 120)")
    parser.add_argument("--jobs", type=int, help="taiyaku batch --jobs (and the LocalCluster's workers)")
    parser.add_argument("--scheduler", help="a Dask scheduler address, or 'local' for a LocalCluster")
    parser.add_argument("--no-loop", dest="loop", action="store_false", help="leave out the loop of single checks")
    a = parser.parse_args()
    main(a.n, a.jobs, a.scheduler, a.loop)
