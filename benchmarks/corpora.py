"""Loaders for the shared third-party data sets the benchmarks read (never copied into the repo).

The data lives in ``../shared/data`` beside the checkout, or where
``CLAIMKB_SHARED_DATA`` points.
"""
from __future__ import annotations

import csv
import json
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("CLAIMKB_SHARED_DATA", REPO.parent / "shared" / "data"))
SEEDS = Path(os.environ.get("CLAIMKB_SEEDS", REPO / "data" / "seeds"))


class MissingData(Exception):
    pass


def shared_folder(name: str) -> Path:
    path = SHARED_DATA / name
    if not path.is_dir():
        raise MissingData(f"{path} is absent: this benchmark needs the shared third-party data")
    return path


@dataclass
class Sentence:
    doc_id: str
    topic: int
    outlet: str | None
    number: int
    text: str
    start: int  # offsets in the document's text
    end: int
    events: set[str] = field(default_factory=set)  # cross-document event chains mentioned


@dataclass
class Document:
    doc_id: str
    topic: int
    subcorpus: str
    url: str | None
    outlet: str | None
    text: str
    sentences: list[Sentence]


def ecbplus_documents() -> list[Document]:
    """ECB+ documents with their fully annotated sentences (the corpus's coreference
    sentences) and, for each, the cross-document event chains it mentions."""
    folder = shared_folder("ecbplus")
    events = defaultdict(set)  # (doc_id, sentence number) -> chain ids
    with open(folder / "chains.jsonl", encoding="utf-8") as lines:
        for line in lines:
            chain = json.loads(line)
            if chain["type"] == "event" and chain["relation"] == "cross_doc" and chain["n_docs"] >= 2:
                for doc_id, _, sentence, *_ in chain["mentions"]:
                    events[(doc_id, sentence)].add(chain["chain_id"])
    documents = []
    with open(folder / "documents.jsonl", encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            annotated = set(doc["coref_sentences"])
            sentences = [
                Sentence(doc["doc_id"], doc["topic"], doc["outlet"], number, doc["text"][start:end], start, end,
                         events.get((doc["doc_id"], number), set()))
                for number, start, end in doc["sentences"]
                if number in annotated and doc["text"][start:end].strip()
            ]
            documents.append(Document(doc["doc_id"], doc["topic"], doc["subcorpus"], doc["url"], doc["outlet"],
                                      doc["text"], sentences))
    return documents


@dataclass
class Headline:
    id: str
    title: str
    url: str
    publisher: str
    story: str
    published: str  # ISO 8601


def uci_headlines() -> list[Headline]:
    folder = shared_folder("uci-news")
    with open(folder / "uci-news-aggregator.head6366.csv", encoding="utf-8", newline="") as f:
        return [
            Headline(row["ID"], row["TITLE"], row["URL"], row["PUBLISHER"] or row["HOSTNAME"], row["STORY"],
                     datetime.fromtimestamp(int(row["TIMESTAMP"]) / 1000, timezone.utc).isoformat(timespec="seconds"))
            for row in csv.DictReader(f)
        ]


def distinct_statements() -> list[str]:
    """Real sentences of which no two state the same thing, as originals for synthetic
    corpora: every sentence of one ECB+ document per subtopic (the corpus's other documents
    of a subtopic report the same event, often in the same words) and one UCI headline per
    story (a story is many outlets' headlines of one event), without repeated wording."""
    first: dict[tuple[int, str], dict] = {}
    with open(shared_folder("ecbplus") / "documents.jsonl", encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            key = (doc["topic"], doc["subcorpus"])
            if key not in first or doc["doc_id"] < first[key]["doc_id"]:
                first[key] = doc
    texts = [doc["text"][start:end].strip() for doc in first.values() for _, start, end in doc["sentences"]]
    stories: dict[str, str] = {}
    for headline in uci_headlines():
        stories.setdefault(headline.story, headline.title)
    texts += stories.values()
    seen: set[str] = set()
    distinct = []
    for text in texts:
        wording = " ".join(re.findall(r"\w+", text.lower()))
        if len(text.split()) >= 5 and wording not in seen:
            seen.add(wording)
            distinct.append(text)
    return distinct


def real_sentences() -> list[str]:
    """Every ECB+ sentence and UCI headline, as material for synthetic corpora."""
    folder = shared_folder("ecbplus")
    texts = []
    with open(folder / "documents.jsonl", encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            texts += [doc["text"][start:end].strip() for _, start, end in doc["sentences"]]
    texts += [h.title for h in uci_headlines()]
    return [t for t in texts if len(t.split()) >= 5]
