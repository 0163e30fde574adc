"""`taiyaku batch --scheduler`: the batch on a Dask LocalCluster (two worker processes) gives the
reports and summary of a local run, resumes, records a dead worker as its pair's error, and a
scheduler that cannot be used is one line, exit 2. `distributed` is loaded only then."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from taiyaku.batch.run import check_pair
from test_batch import LINES, manifest, summary

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def scheduler(user_data):
    """The address of a LocalCluster of two worker processes (one thread each)."""
    import dask
    from distributed import LocalCluster

    # a dead worker's task fails at once (not retried on the others); the workers see the
    # tests' empty user data folder, as the CLI runs do
    with pytest.MonkeyPatch.context() as mp, dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        mp.setenv("XDG_DATA_HOME", str(user_data))
        mp.setenv("APPDATA", str(user_data))
        with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0") as cluster:
            yield cluster.scheduler_address


def without_seconds(data: dict) -> dict:
    data = json.loads(json.dumps(data))
    for key in ("seconds", "pairs_per_second"):
        data["totals"].pop(key)
    for entry in data["pairs"]:
        entry.pop("seconds")
    return data


def test_cluster_batch_equals_the_local_run_and_resumes(run_cli, tmp_path, scheduler):
    m = manifest(tmp_path, LINES)
    local = run_cli("batch", m, "-o", tmp_path / "local", "--jobs", "1", "--no-config")
    dask = run_cli("batch", m, "-o", tmp_path / "dask", "--scheduler", scheduler, "--no-config")
    assert dask.returncode == local.returncode == 2, dask.stderr
    assert "Traceback" not in dask.stderr
    # the same lines on stderr (the missing file's error, the final line) but the rate
    assert [x.split("; ")[0] for x in dask.stderr.splitlines()] == [x.split("; ")[0] for x in local.stderr.splitlines()]
    assert without_seconds(summary(tmp_path / "dask")) == without_seconds(summary(tmp_path / "local"))
    names = sorted(p.name for p in (tmp_path / "local").iterdir())
    assert sorted(p.name for p in (tmp_path / "dask").iterdir()) == names and len(names) == 5
    for name in names:
        if name != "summary.json":
            assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    # a rerun on the cluster checks only the pair that has no report (the missing file)
    before = summary(tmp_path / "dask")["pairs"]
    again = run_cli("batch", m, "-o", tmp_path / "dask", "--scheduler", scheduler, "--no-config")
    assert again.returncode == 2
    assert "batch: 5 pairs, 1 checked, 4 skipped, 1 failed (exit 2)" in again.stderr
    after = summary(tmp_path / "dask")["pairs"]
    assert [e for e in after if e["report"]] == [e for e in before if e["report"]]  # kept as they were
    assert [e["error"] for e in after if not e["report"]] == [e["error"] for e in before if not e["report"]]


def test_relative_paths_are_made_absolute_for_the_workers(tmp_path, scheduler, monkeypatch):
    from taiyaku.batch import pairs_of
    from taiyaku.batch.run import run
    from taiyaku.options import Options

    manifest(tmp_path, ["q1.en.txt"])
    monkeypatch.chdir(tmp_path)  # the workers' current folder is another
    outcome = run(pairs_of(Path("batch.tsv")), Path("out"), Options(), scheduler=scheduler)
    (entry,) = outcome.entries
    assert entry["ja"] == str(tmp_path / "q1.en.txt") and entry["exit"] == 0, entry
    assert (tmp_path / "out" / entry["report"]).is_file()


def test_the_workers_read_the_glossary_again_in_each_batch(tmp_path, scheduler):
    from taiyaku.batch import pairs_of
    from taiyaku.batch.run import run
    from taiyaku.options import Options

    manifest(tmp_path, [])
    for i in range(4):  # enough pairs for both workers to load the glossary in the first batch
        shutil.copy(tmp_path / "errors.en.txt", tmp_path / f"e{i}.en.txt")
    m = tmp_path / "four.tsv"
    m.write_text("".join(f"errors.ja.txt\te{i}.en.txt\n" for i in range(4)), encoding="utf-8")
    glossary = tmp_path / "house.tsv"
    options = Options(glossaries=(str(glossary),))
    messages = []
    for rendering in ("Revenue", "Turnover"):  # the same file, edited between two batches
        glossary.write_text(f"売上高\t{rendering}\n", encoding="utf-8")
        entries = run(pairs_of(m), tmp_path / "out", options, force=True, scheduler=scheduler).entries
        for entry in entries:
            report = json.loads((tmp_path / "out" / entry["report"]).read_text(encoding="utf-8"))
            messages.append((rendering, {f["message"] for f in report["findings"] if "売上高" in f["message"]}))
    assert len(messages) == 8
    for rendering, found in messages:
        assert f"English label 'Net sales' for '売上高': the glossary has '{rendering}'" in found


def die_on_q1(pair, options, outdir, batch=None):
    """check_pair, but the worker process dies on the pair of q1.en.txt."""
    if pair.ja.endswith("q1.en.txt"):
        os._exit(1)
    return check_pair(pair, options, outdir, batch)


def test_a_worker_dying_on_a_pair_is_that_pairs_error(tmp_path, scheduler, monkeypatch):
    import taiyaku.batch.run as batch_run
    from taiyaku.batch import pairs_of
    from taiyaku.options import Options

    m = manifest(tmp_path, ["q1.en.txt", "correct.ja.txt\tcorrect.en.txt"])
    monkeypatch.setattr(batch_run, "check_pair", die_on_q1)  # what the cluster is sent
    outcome = batch_run.run(pairs_of(m), tmp_path / "out", Options(), scheduler=scheduler)
    dead, fine = outcome.entries
    assert dead["exit"] == 2 and dead["report"] is None
    assert dead["error"].startswith("not checked on the cluster: KilledWorker") and "\n" not in dead["error"]
    assert fine["exit"] == 0 and fine["error"] is None and (tmp_path / "out" / fine["report"]).is_file()
    assert outcome.exit_code == 2 and summary(tmp_path / "out")["pairs"] == outcome.entries


def test_an_interrupted_cluster_run_still_writes_the_summary(tmp_path, scheduler):
    from taiyaku.batch import pairs_of
    from taiyaku.batch.run import run
    from taiyaku.options import Options

    m = manifest(tmp_path, ["q1.en.txt", "correct.ja.txt\tcorrect.en.txt", "errors.ja.txt\terrors.en.txt"])

    def stop(entry):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(pairs_of(m), tmp_path / "out", Options(), tell=stop, scheduler=scheduler)
    data = summary(tmp_path / "out")
    assert data["interrupted"] is True and data["totals"]["checked"] == 1
    done = [e for e in data["pairs"] if e["exit"] is not None]
    assert len(done) == 1 and done[0]["report"] is not None
    assert all(e["error"] == "not checked: the batch was interrupted" for e in data["pairs"] if e not in done)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_scheduler_that_cannot_be_used_is_one_line_exit_2(run_cli, tmp_path):
    m = manifest(tmp_path, ["q1.en.txt"])
    address = f"tcp://127.0.0.1:{free_port()}"
    proc = run_cli("batch", m, "-o", tmp_path / "out", "--scheduler", address, "--scheduler-timeout", "1")
    assert proc.returncode == 2
    assert proc.stderr == f"taiyaku: error: cannot reach the Dask scheduler at {address} (no answer within 1 s)\n"
    bad = run_cli("batch", m, "-o", tmp_path / "out", "--scheduler", "localhost")
    assert bad.returncode == 2 and len(bad.stderr.splitlines()) == 1
    assert bad.stderr.startswith("taiyaku: error: --scheduler 'localhost': not a scheduler address (tcp://host:port)")
    both = run_cli("batch", m, "-o", tmp_path / "out", "--scheduler", address, "--jobs", "2")
    assert both.returncode == 2 and len(both.stderr.splitlines()) == 1
    assert not (tmp_path / "out").exists()


def _cli(args: list[str], before: str = "") -> subprocess.CompletedProcess[str]:
    """taiyaku ARGS in a fresh interpreter, then the names of the loaded modules on stdout."""
    code = (f"import sys\n{before}\nfrom taiyaku.cli import main\nsys.argv = ['taiyaku', *{args!r}]\n"
            "try:\n    main()\nexcept SystemExit as e:\n    print('exit', e.code)\n"
            "print('\\n'.join(sorted(sys.modules)))")  # fmt: skip
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True)


def test_without_the_extra_the_scheduler_is_one_line_exit_2(tmp_path):
    m = manifest(tmp_path, ["q1.en.txt"])
    proc = _cli(["batch", str(m), "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:8786"],
                before="sys.modules['distributed'] = None  # as if not installed")  # fmt: skip
    assert proc.stderr == "taiyaku: error: --scheduler needs the optional extra: pip install 'taiyaku[dask]'\n"
    assert "exit 2" in proc.stdout.splitlines()


@pytest.mark.parametrize("args", [["--help"], ["check", "corpora/iij-2002-08-fy2002q1.en.txt", "--no-config"],
                                  ["batch", "corpora", "-o", "OUT", "--jobs", "1", "--no-config"]])  # fmt: skip
def test_distributed_is_loaded_only_with_a_scheduler(args, tmp_path):
    args = [str(tmp_path / "out") if a == "OUT" else a for a in args]
    modules = set(_cli(args).stdout.split())
    assert "taiyaku.cli" in modules
    assert not {"distributed", "dask", "taiyaku.batch.cluster"} & modules
