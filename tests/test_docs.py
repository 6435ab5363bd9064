"""README.md cannot drift: every command block in it is run, in order, in a fresh
folder, and what each command prints must be what the README shows (timings
aside); every command's --help is in the README's command reference.
`python scripts/update_readme.py` rewrites the outputs from a real run."""
from __future__ import annotations

import sys

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
from readme_blocks import README, Runner, command_blocks, normalize, rewrite, run_all  # noqa: E402

from claimkb.cli import cli  # noqa: E402

LINES = README.read_text(encoding="utf-8").split("\n")
BLOCKS = command_blocks(LINES)


@pytest.fixture(scope="session")
def readme_outputs(tmp_path_factory):
    return run_all(BLOCKS, tmp_path_factory.mktemp("readme"))


@pytest.mark.parametrize("number", range(len(BLOCKS)), ids=lambda n: f"README.md:{BLOCKS[n].start}")
def test_readme_block_prints_what_it_shows(readme_outputs, number):
    for command, printed in zip(BLOCKS[number].commands, readme_outputs[number]):
        assert normalize(printed) == normalize(command.output), (
            f"README.md line {BLOCKS[number].start}: `{command.text}` printed something else;"
            " run `python scripts/update_readme.py` and read the diff"
        )


def test_every_command_help_is_in_the_readme():
    documented = {command.text for block in BLOCKS for command in block.commands}
    wanted = ["claimkb --help"] + [f"claimkb {name} --help" for name in cli.commands]
    assert [text for text in wanted if text not in documented] == []


SAMPLE = """Some prose.

```
$ claimkb link kb.db --rebuild
151 claims in 0.3s (lexical)

$ claimkb compare "a" \\
    "b"
same claim
```

<!-- not run by the docs test: a server runs until stopped -->
```
$ claimkb serve kb.db
```

```
$ sqlite3 kb.db "select 1"
1
```
"""


def test_blocks_commands_and_outputs_are_read():
    (block,) = command_blocks(SAMPLE.split("\n"))
    assert [(c.text, c.output, c.blank_after) for c in block.commands] == [
        ("claimkb link kb.db --rebuild", ["151 claims in 0.3s (lexical)"], True),
        ('claimkb compare "a" \\\n    "b"', ["same claim"], False),
    ]


def test_only_timings_are_normalized():
    assert normalize(["Linked: 9 links in 12.6s (dense)  "]) == ["Linked: 9 links in N.Ns (dense)"]
    assert normalize(["score 0.96 in 2 families"]) == ["score 0.96 in 2 families"]


def test_rewrite_replaces_outputs_and_keeps_the_rest():
    lines = SAMPLE.split("\n")
    blocks = command_blocks(lines)
    new = rewrite(lines, blocks, [[["76 links"], ["different claims", "  wording"]]])
    assert "\n".join(new) == SAMPLE.replace("151 claims in 0.3s (lexical)", "76 links").replace(
        "same claim\n", "different claims\n  wording\n")


def test_commands_see_the_previous_exit_status(tmp_path):
    runner = Runner(tmp_path)
    runner.run("exit 3")
    assert runner.run("echo $?") == ["3"]
