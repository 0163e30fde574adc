"""The command line: a thin layer over taiyaku.api. Parses options, calls the API, picks a
reporter and returns the exit code (0 clean, 1 findings at or above --fail-on, 2 the input
could not be checked)."""

from __future__ import annotations

import io
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__

app = typer.Typer(
    name="taiyaku",
    help="Check a Japanese financial disclosure against its English translation.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


class Format(str, Enum):
    text = "text"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


FileArg = Annotated[
    Path,
    typer.Argument(help="The Japanese file, or one file holding both languages (Japanese part first or last).",
                   show_default=False),
]  # fmt: skip
EnFileArg = Annotated[
    Optional[Path],
    typer.Argument(help="The English file, when the two versions are separate files.", show_default=False),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Report format.")]
OutputOpt = Annotated[
    Optional[Path],
    typer.Option("--output", "-o", help="Write the report to this file (atomically) instead of standard output."),
]
ColorOpt = Annotated[
    Optional[bool],
    typer.Option("--color/--no-color", help="Colour the text report (default: when writing to a terminal)."),
]


def _fail(message: str) -> typer.Exit:
    typer.echo(f"taiyaku: error: {message}", err=True)
    return typer.Exit(EXIT_INPUT)


def _emit(render, output: Optional[Path], color: Optional[bool]) -> None:
    """Render to stdout, or to a file written atomically."""
    if output is None:
        use_color = color if color is not None else (sys.stdout.isatty() and "NO_COLOR" not in os.environ)
        render(sys.stdout, use_color)
        return
    buf = io.StringIO()
    render(buf, bool(color))
    from .io.atomic import write_text_atomic

    try:
        write_text_atomic(output, buf.getvalue())
    except OSError as e:
        raise _fail(f"cannot write {output}: {e.strerror or e}")


@app.command()
def check(
    file: FileArg,
    en_file: EnFileArg = None,
    format: FormatOpt = Format.text,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Exit 1 when a finding at or above this severity remains.")
    ] = FailOn.error,
    select: Annotated[
        Optional[list[str]],
        typer.Option("--select", "-s", help="Run only this rule (code such as TQ100, or name); repeatable."),
    ] = None,
    output: OutputOpt = None,
    color: ColorOpt = None,
) -> None:
    """Align the Japanese tables with the English ones and report every disagreement.

    Exit status: 0 when nothing at or above --fail-on remains, 1 when something does,
    2 when the input could not be checked (missing file, undecodable, no Japanese part).
    """
    from . import api
    from .errors import InputError
    from .model import Severity
    from .report.base import get_reporter

    if select:
        from .checks.base import all_rules

        known = {r.code for r in all_rules()} | {r.name for r in all_rules()}
        unknown = [s for s in select if s not in known]
        if unknown:
            raise _fail(f"unknown rule {', '.join(unknown)} (see 'taiyaku rules')")
    try:
        report = api.check(file, en_file, set(select) if select else None)
    except InputError as e:
        raise _fail(str(e))
    reporter = get_reporter(format.value)
    _emit(lambda out, c: reporter.write(report, out, c), output, color)
    threshold = Severity(fail_on.value).rank
    failed = any(f.severity.rank >= threshold for f in report.findings)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_CLEAN)


@app.command()
def align(
    file: FileArg,
    en_file: EnFileArg = None,
    format: FormatOpt = Format.text,
    output: OutputOpt = None,
    color: ColorOpt = None,
) -> None:
    """Show how the Japanese and English tables, columns and rows were paired, with the
    confidence and evidence of each pair and what stayed unpaired."""
    from . import api
    from .errors import InputError
    from .report import alignment as show

    try:
        alignment, inputs = api.align(file, en_file)
    except InputError as e:
        raise _fail(str(e))
    if format is Format.json:
        _emit(lambda out, c: show.write_json(alignment, inputs, out), output, color)
    else:
        _emit(lambda out, c: show.write_text(alignment, inputs, out, c), output, color)


@app.command()
def rules() -> None:
    """List the checks: code, name, default severity and what each one looks for."""
    from .checks.base import all_rules

    for r in all_rules():
        doc = " ".join(r.describe().split())
        typer.echo(f"{r.code}  {r.name:<22} {r.severity.value:<8} {doc}")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"taiyaku {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Check a Japanese financial disclosure against its English translation."""


def main() -> None:
    """Console entry point: no traceback ever reaches the user."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("taiyaku: interrupted", err=True)
        sys.exit(130)
    except Exception as e:  # an internal error: say so in one line
        if os.environ.get("TAIYAKU_DEBUG"):
            raise
        typer.echo(f"taiyaku: internal error: {type(e).__name__}: {e} (set TAIYAKU_DEBUG=1 for details)", err=True)
        sys.exit(EXIT_INPUT)
