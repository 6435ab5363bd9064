"""The Python API: ``KnowledgeBase``, one object over a claimkb database.

Like sqlite-utils' ``Database``, ``KnowledgeBase(path)`` opens a database for
writing, creating it when it is first written to; ``KnowledgeBase(path,
read_only=True)`` opens it for reading only and never changes the file. The CLI
commands are thin layers over these methods. Heavy packages (spaCy, networkx,
embeddings) are imported by the methods that need them.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimkb.errors import ClaimkbError

if TYPE_CHECKING:
    import sqlite_utils

    from claimkb.ingest.readers import Limits
    from claimkb.ingest.records import InputError
    from claimkb.link.fact_checks import MatchStats
    from claimkb.link.linker import LinkStats
    from claimkb.match.compare import Comparison
    from claimkb.store.loader import IngestStats

Progress = Callable[[int, int], None]  # progress(done, total)


@dataclass
class IngestResult:
    """What ``KnowledgeBase.ingest`` did: the store's counts, the linking (None when not
    linked), the fact-check matching (None when nothing new was matched) and the
    inputs that could not be read (also counted in ``stats.errors``)."""

    stats: IngestStats
    linked: LinkStats | None = None
    fact_checks: MatchStats | None = None
    input_errors: list[InputError] = field(default_factory=list)


@dataclass
class LinkResult:
    """What ``KnowledgeBase.link`` did: the linking, and the matching of the stored
    fact-checks to the claims (None when there are no fact-checks)."""

    linked: LinkStats
    fact_checks: MatchStats | None = None


@dataclass
class QueryResult:
    """A named query's columns and rows; iterating yields one dict per row."""

    columns: list[str]
    rows: list[tuple]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (dict(zip(self.columns, row)) for row in self.rows)

    def __len__(self) -> int:
        return len(self.rows)


@dataclass
class ExportResult:
    nodes: int
    edges: int
    paths: list[Path]


def compare(
    a: str,
    b: str,
    *,
    speaker_a: str | None = None,
    speaker_b: str | None = None,
    threshold: float | None = None,
    matcher: str = "auto",
) -> Comparison:
    """Are ``a`` and ``b`` the same claim, and how does ``b`` differ from ``a``? No database needed."""
    from claimkb.match.compare import compare_texts
    from claimkb.match.tiers import resolve_matcher

    for side, text in (("A", a), ("B", b)):
        if not isinstance(text, str) or not text.strip():
            raise ClaimkbError(f"statement {side} is empty or not text: give the words of a claim")
    return compare_texts(a, b, speaker_a=speaker_a, speaker_b=speaker_b, threshold=threshold,
                         matcher=resolve_matcher(matcher))


class KnowledgeBase:
    """A claimkb database. ``read_only=True`` never writes (a ``chmod 444`` file reads);
    otherwise the file is created when something is first stored (``create=False``
    refuses a missing file) and migrated when opened. Use as a context manager or
    call ``close()``."""

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False, create: bool = True):
        from claimkb.store.db import check_writable, open_read_only

        self.path = os.fspath(path)
        self.read_only = read_only
        self._create = create
        self._db: sqlite_utils.Database | None = None
        if read_only:
            self._db = open_read_only(self.path)
        else:
            # Check now, so that a bad path fails here; open on first use, so that
            # an ingest with nothing to store creates no file.
            check_writable(self.path, create=create)

    @property
    def db(self) -> sqlite_utils.Database:
        """The open ``sqlite_utils.Database`` (after ``close()``, opened again)."""
        if self._db is None:
            from claimkb.store.db import open_db, open_read_only

            self._db = open_read_only(self.path) if self.read_only else open_db(self.path, create=self._create)
        return self._db

    def close(self) -> None:
        if self._db is None:
            return
        from claimkb.store.db import close_db

        if self.read_only:
            self._db.close()
        else:
            close_db(self._db)
        self._db = None

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<KnowledgeBase {self.path!r}{' read-only' if self.read_only else ''}>"

    def _writable(self, action: str) -> None:
        if self.read_only:
            raise ClaimkbError(f"opened read-only; {action} writes to the database", self.path)

    def ingest(
        self,
        paths: Iterable[str | os.PathLike],
        *,
        format: str = "auto",
        outlet: str | None = None,
        link: bool = True,
        model: str | None = None,
        matcher: str = "auto",
        on_skipped: Callable[[Counter[str]], None] | None = None,
        on_input_error: Callable[[InputError], None] | None = None,
        on_warning: Callable[[str, str], None] | None = None,
        limits: Limits | None = None,
        progress: Progress | None = None,
        jobs: int = 1,
        dask: str | None = None,
    ) -> IngestResult:
        """Read articles from files, folders or "-" (stdin), extract and store their
        claims, then link the new claims (unless ``link=False``). When files in the
        folders given are skipped (hidden, README, not an article format, ...),
        ``on_skipped`` gets the count for each reason; then each input that cannot
        be read is passed to ``on_input_error``, and each warning about a record read
        to ``on_warning(source, warning)``. ``limits`` bounds the size of an input
        (default ``claimkb.ingest.readers.Limits()``). ClaimkbError when no input can
        be read, and then the database is left as it was (or not created).
        Extraction runs in ``jobs`` worker processes, or on the Dask cluster whose
        scheduler is at ``dask`` ("tcp://host:8786"), and then the new claims' candidate
        pairs are scored there too; this process alone stores, so the rows and ids are
        the same whichever way was used."""
        from claimkb.distributed import cluster
        from claimkb.ingest.extract.nlp import load_pipeline
        from claimkb.ingest.extract.workers import extraction_runner
        from claimkb.ingest.readers import Limits, read_inputs
        from claimkb.ingest.records import ArticleRecord, InputError
        from claimkb.link.fact_checks import match_new
        from claimkb.link.linker import link_claims
        from claimkb.match.tiers import resolve_matcher
        from claimkb.store.articles import pending_link_ids
        from claimkb.store.loader import ingest_records

        self._writable("ingest")
        if jobs < 1:
            raise ClaimkbError(f"jobs must be at least 1, not {jobs}")
        if jobs > 1 and dask:
            raise ClaimkbError("jobs and dask are alternatives: give one")
        if link:
            resolve_matcher(matcher)  # an unavailable tier stops here, before anything is stored
        skipped: Counter[str] = Counter()
        records = list(read_inputs([os.fspath(p) for p in paths], format=format, outlet=outlet,
                                   on_skip=lambda path, reason: skipped.update([reason]), limits=limits or Limits()))
        if skipped and on_skipped:
            on_skipped(skipped)
        errors = [r for r in records if isinstance(r, InputError)]
        for error in errors:
            if on_input_error:
                on_input_error(error)
        for record in records:
            if isinstance(record, ArticleRecord) and on_warning:  # only articles carry warnings
                for warning in record.warnings:
                    on_warning(record.source, warning)
        if len(errors) == len(records):
            what = "no input could be read" if records else "no articles found in the inputs given"
            existed = self._db is not None or os.path.exists(self.path)
            raise ClaimkbError(f"{what}; {self.path} was not {'changed' if existed else 'created'}")
        load_pipeline(model)  # a missing pipeline stops here, before the database is touched
        total, done = sum(1 for r in records if isinstance(r, ArticleRecord)), 0

        def advance() -> None:
            nonlocal done
            done += 1
            if progress:
                progress(done, total)

        # the workers (or the cluster) are reached before the database is touched
        with cluster(dask) as client:
            with extraction_runner(model, jobs=jobs, client=client) as runner:
                stats = ingest_records(self.db, records, model=model, on_article=advance, runner=runner)
            linked = matched = None
            if link and (stats.claim_ids or pending_link_ids(self.db)):
                linked = link_claims(self.db, claim_ids=stats.claim_ids, matcher=matcher, client=client)
        if link:
            matched = match_new(self.db, fact_check_ids=stats.fact_check_ids, claim_ids=stats.claim_ids,
                                matcher=matcher)
        return IngestResult(stats, linked, matched, errors)

    def link(
        self,
        *,
        rebuild: bool = False,
        matcher: str = "auto",
        threshold: float | None = None,
        per_claim: int | None = None,
        progress: Progress | None = None,
        dask: str | None = None,
    ) -> LinkResult:
        """Link the claims not linked yet (stored with ``link=False``, or by an
        interrupted run) to the stored ones, updating the families, derivations and
        analytics tables they touch; ``rebuild=True`` drops every link, family and
        derivation and recomputes them all. Then match the stored fact-checks to the
        claims. ``dask``: score the candidate pairs on the Dask cluster whose scheduler
        is at this address (the same links as scored here)."""
        from claimkb.distributed import cluster
        from claimkb.link.fact_checks import match_fact_checks
        from claimkb.link.linker import link_claims
        from claimkb.match.tiers import resolve_matcher
        from claimkb.store.articles import pending_link_ids

        self._writable("link")
        resolve_matcher(matcher)  # an unavailable tier stops here, before the database is opened
        options: dict[str, Any] = {"per_claim": per_claim} if per_claim is not None else {}
        with cluster(dask) as client:  # reached before the database is opened
            linked = link_claims(self.db, claim_ids=None if rebuild else pending_link_ids(self.db),
                                 rebuild=rebuild, matcher=matcher, threshold=threshold, progress=progress,
                                 client=client, **options)
        matched = match_fact_checks(self.db, matcher=matcher) if self.db["fact_checks"].count else None
        return LinkResult(linked, matched)

    def compare(self, a: str, b: str, **options) -> Comparison:
        """``claimkb.api.compare``: comparing two texts reads nothing stored."""
        return compare(a, b, **options)

    def similar(self, text: str, *, limit: int = 10, matcher: str = "auto") -> list[dict]:
        """The stored claims most like ``text``, best first, as dicts with a ``score``."""
        from claimkb.match.similar import find_similar

        return find_similar(self.db, text, limit=limit, matcher=matcher)

    def query(self, name: str, **params: str) -> QueryResult:
        """Run the named query ``name`` (see ``claimkb query`` for the list) with its parameters."""
        from claimkb.store.named_queries import run_query

        return QueryResult(*run_query(self.db, name, params))

    def export(self, format: str, path: str | os.PathLike, **filters: str | None) -> ExportResult:
        """Write the claim graph (filters: speaker, outlet, family, since, until, search)
        in ``format`` to ``path``. ClaimkbError, and no file written, when nothing matches."""
        from claimkb.graph.build import build_graph
        from claimkb.graph.export import export_graph

        graph = build_graph(self.db, max_claims=None, **filters)
        if graph.number_of_nodes() == 0:
            given = " ".join(f"--{key} {value!r}" for key, value in filters.items() if value is not None)
            reason = f"nothing matches {given}; no file written" if given else "no articles to export yet; no file written"
            raise ClaimkbError(reason, self.path)
        written = export_graph(graph, format, path)
        return ExportResult(graph.number_of_nodes(), graph.number_of_edges(), list(written))

    def claims(self, **where: Any) -> Iterator[dict]:
        """Every stored claim as a dict (the ``claims`` table's columns), optionally
        only those whose columns equal the given values (``family_id=...``)."""
        return self._rows("claims", where)

    def families(self, **where: Any) -> Iterator[dict]:
        """Every family of copies of one claim as a dict (the ``families`` table's columns)."""
        return self._rows("families", where)

    def _rows(self, table: str, where: dict[str, Any]) -> Iterator[dict]:
        columns = set(self.db[table].columns_dict)
        unknown = sorted(set(where) - columns)
        if unknown:
            raise ClaimkbError(f"{table} have no column {', '.join(unknown)}; they have {', '.join(sorted(columns))}")
        clause = " and ".join(f"[{column}] = :{column}" for column in where) or None
        return self.db[table].rows_where(clause, where or None, order_by="rowid")
