"""`taiyaku batch`: manifest and folder input, per-pair errors, resume, --force, exit codes."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from taiyaku.batch.manifest import pair_folder

ROOT = Path(__file__).resolve().parents[1]
BILINGUAL = ROOT / "corpora/iij-2003-05-fy2002q4.ja-en.txt"
EN_ONLY = ROOT / "corpora/iij-2002-08-fy2002q1.en.txt"
TANSHIN = ROOT / "tests/fixtures/tanshin"


def manifest(tmp_path: Path, lines: list[str]) -> Path:
    shutil.copy(BILINGUAL, tmp_path / "q4.ja-en.txt")
    shutil.copy(EN_ONLY, tmp_path / "q1.en.txt")
    for kind in ("correct", "errors"):
        for lang in ("ja", "en"):
            shutil.copy(TANSHIN / kind / f"{lang}.txt", tmp_path / f"{kind}.{lang}.txt")
    m = tmp_path / "batch.tsv"
    m.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return m


LINES = ["# a comment", "", "q4.ja-en.txt", "q1.en.txt\t", "missing.txt",
         "errors.ja.txt\terrors.en.txt", "correct.ja.txt\tcorrect.en.txt"]  # fmt: skip


def summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_manifest_batch_matches_single_checks_and_records_a_bad_pair(run_cli, tmp_path):
    m = manifest(tmp_path, LINES)
    out = tmp_path / "out"
    proc = run_cli("batch", m, "-o", out, "--jobs", "2", "--no-config")
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "line 5: cannot read" in proc.stderr and "missing.txt" in proc.stderr
    assert (
        proc.stderr.strip()
        .splitlines()[-1]
        .startswith("batch: 5 pairs, 5 checked, 0 skipped, 1 failed (exit 2), 2 with errors at/above fail-on;")
    )
    data = summary(out)
    entries = data["pairs"]
    assert [e["line"] for e in entries] == [3, 4, 5, 6, 7]
    bad = entries[2]
    assert bad["exit"] == 2 and bad["report"] is None and "No such file" in bad["error"]
    for e in (entries[0], entries[1], entries[3], entries[4]):
        args = [e["ja"]] + ([e["en"]] if e["en"] else [])
        single = run_cli("check", *args, "--format", "json", "--no-config")
        assert single.returncode == e["exit"], (e, single.stderr)
        assert e["error"] is None
        report = json.loads((out / e["report"]).read_text(encoding="utf-8"))
        assert report == json.loads(single.stdout)
        assert e["summary"] == report["summary"] and e["problem_summary"] == report["problem_summary"]
    assert entries[0]["exit"] == 1 and entries[3]["exit"] == 1  # the 2003 corpus and the planted errors
    assert len({e["report"] for e in entries if e["report"]}) == 4


def test_resume_skips_fresh_reports_and_force_rechecks(run_cli, tmp_path):
    m = manifest(tmp_path, ["q1.en.txt", "correct.ja.txt\tcorrect.en.txt"])
    out = tmp_path / "out"
    first = run_cli("batch", m, "-o", out, "--no-config")
    before = summary(out)["pairs"]
    again = run_cli("batch", m, "-o", out, "--no-config")
    assert first.returncode == again.returncode
    assert "2 pairs, 0 checked, 2 skipped" in again.stderr
    assert summary(out)["pairs"] == before
    # an input touched after its report: only that pair runs again
    later = (out / before[0]["report"]).stat().st_mtime + 10
    os.utime(tmp_path / "q1.en.txt", (later, later))
    third = run_cli("batch", m, "-o", out, "--no-config")
    assert "2 pairs, 1 checked, 1 skipped" in third.stderr
    forced = run_cli("batch", m, "-o", out, "--no-config", "--force")
    assert "2 pairs, 2 checked, 0 skipped" in forced.stderr


def test_clean_batch_exits_zero_and_fail_on_applies_to_every_pair(run_cli, tmp_path):
    m = manifest(tmp_path, ["correct.ja.txt\tcorrect.en.txt"])
    single = run_cli("check", tmp_path / "correct.ja.txt", tmp_path / "correct.en.txt", "--no-config")
    proc = run_cli("batch", m, "-o", tmp_path / "out", "--no-config")
    assert proc.returncode == single.returncode, proc.stderr
    strict = run_cli("batch", m, "-o", tmp_path / "out2", "--no-config", "--fail-on", "info")
    single_strict = run_cli("check", tmp_path / "correct.ja.txt", tmp_path / "correct.en.txt", "--no-config",
                            "--fail-on", "info")  # fmt: skip
    assert strict.returncode == single_strict.returncode


def test_bad_manifest_is_one_line_exit_2(run_cli, tmp_path):
    m = tmp_path / "bad.tsv"
    m.write_text("a.txt\tb.txt\tc.txt\n", encoding="utf-8")
    proc = run_cli("batch", m, "-o", tmp_path / "out")
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"taiyaku: error: {m}:1: expected ja_path<TAB>en_path, found 3 tab-separated fields"
    missing = run_cli("batch", tmp_path / "nope.tsv", "-o", tmp_path / "out")
    assert missing.returncode == 2 and "No such file" in missing.stderr and len(missing.stderr.splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_folder_pairing(tmp_path):
    for name in ("q4.ja-en.txt", "a.ja.txt", "a.en.txt", "b.ja.pdf", "b.en.txt", "c.en.txt", "ja.txt", "en.txt",
                 "README.md", ".hidden.txt"):  # fmt: skip
        (tmp_path / name).write_text("x", encoding="utf-8")
    got = {(Path(p.ja).name, Path(p.en).name if p.en else None) for p in pair_folder(tmp_path)}
    assert got == {("q4.ja-en.txt", None), ("a.ja.txt", "a.en.txt"), ("b.ja.pdf", "b.en.txt"),
                   ("c.en.txt", None), ("ja.txt", "en.txt")}  # fmt: skip


def test_folder_batch(run_cli, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(TANSHIN / "errors/ja.txt", src / "errors.ja.txt")
    shutil.copy(TANSHIN / "errors/en.txt", src / "errors.en.txt")
    shutil.copy(EN_ONLY, src / "q1.en.txt")
    proc = run_cli("batch", src, "-o", tmp_path / "out", "--no-config")
    assert proc.returncode == 1, proc.stderr
    entries = summary(tmp_path / "out")["pairs"]
    assert [(Path(e["ja"]).name, e["en"] and Path(e["en"]).name) for e in entries] == [
        ("errors.ja.txt", "errors.en.txt"),
        ("q1.en.txt", None),
    ]


def test_interrupted_run_still_writes_the_summary(tmp_path):
    import pytest

    from taiyaku.batch import pairs_of
    from taiyaku.batch.run import run
    from taiyaku.options import Options

    m = manifest(tmp_path, ["q1.en.txt", "correct.ja.txt\tcorrect.en.txt"])

    def stop(entry):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(pairs_of(m), tmp_path / "out", Options(), jobs=1, tell=stop)
    data = summary(tmp_path / "out")
    assert data["interrupted"] is True
    first, second = data["pairs"]
    assert first["exit"] == 0 and first["report"] is not None
    assert second["exit"] is None and second["error"] == "not checked: the batch was interrupted"
