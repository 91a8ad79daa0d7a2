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
import yaml
from conftest import docgen_in_process, write_project
from markdown_it import MarkdownIt
from migration_chains import ENV, INI, revision

from docgen.formats.commands import inert, own
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
# What a stale file's annotation says of it, by its JSON status.
STALE = {"changed": "differs from the schema", "missing": "is missing", "deleted": "is the page of a table that is gone"}
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
    """The data of the runner's commands in ``output``, each checked to be docgen's own ``::error`` of ``command``
    (``::notice`` for ``diff``: a change is news, not a failure)."""
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
    """A project with hostile names, its docs built and then made stale, a SQLite database that differs, and
    ``inspect --json`` snapshots of the models before and after (for ``diff``)."""
    project = write_project(tmp_path_factory.mktemp("hostile") / "p", 'models = "hostile_models:metadata"',
                            {"hostile_before.py": MODELS, "hostile_models.py": MORE_MODELS})
    with pytest.MonkeyPatch.context() as monkeypatch:
        built = docgen_in_process("build", "--models", "hostile_before:metadata", cwd=project, monkeypatch=monkeypatch)
        assert built.exit_code == 0, built.output
        for snapshot, models in (("before.json", "hostile_before:metadata"), ("after.json", "hostile_models:metadata")):
            inspected = docgen_in_process("inspect", "--json", "--models", models, cwd=project, monkeypatch=monkeypatch)
            assert inspected.exit_code == 0, inspected.output
            (project / snapshot).write_text(inspected.stdout, encoding="utf-8")  # diff's two snapshots
    database = sa.MetaData()
    for name in HOSTILE:  # the database: the first tables only, each with a column the models lack
        sa.Table(name, database, sa.Column("id", sa.Integer, primary_key=True), sa.Column(name + "_old", sa.Text))
    engine = sa.create_engine(f"sqlite:///{project / 'app.db'}")
    database.create_all(engine)
    engine.dispose()
    return project


@pytest.fixture(scope="module")
def hostile_history(tmp_path_factory):
    """A project whose one migration creates the hostile tables, under a message with Markdown in it."""
    body = (f"    for name in {HOSTILE!r}:\n"
            "        op.create_table(name, sa.Column('id', sa.Integer, primary_key=True), sa.Column(name + '_c', sa.Text))")
    return write_project(tmp_path_factory.mktemp("history") / "p", 'models = "hostile_history_models:metadata"', {
        "hostile_history_models.py": MODELS, "alembic.ini": INI,
        "migrations/env.py": ENV.replace("shop.models", "hostile_history_models"),
        "migrations/versions/001_hostile.py": revision("001", None, "Tables named `x` | ##[error]y *z*", body),
    })


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
    elif command == "diff":
        args = ["diff", "--format", output_format, "before.json", "after.json"]
    elif command == "history":  # run in the hostile_history project
        args = ["history", "--format", output_format]
    else:
        args = [command, "--format", output_format]
    if command == "drift":
        args += ["--database-url", "sqlite:///app.db"]
    result = docgen_in_process(*args, cwd=project, monkeypatch=monkeypatch, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code in (0, 1), result.output
    return result.stdout, summary.read_text(encoding="utf-8") if summary.exists() else ""


@pytest.mark.parametrize("command, output_format", CASES)
def test_no_name_starts_a_workflow_command_in_any_output(request, command, output_format, tmp_path, monkeypatch):
    """GitHub's runner finds docgen's own annotations under --format github, and nothing else anywhere."""
    project = request.getfixturevalue("hostile_history" if command == "history" else "hostile")
    output, _ = _run(project, command, output_format, tmp_path, monkeypatch)
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
def test_json_outputs_carry_each_name_exactly(request, command, tmp_path, monkeypatch):
    project = request.getfixturevalue("hostile_history" if command == "history" else "hostile")
    output, _ = _run(project, command, "json", tmp_path, monkeypatch)
    text = json.dumps(json.loads(output), ensure_ascii=False)  # every string as JSON spells it
    for name in HOSTILE:
        assert json.dumps(name, ensure_ascii=False)[1:-1] in text, (command, name)


def test_the_annotations_under_github_are_what_json_reports(hostile, tmp_path, monkeypatch):
    """Each stale file, drift finding, lint finding and schema change is one annotation, at the file and line
    JSON names, up to GitHub's 10 a step, the 10th counting the rest: none lost, none forged; the text around
    them is the text format's."""
    for command, key in (("check", "stale_files"), ("drift", "findings"), ("lint", "findings"), ("diff", "changes")):
        as_json, _ = _run(hostile, command, "json", tmp_path, monkeypatch)
        as_github, _ = _run(hostile, command, "github", tmp_path, monkeypatch)
        as_text, _ = _run(hostile, command, "text", tmp_path, monkeypatch)
        reported = json.loads(as_json)[key]
        annotations = _docgens_own(as_github)
        assert len(reported) > ANNOTATIONS_PER_STEP, command  # GitHub shows 10 a step: the 10th counts the rest
        assert len(annotations) == ANNOTATIONS_PER_STEP, command
        *shown, (_, more, more_data) = annotations
        assert f"and {len(reported) - len(shown)} more " in more_data and more["title"] == f"docgen {command}: more"
        if command in ("check", "lint"):  # drift findings and schema changes have no file
            assert [(p.get("file"), p.get("line")) for _, p, _ in shown] == [
                (r.get("file", r.get("path")), str(r["line"]) if r["line"] else None) for r in reported][:len(shown)]
        if command == "check":  # each file's annotation says what is wrong with it
            assert {r["status"] for r in reported} == {"changed", "missing"}
            assert [data for _, _, data in shown] == [
                f"{r['path']} {STALE[r['status']]}: run `docgen build` and commit the result" for r in reported][:len(shown)]
        own = {line for line in as_github.splitlines() if line.startswith(("::error title=docgen", "::error file=",
                                                                           "::notice title=docgen"))}
        assert [line for line in as_github.splitlines() if line not in own] == (
            as_text.splitlines()[-1:] if command == "lint" else as_text.splitlines()), command
    quiet = docgen_in_process("check", "--format", "github", "--quiet", cwd=hostile, monkeypatch=monkeypatch,
                              env={"GITHUB_STEP_SUMMARY": ""}).stdout.splitlines()
    assert quiet[0].startswith("docs are stale: ") and all(line.startswith("::error file=") for line in quiet[1:-1])
    assert len(quiet) == 1 + ANNOTATIONS_PER_STEP and quiet[-1].startswith("::error title=docgen check%3A more::")


def test_drift_step_summary_names_what_was_compared(hostile, tmp_path, monkeypatch):
    _, summary = _run(hostile, "drift", "github", tmp_path, monkeypatch)
    parser = MarkdownIt("commonmark")
    said = [cell_text(parser.renderInline(t.content)) for t in parser.parse(summary) if t.type == "inline"]
    assert said[:2] == ["docgen drift", f"Models hostile_models:metadata compared with sqlite:///{hostile / 'app.db'}."]


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


def test_diff_names_every_change_whole_in_its_annotation_and_its_markdown_item(hostile, tmp_path, monkeypatch):
    """Each change of ``diff`` is one notice annotation (up to GitHub's 10 a step, the 10th counting the rest)
    and one item of the Markdown list (on stdout and in the step summary), with the table's name as it is:
    the same lines the text format prints."""
    as_json, _ = _run(hostile, "diff", "json", tmp_path, monkeypatch)
    changes = json.loads(as_json)["changes"]
    assert {c["table"] for c in changes} == set(HOSTILE) | {f"t_{name}" for name in HOSTILE}
    as_github, summary = _run(hostile, "diff", "github", tmp_path, monkeypatch)
    *told, more = docgens_annotations(as_github, "diff")
    assert len(told) == ANNOTATIONS_PER_STEP - 1 and f"and {len(changes) - len(told)} more change(s)" in more
    assert [line.partition(": ")[0] for line in told] == [c["table"] for c in changes][:len(told)]
    as_markdown, _ = _run(hostile, "diff", "markdown", tmp_path, monkeypatch)
    assert summary == as_markdown
    parser = MarkdownIt("commonmark")
    tokens = parser.parse(as_markdown)
    items = [cell_text(parser.renderInline(tokens[i + 2].content)) for i, t in enumerate(tokens)
             if t.type == "list_item_open"]
    assert len(items) == len(changes) and items[:len(told)] == [seen(line) for line in told]
    summary = tmp_path / "same.md"
    same = docgen_in_process("diff", "--format", "github", "after.json", "after.json", cwd=hostile,
                             monkeypatch=monkeypatch, env={"GITHUB_STEP_SUMMARY": str(summary)})
    tables = len(json.loads((hostile / "after.json").read_text(encoding="utf-8"))["tables"])
    assert (same.exit_code, same.stdout.splitlines()[-1]) == (0, f"no changes: the schemas are the same ({tables} tables)")
    assert summary.read_text(encoding="utf-8").endswith(f": no changes ({tables} tables).\n")


def test_history_shows_each_table_whole_and_the_message_as_text(hostile_history, tmp_path, monkeypatch):
    """The text lists each table the revision added, one line each; the Markdown page's revision heading
    shows the message as written, and each change one list item with the name whole."""
    as_text, _ = _run(hostile_history, "history", "text", tmp_path, monkeypatch)
    as_json, _ = _run(hostile_history, "history", "json", tmp_path, monkeypatch)
    (told,) = json.loads(as_json)["revisions"]
    assert told["message"] == "Tables named `x` | ##[error]y *z*"
    assert sorted(c["table"] for c in told["changes"]) == sorted(HOSTILE)
    assert as_text.splitlines()[-1] == "history: 1 revision(s), 1 changed the schema"
    as_markdown, _ = _run(hostile_history, "history", "markdown", tmp_path, monkeypatch)
    parser = MarkdownIt("commonmark")
    tokens = parser.parse(as_markdown)
    headings = [cell_text(parser.renderInline(tokens[i + 1].content)) for i, t in enumerate(tokens)
                if t.type == "heading_open" and t.tag == "h2"]
    assert headings == ["001: Tables named `x` | ##[error]y *z*"]
    items = [cell_text(parser.renderInline(tokens[i + 2].content)) for i, t in enumerate(tokens)
             if t.type == "list_item_open"]
    assert sorted(item.partition(": table added")[0] for item in items) == sorted(seen(name) for name in HOSTILE)


def test_each_page_title_reads_back_as_its_tables_name(tmp_path, monkeypatch):
    """A page's title (front matter, shown in the navigation and the browser tab as HTML) is its table's name
    as written: quotes, line breaks, tabs and markup read back as text, never as YAML or HTML structure."""
    names = ["it's", "a\nb\rc", "tab\tname", "<b>&amp;</b>", 'say "hi"', "#:-- x"]
    project = write_project(tmp_path / "p", 'models = "titled:metadata"', {"titled.py": (
        "import sqlalchemy as sa\nmetadata = sa.MetaData()\n"
        f"for name in {names!r}:\n"
        "    sa.Table(name, metadata, sa.Column('id', sa.Integer, primary_key=True))\n")})
    built = docgen_in_process("build", cwd=project, monkeypatch=monkeypatch)
    assert built.exit_code == 0, built.output
    titles = []
    for page in (project / "docs" / "schema").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        if page.name != "index.md":
            front = yaml.safe_load(text.split("---\n")[1])
            titles.append(html.unescape(front["title"]))
    assert sorted(titles) == sorted(names)


def test_a_view_definition_shows_whole_in_one_code_block_and_cannot_end_a_section(tmp_path, monkeypatch):
    """A view's SQL with a run of five backticks, CR line ends and a line that reads like docgen's section
    mark: one code block (its fence one backtick longer than the longest run) showing the SQL, the mark-like
    line one space in so the document's sections stay whole (``check`` finds the docs fresh)."""
    project = write_project(tmp_path / "p", 'database-url = "sqlite:///app.db"')
    with sqlite3.connect(project / "app.db") as connection:
        connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
        connection.execute('CREATE VIEW "v`x" AS SELECT id AS a /*\r\n<!-- docgen:end -->\r````` five\rthen */ FROM t')
    connection.close()
    built = docgen_in_process("build", cwd=project, monkeypatch=monkeypatch)
    assert built.exit_code == 0, built.output
    shown = 'CREATE VIEW "v`x" AS SELECT id AS a /*\n <!-- docgen:end -->\n````` five\nthen */ FROM t\n'
    for path in ("docs/DATABASE_SCHEMA.md", "docs/schema/v`x.md"):
        text = (project / path).read_text(encoding="utf-8")
        assert [fence for fence in fences(text) if fence[0] != "mermaid"] == [("{.sql .no-copy}", shown)], path
        assert "\n``````{.sql .no-copy}\n" in text, path
        assert b"\r" not in (project / path).read_bytes(), path  # a lone CR is a line end: the file's are LF
    assert docgen_in_process("check", cwd=project, monkeypatch=monkeypatch).exit_code == 0


@pytest.mark.parametrize("text, shown", [
    ("::error::forged\n", "\\u003a:error::forged\n"),
    (" \t::warning::padded\rnext ::notice::x\n", " \t\\u003a:warning::padded\rnext ::notice::x\n"),
    ("a ##[error]legacy\n", "a ##\\u005berror]legacy\n"),
    ("a line: plain\n", "a line: plain\n"),
])
def test_a_line_that_would_start_a_command_is_spelled_as_text(text, shown):
    """The spelling the runner's log shows (and JSON reads back as the same characters): only the ``:`` that
    would start a command and the ``[`` of ``##[``, each as Python and JSON write that character."""
    assert inert(text) == shown
    assert inert(own("::error title=docgen check::stale") + "\n") == "::error title=docgen check::stale\n"


# The keys tools read, per command (docs/ci.md): renaming one breaks every script that reads it.
JSON_KEYS = {
    "check": {"format", "fresh", "files_checked", "stale_files", "tables"},
    "lint": {"findings", "rules", "tables"},
    "diff": {"old", "new", "differ", "tables", "changes"},
    "history": {"migrations", "database", "revisions"},
}


@pytest.mark.parametrize("command", sorted(JSON_KEYS))
def test_json_outputs_are_one_indented_sorted_document_with_the_keys_tools_read(request, command, tmp_path,
                                                                                  monkeypatch):
    project = request.getfixturevalue("hostile_history" if command == "history" else "hostile")
    output, _ = _run(project, command, "json", tmp_path, monkeypatch)
    data = json.loads(output)
    # Stable for diffs (what reaches the log spells ##[ as JSON's \u005b: the same string).
    assert output == inert(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    assert set(data) == JSON_KEYS[command]
    if command == "check":
        assert set(data["tables"]) == {"added", "removed", "excluded", "changed", "unchanged"}
    if command == "lint":
        assert {"rule", "table", "column", "message", "fix", "file", "line"} == set(data["findings"][0])
    if command == "diff":
        assert data["differ"] is True and data["old"] == "before.json" and data["new"] == "after.json"
