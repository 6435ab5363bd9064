"""How linking scales: time and peak memory of ``link_claims`` on 10k..1M claims.

    PYTHONPATH=. python benchmarks/link_scale.py [--sizes 10000,100000,1000000] [--matcher lexical]
        [--add 0.01] [--workdir DIR]

Corpora are synthetic but made of real text: ECB+ sentences and UCI headlines
(read at run time from ../shared/data; one document per ECB+ subtopic and one headline
per UCI story, so that no two originals are real copies of each other) grouped into articles of ~10 claims from
300 outlets over 60 days. A third of the claims are copies of an earlier claim
with realistic edits (words dropped, adjacent words swapped, a word replaced, a
figure changed, the tail cut, an attribution added); the rest are originals, and
once the real sentences run out, distractors: real sentences with all their
longer words replaced (lower-case news vocabulary, and invented names from a pool a
tenth the corpus's size where the sentence had a name, so names stay rare at 1M as
they are in news; no copies). Claims are inserted directly with
sqlite-utils into a real SQLite file (quantities included, as extraction would
store them), bypassing extraction; each size is built in one subprocess and
linked in another, so ``ru_maxrss`` is the peak of linking alone.

Each claim's origin (the original it copies, or itself) is kept in a side table,
synthetic_origins. Prints per size: seconds (wall, and CPU), peak RSS, candidate pairs per claim,
links, families with their purity (the share of claim pairs inside one family that
copy the same original) and the largest family's size, and the growth exponent
log(t2/t1)/log(n2/n1) between consecutive sizes; then, with --add, the time to link a
further share of new claims (the corpus's next articles) incrementally on top.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import nullcontext
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import distinct_statements  # noqa: E402
from claimkb.ingest.extract.quantities import find_quantities  # noqa: E402
from claimkb.store.db import open_db  # noqa: E402
from claimkb.store.ids import content_hash, stable_id  # noqa: E402

CLAIMS_PER_ARTICLE = 10
OUTLETS = 300
DAYS = 60
COPY_SHARE = 0.33
ORIGINS_TABLE = "synthetic_origins"
DISTRACTOR_KEEPS = 3  # a distractor keeps a real sentence's words of this length or shorter
SYLLABLES = ("ka", "lo", "mi", "ra", "ten", "sol", "vor", "dun", "bel", "tis", "ar", "nu", "pe", "zan", "qui", "ros")
CLAIMS_PER_NAME = 10  # the invented-name pool is a tenth of the corpus: a name recurs in a few claims
MIN_NAMES = 1000
DIGITS_RE = re.compile(r"\d+")


def perturb(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    words = text.split()
    for _ in range(rng.randint(1, 3)):
        edit = rng.random()
        if edit < 0.25 and len(words) > 6:
            del words[rng.randrange(len(words))]
        elif edit < 0.45 and len(words) > 2:
            k = rng.randrange(len(words) - 1)
            words[k], words[k + 1] = words[k + 1], words[k]
        elif edit < 0.65:
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        elif edit < 0.8 and any(DIGITS_RE.search(w) for w in words):
            k = rng.choice([k for k, w in enumerate(words) if DIGITS_RE.search(w)])
            words[k] = DIGITS_RE.sub(lambda m: str(int(m.group()) + rng.randint(1, 9)), words[k], count=1)
        elif edit < 0.9 and len(words) > 8:
            words = words[: len(words) - rng.randint(1, 3)]
        else:
            words = [rng.choice(["According to reports,", "Officials said", "Sources say"]), *words]
    return " ".join(words)


def invented_name(k: int) -> str:
    """The k-th name made of syllables ("Kalo", "Mitenra"): a word no real sentence has."""
    parts = []
    while True:
        k, syllable = divmod(k, len(SYLLABLES))
        parts.append(SYLLABLES[syllable])
        if not k:
            return "".join(parts).capitalize()
        k -= 1


def generate(n: int, seed: int = 0):
    """Yield (outlet, published, [(claim text, origin)]) articles totalling ``n`` claims;
    origin numbers the original a claim copies (its own number for an original)."""
    rng = random.Random(seed)
    sentences = distinct_statements()
    rng.shuffle(sentences)
    # Common words for distractors and edits: lower-case words of the real sentences.
    # Names stay rare, as in news: a distractor gets invented names from a pool that
    # grows with the corpus, so that a million claims do not share a few thousand names
    # (which would make every word too common to find a copy by).
    vocabulary = sorted({w for s in sentences for w in s.split() if w.isalpha() and w.islower()})
    names = max(MIN_NAMES, n // CLAIMS_PER_NAME)
    originals: list[str] = []
    fresh = iter(sentences)
    made = 0
    start = date(2024, 1, 1)
    while made < n:
        size = min(n - made, CLAIMS_PER_ARTICLE)
        claims = []
        for _ in range(size):
            if originals and rng.random() < COPY_SHARE:
                # Copies mostly of recent news: stories travel within days.
                origin = len(originals) - 1 - min(len(originals) - 1, int(rng.expovariate(1 / 500)))
                claims.append((perturb(originals[origin], rng, vocabulary), origin))
                continue
            text = next(fresh, None)
            if text is None:
                # A distractor: a real sentence's shape (its short words kept) with every
                # longer word swapped for another, so it reads like news but is no copy of
                # any stored claim. Keeping some longer words made near-copies of a real
                # sentence that the benchmark then counted as another claim.
                text = " ".join(w if len(w) <= DISTRACTOR_KEEPS
                                else invented_name(rng.randrange(names)) if w[0].isupper()
                                else rng.choice(vocabulary)
                                for w in rng.choice(sentences).split())
            originals.append(text)
            claims.append((text, len(originals) - 1))
        published = start + timedelta(days=DAYS * made // n)
        yield f"Outlet {rng.randrange(OUTLETS)}", published.isoformat(), claims
        made += size


def build(path: str, n: int, seed: int, skip: int = 0) -> list[str]:
    """Store the synthetic corpus of ``n`` claims, leaving out its first ``skip`` claims
    (already stored); return the new claims' ids."""
    db = open_db(path)
    new_ids: list[str] = []
    seen = 0
    outlets, articles, claims, quantities, origins = {}, [], [], [], []

    def flush():
        db["articles"].insert_all(articles, batch_size=2000)
        db["claims"].insert_all(claims, batch_size=2000)
        db["quantities"].insert_all(quantities, batch_size=2000)
        # a side table of the benchmark's own, not claimkb's: which original each claim copies
        db[ORIGINS_TABLE].insert_all(origins, pk="claim_id", batch_size=2000)
        articles.clear(), claims.clear(), quantities.clear(), origins.clear()

    with db.atomic():
        for k, (outlet, published, texts) in enumerate(generate(n, seed)):
            seen += len(texts)
            if seen <= skip:
                continue
            outlet_id = outlets.setdefault(outlet, stable_id("outlet", outlet))
            text = " ".join(t for t, _ in texts)
            article_id = stable_id("article", k)
            articles.append({"id": article_id, "outlet_id": outlet_id, "published": published, "text": text,
                             "content_hash": content_hash(text), "ingested_at": published, "source": "synthetic"})
            offset = 0
            for claim_text, origin in texts:
                claim_id = stable_id("claim", article_id, offset)
                new_ids.append(claim_id)
                origins.append({"claim_id": claim_id, "origin": origin})
                claims.append({"id": claim_id, "article_id": article_id, "kind": "assertion", "text": claim_text,
                               "content": claim_text, "char_start": offset, "char_end": offset + len(claim_text)})
                for q in find_quantities(claim_text):
                    quantities.append({"id": stable_id("quantity", claim_id, q.start), "claim_id": claim_id,
                                       "text": q.text, "value": q.value, "unit": q.unit, "qualifier": q.qualifier,
                                       "char_start": offset + q.start, "char_end": offset + q.end})
                offset += len(claim_text) + 1
            if len(claims) >= 20000:
                db["outlets"].insert_all(({"id": i, "name": o} for o, i in outlets.items()), ignore=True)
                flush()
        db["outlets"].insert_all(({"id": i, "name": o} for o, i in outlets.items()), ignore=True)
        flush()
    return new_ids


def link(path: str, matcher: str, added: float, seed: int) -> dict:
    from claimkb.link.linker import link_claims

    db = open_db(path)
    started, cpu_started = time.perf_counter(), cpu_seconds()
    stats = link_claims(db, matcher=matcher)
    seconds = time.perf_counter() - started
    result = {"seconds": seconds, "cpu_seconds": cpu_seconds() - cpu_started,
              "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
              "claims": stats.claims, "candidate_pairs": stats.candidate_pairs, "links": stats.links,
              "families": stats.families, "derivations": stats.derivations, **family_purity(db)}
    if added:
        # The next articles of the same corpus, as a day's ingest would bring them,
        # linked incrementally against everything stored.
        n = stats.claims
        new_ids = build(path, n + round(n * added), seed, skip=n)
        started, cpu_started = time.perf_counter(), cpu_seconds()
        more = link_claims(db, claim_ids=new_ids, matcher=matcher)
        result.update(added=len(new_ids), added_seconds=time.perf_counter() - started,
                      added_cpu_seconds=cpu_seconds() - cpu_started, added_links=more.links)
    return result


def cpu_seconds() -> float:
    """This process's user and system CPU time: beside the wall time, what a run cost
    whatever else the machine was doing."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def family_purity(db) -> dict:
    """Share of the claim pairs inside one family that copy the same original, and the
    largest family's size: how far families mix different stories."""
    same = 0
    sizes: dict[str, int] = {}
    for family, count in db.execute(f"""select c.family_id, count(*) from claims c
            join [{ORIGINS_TABLE}] o on o.claim_id = c.id where c.family_id is not null
            group by c.family_id, o.origin"""):
        same += count * (count - 1) // 2
        sizes[family] = sizes.get(family, 0) + count
    inside = sum(n * (n - 1) // 2 for n in sizes.values())
    return {"purity": same / inside if inside else 1.0, "largest_family": max(sizes.values(), default=0)}


def run_size(n: int, matcher: str, seed: int, workdir: str, added: float) -> dict:
    path = str(Path(workdir) / f"scale-{n}.db")
    here = str(Path(__file__).resolve())
    started = time.perf_counter()
    subprocess.run([sys.executable, here, "--build", path, "--sizes", str(n), "--seed", str(seed)], check=True)
    built = time.perf_counter() - started
    out = subprocess.run([sys.executable, here, "--link", path, "--matcher", matcher, "--seed", str(seed),
                          "--add", str(added)], check=True, capture_output=True, text=True).stdout
    return {"n": n, "build_seconds": built, **json.loads(out.strip().splitlines()[-1])}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--matcher", default="lexical")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", help="keep the databases here (default: a temporary folder, removed)")
    parser.add_argument("--add", type=float, default=0.01,
                        help="then store this share of new claims and link them incrementally (0: skip)")
    parser.add_argument("--build", help=argparse.SUPPRESS)
    parser.add_argument("--link", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build:
        build(args.build, int(args.sizes), args.seed)
        return
    if args.link:
        print(json.dumps(link(args.link, args.matcher, args.add, args.seed)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.workdir:
        Path(args.workdir).mkdir(parents=True, exist_ok=True)
    with (nullcontext(args.workdir) if args.workdir else tempfile.TemporaryDirectory()) as workdir:
        previous = None
        for n in sizes:
            result = run_size(n, args.matcher, args.seed, workdir, args.add)
            growth = ""
            if previous:
                exponent = math.log(result["seconds"] / previous["seconds"]) / math.log(n / previous["n"])
                growth = f", growth exponent {exponent:.2f} vs {previous['n']:,}"
            print(f"{n:>9,} claims ({args.matcher}): linked in {result['seconds']:.1f}s"
                  f" ({result['cpu_seconds']:.1f}s CPU), peak RSS "
                  f"{result['max_rss_mb']:.0f} MB, {result['candidate_pairs'] / n:.2f} candidate pairs per claim, "
                  f"{result['links']:,} links, {result['families']:,} families (purity {result['purity']:.3f},"
                  f" largest {result['largest_family']:,}), {result['derivations']:,} derivations"
                  f" (corpus built in {result['build_seconds']:.0f}s){growth}", flush=True)
            if "added" in result:
                print(f"{'':>9} then {result['added']:,} new claims linked incrementally in "
                      f"{result['added_seconds']:.1f}s ({result['added_cpu_seconds']:.1f}s CPU,"
                      f" {result['added_links']:,} links)", flush=True)
            previous = result


if __name__ == "__main__":
    main()
