"""Where extraction runs: in this process, in a local process pool, or on a Dask cluster.

Every way runs the same task, ``extract_texts`` on a chunk of article texts, and
hands the results back in input order, so the single writer that stores them
assigns the same ids and writes the same rows whichever way was used. Only
texts go out and ``Extraction`` records come back; the database never leaves
the writer.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import islice
from typing import TypeVar

from claimkb.distributed import TASKS_PER_WORKER, results_in_order, tasks_in_flight
from claimkb.ingest.extract import extract_all
from claimkb.ingest.extract.nlp import load_pipeline
from claimkb.ingest.records import Extraction

T = TypeVar("T")

# Texts per task: large enough that a task's transfer and scheduling cost little
# next to parsing it (a few ms against about a second), small enough that the
# workers finish together instead of one parsing the last long chunk alone.
CHUNK_SIZE = 8


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
    chunks = _chunks(items, CHUNK_SIZE)
    for chunk, extractions in results_in_order(chunks, lambda chunk: submit([text_of(i) for i in chunk]), in_flight):
        yield from zip(chunk, extractions, strict=True)


@contextmanager
def extraction_runner(model: str | None = None, *, jobs: int = 1, client=None):
    """A context giving ``(submit, in_flight)`` for ``extract_in_order``: on the cluster
    of ``client`` (a ``distributed.Client``, see ``claimkb.distributed.cluster``), in
    ``jobs`` local processes, or here."""
    if client is not None:
        yield (lambda texts: client.submit(extract_texts, texts, model)), tasks_in_flight(client)
    elif jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            yield (lambda texts: pool.submit(extract_texts, texts, model)), jobs * TASKS_PER_WORKER
    else:
        yield (lambda texts: _Inline(extract_texts(texts, model))), 1
