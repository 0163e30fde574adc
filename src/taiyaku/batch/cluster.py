"""The pairs of a batch checked on a Dask distributed cluster (`taiyaku batch --scheduler`).

Only the process pool is replaced: each pair goes to a worker as `run.check_pair(pair, options,
outdir)` (paths and the Options record, nothing heavy), the worker writes the report itself, and
the summary entries come back to `run.run`, which keeps the summary, resume and progress as for a
local run. The workers must import taiyaku in the same version and see the inputs, glossaries,
baseline and OUTDIR at the same paths (a shared filesystem): relative paths are made absolute
against the current folder first.

`distributed` is imported here only, and only when a scheduler is given (the optional extra
`taiyaku[dask]`).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from .. import __version__
from ..errors import InputError
from ..options import Options
from .manifest import Pair

CONNECT_TIMEOUT = 10.0  # seconds to reach the scheduler, and for it to have a worker
EXTRA = "--scheduler needs the optional extra: pip install 'taiyaku[dask]'"


class ClusterError(InputError):
    """A scheduler that cannot be used (one line): extra missing, bad address, unreachable."""


def absolute_path(path: str) -> str:
    return path if os.path.isabs(path) else os.path.join(os.getcwd(), path)


def absolute(pairs: list[Pair], options: Options) -> tuple[list[Pair], Options]:
    """The pairs and options with every relative path made absolute (the workers' current
    folder is not the client's); absolute paths are kept as written."""
    pairs = [replace(p, ja=absolute_path(p.ja), en=absolute_path(p.en) if p.en else None) for p in pairs]
    options = replace(options, glossaries=tuple(absolute_path(g) for g in options.glossaries),
                      baseline=absolute_path(options.baseline) if options.baseline else None)  # fmt: skip
    return pairs, options


def connect(address: str, timeout: float = CONNECT_TIMEOUT) -> Any:
    """A distributed.Client on the scheduler at `address`, with at least one worker running
    this version of taiyaku; ClusterError (one line) otherwise."""
    try:
        import distributed
    except ImportError:
        raise ClusterError(EXTRA) from None
    _reach(address, timeout)
    try:
        client = distributed.Client(address, timeout=timeout, set_as_default=False)
    except (OSError, ValueError, TypeError) as e:
        raise ClusterError(f"cannot connect to the Dask scheduler at {address}: {_line(e)}") from None
    try:
        _check_workers(client, address, timeout)
    except BaseException:
        client.close()
        raise
    return client


def _reach(address: str, timeout: float) -> None:
    """Probe the address first: a Client that fails to connect leaves tracebacks on stderr
    when it is collected; a bare comm does not."""
    import asyncio

    from distributed.comm import connect as open_comm
    from distributed.security import Security

    async def probe() -> None:
        comm = await open_comm(address, timeout=timeout, **Security().get_connection_args("client"))
        await comm.close()

    try:
        asyncio.run(probe())
    except (ValueError, TypeError) as e:
        raise ClusterError(f"--scheduler {address!r}: not a scheduler address (tcp://host:port): {_line(e)}") from None
    except OSError:
        raise ClusterError(f"cannot reach the Dask scheduler at {address} (no answer within {timeout:g} s)") from None


def _check_workers(client: Any, address: str, timeout: float) -> None:
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (TimeoutError, OSError):
        raise ClusterError(f"the Dask scheduler at {address} has no workers (waited {timeout:g} s)") from None
    versions = client.get_versions(check=False, packages=["taiyaku"])
    for worker, info in sorted(versions.get("workers", {}).items()):
        theirs = info.get("packages", {}).get("taiyaku")
        if theirs != __version__:
            found = f"taiyaku {theirs}" if theirs else "no taiyaku"
            raise ClusterError(f"the Dask worker {worker} has {found}; the workers need taiyaku {__version__}")


def _line(e: BaseException) -> str:
    return " ".join(str(e).split()) or type(e).__name__


def check_all(client: Any, todo: list[tuple[int, Pair]], options: Options, outdir: str,
              done: Callable[[int, dict[str, Any]], None]) -> None:  # fmt: skip
    """Submit every pair of `todo` (index, pair) and call `done(index, entry)` as each finishes.
    A pair whose task fails on the cluster (its worker died, taiyaku failed to load there) gets
    that error as its entry; a KeyboardInterrupt cancels what is left and is re-raised."""
    from asyncio import CancelledError

    from distributed import as_completed

    from .run import _entry, check_pair

    batch = uuid.uuid4().hex  # the workers load the glossary again for each batch
    futures = {client.submit(check_pair, pair, options, outdir, batch, pure=False): (i, pair) for i, pair in todo}
    try:
        for future in as_completed(futures, loop=client.loop):
            i, pair = futures[future]
            try:
                entry = future.result()
            except (Exception, CancelledError) as e:
                entry = _entry(pair, exit=2, error=f"not checked on the cluster: {type(e).__name__}: {_line(e)}")
            done(i, entry)
    except BaseException:
        client.cancel(list(futures), force=True)
        raise
