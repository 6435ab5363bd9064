"""Files the program reads at run time, found through importlib.resources, so that
they are there whether claimkb runs from a checkout or from an installed wheel."""
from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def query_files() -> list[Traversable]:
    """The named queries: every .sql file of claimkb.queries, by name."""
    return sorted((f for f in files("claimkb.queries").iterdir() if f.name.endswith(".sql")), key=lambda f: f.name)


def sample_inputs() -> list[Traversable]:
    """The bundled sample articles that `claimkb demo` ingests."""
    data = files("claimkb.data")
    return [data / "seeds", data / "sample" / "ecbplus-aceh-quake.jsonl", fact_check_samples()]


def fact_check_samples() -> Traversable:
    """The bundled ClaimReview pages and feed, about claims of the sample articles."""
    return files("claimkb.data") / "factchecks"


def web_file(*parts: str) -> Traversable:
    """A file of the Datasette layer: metadata.json, templates/, static/."""
    target = files("claimkb.web")
    for part in parts:
        target = target / part
    return target


def match_file(name: str) -> Traversable:
    """A file of the matching stage: the fitted same-claim model."""
    return files("claimkb.match") / name
