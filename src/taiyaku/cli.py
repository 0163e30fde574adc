"""The command line: a thin layer over taiyaku.api. Resolves the settings (taiyaku.config: the
config file under the flags), calls the API, writes the reports the run asks for and returns the
exit code taiyaku.gate decides (0 clean, 1 open findings at or above --fail-on, 2 the input
could not be checked)."""

from __future__ import annotations

import gc
import inspect
import io
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import __version__

if TYPE_CHECKING:
    from .options import Options

app = typer.Typer(
    name="taiyaku",
    help=(
        "Check a Japanese financial disclosure against its English translation.\n\n"
        "Reads text, PDF, HTML / iXBRL, DOCX and XLSX.\n\n"
        "Settings: taiyaku.toml or pyproject.toml [tool.taiyaku] (taiyaku config). Reports: text, json, html, "
        "xlsx, sarif, junit. Accepted findings: taiyaku baseline.\n\n"
        "Exit status: 0 clean, 1 open (not waived) findings at or above --fail-on remain (check), 2 the "
        "input could not be checked (missing, unreadable or encrypted file, no Japanese or English part, "
        "nothing read or compared; a bad config or baseline)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain click help: typer's rich help imports rich.markdown and markdown-it (~0.1 s) on
    # every --help; the plain one says the same.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2  # as taiyaku.gate decides them


class Format(str, Enum):
    text = "text"
    json = "json"


class ConventionChoice(str, Enum):
    declared = "declared"
    round = "round"
    truncate = "truncate"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


FileArg = Annotated[
    Path,
    typer.Argument(help="The Japanese file, or one file holding both languages (Japanese part first or last).",
                   show_default=False, metavar="FILE"),
]  # fmt: skip
EnFileArg = Annotated[
    Path | None,
    typer.Argument(help="The English file, when the two versions are separate files.", show_default=False,
                   metavar="[EN_FILE]"),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Report format.")]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write the report to this file (atomically) instead of standard output."),
]
GlossaryOpt = Annotated[
    list[Path] | None,
    typer.Option("--glossary", "-g", help="A glossary TSV stacked over the default one (repeatable; later files win)."),
]
TargetGlossaryOpt = Annotated[
    Path | None,
    typer.Option("--glossary", "-g", show_default=False,
                 help="The glossary file to add to (created if missing). Default: the config's last glossary, "
                      "else your user glossary (see 'taiyaku config'), which every check loads."),
]  # fmt: skip
StrictGlossaryOpt = Annotated[
    bool, typer.Option("--strict-glossary", help="A malformed or conflicting glossary line is an error (exit 2).")
]
NoDefaultOpt = Annotated[
    bool, typer.Option("--no-default-glossary", help="Do not load the bundled default glossary.")
]
ColorOpt = Annotated[
    bool | None,
    typer.Option("--color/--no-color", help="Colour the text report (default: when writing to a terminal)."),
]
FyEndOpt = Annotated[
    int | None,
    typer.Option("--fy-end-month", min=1, max=12, show_default=False,
                 help="The month the fiscal year ends (1-12), for quarter codes such as 4Q02 and 'fiscal 2002' "
                      "(default: read from the table titles, else 3, March)."),
]  # fmt: skip


def _fail(message: str) -> typer.Exit:
    typer.echo(f"taiyaku: error: {message}", err=True)
    return typer.Exit(EXIT_INPUT)


def _emit(render, output: Path | None, color: bool | None) -> None:
    """Render to stdout, or to a file written atomically."""
    if output is None:
        use_color = color if color is not None else (sys.stdout.isatty() and "NO_COLOR" not in os.environ)
        render(sys.stdout, use_color)
        return
    buf = io.StringIO()
    render(buf, bool(color))
    from .atomic import write_text_atomic

    try:
        write_text_atomic(output, buf.getvalue())
    except OSError as e:
        raise _fail(f"cannot write {output}: {e.strerror or e}") from None


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    xlsx = "xlsx"
    sarif = "sarif"
    junit = "junit"


# The options `taiyaku check`, `taiyaku config` and `taiyaku baseline create/update` share:
# each is None when not given, so that the config file's setting stands (taiyaku.config).
CheckFormatsOpt = Annotated[
    list[CheckFormat] | None,
    typer.Option("--format", "-f", show_default=False,
                 help="Report format (repeatable: the i-th --format goes to the i-th --output; one without an "
                      "--output goes to standard output). Default: text, or what --output's extension names."),
]  # fmt: skip
OutputsOpt = Annotated[
    list[str] | None,
    typer.Option("--output", "-o", show_default=False,
                 help="Write a report to this file, atomically (repeatable; '-' is standard output). Without a "
                      "--format of its own the extension says which: .txt .json .html .xlsx .sarif .xml (JUnit)."),
]  # fmt: skip
FailOnOpt = Annotated[
    FailOn | None,
    typer.Option("--fail-on", show_default=False,
                 help="Exit 1 when an open (not waived) finding at or above this severity remains. (default: error)"),
]  # fmt: skip
SelectOpt = Annotated[
    list[str] | None,
    typer.Option("--select", "-s", show_default=False,
                 help="Run only this rule (code such as TQ100, or name); repeatable or comma-separated; "
                      "replaces the config's select."),
]  # fmt: skip
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option("--ignore", "-i", show_default=False,
                 help="Do not run this rule (code or name); repeatable or comma-separated; "
                      "replaces the config's ignore. "
                      "For example --ignore rounding-adjustment hides the TQ404 information."),
]  # fmt: skip
SeverityOpt = Annotated[
    list[str] | None,
    typer.Option("--severity", show_default=False, metavar="RULE=LEVEL",
                 help="Give every finding of a rule this severity (error, warning, info), e.g. TQ404=warning; "
                      "repeatable; merged over the config's severity table."),
]  # fmt: skip
StrictGlossaryFlag = Annotated[
    bool | None,
    typer.Option("--strict-glossary/--no-strict-glossary", show_default=False,
                 help="A malformed or conflicting line in your glossaries is an error (exit 2), not a warning "
                      "on standard error. (default: a warning)"),
]  # fmt: skip
DefaultGlossaryOpt = Annotated[
    bool | None,
    typer.Option("--default-glossary/--no-default-glossary", show_default=False,
                 help="Load the bundled default glossary under the others. (default: load it)"),
]  # fmt: skip
ConventionOpt = Annotated[
    ConventionChoice | None,
    typer.Option("--convention", show_default=False,
                 help="How amounts were rounded to their unit: as the document declares (百万円未満切捨て means "
                      "truncate; otherwise round), or force round / truncate. (default: declared)"),
]  # fmt: skip
BaselineOpt = Annotated[
    Path | None,
    typer.Option("--baseline", "-b", show_default=False,
                 help="A baseline file of accepted findings (TOML or JSON, see 'taiyaku baseline'): the findings it "
                      "waives are reported apart and do not fail the run; waivers matching nothing are listed "
                      "as stale. Default: the config's baseline."),
]  # fmt: skip
NoBaselineOpt = Annotated[bool, typer.Option("--no-baseline", help="Apply no baseline, not even the config's.")]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", show_default=False,
                 help="The config file (taiyaku.toml, or a pyproject.toml with a tool.taiyaku table). Default: "
                      "the first found in the working directory or above it, up to the repository's root."),
]  # fmt: skip
NoConfigOpt = Annotated[bool, typer.Option("--no-config", help="Read no config file: defaults and flags only.")]
ProgressOpt = Annotated[
    bool | None,
    typer.Option("--progress/--no-progress", show_default=False,
                 help="Show the stages of a long run on standard error. (default: when it is a terminal)"),
]  # fmt: skip


def _resolve(config: Path | None, no_config: bool, **flags):
    """The settings in force: the config file under the command line's flags (taiyaku.config);
    a bad config or flag is a one-line error (exit 2)."""
    from .config import ConfigError, resolve

    keys = {"fail_on": "fail-on", "fy_end_month": "fy-end-month", "default_glossary": "default-glossary",
            "strict_glossary": "strict-glossary", "glossary": "glossaries", "formats": "format",
            "outputs": "output"}  # fmt: skip
    cli = {}
    for name, value in flags.items():
        if isinstance(value, Enum):
            value = value.value
        elif isinstance(value, list):
            value = [v.value if isinstance(v, Enum) else str(v) for v in value]
        elif isinstance(value, Path):
            value = str(value)
        cli[keys.get(name, name)] = value
    try:
        resolved = resolve(cli, config=config, isolated=no_config, stdout_tty=sys.stdout.isatty())
    except ConfigError as e:
        raise _fail(str(e)) from None
    for w in resolved.warnings:
        typer.echo(f"taiyaku: warning: {w}", err=True)
    return resolved


def _with_baseline(options: Options, baseline: Path | None, no_baseline: bool) -> Options:
    import dataclasses

    if no_baseline:
        return dataclasses.replace(options, baseline=None)
    if baseline is not None:
        return dataclasses.replace(options, baseline=str(baseline))
    return options


def _load_glossary(paths, default: bool, strict: bool = False):
    """api.load_glossary; each malformed or conflicting line of the user's glossaries is named
    on standard error (path:line: what), or with `strict` the first is a one-line error."""
    from . import api
    from .errors import InputError

    try:
        glossary = api.load_glossary(list(paths or []), default=default, strict=strict)
    except InputError as e:
        raise _fail(str(e)) from None
    for p in glossary.problems:
        typer.echo(f"taiyaku: warning: {p}", err=True)
    return glossary


def _run_check(file: Path, en_file: Path | None, options: Options, progress: bool | None):
    """api.check with the stages shown on standard error (a terminal, unless --no-progress)."""
    from . import api
    from .errors import InputError

    show = progress if progress is not None else sys.stderr.isatty()
    glossary = _load_glossary(options.glossaries, options.default_glossary, options.strict_glossary)
    try:
        if not show:
            return api.check(file, en_file, options, glossary=glossary)
        from .progress import stages

        with stages() as tell:
            return api.check(file, en_file, options, glossary=glossary, progress=tell)
    except InputError as e:
        raise _fail(str(e)) from None


def _write_reports(report, color: bool | None) -> None:
    """Every report the run asks for: files first (atomically), then standard output. Each
    report names the others (the text report's last line)."""
    import dataclasses

    from .atomic import write_bytes_atomic
    from .report.registry import render

    def others(t):
        return dataclasses.replace(report, outputs=tuple(o for o in report.outputs if o is not t))

    for t in report.outputs:
        if t.path is None:
            continue
        data = render(t.format, others(t), bool(color))
        try:
            write_bytes_atomic(t.path, data if isinstance(data, bytes) else data.encode("utf-8"))
        except OSError as e:
            raise _fail(f"cannot write {t.path}: {e.strerror or e}") from None
    to_stdout = [t for t in report.outputs if t.path is None]
    if to_stdout:
        use_color = color if color is not None else (sys.stdout.isatty() and "NO_COLOR" not in os.environ)
        data = render(to_stdout[0].format, others(to_stdout[0]), use_color)
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(data)
    elif sys.stderr.isatty():  # every report went to a file: say how the run went
        from .report.text import tail

        for line, _style in tail(report):
            typer.echo(line, err=True)


@app.command()
def check(
    file: FileArg,
    en_file: EnFileArg = None,
    formats: CheckFormatsOpt = None,
    outputs: OutputsOpt = None,
    fail_on: FailOnOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    severity: SeverityOpt = None,
    glossary: GlossaryOpt = None,
    default_glossary: DefaultGlossaryOpt = None,
    strict_glossary: StrictGlossaryFlag = None,
    convention: ConventionOpt = None,
    fy_end_month: FyEndOpt = None,
    baseline: BaselineOpt = None,
    no_baseline: NoBaselineOpt = False,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    color: ColorOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """Align the Japanese tables with the English ones and report every disagreement, and
    recompute footings, shares, changes and USD conversions in each language.

    One file in one language (English only or Japanese only) is checked on its own: the
    arithmetic checks run, the cross-language ones have nothing to compare.

    Reads text (tab- or space-aligned columns), PDF, HTML / TDnet iXBRL, DOCX and XLSX, the
    format found from the content. Settings come from taiyaku.toml or pyproject.toml
    [tool.taiyaku] (see 'taiyaku config'), the flags override them.

    Findings with one root cause are reported as one problem. Reports: text, json, html (one
    self-contained page), xlsx (a review sheet), sarif (SARIF 2.1.0), junit (JUnit XML);
    several in one run with repeated --format / --output.

    Exit status, decided after the baseline's waivers: 0 when nothing open at or above
    --fail-on remains, 1 when something does, 2 when the input could not be checked (missing,
    unreadable, encrypted or undecodable file; a document in which no table and no figure was
    found; nothing compared or recomputed; a bad config or baseline).
    """
    import dataclasses

    from .gate import verdict

    resolved = _resolve(config, no_config, formats=formats, outputs=outputs, fail_on=fail_on, select=select,
                        ignore=ignore, severity=severity, glossary=glossary, default_glossary=default_glossary,
                        strict_glossary=strict_glossary, convention=convention,
                        fy_end_month=fy_end_month)  # fmt: skip
    options = _with_baseline(resolved.options, baseline, no_baseline)
    report = _run_check(file, en_file, options, progress)
    report = dataclasses.replace(report, outputs=options.reports)
    _write_reports(report, color)
    v = verdict(report)
    if v.reason is not None:  # a run that compared nothing is never a pass
        raise _fail(v.reason)
    raise typer.Exit(v.exit_code)


@app.command()
def batch(
    source: Annotated[Path, typer.Argument(
        help="A TSV manifest (ja_path<TAB>en_path a line; the second field empty for a bilingual or one-language "
             "file; # comments; paths relative to the manifest's folder) or a folder: X.ja.R pairs with X.en.R "
             "(else with the one X.en.*), X.ja-en.* and any other file is checked alone.", show_default=False)],
    outdir: Annotated[Path, typer.Option("--output", "-o", help="The folder for the reports and summary.json.",
                                         show_default=False)],
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, show_default=False,
                                             help="Worker processes. (default: every core)")] = None,
    force: Annotated[bool, typer.Option("--force", help="Check every pair, even those with a fresh report.")] = False,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", metavar="ADDRESS", show_default=False,
        help="Run on the Dask distributed cluster whose scheduler is at ADDRESS (tcp://host:port) instead of "
             "a local process pool. Needs the optional extra taiyaku[dask]; the workers need the same taiyaku "
             "and the same paths (relative ones are made absolute).")] = None,
    scheduler_timeout: Annotated[float, typer.Option(
        "--scheduler-timeout", min=0.1, metavar="SECONDS",
        help="How long to wait for the scheduler to answer and to have a worker.")] = 10.0,
    fail_on: FailOnOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    severity: SeverityOpt = None,
    glossary: GlossaryOpt = None,
    default_glossary: DefaultGlossaryOpt = None,
    strict_glossary: StrictGlossaryFlag = None,
    convention: ConventionOpt = None,
    fy_end_month: FyEndOpt = None,
    baseline: BaselineOpt = None,
    no_baseline: NoBaselineOpt = False,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    progress: ProgressOpt = None,
) -> None:
    """Check many pairs, as 'taiyaku check' checks one, in a process pool: each pair's JSON
    report (the --format json report) goes to OUTDIR, and OUTDIR/summary.json lists every pair
    with its inputs, report, summary counts, exit status, seconds and error line.

    Folder pairing (not recursive; .txt .tsv .pdf .htm .html .xhtml .docx .xlsx only, hidden
    files left out): X.ja.R is paired with X.en.R (the same rest R, e.g. q1.ja.pdf with
    q1.en.pdf), else with the one unpaired X.en.* when there is exactly one; X.ja-en.*, a lone
    X.ja.* or X.en.* and every other file is checked alone.

    A rerun skips the pairs whose report is newer than their inputs (their summary entries are
    kept), unless --force. One bad pair never stops the batch. Settings: as for 'taiyaku check'.

    With --scheduler tcp://host:port the pairs are checked on a Dask distributed cluster
    (pip install 'taiyaku[dask]'); its workers need this taiyaku version and must see the
    inputs and OUTDIR at the same paths (relative paths are made absolute). The reports and
    summary.json are those of a local run given the absolute paths.

    Exit status: 2 when a pair could not be checked or the manifest is bad, else 1 when a
    pair has open findings at or above --fail-on, else 0.
    """
    from .batch import ManifestError, pairs_of
    from .batch.run import SUMMARY, run
    from .errors import InputError

    if scheduler is not None and jobs is not None:
        raise _fail("--jobs applies to a local run; with --scheduler the cluster's workers check the pairs")

    resolved = _resolve(config, no_config, fail_on=fail_on, select=select, ignore=ignore, severity=severity,
                        glossary=glossary, default_glossary=default_glossary, strict_glossary=strict_glossary,
                        convention=convention, fy_end_month=fy_end_month)  # fmt: skip
    options = _with_baseline(resolved.options, baseline, no_baseline)
    try:
        pairs = pairs_of(source)
    except ManifestError as e:
        raise _fail(str(e)) from None
    if outdir.exists() and not outdir.is_dir():
        raise _fail(f"{outdir}: not a folder")
    show = progress if progress is not None else sys.stderr.isatty()
    counts = {"done": 0, "failed": 0}

    def line(outcome) -> str:
        rate = outcome.checked / outcome.seconds if outcome.seconds else 0.0
        return (f"batch: {len(outcome.entries)} pairs, {outcome.checked} checked, {outcome.skipped} skipped, "
                f"{outcome.failed} failed (exit 2), {outcome.failing} with errors at/above fail-on; "
                f"{rate:.1f} pairs/s; summary in {outdir / SUMMARY}")  # fmt: skip

    def go(tell):
        try:
            return run(pairs, outdir, options, jobs, force, tell, scheduler, scheduler_timeout)
        except InputError as e:  # the scheduler cannot be used (taiyaku.batch.cluster.ClusterError)
            raise _fail(str(e)) from None
        except OSError as e:
            raise _fail(f"cannot write to {outdir}: {e.strerror or e}") from None

    if not show:
        outcome = go(None)
    else:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        bar = Progress(TextColumn("batch"), BarColumn(), MofNCompleteColumn(),
                       TextColumn("{task.fields[failed]} failed"), TextColumn("{task.fields[rate]}"),
                       TimeElapsedColumn(), console=Console(stderr=True),
                       transient=True)  # fmt: skip
        with bar:
            task = bar.add_task("batch", total=len(pairs), failed=0, rate="")

            def tell(entry) -> None:
                counts["done"] += 1
                counts["failed"] += entry.get("exit") == 2
                elapsed = bar.tasks[0].elapsed or 0.0
                bar.update(task, advance=1, failed=counts["failed"],
                           rate=f"{counts['done'] / elapsed:.1f} pairs/s" if elapsed else "")

            outcome = go(tell)
    for entry in outcome.entries:
        if entry.get("error") and entry.get("exit") == 2:
            where = f"line {entry['line']}: " if entry.get("line") else ""
            typer.echo(f"taiyaku: {where}{entry['error']}", err=True)
    typer.echo(line(outcome), err=True)
    raise typer.Exit(outcome.exit_code)


@app.command("config")
def config_command(
    formats: CheckFormatsOpt = None,
    outputs: OutputsOpt = None,
    fail_on: FailOnOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    severity: SeverityOpt = None,
    glossary: GlossaryOpt = None,
    default_glossary: DefaultGlossaryOpt = None,
    strict_glossary: StrictGlossaryFlag = None,
    convention: ConventionOpt = None,
    fy_end_month: FyEndOpt = None,
    baseline: BaselineOpt = None,
    no_baseline: NoBaselineOpt = False,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print the settings as JSON.")] = False,
) -> None:
    """Print every setting in force and where it came from: the default, the config file
    (file:line) or the command line. Takes the flags of 'taiyaku check', to show what they
    change.

    The config is taiyaku.toml (or .taiyaku.toml), or pyproject.toml with a [tool.taiyaku]
    table, in the working directory or the nearest folder above it (not above the repository's
    root). Keys: select, ignore, fail-on, severity (a table RULE = LEVEL), glossaries,
    default-glossary, convention, fy-end-month, baseline, format, output; paths relative to
    the config file. An unknown key is an error (exit 2)."""
    import json

    resolved = _resolve(config, no_config, formats=formats, outputs=outputs, fail_on=fail_on, select=select,
                        ignore=ignore, severity=severity, glossary=glossary, default_glossary=default_glossary,
                        strict_glossary=strict_glossary, convention=convention,
                        fy_end_month=fy_end_month)  # fmt: skip
    settings = list(resolved.settings)
    if no_baseline or baseline is not None:
        import dataclasses

        settings = [dataclasses.replace(s, shown=str(baseline) if baseline else "none", value=str(baseline) if baseline
                                        else None, source="command line") if s.key == "baseline" else s
                    for s in settings]  # fmt: skip
    where = str(resolved.config) if resolved.config else None
    if json_output:
        data = {"config": where, "settings": {s.key: {"value": s.value, "source": s.source} for s in settings}}
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if where:
        table = "[tool.taiyaku]" if resolved.config and resolved.config.name == "pyproject.toml" else "top level"
        typer.echo(f"config: {where} ({table})")
    else:
        typer.echo(f"config: none (no taiyaku.toml, .taiyaku.toml or pyproject.toml with [tool.taiyaku] "
                   f"from {resolved.start} up)")  # fmt: skip
    width = max(len(s.key) for s in settings) + 2
    shown = max((len(s.shown) for s in settings if len(s.shown) <= 48), default=0) + 2
    for s in settings:
        typer.echo(f"{s.key:<{width}}{s.shown:<{shown}}{s.source}" if len(s.shown) < shown
                   else f"{s.key:<{width}}{s.shown}  {s.source}")  # fmt: skip


@app.command()
def align(
    file: FileArg,
    en_file: EnFileArg = None,
    format: FormatOpt = Format.text,
    glossary: GlossaryOpt = None,
    no_default_glossary: NoDefaultOpt = False,
    strict_glossary: StrictGlossaryOpt = False,
    fy_end_month: FyEndOpt = None,
    output: OutputOpt = None,
    color: ColorOpt = None,
) -> None:
    """Show how the Japanese and English tables, columns and rows were paired, with the
    confidence and evidence of each pair and what stayed unpaired."""
    from . import api
    from .errors import InputError
    from .options import Options
    from .report.registry import ALIGN_FORMATS, get_reporter

    try:
        glossaries = _load_glossary(glossary, not no_default_glossary, strict_glossary)
        report = api.align(file, en_file, glossaries, Options(fy_end_month=fy_end_month))
    except InputError as e:
        raise _fail(str(e)) from None
    reporter = get_reporter(ALIGN_FORMATS[format.value])
    _emit(lambda out, c: reporter.write(report, out, c), output, color)


@app.command()
def show(
    file: FileArg,
    en_file: EnFileArg = None,
    format: FormatOpt = Format.text,
    fy_end_month: FyEndOpt = None,
    output: OutputOpt = None,
    color: ColorOpt = None,
) -> None:
    """Show what was read, per language part: each table with its caption, where it stands,
    its header rows and its rows (label and cells), and the paragraph and figure counts — to
    see why a table was or was not checked. Exit 2 when the input cannot be read."""
    from . import api
    from .errors import InputError
    from .options import Options
    from .report.registry import SHOW_FORMATS, get_reporter

    try:
        report = api.show(file, en_file, Options(fy_end_month=fy_end_month))
    except InputError as e:
        raise _fail(str(e)) from None
    reporter = get_reporter(SHOW_FORMATS[format.value])
    _emit(lambda out, c: reporter.write(report, out, c), output, color)


@app.command()
def rules(
    names: Annotated[
        list[str] | None,
        typer.Argument(help="Rule codes or names (TQ305, prose-shared-rendering): show each in full.",
                       show_default=False),
    ] = None,
) -> None:
    """List the checks: code, name, default severity and what each one looks for; with codes
    or names, each of those rules in full."""
    from .checks.registry import UnknownRule, selected
    from .checks.run import all_rules

    if not names:
        for r in all_rules():
            doc = " ".join(r.describe().split())
            typer.echo(f"{r.code}  {r.name:<22} {r.severity.value:<8} {doc}")
        return
    wanted = [n.strip() for item in names for n in item.split(",") if n.strip()]
    try:
        chosen = selected(all_rules(), wanted)
    except UnknownRule as e:
        raise _fail(str(e)) from None
    for i, r in enumerate(chosen):
        typer.echo(("\n" if i else "") + f"{r.code} {r.name} (default severity: {r.severity.value})\n")
        typer.echo(inspect.cleandoc(r.describe()))


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
    """Check a Japanese financial disclosure against its English translation.

    Reads text, PDF, HTML / iXBRL, DOCX and XLSX.

    Settings: taiyaku.toml or pyproject.toml [tool.taiyaku] (taiyaku config). Reports: text,
    json, html, xlsx, sarif, junit. Accepted findings: taiyaku baseline.

    Exit status: 0 clean, 1 open (not waived) findings at or above --fail-on remain (check), 2
    the input could not be checked (missing, unreadable or encrypted file, no Japanese or English
    part, nothing read or compared; a bad config or baseline).
    """


@app.command()
def tokenize(
    text: Annotated[str, typer.Argument(help="A Japanese label, e.g. 借り入れ金", show_default=False)],
    glossary: GlossaryOpt = None,
    no_default_glossary: NoDefaultOpt = False,
    strict_glossary: StrictGlossaryOpt = False,
) -> None:
    """Show the fugashi/UniDic tokens of a label, its glossary keys and its glossary match."""
    from .errors import InputError
    from .glossary.keys import lemma_key, surface_key, tokens

    for surface, lemma, pos in tokens(text):
        typer.echo(f"{surface}\t{lemma}\t{pos}")
    typer.echo(f"surface key: {surface_key(text)}")
    typer.echo(f"lemma key:   {lemma_key(text)}")
    try:
        match = _load_glossary(glossary, not no_default_glossary, strict_glossary).lookup(text)
    except InputError as e:
        raise _fail(str(e)) from None
    if match is None:
        typer.echo("glossary:    (no entry)")
    else:
        entry = match.entry
        typer.echo(f"glossary:    {entry.ja} → {entry.en} ({match.how} match, {match.score:.2f}; "
                   f"{entry.path}:{entry.line})")  # fmt: skip


glossary_app = typer.Typer(
    help="Maintain glossaries: lint, suggest, add, export, import, coverage.",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(glossary_app, name="glossary")


def _progress(i: int, n: int, what: str) -> None:
    if n > 1 and sys.stderr.isatty():
        typer.echo(f"[{i}/{n}] {what}", err=True)


@glossary_app.command("lint")
def glossary_lint(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Glossary files, linted together (default: every glossary 'check' loads, each on its own: "
                            "the bundled default, your user glossary, the config's glossaries)."),
    ] = None,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
) -> None:
    """Find malformed lines, empty fields, duplicate keys, keys that normalise alike, one
    Japanese key with conflicting English, one English for unrelated Japanese. Exit 1 on problems.

    Files named together are linted as one stack (a conflict across them is reported); without
    files, each glossary a check loads is linted on its own, since a later glossary overriding
    an earlier one is what stacking is for."""
    from .errors import InputError
    from .glossary.lint import lint
    from .glossary.lookup import default_glossary_path
    from .glossary.paths import user_glossary_path
    from .glossary.store import load

    if files:
        groups = [list(files)]
    else:
        user = user_glossary_path()
        configured = [Path(g) for g in _resolve(config, no_config).options.glossaries]
        groups = [[default_glossary_path()], *([[user]] if user.is_file() else []), *([g] for g in configured)]
    try:
        loaded = [[load(p) for p in group] for group in groups]
    except InputError as e:
        raise _fail(str(e)) from None
    issues = [i for group in loaded for i in lint(group)]
    for i in issues:
        typer.echo(f"{i.path}:{i.line}: {i.code}: {i.message}")
    entries = sum(len(f.entries) for group in loaded for f in group)
    count = sum(len(group) for group in loaded)
    typer.echo(f"{len(issues)} problem(s) in {count} file(s), {entries} entries")
    raise typer.Exit(1 if issues else 0)


@glossary_app.command("suggest")
def glossary_suggest(
    docs: Annotated[list[Path], typer.Argument(help="Bilingual documents (Japanese and English in one file).")],
    glossary: GlossaryOpt = None,
    no_default_glossary: NoDefaultOpt = False,
    strict_glossary: StrictGlossaryOpt = False,
    output: OutputOpt = None,
) -> None:
    """Mine candidate ja/en pairs from the aligned rows of documents, as TSV for review:
    count, confidence, status (new / known / conflict with the glossary) and the lines they came from."""
    from . import api
    from .errors import InputError
    from .glossary.mine import suggest, suggestions_tsv

    try:
        glossaries = _load_glossary(glossary, not no_default_glossary, strict_glossary)
        alignments = []
        for i, d in enumerate(docs, 1):
            _progress(i, len(docs), f"aligning {d}")
            alignments.append(api.align(d, glossary=glossaries).alignment)
        found = suggest(alignments, glossaries)
    except InputError as e:
        raise _fail(str(e)) from None
    text = suggestions_tsv(found)
    _emit(lambda out, c: out.write(text), output, False)


def _target_glossary(given: Path | None, config: Path | None, no_config: bool) -> tuple[Path, str]:
    """The glossary `glossary add` / `import` write to, and a note saying why that one: the
    --glossary file, else the config's last glossary, else the user's glossary (its folder
    created), which every command loading the default glossary stacks over it. Never the
    package's own data."""
    if given is not None:
        return given, ""
    resolved = _resolve(config, no_config)
    if resolved.options.glossaries:
        return Path(resolved.options.glossaries[-1]), f" (the last of the glossaries in {resolved.config})"
    from .glossary.paths import user_glossary_path

    target = user_glossary_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise _fail(f"cannot create {target.parent}: {e.strerror or e}") from None
    return target, " (your user glossary, loaded by every check; --glossary FILE writes elsewhere)"


@glossary_app.command("add")
def glossary_add(
    ja: Annotated[str, typer.Argument(help="The Japanese label.", show_default=False)],
    en: Annotated[str, typer.Argument(help="Its English.", show_default=False)],
    variant: Annotated[
        list[str] | None, typer.Option("--variant", "-v", help="An accepted English variant (repeatable).")
    ] = None,
    note: Annotated[str, typer.Option("--note", "-n", help="A note for reviewers.")] = "",
    glossary: TargetGlossaryOpt = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a conflicting entry (the replaced line is named).")
    ] = False,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
) -> None:
    """Add one entry, keeping the file's order and comments; refuses a conflicting entry
    unless --force. Safe when several processes add at once. Writes to --glossary, else the
    config's last glossary, else your user glossary (shown by 'taiyaku config'), which every
    check loads over the default glossary."""
    from .errors import InputError
    from .glossary.store import Entry, add

    target, why = _target_glossary(glossary, config, no_config)
    try:
        message = add(target, Entry(ja, en, tuple(variant or ()), note), force=force)
    except InputError as e:
        raise _fail(str(e)) from None
    typer.echo(message + why)


class ExportFormat(str, Enum):
    tbx = "tbx"
    csv = "csv"


@glossary_app.command("export")
def glossary_export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="TBX (ISO 30042) or CSV.")] = ExportFormat.tbx,
    glossary: GlossaryOpt = None,
    no_default_glossary: NoDefaultOpt = False,
    strict_glossary: StrictGlossaryOpt = False,
    output: OutputOpt = None,
) -> None:
    """Write the glossary (default plus any --glossary files, stacked) as TBX or CSV."""
    from .errors import InputError
    from .glossary.tbx import to_csv, to_tbx

    try:
        entries = _load_glossary(glossary, not no_default_glossary, strict_glossary).entries
        text = to_tbx(entries) if format is ExportFormat.tbx else to_csv(entries)
    except InputError as e:
        raise _fail(str(e)) from None
    _emit(lambda out, c: out.write(text), output, False)


@glossary_app.command("import")
def glossary_import(
    file: Annotated[
        Path,
        typer.Argument(help="A .tbx or .csv file (our CSV, or an EDINET/TDnet label CSV).", show_default=False),
    ],
    glossary: TargetGlossaryOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace conflicting entries.")] = False,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
) -> None:
    """Add the entries of a TBX or CSV file to a glossary (--glossary, else the config's last
    glossary, else your user glossary, as for 'glossary add'). Entries the glossary already has
    are counted; conflicting ones (other English for the same Japanese) are listed on stderr,
    not dropped silently, and make the exit status 1 (--force replaces them)."""
    from .errors import InputError
    from .glossary.store import add_many
    from .glossary.tbx import from_csv, from_tbx
    from .read.decode import read_source

    suffix = file.suffix.lower()
    if suffix not in (".tbx", ".xml", ".csv"):
        raise _fail(f"{file}: expected a .tbx or .csv file") from None
    try:
        text = "\n".join(read_source(file).lines)
        entries = from_csv(text, str(file)) if suffix == ".csv" else from_tbx(text, str(file))
    except InputError as e:
        raise _fail(str(e)) from None
    glossary, why = _target_glossary(glossary, config, no_config)
    try:
        done, present, refused = add_many(glossary, entries, force=force)
    except InputError as e:
        raise _fail(str(e)) from None
    for c in refused:
        typer.echo(f"refused: {c}", err=True)
    typer.echo(
        f"imported {len(done)} of {len(entries)} entries into {glossary}; "
        f"{len(present)} already present; {len(refused)} refused{why}"
    )
    raise typer.Exit(1 if refused else 0)


@glossary_app.command("coverage")
def glossary_coverage(
    docs: Annotated[list[Path], typer.Argument(help="Documents whose Japanese row labels to look up.")],
    glossary: GlossaryOpt = None,
    no_default_glossary: NoDefaultOpt = False,
    strict_glossary: StrictGlossaryOpt = False,
) -> None:
    """Share of the Japanese row labels (labels with Japanese script) the glossaries know,
    per document and in total; lists the labels they do not know. A document without
    Japanese (an English-only file) is skipped with a note on standard error; exit 2 when no
    document has Japanese."""
    from . import api
    from .errors import InputError
    from .glossary.mine import coverage

    glossaries = _load_glossary(glossary, not no_default_glossary, strict_glossary)
    results = []
    try:
        for i, d in enumerate(docs, 1):
            _progress(i, len(docs), f"reading {d}")
            try:
                results.append(coverage(api.japanese_part(d), glossaries))
            except api.MissingLanguage:
                typer.echo(f"taiyaku: note: {d}: no Japanese text (a one-language English file?); skipped", err=True)
    except InputError as e:
        raise _fail(str(e)) from None
    if not results:
        what = f"any of the {len(docs)} documents" if len(docs) > 1 else str(docs[0])
        raise _fail(f"no Japanese text in {what}: no row labels to look up")
    known = total = 0
    for r in results:
        typer.echo(f"{r.path}: {r.known}/{r.total} Japanese row labels known ({r.percent:.1f}%)")
        for label, line in r.unknown:
            typer.echo(f"  unknown: {label} (line {line})")
        known += r.known
        total += r.total
    percent = 100.0 * known / total if total else 100.0
    typer.echo(f"total: {known}/{total} = {percent:.1f}%")


baseline_app = typer.Typer(
    help="Accept findings on purpose: a baseline file of waivers (create, update, import from a review sheet). "
         "'taiyaku check --baseline FILE' (or baseline in the config) then reports them as waived.",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)  # fmt: skip
app.add_typer(baseline_app, name="baseline")

ReasonOpt = Annotated[
    str | None, typer.Option("--reason", "-r", show_default=False, help="Why the findings are accepted.")
]
WhoOpt = Annotated[
    str | None,
    typer.Option("--who", show_default=False, help="Who accepts them (default: the user name of the session)."),
]
BaselineFileOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", show_default=False,
                 help="The baseline file (.toml or .json). Default: the config's baseline."),
]  # fmt: skip


def _baseline_path(given: Path | None, options: Options) -> Path:
    if given is not None:
        return given
    if options.baseline:
        return Path(options.baseline)
    raise _fail("no baseline file: give -o BASELINE (or set baseline in the config)")


def _who(who: str | None) -> str:
    from .waivers import default_who

    return who or default_who()


@baseline_app.command("create")
def baseline_create(
    file: FileArg,
    en_file: EnFileArg = None,
    output: BaselineFileOpt = None,
    reason: ReasonOpt = None,
    who: WhoOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing baseline file.")] = False,
    fail_on: FailOnOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    severity: SeverityOpt = None,
    glossary: GlossaryOpt = None,
    default_glossary: DefaultGlossaryOpt = None,
    strict_glossary: StrictGlossaryFlag = None,
    convention: ConventionOpt = None,
    fy_end_month: FyEndOpt = None,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    progress: ProgressOpt = None,
) -> None:
    """Check the documents and accept every finding at or above --fail-on (the config's, else
    error; --fail-on info accepts all) into a new baseline, each with the reason, who and when.
    Refuses to overwrite a baseline (use 'taiyaku baseline update', or --force)."""
    import dataclasses

    from . import waivers
    from .errors import InputError

    resolved = _resolve(config, no_config, fail_on=fail_on, select=select, ignore=ignore, severity=severity,
                        glossary=glossary, default_glossary=default_glossary, strict_glossary=strict_glossary,
                        convention=convention, fy_end_month=fy_end_month)  # fmt: skip
    target = _baseline_path(output, resolved.options)
    if not reason or not reason.strip():
        raise _fail("say why the findings are accepted: --reason TEXT")
    if target.exists() and not force:
        raise _fail(f"{target} exists: 'taiyaku baseline update' keeps its reasons (or --force replaces it)")
    options = dataclasses.replace(resolved.options, baseline=None)
    report = _run_check(file, en_file, options, progress)
    accepted = waivers.accept(report.findings, options.fail_on, reason.strip(), _who(who), waivers.now())
    try:
        waivers.save(target, accepted)
    except InputError as e:
        raise _fail(str(e)) from None
    problems = {p.id for p in report.problems for f in p.findings if f.fingerprint in {w.fingerprint for w in accepted}}
    typer.echo(f"accepted {len(accepted)} finding(s) in {len(problems)} problem(s) at or above "
               f"{options.fail_on.value} into {target}")  # fmt: skip


@baseline_app.command("update")
def baseline_update(
    file: FileArg,
    en_file: EnFileArg = None,
    output: BaselineFileOpt = None,
    add: Annotated[bool, typer.Option("--add", help="Also accept the open findings at or above --fail-on "
                                                    "(needs --reason).")] = False,  # fmt: skip
    reason: ReasonOpt = None,
    who: WhoOpt = None,
    fail_on: FailOnOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    severity: SeverityOpt = None,
    glossary: GlossaryOpt = None,
    default_glossary: DefaultGlossaryOpt = None,
    strict_glossary: StrictGlossaryFlag = None,
    convention: ConventionOpt = None,
    fy_end_month: FyEndOpt = None,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    progress: ProgressOpt = None,
) -> None:
    """Check the documents against a baseline and rewrite it: waivers that still match keep
    their reason, who and when (their fingerprint and description brought up to date); stale
    ones (no finding matches them) are dropped and listed; waivers of rules this run did not
    select are kept. New findings are not accepted unless --add (with --reason) says so: an
    update never widens the gate silently."""
    import dataclasses

    from . import waivers
    from .errors import InputError

    resolved = _resolve(config, no_config, fail_on=fail_on, select=select, ignore=ignore, severity=severity,
                        glossary=glossary, default_glossary=default_glossary, strict_glossary=strict_glossary,
                        convention=convention, fy_end_month=fy_end_month)  # fmt: skip
    target = _baseline_path(output, resolved.options)
    if add and (not reason or not reason.strip()):
        raise _fail("--add accepts new findings: say why with --reason TEXT")
    try:
        old = waivers.load(target)
    except InputError as e:
        raise _fail(str(e)) from None
    report = _run_check(file, en_file, dataclasses.replace(resolved.options, baseline=str(target)), progress)
    kept, dropped = waivers.refresh(old.waivers, report)
    added = 0
    if add:
        assert reason is not None
        new = waivers.accept(report.findings, resolved.options.fail_on, reason.strip(), _who(who), waivers.now())
        kept, added = waivers.merge(kept, new)
    if kept != list(old.waivers):
        try:
            waivers.save(target, kept)
        except InputError as e:
            raise _fail(str(e)) from None
    for w in dropped:
        typer.echo(f"dropped stale waiver {w.fingerprint} {w.ja or w.en}: {w.reason}")
    at = resolved.options.fail_on
    still = max(sum(1 for f in report.findings if f.severity.rank >= at.rank) - added, 0)
    typer.echo(f"{target}: kept {len(kept) - added}, dropped {len(dropped)} stale, added {added}; "
               f"{still} open finding(s) at or above {at.value} not accepted")  # fmt: skip


@baseline_app.command("import")
def baseline_import(
    review: Annotated[Path, typer.Argument(help="A review sheet written by 'taiyaku check -o review.xlsx'.",
                                           show_default=False)],  # fmt: skip
    output: BaselineFileOpt = None,
    reason: Annotated[
        str | None,
        typer.Option("--reason", "-r", show_default=False,
                     help="The reason for accepted rows without a reviewer note."),
    ] = None,
    who: WhoOpt = None,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
) -> None:
    """Turn the rows a reviewer marked 'accepted' in the XLSX review sheet into waivers (the
    reviewer note is the reason, the reviewer column who), merged into the baseline (created
    if missing; waivers it has keep their reason). An accepted row without a note (and no
    --reason) is refused and listed: exit 1."""
    from . import waivers
    from .errors import InputError
    from .report.xlsx import read_review

    resolved = _resolve(config, no_config)
    target = _baseline_path(output, resolved.options)
    try:
        rows = read_review(review)
        old = waivers.load(target).waivers if target.exists() else ()
    except InputError as e:
        raise _fail(str(e)) from None
    new, refused = waivers.from_review(rows, reason, _who(who), waivers.now())
    merged, added = waivers.merge(old, new)
    if added:
        try:
            waivers.save(target, merged)
        except InputError as e:
            raise _fail(str(e)) from None
    for r in refused:
        typer.echo(f"refused: {review} row {r.row} (problem {r.problem}) is accepted without a reviewer note; "
                   "write why in the note (or give --reason)", err=True)  # fmt: skip
    accepted = sum(1 for r in rows if r.accepted)
    typer.echo(f"imported {added} waiver(s) from {accepted} accepted row(s) of {review} into {target}; "
               f"{len(new) - added} already there; {len(refused)} row(s) refused")  # fmt: skip
    raise typer.Exit(1 if refused else 0)


def main() -> None:
    """Console entry point: no traceback ever reaches the user."""
    for stream in (sys.stdout, sys.stderr):
        # Reports hold Japanese: write UTF-8 whatever the locale says, never crash midway.
        if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
            try:
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]
            except (AttributeError, ValueError):
                pass
    # One run allocates many small records, in no reference cycle (a check leaves nothing for
    # the collector: 0 unreachable objects on the corpora), and frees them at exit. So collect
    # the young generation rarely, for what the readers leave (openpyxl's workbooks), and
    # scan the older ones hardly ever: those scans were a tenth of a 64,000-cell row's time.
    # Never the imported modules (frozen).
    gc.set_threshold(50_000, 1000, 1000)
    gc.freeze()
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
