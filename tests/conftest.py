"""Shared fixtures: where the repository and its corpora are, and a way to run the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def corpora(repo_root: Path) -> Path:
    return repo_root / "corpora"


@pytest.fixture(scope="session")
def external(repo_root: Path) -> Path:
    """Excerpts of the real label tables of the shared data (tests/data/external, made by
    its make_excerpts.py), so that the tests need nothing beside the repository."""
    return repo_root / "tests" / "data" / "external"


@pytest.fixture(scope="session")
def run_cli(repo_root: Path):
    """run_cli(*args, input=None) -> CompletedProcess: `python -m taiyaku ARGS` in the repo root.

    <repo>/src is put first on PYTHONPATH, so the checkout is tested whether or not taiyaku is
    installed. Output is decoded as UTF-8 (PYTHONIOENCODING=utf-8). Variables that would change
    what the CLI prints (TAIYAKU_DEBUG, FORCE_COLOR, NO_COLOR) are removed.
    """
    env = dict(os.environ)
    for name in ("TAIYAKU_DEBUG", "FORCE_COLOR", "NO_COLOR"):
        env.pop(name, None)
    src = str(repo_root / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    env["PYTHONIOENCODING"] = "utf-8"

    def run(*args: str | os.PathLike, input: str | None = None) -> subprocess.CompletedProcess[str]:
        # Without input, stdin is /dev/null: the CLI must never wait on the terminal.
        stdin = {"input": input} if input is not None else {"stdin": subprocess.DEVNULL}
        return subprocess.run(
            [sys.executable, "-m", "taiyaku", *map(os.fspath, args)],
            cwd=repo_root,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=300,
            **stdin,
        )

    return run
