"""Work spread over processes or a Dask cluster: how ``ingest --dask`` and ``link
--dask`` reach the cluster, and how results come back in the order of their tasks.

What runs elsewhere is pure work on plain data (article texts to extract, blocks of
claim pairs to score); the database never leaves the process that writes it, and
it takes the results in task order, so it writes the same rows wherever they ran.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any, TypeVar

from claimkb.errors import ClaimkbError

# How long to wait for a Dask scheduler before saying it cannot be reached.
DASK_CONNECT_SECONDS = 20
# Tasks in flight per worker: enough queued that a worker never waits while the
# writer stores results held up behind a slower task; the bound keeps memory flat.
TASKS_PER_WORKER = 4

T = TypeVar("T")


def results_in_order(tasks: Iterable[T], submit: Callable[[T], Any], in_flight: int) -> Iterator[tuple[T, Any]]:
    """(task, result) in the order of ``tasks``; ``submit(task)`` returns a future (its
    ``result()``), and at most ``in_flight`` are submitted and not yet handed back."""
    pending: deque = deque()
    for task in tasks:
        pending.append((task, submit(task)))
        if len(pending) >= in_flight:
            task, future = pending.popleft()
            yield task, future.result()
    while pending:
        task, future = pending.popleft()
        yield task, future.result()


@contextmanager
def dask_client(address: str):
    """A ``distributed.Client`` connected to the scheduler at ``address``; ClaimkbError
    naming the address when the dask extra is missing or the scheduler cannot be reached."""
    try:
        from distributed import Client
    except ImportError as ex:
        raise ClaimkbError("--dask needs the dask extra: pip install 'claimkb[dask]'") from ex
    try:
        client = Client(address, timeout=DASK_CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as ex:
        raise ClaimkbError(f"cannot reach the Dask scheduler at {address!r}: {ex}") from ex
    with client:
        yield client


def cluster(address: str | None):
    """``dask_client(address)``, or a context giving None (work stays here) without an address."""
    return dask_client(address) if address else nullcontext()


def tasks_in_flight(client) -> int:
    """How many tasks to keep submitted on ``client``'s cluster."""
    return max(1, len(client.scheduler_info().get("workers", {}))) * TASKS_PER_WORKER
