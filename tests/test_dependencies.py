"""Every package that claimkb's code imports is declared in pyproject.toml."""
from __future__ import annotations

import ast
import importlib.metadata
import re
import sys

import pytest
from conftest import REPO

# The folders that become the installed package (pyproject's package-dir).
PACKAGE_FOLDERS = ("kb", "ingest")


def normalized(distribution: str) -> str:
    """PEP 503 name: "Jinja2" and "jinja2", "python_dateutil" and "python-dateutil" are one."""
    return re.sub(r"[-_.]+", "-", distribution).lower()


def declared_distributions() -> set[str]:
    tomllib = pytest.importorskip("tomllib", reason="reading pyproject.toml needs Python 3.11's tomllib")
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        requirements.extend(extra)
    return {normalized(re.split(r"[^A-Za-z0-9._-]", requirement, maxsplit=1)[0]) for requirement in requirements}


def imported_top_level_names(source: str) -> set[str]:
    """Top-level names of the absolute imports in ``source`` (``import a.b``, ``from a import b``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def third_party_imports() -> dict[str, list[str]]:
    """Import name -> the files importing it, for every import outside the stdlib and claimkb."""
    found: dict[str, list[str]] = {}
    for folder in PACKAGE_FOLDERS:
        for path in sorted((REPO / folder).rglob("*.py")):
            for name in imported_top_level_names(path.read_text(encoding="utf-8")):
                if name not in sys.stdlib_module_names and name not in ("claimkb", "__future__"):
                    found.setdefault(name, []).append(str(path.relative_to(REPO)))
    return found


def test_scanner_sees_absolute_imports_only():
    source = "import os.path\nimport numpy as np\nfrom a.b import c\nfrom . import d\nfrom .e import f\n"
    assert imported_top_level_names(source) == {"os", "numpy", "a"}


def test_every_imported_package_is_declared():
    providers = importlib.metadata.packages_distributions()
    declared = declared_distributions()
    undeclared = []
    for name, files in sorted(third_party_imports().items()):
        distributions = {normalized(d) for d in providers.get(name, [])}
        if not distributions & declared:
            given_by = ", ".join(sorted(distributions)) or "no installed distribution"
            undeclared.append(f"{name} ({given_by}), imported by {', '.join(files)}")
    assert not undeclared, "imported but not declared in pyproject.toml:\n" + "\n".join(undeclared)
