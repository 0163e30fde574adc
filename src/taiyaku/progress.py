"""Progress on long runs: the stage a check is in, with the time spent, on standard error.

The command line shows it only when standard error is a terminal (and not with
--no-progress); the display is transient, so nothing of it stays in the terminal or reaches
a log. rich is imported only here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def stages() -> Iterator[Callable[[str], None]]:
    """A callable that shows each stage as it starts: "reading ja.pdf", "aligning", ..."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(SpinnerColumn(), TextColumn("taiyaku: {task.description}"), TimeElapsedColumn(),
                        console=Console(stderr=True), transient=True)  # fmt: skip
    with progress:
        task = progress.add_task("starting", total=None)

        def tell(stage: str) -> None:
            progress.update(task, description=stage)

        yield tell
