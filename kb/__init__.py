"""The claimkb knowledge base: storage, linking, graph, export and the CLI.

``from claimkb import KnowledgeBase`` is the Python API (claimkb.api). It is
loaded on first use, so that importing claimkb (and starting the CLI) stays fast.
"""

__version__ = "0.1.0"

__all__ = ["ClaimkbError", "KnowledgeBase", "__version__"]

_LAZY = {"KnowledgeBase": "claimkb.api", "ClaimkbError": "claimkb.errors"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'claimkb' has no attribute {name!r}")
