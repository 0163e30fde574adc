"""Batch throughput: `taiyaku batch` (--jobs default: every core) over N pairs made of copies
of the corpora, against a loop of single `taiyaku check` processes over the same pairs.

    python bench/bench_batch.py [N]   # N pairs (default 120)
"""

from __future__ import annotations

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


def main(n: int) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        names = []
        for i in range(n):
            src = SOURCES[i % len(SOURCES)]
            name = f"p{i:04d}.{src.name}"
            shutil.copy(src, folder / name)
            names.append(name)
        (Path(tmp) / "m.tsv").write_text("\n".join(f"in/{x}" for x in names) + "\n", encoding="utf-8")
        t = time.perf_counter()
        out = str(Path(tmp) / "out")
        subprocess.run([sys.executable, "-m", "taiyaku", "batch", str(Path(tmp) / "m.tsv"), "-o", out,
                        "--no-config", "--no-progress"], env=env, check=False, capture_output=True)  # fmt: skip
        batch = time.perf_counter() - t
        t = time.perf_counter()
        for x in names:
            subprocess.run([sys.executable, "-m", "taiyaku", "check", str(folder / x), "--format", "json",
                            "--no-config", "--no-progress"], env=env, check=False, capture_output=True)  # fmt: skip
        loop = time.perf_counter() - t
    cores = os.cpu_count()
    print(f"{n} pairs on {cores} cores: batch {batch:.2f} s = {n / batch:.1f} pairs/s "
          f"({batch / n * 1000:.0f} ms/pair); loop of single checks {loop:.2f} s = {n / loop:.1f} pairs/s "
          f"({loop / n * 1000:.0f} ms/pair); speed-up {loop / batch:.1f}x")  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 120)
