"""A fast start: the CLI module imports no heavy library; each command imports what it
uses when it runs. (The time itself is measured by benchmarks/start_time.py, not here.)"""
import json
import subprocess
import sys

from click.testing import CliRunner

from claimkb.cli import cli

# What makes a start slow: the language pipeline and its torch, the HTML and feed
# readers, the graph library, Datasette, and sqlite-utils with its numpy.
HEAVY = ("spacy", "thinc", "torch", "trafilatura", "feedparser", "networkx", "datasette", "numpy", "scipy",
         "sqlite_utils", "sentence_transformers")


def modules_after(code: str) -> set[str]:
    probe = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    output = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    return set(json.loads(output.splitlines()[-1]))


def heavy(modules: set[str]) -> list[str]:
    return sorted({name.split(".")[0] for name in modules} & set(HEAVY))


def test_importing_the_cli_imports_nothing_heavy():
    assert heavy(modules_after("import claimkb.cli")) == []


def test_help_of_every_command_imports_nothing_heavy():
    for command in ["--version", "--help", *[f"{name} --help" for name in cli.commands]]:
        code = ("from claimkb.cli import cli\n"
                f"try:\n    cli({command.split()!r})\nexcept SystemExit:\n    pass")
        assert heavy(modules_after(code)) == [], command


def test_every_command_has_help():
    for name in cli.commands:
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and "Usage: cli " + name in result.output
