"""Where extraction runs: in this process, in a local process pool, or on a Dask cluster.

Every way runs the same task, ``extract_texts`` on a chunk of article texts, and
hands the results back in input order, so the single writer that stores them
assigns the same ids and writes the same rows whichever way was used. Only
texts go out and ``Extraction`` records come back; the database never leaves
the writer.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import islice
from typing import TypeVar

from claimkb.errors import ClaimkbError
from claimkb.ingest.extract import extract_all
from claimkb.ingest.extract.nlp import load_pipeline
from claimkb.ingest.records import Extraction

T = TypeVar("T")

# Texts per task: large enough that a task's transfer and scheduling cost little
# next to parsing it (a few ms against about a second), small enough that the
# workers finish together instead of one parsing the last long chunk alone.
CHUNK_SIZE = 8
# Tasks in flight per worker: enough queued that a worker never waits while the
# writer stores results held up behind a slower chunk; the bound keeps memory flat.
TASKS_PER_WORKER = 4
# How long to wait for a Dask scheduler before saying it cannot be reached.
DASK_CONNECT_SECONDS = 20


def extract_texts(texts: list[str], model: str | None = None) -> list[Extraction]:
    """The unit of work: parse a chunk of texts and extract each one's claims (long
    texts piece by piece, as ``extract_all`` does). The pipeline is loaded once per
    worker process (load_pipeline is cached)."""
    nlp = load_pipeline(model)
    return [extraction for extraction, _ in extract_all(nlp, ((text, None) for text in texts), CHUNK_SIZE)]


class _Inline:
    """A future already resolved: jobs=1 runs each chunk here, in order."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extract_in_order(
    items: Iterable[T],
    text_of: Callable[[T], str],
    submit: Callable[[list[str]], Future | _Inline],
    in_flight: int,
) -> Iterator[tuple[T, Extraction]]:
    """Yield (item, extraction) in the order of ``items``, keeping at most
    ``in_flight`` chunks submitted and not yet handed back."""
    pending: deque = deque()
    for chunk in _chunks(items, CHUNK_SIZE):
        pending.append((chunk, submit([text_of(item) for item in chunk])))
        if len(pending) >= in_flight:
            yield from _settle(pending.popleft())
    while pending:
        yield from _settle(pending.popleft())


def _settle(entry) -> Iterator:
    chunk, future = entry
    yield from zip(chunk, future.result(), strict=True)


@contextmanager
def extraction_runner(model: str | None = None, *, jobs: int = 1, dask: str | None = None):
    """A context giving ``(submit, in_flight)`` for ``extract_in_order``."""
    if dask is not None:
        with _dask_client(dask) as client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            yield (lambda texts: client.submit(extract_texts, texts, model)), workers * TASKS_PER_WORKER
    elif jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            yield (lambda texts: pool.submit(extract_texts, texts, model)), jobs * TASKS_PER_WORKER
    else:
        yield (lambda texts: _Inline(extract_texts(texts, model))), 1


@contextmanager
def _dask_client(address: str):
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
