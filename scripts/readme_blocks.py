"""The README's command blocks: read them, run them, compare or rewrite their output.

A command block is a ``` block holding at least one ``$ claimkb`` line. Each ``$ ``
line (with its ``\\`` continuation lines) is a command; the lines after it, up to
the next command, are what it prints (stdout and stderr, as on a terminal). The
commands run in order, in one folder, as a reader would run them in a checkout
(the folder sees the checkout's data/), each with the previous command's exit
status as ``$?``. A block preceded by ``<!-- not run by the docs test: REASON -->``
is left alone (a server that runs until stopped, files of the reader's own).

Used by tests/test_docs.py (compare) and scripts/update_readme.py (rewrite).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
SKIP_MARK = re.compile(r"^<!-- not run by the docs test: .+ -->$")
# Timings differ on every run; they are compared as "in N.Ns".
TIMING = re.compile(r"\bin \d+(?:\.\d+)?s\b")
# Help text is wrapped to the terminal's width; a fixed one keeps it stable.
HELP_COLUMNS = "80"
COMMAND_TIMEOUT_SECONDS = 600  # `claimkb demo` with the dense tier on two busy cores


@dataclass
class Command:
    text: str  # as written, continuation lines included
    output: list[str]  # as the README shows it
    blank_after: bool = False  # a blank line separates it from the next command


@dataclass
class Block:
    start: int  # index of the line after the opening fence
    end: int  # index of the closing fence
    commands: list[Command] = field(default_factory=list)


def command_blocks(lines: list[str]) -> list[Block]:
    """The README's command blocks, except those marked not to run."""
    blocks, index = [], 0
    while index < len(lines):
        if not lines[index].startswith("```"):
            index += 1
            continue
        end = lines.index("```", index + 1) if "```" in lines[index + 1:] else len(lines)
        body = lines[index + 1:end]
        marked = index > 0 and SKIP_MARK.match(lines[index - 1].strip())
        if any(line.startswith("$ claimkb") for line in body) and not marked:
            blocks.append(Block(index + 1, end, _commands(body)))
        index = end + 1
    return blocks


def _commands(body: list[str]) -> list[Command]:
    commands: list[Command] = []
    index = 0
    while index < len(body):
        if not body[index].startswith("$ "):
            index += 1  # text before the first command: not ours to check
            continue
        text = [body[index][2:]]
        while text[-1].endswith("\\") and index + 1 < len(body):
            index += 1
            text.append(body[index])
        index += 1
        output = []
        while index < len(body) and not body[index].startswith("$ "):
            output.append(body[index])
            index += 1
        blank_after = bool(output) and output[-1] == ""
        while output and output[-1] == "":
            output.pop()
        commands.append(Command("\n".join(text), output, blank_after))
    return commands


def normalize(lines: list[str]) -> list[str]:
    return [TIMING.sub("in N.Ns", line.rstrip()) for line in lines]


class Runner:
    """Runs commands in ``folder`` as a reader of the README would, in order."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.status = 0
        data = folder / "data"
        if not data.exists():
            data.symlink_to(REPO / "data")  # the README's commands run in a checkout and read its data/
        self.env = {**os.environ, "COLUMNS": HELP_COLUMNS, "NO_COLOR": "1",
                    "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}

    def run(self, command: str) -> list[str]:
        result = subprocess.run(
            ["bash", "-c", f"(exit {self.status}); {command}"], cwd=self.folder, env=self.env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=COMMAND_TIMEOUT_SECONDS,
        )
        self.status = result.returncode
        lines = result.stdout.splitlines()
        while lines and lines[-1] == "":
            lines.pop()
        return lines


def run_all(blocks: list[Block], folder: Path) -> list[list[list[str]]]:
    """What each command of each block prints, in README order."""
    runner = Runner(folder)
    return [[runner.run(command.text) for command in block.commands] for block in blocks]


def rewrite(lines: list[str], blocks: list[Block], outputs: list[list[list[str]]]) -> list[str]:
    """``lines`` with each block's outputs replaced by ``outputs``."""
    new, cursor = [], 0
    for block, block_outputs in zip(blocks, outputs):
        new.extend(lines[cursor:block.start])
        body = lines[block.start:block.end]
        first = next(i for i, line in enumerate(body) if line.startswith("$ "))
        new.extend(body[:first])
        for command, output in zip(block.commands, block_outputs):
            new.extend("$ " + line if number == 0 else line for number, line in enumerate(command.text.split("\n")))
            new.extend(output)
            if command.blank_after:
                new.append("")
        cursor = block.end
    new.extend(lines[cursor:])
    return new
