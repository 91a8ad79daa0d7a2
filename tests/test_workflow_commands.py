"""No line docgen prints starts a GitHub Actions workflow command from data, in any command or format.

The GitHub runner reads every line a step prints, on stdout and stderr, whatever
``--format`` says. Its rules (actions/runner, ``ActionCommandManager.TryProcessCommand``
and ``ActionCommand.TryParseV2`` / ``TryParse``), ported below as the oracle:

- a line is a command when, after its leading whitespace is trimmed, it starts
  with ``::`` and has a second ``::`` later (``::name props::data``); or
- (the legacy form) when it holds ``##[`` **anywhere**, followed by a ``]``
  (``##[name props]data``);
- the name must be a registered command — and ``::stop-commands::TOKEN``
  registers TOKEN itself, so any name may be one: the oracle accepts them all.

Lines are split the way .NET's ``ReadLine`` does (``\\n``, ``\\r``, ``\\r\\n``).
Names, comments and defaults below try both forms through every printer;
docgen's own annotations (``::error title=docgen …``) are the only commands allowed.
"""

from __future__ import annotations

import re
import sqlite3

import pytest
from conftest import run_docgen, write_project
from hypothesis import example, given
from hypothesis import strategies as st

from docgen.formats import commands

HOSTILE_TABLE = "::stop-commands::tok"
HOSTILE_COLUMN = "##[error]column"
HOSTILE_COMMENT = "x\n::error::forged ##[warning]legacy \r ::notice::cr"
HOSTILE_INDENTED = " \t::add-mask::padded"

MODELS = f'''\
import sqlalchemy as sa
metadata = sa.MetaData()
sa.Table({HOSTILE_TABLE!r}, metadata, sa.Column("id", sa.Integer, primary_key=True),
         sa.Column({HOSTILE_COLUMN!r}, sa.Integer, comment={HOSTILE_COMMENT!r}))
sa.Table({HOSTILE_INDENTED!r}, metadata, sa.Column("id", sa.Integer, primary_key=True),
         sa.Column("ref", sa.ForeignKey({(HOSTILE_TABLE + ".id")!r}), server_default="##[group]x"))
sa.Table("##[endgroup]plain", metadata, sa.Column("id", sa.Integer, primary_key=True))
'''


def workflow_commands(output: str) -> list[tuple[str, str]]:
    """(command name, the whole line) of each line of ``output`` the GitHub runner would run as a command."""
    found = []
    for line in re.split(r"\r\n|\r|\n", output):
        trimmed = line.lstrip()
        if trimmed.startswith("::") and trimmed.find("::", 2) >= 0:
            found.append((trimmed[2:trimmed.find("::", 2)].split(" ")[0], line))
            continue
        start = line.find("##[")
        if start >= 0 and line.find("]", start) >= 0:
            found.append((line[start + 3:line.find("]", start)].split(" ")[0], line))
    return found


def test_the_oracle_reads_both_forms_the_way_the_runner_does():
    assert workflow_commands("::error file=a.md::x\n  ::stop-commands::t\nsome ##[warning]y\n::nope\nok") == [
        ("error", "::error file=a.md::x"), ("stop-commands", "  ::stop-commands::t"), ("warning", "some ##[warning]y")]


@given(st.lists(st.sampled_from([":", "::", "#", "##[", "]", " ", "\t", "\xa0", "\n", "\r", "\r\n", "\x0b",
                                 "\u2028", "\x1c", "a", "error"])).map("".join))
@example("x\n ::error::one space before the command")
def test_inert_text_holds_no_line_the_runner_would_run(text):
    assert workflow_commands(commands.inert(text)) == []
    own = commands.own("::error title=docgen check::x")
    assert workflow_commands(commands.inert(f"{text}\n{own}\n")) == [("error", "::error title=docgen check::x")]
    # Data printed after docgen's own command, in the same write: only the command's own line is kept as it is.
    assert workflow_commands(commands.inert(f"{own}\n{text}\n{text}")) == [("error", "::error title=docgen check::x")]


def _only_docgens_own(result) -> None:
    for stream in (result.stdout, result.stderr):
        for name, line in workflow_commands(stream):
            assert name == "error" and line.startswith(("::error title=docgen", "::error file=")), line


@pytest.fixture
def hostile(tmp_path):
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": MODELS})
    assert run_docgen("build", cwd=project).returncode == 0
    (project / "m.py").write_text(MODELS.replace('"id", sa.Integer, primary_key=True),\n         sa.Column(',
                                                  '"id", sa.BigInteger, primary_key=True),\n         sa.Column('))
    return project


COMMANDS = [
    ("build", "--dry-run"), ("build",), ("check",), ("check", "--format", "github"), ("check", "--format", "json"),
    ("inspect",), ("inspect", "--json"), ("lint",), ("lint", "--format", "github"), ("lint", "--format", "json"),
    ("coverage",), ("coverage", "--format", "github"), ("coverage", "--min", "99", "--format", "github"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_name_comment_or_default_starts_a_workflow_command(hostile, args, tmp_path):
    result = run_docgen(*args, cwd=hostile, env={"GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")})
    assert result.returncode in (0, 1), result.stderr
    _only_docgens_own(result)


@pytest.mark.parametrize("output_format", ["text", "github", "json"])
def test_drift_names_start_no_workflow_command(hostile, output_format, tmp_path):
    database = tmp_path / "db.sqlite"
    with sqlite3.connect(database) as connection:
        connection.execute('CREATE TABLE "::stop-commands::other" (id INTEGER PRIMARY KEY, "##[error]c" TEXT)')
    result = run_docgen("drift", "--database-url", f"sqlite:///{database}", "--format", output_format, cwd=hostile)
    assert result.returncode == 1, result.stderr
    _only_docgens_own(result)


def test_an_error_naming_hostile_data_starts_no_workflow_command(tmp_path):
    project = write_project(tmp_path / "p", 'models = "m:x"', {"m.py": "x = 1\n"})
    result = run_docgen("build", "--output", "##[error]x/::stop-commands::t.md", cwd=project)
    _only_docgens_own(result)
    result = run_docgen("build", "--models", "::stop-commands::t", cwd=project)
    assert result.returncode == 2
    _only_docgens_own(result)


def test_docgens_own_annotations_still_reach_the_runner(hostile):
    result = run_docgen("check", "--format", "github", cwd=hostile)
    assert result.returncode == 1
    names = [name for name, _ in workflow_commands(result.stdout)]
    assert names and set(names) == {"error"}
