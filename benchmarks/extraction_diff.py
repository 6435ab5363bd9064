"""Which claims a change to extraction adds, drops or alters on news that no set labels.

    python benchmarks/extraction_diff.py --dump BEFORE.json [--limit N]   # on the code before
    python benchmarks/extraction_diff.py --dump AFTER.json [--limit N]    # on the code after
    python benchmarks/extraction_diff.py --compare BEFORE.json AFTER.json

The labelled quote and checkable sets hold a few hundred sentences each, so a rule
can do harm that none of them sees. ``--dump`` writes every claim (kind, words,
speaker) that the installed claimkb extracts from the first N ECB+ documents
(default 1,000) and from the readability pages; ``--compare`` prints, document by
document, the claims only one side has (``-`` before, ``+`` after). Read every
changed claim before committing a rule: each should be what the rule says it does.
With an editable install, dump the code before with ``git stash push ingest`` (or
``git checkout REV -- ingest``), then restore it and dump again.

Neither corpus is a labelled set for quotes or speakers, so reading them tunes
nothing that a figure reports. Needs ``../shared/data`` (ECB+ and html-pages);
reads it, never copies it.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import SHARED_DATA, ecbplus_documents  # noqa: E402
from benchmarks.page_quotes import read_page  # noqa: E402
from claimkb.ingest.extract.workers import extract_texts  # noqa: E402

READABILITY = SHARED_DATA / "html-pages" / "readability"
DEFAULT_LIMIT = 1000  # ECB+ documents: a minute of extraction on two cores


def corpus_texts(limit: int) -> dict[str, str]:
    """Document id -> text: the first ``limit`` ECB+ documents, then the readability pages."""
    texts = {f"ecbplus/{d.doc_id}": d.text for d in ecbplus_documents()[:limit]}
    for page in sorted(READABILITY.glob("*/source.html*")):
        text = read_page(page)
        if text:
            texts[f"readability/{page.parent.name}"] = text
    return texts


def dump(path: Path, limit: int) -> None:
    texts = corpus_texts(limit)
    claims = {
        doc_id: [[c.kind, c.content, c.speaker.name if c.speaker else None] for c in extraction.claims]
        for doc_id, extraction in zip(texts, extract_texts(list(texts.values())))
    }
    path.write_text(json.dumps(claims, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{path}: {sum(map(len, claims.values()))} claims of {len(claims)} documents")


def compare(before: Path, after: Path) -> None:
    old, new = (json.loads(p.read_text(encoding="utf-8")) for p in (before, after))
    changed = 0
    for doc_id in sorted(old.keys() | new.keys()):
        was, now = ([tuple(c) for c in side.get(doc_id, [])] for side in (old, new))
        if was == now:
            continue
        changed += 1
        print(f"== {doc_id}")
        print("\n".join([f"  - {c}" for c in was if c not in now] + [f"  + {c}" for c in now if c not in was]))
    print(f"{changed} of {len(old.keys() | new.keys())} documents changed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--dump", type=Path, metavar="FILE", help="write the claims the installed code extracts")
    action.add_argument("--compare", type=Path, nargs=2, metavar=("BEFORE", "AFTER"), help="print what changed")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="ECB+ documents to read")
    args = parser.parse_args()
    if args.dump:
        dump(args.dump, args.limit)
    else:
        compare(*args.compare)


if __name__ == "__main__":
    main()
