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
def user_data(tmp_path_factory):
    """The user data folder the tests' taiyaku sees ($XDG_DATA_HOME, %APPDATA%): a temporary
    folder, so that no test reads or writes the real user glossary. It must stay empty (a user
    glossary there would be loaded by every later test): a test that writes one sets its own."""
    folder = tmp_path_factory.mktemp("user-data")
    yield folder
    assert not any(folder.iterdir()), f"a test wrote to the shared user data folder: {list(folder.rglob('*'))}"


@pytest.fixture(autouse=True)
def _isolated_user_data(user_data: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(user_data))
    monkeypatch.setenv("APPDATA", str(user_data))


@pytest.fixture(scope="session")
def run_cli(repo_root: Path, user_data: Path):
    """run_cli(*args, input=None, cwd=None, env_extra=None) -> CompletedProcess: `python -m
    taiyaku ARGS` in the repo root (or in `cwd`), with `env_extra` over the environment.

    <repo>/src is put first on PYTHONPATH, so the checkout is tested whether or not taiyaku is
    installed. Output is decoded as UTF-8 (PYTHONIOENCODING=utf-8). Variables that would change
    what the CLI prints (TAIYAKU_DEBUG, FORCE_COLOR, NO_COLOR) are removed; the user data
    folder is the session's temporary `user_data`.
    """
    env = dict(os.environ)
    env["XDG_DATA_HOME"] = env["APPDATA"] = str(user_data)
    for name in ("TAIYAKU_DEBUG", "FORCE_COLOR", "NO_COLOR"):
        env.pop(name, None)
    src = str(repo_root / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    env["PYTHONIOENCODING"] = "utf-8"

    def run(*args: str | os.PathLike, input: str | None = None, cwd: str | os.PathLike | None = None,
            env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:  # fmt: skip
        # Without input, stdin is /dev/null: the CLI must never wait on the terminal.
        stdin = {"input": input} if input is not None else {"stdin": subprocess.DEVNULL}
        return subprocess.run(
            [sys.executable, "-m", "taiyaku", *map(os.fspath, args)],
            cwd=cwd or repo_root,
            env={**env, **(env_extra or {})},
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=300,
            **stdin,
        )

    return run


def mask_places(report, text: str) -> str:
    """`text` with every place a finding can name ("line 124", "lines 42-61", "p.4 l.12",
    "Sheet1 row 12", "table 2 row 5", "X to Y") written "line N", so findings on renderings
    of one document in different formats compare equal."""
    import re

    locators = {p.locator for d in report.alignment.documents for p in d.places if p.locator}
    locators |= {c for d in report.alignment.documents for p in d.places for c in (p.cell_locators or ()) if c}
    for loc in sorted(locators, key=len, reverse=True):
        text = text.replace(loc, "line N")
    text = re.sub(r"\blines? \d+(?:(?:, | and |-)\d+)*", "line N", text)
    text = re.sub(r"line N(?: to line N|(?:, line N)+)", "line N", text)
    return re.sub(r"\btable at line \d+", "table at line N", text)


def rendering_keys(report) -> list[tuple]:
    """A report's findings without where they stand, to compare renderings of one document in
    different formats: (code, message, ja text and context, en text and context, expected)."""
    from taiyaku.parse.numbers import strip_markup

    def side(loc):
        if loc is None:
            return None
        # a prose context is an excerpt cut to a length: the escapes of the text (\\$) shift its end
        return strip_markup(loc.text), mask_places(report, strip_markup(loc.context))[:50]

    def message(text: str) -> str:
        return mask_places(report, text.replace("\\$", "$"))

    return sorted((f.code, message(f.message), side(f.ja), side(f.en), f.expected) for f in report.findings)
