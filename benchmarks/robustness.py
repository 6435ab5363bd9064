"""Robustness figures: hostile inputs, processes killed mid-run, concurrent writers.

    .venv/bin/python benchmarks/robustness.py [--long-text-chars N]

Each probe runs real ``claimkb`` processes (the console script beside this Python) and
prints: the inputs tried, the clean one-line errors or warnings they gave, tracebacks,
records lost (good records of the batch not stored, or rows that differ from an
uninterrupted sequential run), the slowest process's time and the largest peak RSS
(``ru_maxrss`` of each child). Tracebacks and losses must all be 0.
"""
from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import click

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from rows import database_rows, differences, integrity  # noqa: E402

CLAIMKB = str(Path(sys.executable).parent / "claimkb")
SAMPLE = REPO / "data" / "sample" / "ecbplus-aceh-quake.jsonl"
SEEDS = REPO / "data" / "seeds"
LEXICAL = ["--matcher", "lexical"]
GOOD = "The mayor said the bridge will reopen in May after repairs costing 3 million dollars."
MIB = 2**20


@dataclass
class Process:
    code: int
    stderr: str
    seconds: float
    rss_mb: float


def run(*args, kill_after: float | None = None) -> Process:
    """Run claimkb with ``args``; with ``kill_after``, SIGKILL it after that many seconds."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as stderr:
        process = subprocess.Popen([CLAIMKB, *map(str, args)], stdout=subprocess.DEVNULL, stderr=stderr, text=True)
        if kill_after is not None:
            time.sleep(kill_after)
            # os.kill, not Popen.send_signal: that polls first and would reap a child that
            # already finished, leaving wait4 nothing to read its usage from. A finished
            # child stays a zombie until wait4, and killing a zombie does nothing.
            os.kill(process.pid, signal.SIGKILL)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        return Process(process.returncode, stderr.read(), time.perf_counter() - started, usage.ru_maxrss / 1024)


@dataclass
class Figures:
    probe: str
    tried: int = 0
    clean: int = 0
    tracebacks: int = 0
    lost: int = 0
    seconds: float = 0.0
    rss_mb: float = 0.0

    def add(self, process: Process):
        self.tracebacks += process.stderr.count("Traceback")
        self.clean += sum(line.startswith(("error:", "warning:")) for line in process.stderr.splitlines())
        self.seconds = max(self.seconds, process.seconds)
        self.rss_mb = max(self.rss_mb, process.rss_mb)


def article_count(db: Path) -> int:
    import sqlite3

    if not db.exists():
        return 0
    conn = sqlite3.connect(db)
    try:
        return conn.execute("select count(*) from articles").fetchone()[0]
    finally:
        conn.close()


def hostile_inputs(folder: Path, long_chars: int) -> dict[str, tuple[dict[str, bytes], int]]:
    """{probe: ({file name: content}, good records in it)}; each batch also holds good.txt."""
    deep = "<div>" * 100_000 + GOOD + "</div>" * 100_000
    paragraph = f'"{GOOD}" the minister said. Officials estimate that 4,000 homes were built.\n\n'
    entities = "".join(f'<!ENTITY e{n} "{("&e" + str(n - 1) + ";") * 10}">' for n in range(1, 10))
    secret = folder / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")

    def feed(doctype, body):
        return (f'<?xml version="1.0"?><!DOCTYPE rss [{doctype}]><rss version="2.0"><channel><title>T</title>'
                f"<item><title>A</title><description>{body}</description></item></channel></rss>").encode()

    bomb = gzip.compress(b"a" * (65 * MIB), compresslevel=9)
    return {
        "bad dates": ({"front.md": f"---\npublished: 2024-13-45\n---\n{GOOD}\n".encode(),
                       "dates.jsonl": "\n".join(json.dumps({"text": f"{GOOD} {n}", "published": d}) for n, d in
                                                enumerate(["2024-13-45", "not a date"])).encode()}, 3),
        "NUL byte in JSON Lines": ({"nul.jsonl": b'{"text": "a\x00b"}\n' + json.dumps({"text": GOOD + "!"}).encode()},
                                   1),
        "invalid UTF-8, mixed encodings": ({"latin1.txt": "café".encode("latin-1"),
                                            "mixed.jsonl": json.dumps({"text": GOOD + "?"}).encode() + b"\n"
                                            + '{"text": "café"}'.encode("latin-1")}, 1),
        "empty and blank bodies": ({"empty.txt": b"", "blank.md": b"---\ntitle: T\n---\n  \n",
                                    "blank.jsonl": b'{"text": " "}\n'}, 0),
        "100k-deep HTML": ({"deep.html": f"<html><body>{deep}</body></html>".encode(), "deep-fragment.html":
                            deep.encode()}, 0),
        "YAML custom tags": ({"tag.md": b'---\ntitle: !!python/object/apply:os.system ["id"]\n---\nBody.\n'}, 0),
        "XXE and entity bomb": ({"xxe.xml": feed(f'<!ENTITY x SYSTEM "file://{secret}">', f"&x; {GOOD} 2"),
                                 "bomb.xml": feed(f'<!ENTITY e0 "ha">{entities}', "&e9;")}, 2),
        "gzip bomb (65 MiB)": ({"bomb.txt.gz": bomb}, 0),
        "input over 64 MiB": ({"huge.txt": b"word " * (13 * MIB + 1)}, 0),
        f"long text ({long_chars:,} chars)": ({"long.txt": (paragraph * (long_chars // len(paragraph) + 1)).encode()},
                                              1),
        "very long sentence and quote": ({"sentence.txt": (" ".join(["and then"] * 8000) + ".").encode(),
                                          "quote.txt": ('"' + " ".join(["words"] * 12000) + '," she said.').encode()},
                                         2),
        "names with spaces and non-ASCII": ({"a name with spaces.txt": f"{GOOD} 3".encode(),
                                             "ünïcödé ñame.txt": f"{GOOD} 4".encode()}, 2),
    }


def hostile_probes(work: Path, long_chars: int) -> list[Figures]:
    results = []
    for probe, (files, good) in hostile_inputs(work, long_chars).items():
        folder = work / probe.replace(" ", "_").replace("/", "_")
        folder.mkdir()
        (folder / "good.txt").write_text(GOOD, encoding="utf-8")
        for name, content in files.items():
            (folder / name).write_bytes(content)
        db = work / f"{folder.name}.db"
        figures = Figures(probe, tried=len(files))
        process = run("ingest", db, folder, "--no-link", *LEXICAL)
        figures.add(process)
        figures.lost = good + 1 - article_count(db)
        if db.exists() and integrity(db) != "ok":
            figures.lost += 1
        results.append(figures)
    return results


def split_inputs(work: Path) -> list[Path]:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    parts = []
    for n in range(3):
        parts.append(work / f"part-{n}.jsonl")
        parts[-1].write_text("".join(lines[n::3]), encoding="utf-8")
    shutil.copytree(SEEDS, work / "seeds")
    return [*parts, work / "seeds"]


def crash_probes(work: Path, inputs: list[Path]) -> list[Figures]:
    reference = work / "reference.db"
    run("ingest", reference, *inputs, *LEXICAL)
    relinked = work / "relinked.db"
    shutil.copy(reference, relinked)
    run("link", relinked, "--rebuild", *LEXICAL)
    results = []
    for command, points in (("ingest", (0.5, 1.5, 3.0, 6.0)), ("link", (1.0, 2.5))):
        figures = Figures(f"kill -9 during {command} ({', '.join(f'{p:g}s' for p in points)})", tried=len(points))
        for point in points:
            db = work / f"killed-{command}-{point}.db"
            if command == "ingest":
                args, expected = ("ingest", db, *inputs, *LEXICAL), reference
            else:
                shutil.copy(reference, db)
                args, expected = ("link", db, "--rebuild", *LEXICAL), relinked
            figures.add(run(*args, kill_after=point))
            if db.exists() and integrity(db) != "ok":
                figures.lost += 1
            rerun = run(*args)
            figures.add(rerun)
            figures.lost += sum(a + b for a, b in differences(database_rows(db), database_rows(expected)).values())
        results.append(figures)
    return results


def concurrency_probe(work: Path, inputs: list[Path]) -> Figures:
    sequential, shared = work / "sequential.db", work / "shared.db"
    for item in inputs:
        run("ingest", sequential, item, *LEXICAL)
    figures = Figures(f"{len(inputs)} ingests + link at once", tried=len(inputs) + 1)
    started = time.perf_counter()
    processes = [subprocess.Popen([CLAIMKB, "ingest", str(shared), str(item), *LEXICAL], stderr=subprocess.PIPE,
                                  text=True) for item in inputs]
    while not shared.exists():  # link refuses to create a database; the first ingest makes it
        time.sleep(0.1)
    processes.append(subprocess.Popen([CLAIMKB, "link", str(shared), *LEXICAL], stderr=subprocess.PIPE, text=True))
    for process in processes:
        _, status, usage = os.wait4(process.pid, 0)
        stderr = process.stderr.read()
        figures.add(Process(os.waitstatus_to_exitcode(status), stderr, time.perf_counter() - started,
                            usage.ru_maxrss / 1024))
        figures.lost += "locked" in stderr or os.waitstatus_to_exitcode(status) != 0
    for db in (sequential, shared):
        run("link", db, "--rebuild", *LEXICAL)
    figures.lost += sum(a + b for a, b in differences(database_rows(shared), database_rows(sequential)).values())
    return figures


@click.command()
@click.option("--long-text-chars", type=click.IntRange(1), default=120_000, show_default=True,
              help="Length of the long-text probe (over 1,000,000 to pass spaCy's max_length: minutes).")
def main(long_text_chars):
    with tempfile.TemporaryDirectory(prefix="claimkb-robustness-") as tmp:
        work = Path(tmp)
        (work / "hostile").mkdir()
        results = hostile_probes(work / "hostile", long_text_chars)
        inputs = split_inputs(work)
        results += crash_probes(work, inputs)
        results.append(concurrency_probe(work, inputs))
    print(f"{'probe':44} {'tried':>5} {'clean':>5} {'tracebacks':>10} {'lost':>5} {'peak s':>7} {'peak RSS MB':>11}")
    for f in results:
        print(f"{f.probe:44} {f.tried:5} {f.clean:5} {f.tracebacks:10} {f.lost:5} {f.seconds:7.1f} {f.rss_mb:11.0f}")
    print(f"total: {sum(f.tracebacks for f in results)} tracebacks, {sum(f.lost for f in results)} lost")


if __name__ == "__main__":
    main()
