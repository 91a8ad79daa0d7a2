"""Every output of every command, with names that try to break it, read the way its reader reads it.

The readers: GitHub's runner, which takes any printed line for a workflow command by its own rules
(``::name ...::data`` at the start of a line after spaces, ``##[name ...]data`` anywhere in a line; lines
end at LF, CR or CRLF) whatever ``--format`` says; a Markdown reader (CommonMark with GFM tables, as on a
job's summary page); a JSON parser. A name from the models may show as text in all of them, never as
structure: no workflow command but docgen's own annotations, no cell more or less in a table row, no
fence closed early.
"""

from __future__ import annotations

import html
import json
import re
import sqlite3

import pytest
import sqlalchemy as sa
from conftest import docgen_in_process, write_project
from markdown_it import MarkdownIt
from migration_chains import revision

from docgen.formats.commands import inert
from docgen.formats.github import ANNOTATIONS_PER_STEP

# Names holding what the runner, Markdown or a fence take for structure.
HOSTILE = [
    "x\n::error::forged 100%",
    "::stop-commands::tok",
    "##[error]raw",
    "pipe|name",
    "tick`name",
    "fence```x",
    "~~~tilde",
    "pct%0Aname",
    "cr\rname",
]
# The commands GitHub's runner knows (an unknown name is printed as it is).
RUNNER_COMMANDS = {"error", "warning", "notice", "debug", "group", "endgroup", "add-mask", "stop-commands", "echo",
                   "set-output", "save-state", "add-matcher", "remove-matcher", "set-env", "add-path"}
_RUNNER_DATA = (("%0D", "\r"), ("%0A", "\n"), ("%25", "%"))
_RUNNER_PROPERTY = (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%"))

MODELS = f"""\
import sqlalchemy as sa
metadata = sa.MetaData()
NAMES = {HOSTILE!r}
for n, name in enumerate(NAMES):
    sa.Table(name, metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column(name + "_col", sa.String(10)),
             comment=None if n % 2 else "says " + name)
"""
# What the models say later: every table a new column (its page's diagram changes, so the diff shows the
# fence closing it: a line of three backticks), every name a second table.
MORE_MODELS = MODELS + """\
for name in NAMES:
    metadata.tables[name].append_column(sa.Column("added", sa.Integer))
    sa.Table("t_" + name, metadata, sa.Column("id", sa.Integer, primary_key=True))
"""


def _unescape(text: str, mappings) -> str:
    for escaped, char in mappings:
        text = text.replace(escaped, char)
    return text


def workflow_commands(output: str) -> list[tuple[str, dict[str, str], str]]:
    """The workflow commands GitHub's runner finds in ``output``: (name, properties, data), by its rules."""
    found = []
    for line in re.split(r"\r\n|\r|\n", output):
        stripped = line.lstrip()
        if stripped.startswith("::") and (end := stripped.find("::", 2)) >= 0:
            info, data = stripped[2:end], stripped[end + 2:]
            name, _, properties = info.partition(" ")
            if name in RUNNER_COMMANDS:
                pairs = (p.split("=", 1) for p in properties.split(",") if "=" in p)
                found.append((name, {k: _unescape(v, _RUNNER_PROPERTY) for k, v in pairs}, _unescape(data, _RUNNER_DATA)))
                continue
        legacy = re.search(r"##\[([^\]]*)\](.*)", line)
        if legacy and legacy.group(1).partition(" ")[0] in RUNNER_COMMANDS:
            found.append((legacy.group(1).partition(" ")[0], {}, legacy.group(2)))
    return found


def docgens_annotations(output: str, command: str) -> list[str]:
    """The data of the runner's commands in ``output``, each checked to be docgen's own ``::error`` of ``command``."""
    commands = workflow_commands(output)
    level = "notice" if command == "diff" else "error"
    for name, properties, _ in commands:
        assert name == level and properties.get("title", "").startswith(f"docgen {command}"), (name, properties)
    return [data for _, _, data in commands]


def seen(name: str) -> str:
    """``name`` as a Markdown reader shows it: stripped, a CR a line break like any other."""
    return name.strip().replace("\r\n", "\n").replace("\r", "\n")


def cell_text(inline_html: str) -> str:
    """What a reader sees of a rendered table cell: its text, ``<br>`` as a line break."""
    return html.unescape(re.sub(r"<[^>]+>", "", inline_html.replace("<br>", "\n").replace("<br />", "\n")))


def markdown_tables(text: str) -> list[list[list[str]]]:
    """Every table of ``text`` as a Markdown reader builds it (CommonMark + GFM tables): rows of cell texts."""
    parser = MarkdownIt("commonmark").enable("table")
    tables, row, rows = [], None, None
    for token in parser.parse(text):
        if token.type == "table_open":
            rows = []
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None:
            row.append(cell_text(parser.renderer.render(token.children, parser.options, {})))
        elif token.type == "tr_close":
            rows.append(row)
            row = None
        elif token.type == "table_close":
            tables.append(rows)
    return tables


def fences(text: str) -> list[tuple[str, str]]:
    """Every fenced code block of ``text`` as a Markdown reader sees it: (info, content)."""
    return [(t.info, t.content) for t in MarkdownIt("commonmark").parse(text) if t.type == "fence"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A project with hostile names, its docs built and then made stale, and a SQLite database that differs."""
    project = write_project(tmp_path_factory.mktemp("hostile") / "p", 'models = "hostile_models:metadata"',
                            {"hostile_before.py": MODELS, "hostile_models.py": MORE_MODELS})
    with pytest.MonkeyPatch.context() as monkeypatch:
        built = docgen_in_process("build", "--models", "hostile_before:metadata", cwd=project, monkeypatch=monkeypatch)
    assert built.exit_code == 0, built.output
    database = sa.MetaData()
    for name in HOSTILE:  # the database: the first tables only, each with a column the models lack
        sa.Table(name, database, sa.Column("id", sa.Integer, primary_key=True), sa.Column(name + "_old", sa.Text))
    engine = sa.create_engine(f"sqlite:///{project / 'app.db'}")
    database.create_all(engine)
    engine.dispose()
    with pytest.MonkeyPatch.context() as monkeypatch:  # two snapshots for diff: the names before and after
        for models, snapshot in (("hostile_before", "before.json"), ("hostile_models", "after.json")):
            inspected = docgen_in_process("inspect", "--json", "--models", f"{models}:metadata", cwd=project,
                                          monkeypatch=monkeypatch)
            (project / snapshot).write_text(inspected.stdout, encoding="utf-8")
    write_project(project / "history", "", {  # and migrations for history, a hostile message among them
        "alembic.ini": "[alembic]\nscript_location = migrations\n", "migrations/env.py": HISTORY_ENV,
        "migrations/versions/001.py": revision("001", None, "##[error]raw ::stop-commands::tok", "".join(
            f"    op.create_table({name!r}, sa.Column('id', sa.Integer, primary_key=True))\n" for name in HOSTILE)),
        "migrations/versions/002.py": revision("002", "001", "x\n::error::forged", "".join(
            f"    op.add_column({name!r}, sa.Column({name + '_col'!r}, sa.Text))\n" for name in HOSTILE)),
    })
    return project


HISTORY_ENV = """\
from alembic import context

context.configure(connection=context.config.attributes["connection"], target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
"""


CASES = [
    ("check", "text"), ("check", "json"), ("check", "github"),
    ("drift", "text"), ("drift", "json"), ("drift", "github"),
    ("lint", "text"), ("lint", "json"), ("lint", "github"),
    ("coverage", "text"), ("coverage", "json"), ("coverage", "markdown"), ("coverage", "github"),
    ("inspect", "text"), ("inspect", "json"),
    ("diff", "text"), ("diff", "json"), ("diff", "markdown"), ("diff", "github"),
    ("history", "text"), ("history", "json"), ("history", "markdown"),
]


def _run(project, command: str, output_format: str, tmp_path, monkeypatch) -> tuple[str, str]:
    """(what ``command`` prints in ``output_format``, what it adds to the step summary), run in this process."""
    summary = tmp_path / f"summary-{command}-{output_format}.md"
    if command == "inspect":
        args = ["inspect", *(["--json"] if output_format == "json" else [])]
    else:
        args = [command, "--format", output_format]
    if command == "drift":
        args += ["--database-url", "sqlite:///app.db"]
    if command == "diff":
        args += ["before.json", "after.json"]
    result = docgen_in_process(*args, cwd=project / "history" if command == "history" else project,
                               monkeypatch=monkeypatch, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code in (0, 1), result.output
    return result.stdout, summary.read_text(encoding="utf-8") if summary.exists() else ""


@pytest.mark.parametrize("command, output_format", CASES)
def test_no_name_starts_a_workflow_command_in_any_output(hostile, command, output_format, tmp_path, monkeypatch):
    """GitHub's runner finds docgen's own annotations under --format github, and nothing else anywhere."""
    output, _ = _run(hostile, command, output_format, tmp_path, monkeypatch)
    annotations = docgens_annotations(output, command)
    if output_format != "github":
        assert annotations == []


def test_drift_annotations_keep_a_forged_command_inside_their_message(tmp_path, monkeypatch):
    """Tables named ``x\\n::error::forged 100%``, ``pct%0Aname`` and one in Markdown: one annotation per
    finding, each name whole inside it (the runner turns ``%0A`` into a line break: docgen writes a name's
    ``%`` as ``%25``), and the name as it is in the step summary's list of findings."""
    names = ["x\n::error::forged 100%", "pct%0Aname", "star *em* `code` <i>x</i>"]
    project = write_project(tmp_path / "p", 'models = "forged_drift:metadata"', {"forged_drift.py": (
        "import sqlalchemy as sa\nmetadata = sa.MetaData()\n"
        f"for name in {names!r}:\n"
        "    sa.Table(name, metadata, sa.Column('id', sa.Integer, primary_key=True), sa.Column('c', sa.Text))\n"
    )})
    with sqlite3.connect(project / "app.db") as connection:
        for name in names:
            connection.execute(f'CREATE TABLE "{name}" (id INTEGER NOT NULL PRIMARY KEY)')
    connection.close()
    summary = tmp_path / "summary.md"
    result = docgen_in_process("drift", "--database-url", "sqlite:///app.db", "--format", "github", cwd=project,
                               monkeypatch=monkeypatch, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1, result.output
    assert docgens_annotations(result.stdout, "drift") == [
        f"{name}: column missing in the database: c TEXT NULL" for name in sorted(names)]
    items = [t.content for t in MarkdownIt("commonmark").parse(summary.read_text(encoding="utf-8"))
             if t.type == "inline" and "c TEXT NULL" in t.content]
    assert [cell_text(MarkdownIt("commonmark").renderInline(item)) for item in items] == [
        f"{seen(name)}: column missing in the database: c TEXT NULL" for name in sorted(names)]


def test_check_step_summary_shows_hostile_names_in_whole_cells_and_the_whole_diff_in_one_fence(hostile, tmp_path,
                                                                                                 monkeypatch):
    """The names of the changed tables in one cell each row, every row three cells, and the diff fence longer
    than any run of backticks in the diff: a Markdown reader sees the table and the diff as they are."""
    output, _ = _run(hostile, "check", "json", tmp_path, monkeypatch)  # the JSON says what changed
    told = json.loads(output)["tables"]
    _, summary = _run(hostile, "check", "github", tmp_path, monkeypatch)
    (table,) = markdown_tables(summary)
    assert table[0] == ["Tables", "Count", "Names"]
    rows = {row[0]: row for row in table[1:]}
    assert all(len(row) == 3 for row in table)
    assert rows["added"] == ["added", str(len(told["added"])), seen(", ".join(told["added"]))]
    assert rows["changed"] == ["changed", str(len(told["changed"])), seen(", ".join(told["changed"]))]
    assert {f"t_{name}".strip() for name in HOSTILE} <= {n.strip() for n in told["added"]}
    (diff,) = fences(summary)
    assert diff[0] == "diff"
    text, _ = _run(hostile, "check", "text", tmp_path, monkeypatch)  # the diff between the verdict and the advice
    whole = text[text.index("\n--- ") + 1:text.rindex("run `docgen build` and commit the result")]
    assert re.search(r"(?m)^ ```$", whole)  # a line that would close a fence of three backticks
    assert inert(diff[1]) == whole  # the whole diff inside the one fence (the log spells `##[` inert, the page not)


def test_coverage_markdown_keeps_every_row_at_four_cells_with_each_name_whole(hostile, tmp_path, monkeypatch):
    output, _ = _run(hostile, "coverage", "markdown", tmp_path, monkeypatch)
    (table,) = markdown_tables(output)
    assert all(len(row) == 4 for row in table)
    names = [row[0] for row in table[1:-1]]
    assert sorted(names) == sorted([seen(name) for name in HOSTILE] + [seen(f"t_{name}") for name in HOSTILE])


@pytest.mark.parametrize("command", ["check", "drift", "lint", "coverage", "inspect", "diff", "history"])
def test_json_outputs_carry_each_name_exactly(hostile, command, tmp_path, monkeypatch):
    output, _ = _run(hostile, command, "json", tmp_path, monkeypatch)
    text = json.dumps(json.loads(output), ensure_ascii=False)  # every string as JSON spells it
    for name in HOSTILE:
        assert json.dumps(name, ensure_ascii=False)[1:-1] in text, (command, name)


def test_the_annotations_under_github_are_what_json_reports(hostile, tmp_path, monkeypatch):
    """Each stale file, drift finding and lint finding is one annotation, at the file and line JSON names, up to
    GitHub's 10 a step, the 10th counting the rest: none lost, none forged; the text around them is the text
    format's."""
    for command, key in (("check", "stale_files"), ("drift", "findings"), ("lint", "findings")):
        as_json, _ = _run(hostile, command, "json", tmp_path, monkeypatch)
        as_github, _ = _run(hostile, command, "github", tmp_path, monkeypatch)
        as_text, _ = _run(hostile, command, "text", tmp_path, monkeypatch)
        reported = json.loads(as_json)[key]
        annotations = _docgens_own(as_github)
        assert len(reported) > ANNOTATIONS_PER_STEP  # GitHub shows 10 a step: the 10th counts the rest
        assert len(annotations) == ANNOTATIONS_PER_STEP, command
        *shown, more = annotations
        assert f"and {len(reported) - len(shown)} more " in more[2] and more[1]["title"] == f"docgen {command}: more"
        if command != "drift":  # drift findings have no file
            assert [(p.get("file"), p.get("line")) for _, p, _ in shown] == [
                (r.get("file", r.get("path")), str(r["line"]) if r["line"] else None) for r in reported][:len(shown)]
        own = {line for line in as_github.splitlines() if line.startswith("::error title=docgen") or
               line.startswith("::error file=")}
        assert [line for line in as_github.splitlines() if line not in own] == (
            as_text.splitlines()[-1:] if command == "lint" else as_text.splitlines()), command
    quiet = docgen_in_process("check", "--format", "github", "--quiet", cwd=hostile, monkeypatch=monkeypatch,
                              env={"GITHUB_STEP_SUMMARY": ""}).stdout.splitlines()
    assert quiet[0].startswith("docs are stale: ") and all(line.startswith("::error file=") for line in quiet[1:-1])
    assert len(quiet) == 1 + ANNOTATIONS_PER_STEP and quiet[-1].startswith("::error title=docgen check%3A more::")


def test_coverage_under_github_annotates_only_below_the_minimum_and_adds_its_table_to_the_summary(
        hostile, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    below = docgen_in_process("coverage", "--format", "github", "--min", "99.5", cwd=hostile, monkeypatch=monkeypatch,
                              env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert below.exit_code == 1, below.output
    percent = json.loads(docgen_in_process("coverage", "--format", "json", cwd=hostile,
                                           monkeypatch=monkeypatch).stdout)["coverage"]
    assert _docgens_own(below.stdout) == [
        ("error", {"title": "docgen coverage"}, f"documentation coverage {percent:.1f}% is below the minimum 99.5%")]
    (table,) = markdown_tables(summary.read_text(encoding="utf-8"))
    assert len(table) == 2 * len(HOSTILE) + 2 and all(len(row) == 4 for row in table)
    above = docgen_in_process("coverage", "--format", "github", "--min", "0", cwd=hostile, monkeypatch=monkeypatch,
                              env={"GITHUB_STEP_SUMMARY": ""})
    assert above.exit_code == 0, above.output
    assert _docgens_own(above.stdout) == []


def _docgens_own(output: str) -> list[tuple[str, dict[str, str], str]]:
    """The runner's commands in ``output`` that docgen wrote (titled ``docgen ...``): the names' own are for
    the test over every output."""
    return [c for c in workflow_commands(output) if c[1].get("title", "").startswith("docgen")]
