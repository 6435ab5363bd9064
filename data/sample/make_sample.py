"""Rebuild ecbplus-aceh-quake.jsonl from the ECB+ corpus (CC BY 3.0, see README.md).

Usage: python data/sample/make_sample.py ../shared/data/ecbplus/documents.jsonl
Publication dates and headlines are read off each document's own dateline and
first lines (ECB+ keeps them in the text but has no fields for them).
"""
import json
import sys
from pathlib import Path

# doc_id -> (published, headline line index)
SELECTED = {
    "37_1ecbplus": ("2013-07-02", 0),
    "37_2ecbplus": ("2013-07-02T13:28:00Z", 0),
    "37_4ecbplus": ("2013-07-02T10:20:00Z", 0),
    "37_5ecbplus": ("2013-07-02T09:28:00Z", 0),
    "37_9ecbplus": ("2013-07-02T08:22:00Z", 0),
    "37_12ecbplus": ("2013-07-02T11:41:00Z", 0),
    "37_14ecbplus": ("2013-07-02", 0),
    "37_3ecbplus": ("2013-07-03", 0),
    "37_6ecbplus": ("2013-07-03T13:38:00Z", 1),
}


def main(documents_path):
    out = Path(__file__).with_name("ecbplus-aceh-quake.jsonl")
    with open(documents_path, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            doc = json.loads(line)
            if doc["doc_id"] not in SELECTED:
                continue
            published, headline = SELECTED[doc["doc_id"]]
            record = {
                "url": doc["url"],
                "outlet": doc["outlet"],
                "title": doc["text"].split("\n")[headline].strip(),
                "published": published,
                "language": "en",
                "text": doc["text"],
                "ecbplus_doc_id": doc["doc_id"],
            }
            dst.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
