"""Hostile and unlucky input never runs, leaks, lies or loses text.

Each test runs the real command line on a real project and asserts the exit
code, the one line on stderr, and that nothing was written or lost: exit 1
means "stale" and nothing else, every other failure is exit 2 with one line.
"""

from __future__ import annotations

import html
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import pytest
import sqlalchemy as sa
from conftest import IN_CI, require, run_docgen, wait_until, write_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from test_bad_input import assert_usage_error

from docgen import config as config_module
from docgen import write
from docgen.outputs import document
from docgen.plan import plan
from docgen.sources.convert import from_metadata

TABLE = "import sqlalchemy as sa\nmetadata = sa.MetaData()\nsa.Table('t', metadata, sa.Column('id', sa.Integer, primary_key=True))\n"


def _models(*names: str, comment: str = "") -> str:
    tables = "".join(
        f"sa.Table({name!r}, metadata, sa.Column('id', sa.Integer, primary_key=True), comment={comment!r} or None)\n"
        for name in names
    )
    return f"import sqlalchemy as sa\nmetadata = sa.MetaData()\n{tables}"


def _project(tmp_path: Path, models: str = TABLE, config: str = 'models = "models:metadata"', **files: str) -> Path:
    return write_project(tmp_path / "p", config, {"models.py": models, **files})


def _tree(root: Path) -> dict[str, bytes | str]:
    """Every file and link under ``root`` (links as their target), to compare before and after."""
    return {
        p.relative_to(root).as_posix(): (f"-> {os.readlink(p)}" if p.is_symlink() else p.read_bytes())
        for p in sorted(root.rglob("*")) if p.is_symlink() or p.is_file()
    }


# --- 1, 2: names never run -------------------------------------------------------------------


def test_a_table_named_to_close_the_section_comment_stays_inside_it_and_invents_no_table(tmp_path):
    name = "a---><script>window.pwned=1</script>"
    project = _project(tmp_path, _models(name, "zzz"))
    assert run_docgen("build", cwd=project).returncode == 0
    text = (project / "docs" / "DATABASE_SCHEMA.md").read_text()
    blocks = [t.content for t in MarkdownIt("commonmark").parse(text) if t.type == "html_block"]
    assert all("<script" not in block for block in blocks), blocks
    again = run_docgen("build", "--dry-run", cwd=project)
    assert "tables: 0 added, 0 removed (stale), 0 changed, 2 unchanged" in again.stdout, again.stdout
    assert run_docgen("check", cwd=project).returncode == 0


# --- 3: passwords are never printed --------------------------------------------------------


@pytest.mark.parametrize("url", [
    "postgresql+psycopg://someone@127.0.0.1:1/db?password=S3cr3tPw",
    "postgresql+psycopg:///db?host=/nonexistent-socket-dir&password=S3cr3tPw",
    "postgresql+psycopg://someone:S3cr3tPw@127.0.0.1:1/db?sslpassword=S3cr3tPw",
])
def test_a_password_given_as_a_query_parameter_is_never_printed(tmp_path, url):
    project = _project(tmp_path)
    result = run_docgen("check", "--database-url", url, cwd=project)
    assert_usage_error(result, "cannot connect to postgresql+psycopg://", "password=***")
    assert "S3cr3tPw" not in result.stdout + result.stderr


# --- 4: every error is one line and exit 2 -------------------------------------------------


def test_a_user_template_failing_while_it_runs_names_file_and_line(tmp_path):
    project = _project(tmp_path, config='models = "models:metadata"\ntemplates = "tpl"',
                       **{"tpl/index.md.j2": "{{ header }}\n{{ 1 / 0 }}\n"})
    assert_usage_error(run_docgen("build", cwd=project), "template error in", "index.md.j2, line 2",
                       "ZeroDivisionError: division by zero")
    assert not (project / "docs").exists()


def test_a_lone_surrogate_in_a_comment_is_one_line_and_nothing_is_written(tmp_path):
    models = _models("t") + "metadata.tables['t'].c.id.comment = 'bad \\udc80 text'\n"
    project = _project(tmp_path, models)
    for command in ("build", "check"):
        assert_usage_error(run_docgen(command, cwd=project), "not valid Unicode", "\\udc80")
    assert not (project / "docs").exists()


def test_a_models_exception_whose_str_raises_is_still_one_line(tmp_path):
    models = "class Unprintable(Exception):\n    def __str__(self):\n        raise ValueError('no')\nraise Unprintable()\n"
    project = _project(tmp_path, models)
    assert_usage_error(run_docgen("build", cwd=project), "importing models module 'models' failed: Unprintable")


UNFORESEEN = TABLE + "class Odd:\n    @property\n    def metadata(self):\n        raise RuntimeError('boom')\nodd = Odd()\n"


def test_an_unforeseen_exception_is_exit_2_with_one_line_saying_how_to_see_the_traceback(tmp_path):
    project = _project(tmp_path, UNFORESEEN, config='models = "models:odd"')
    assert_usage_error(run_docgen("build", cwd=project, own_process=True), "internal error, a bug in docgen: RuntimeError: boom",
                       "--traceback", "DOCGEN_TRACEBACK=1")
    for args, env in ((("--traceback", "build"), {}), (("build",), {"DOCGEN_TRACEBACK": "1"})):
        shown = run_docgen(*args, cwd=project, env=env, own_process=True)
        assert shown.returncode == 2
        assert shown.stderr.startswith("Traceback (most recent call last):")
        assert shown.stderr.rstrip().endswith("RuntimeError: boom")
    assert not (project / "docs").exists()


def test_a_full_disk_while_writing_is_one_line_and_leaves_no_temporary_file(tmp_path):
    """ENOSPC for real: the docs go to a 64 KiB tmpfs that the pages overflow (where mounting is not
    allowed, CI uses a file size limit: EFBIG, a write failing part-way all the same). A read-only file
    system is refused the same way."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0 and IN_CI:  # a container without CAP_SYS_ADMIN: the file size limit instead
        _assert_a_failed_write_leaves_the_docs_as_they_were(tmp_path, disk, "File too large", _file_size_limit)
        return
    require(mounted.returncode == 0, "a tmpfs mount (root) for a full disk")
    try:
        _assert_a_failed_write_leaves_the_docs_as_they_were(tmp_path, disk, "No space left on device")
    finally:
        subprocess.run(["umount", str(disk)], check=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "ro", "tmpfs", str(disk)], check=True)
    try:
        result = run_docgen("build", "--output", str(disk / "DATABASE_SCHEMA.md"), "--no-pages",
                            cwd=_project(tmp_path / "ro", _models("t")))
        assert_usage_error(result, f"cannot write {disk / 'DATABASE_SCHEMA.md'}: Read-only file system")
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def _file_size_limit() -> None:
    """In the child process: writes beyond 32 KiB fail (EFBIG)."""
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failing write, not a killed process
    resource.setrlimit(resource.RLIMIT_FSIZE, (32 * 1024, 32 * 1024))


def _assert_a_failed_write_leaves_the_docs_as_they_were(tmp_path, disk, reason, preexec_fn=None) -> None:
    (disk / "DATABASE_SCHEMA.md").write_text("# Our schema\n\nHand-written.\n")
    before = _tree(disk)
    project = _project(tmp_path, _models(*(f"table_{n}" for n in range(40)), comment="x" * 3000))
    args = ("build", "--output", str(disk / "DATABASE_SCHEMA.md"), "--pages-dir", str(disk / "schema"))
    result = run_docgen(*args, cwd=project) if preexec_fn is None else subprocess.run(
        [sys.executable, "-m", "docgen", *args], cwd=project, capture_output=True, text=True, timeout=300,
        preexec_fn=preexec_fn)
    assert_usage_error(result, f"cannot write {disk}/", reason, "nothing was written")  # the file it was writing
    assert _tree(disk) == before
    assert sorted(p.name for p in disk.iterdir()) == ["DATABASE_SCHEMA.md"]


# --- 5, 6: stdout is docgen's --------------------------------------------------------------


def test_what_the_models_print_goes_to_stderr_and_json_stays_json(tmp_path):
    models = "import os\nprint('hello from the models')\nos.system('echo and from a subprocess')\n" + TABLE
    project = _project(tmp_path, models)
    inspected = run_docgen("inspect", "--json", cwd=project, own_process=True)  # the file descriptors
    assert inspected.returncode == 0
    assert [t["name"] for t in json.loads(inspected.stdout)["tables"]] == ["t"]
    assert "hello from the models" in inspected.stderr and "and from a subprocess" in inspected.stderr
    database = tmp_path / "app.db"
    sqlite3.connect(database).execute("CREATE TABLE t (id INTEGER PRIMARY KEY, extra TEXT)").connection.close()
    drift = run_docgen("drift", "--database-url", f"sqlite:///{database}", "--json", cwd=project, own_process=True)
    assert drift.returncode == 1, drift.stderr  # the extra column
    assert json.loads(drift.stdout)["tables_in_models"] == 1
    assert "hello from the models" in drift.stderr


def _run_with_closed_stdout(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """``docgen ARGS | head -0``: the reader of stdout is gone before docgen writes."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([sys.executable, "-m", "docgen", *args], cwd=cwd, stdout=write_end,
                              stderr=subprocess.PIPE, text=True, timeout=300)
    finally:
        os.close(write_end)


def test_a_closed_stdout_is_not_an_error_and_the_build_still_happens(tmp_path):
    project = _project(tmp_path, _models(*(f"t{n}" for n in range(50))))
    built = _run_with_closed_stdout("build", cwd=project)
    assert (built.returncode, built.stderr) == (0, "")
    assert len(list((project / "docs" / "schema").glob("*.md"))) == 51
    assert run_docgen("check", cwd=project).returncode == 0
    (project / "docs" / "schema" / "t7.md").unlink()
    checked = _run_with_closed_stdout("check", cwd=project)
    assert (checked.returncode, checked.stderr) == (1, "")  # still "stale", not a crash
    piped = subprocess.run(f"'{sys.executable}' -m docgen build | head -1", shell=True, cwd=project,
                           capture_output=True, text=True, executable="/bin/bash")
    assert piped.stderr == "" and piped.stdout.startswith("tables: ")
    assert run_docgen("check", cwd=project).returncode == 0


# --- 7: an empty or wrong database does not wipe the docs ------------------------------------


@pytest.mark.parametrize("url", ["sqlite:///empty.db", "sqlite://"])
def test_an_empty_database_is_refused_and_the_docs_are_kept(tmp_path, url):
    project = _project(tmp_path, _models("users", "goals"))
    assert run_docgen("build", cwd=project).returncode == 0
    sqlite3.connect(project / "empty.db").close()
    before = _tree(project / "docs")
    for command in ("build", "check"):
        assert_usage_error(run_docgen(command, "--database-url", url, cwd=project), "no tables in sqlite://",
                           "allow-empty")
    assert _tree(project / "docs") == before


def test_allow_empty_documents_a_really_empty_schema(tmp_path):
    project = _project(tmp_path, _models("users"))
    assert run_docgen("build", cwd=project).returncode == 0
    sqlite3.connect(project / "empty.db").close()
    result = run_docgen("build", "--database-url", "sqlite:///empty.db", "--allow-empty", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "deleted docs/schema/users.md" in result.stdout
    assert "No tables." in (project / "docs" / "DATABASE_SCHEMA.md").read_text()
    (project / "pyproject.toml").write_text('[tool.docgen]\ndatabase-url = "sqlite:///empty.db"\nallow-empty = true\n')
    assert run_docgen("check", cwd=project).returncode == 0


# --- 8: the output never collides with a page -----------------------------------------------


@pytest.mark.parametrize("config, models, fragment", [
    ('output = "docs/index.md"\npages-dir = "docs"', _models("users"), "output docs/index.md is also the index"),
    ('pages-dir = "docs"', _models("users", "DATABASE_SCHEMA"),
     "output docs/DATABASE_SCHEMA.md is also the page of table 'DATABASE_SCHEMA'"),
    ('pages-dir = "docs"', _models("users", "database_schema"),
     "output docs/DATABASE_SCHEMA.md is also the page of table 'database_schema' (docs/database_schema.md)"),
])
def test_an_output_that_is_also_a_page_is_refused_naming_the_clash(tmp_path, config, models, fragment):
    project = _project(tmp_path, models, config=f'models = "models:metadata"\n{config}')
    for command in ("build", "check"):
        assert_usage_error(run_docgen(command, cwd=project), fragment)
    assert not (project / "docs").exists()


# --- 10: symbolic links are written through -------------------------------------------------


def test_a_symlinked_document_and_page_are_written_through_the_link(tmp_path):
    project = _project(tmp_path, _models("users", "goals"))
    shared = tmp_path / "shared"
    shared.mkdir()
    (project / "docs" / "schema").mkdir(parents=True)
    (shared / "SCHEMA.md").write_text("# Our schema\n\nKept.\n")
    (project / "docs" / "DATABASE_SCHEMA.md").symlink_to(shared / "SCHEMA.md")
    (project / "docs" / "schema" / "users.md").symlink_to(shared / "missing" / "users.md")  # dangling
    assert run_docgen("build", cwd=project).returncode == 0
    assert (project / "docs" / "DATABASE_SCHEMA.md").is_symlink()
    assert (project / "docs" / "schema" / "users.md").is_symlink()
    assert (shared / "SCHEMA.md").read_text().startswith("# Our schema\n\nKept.\n")
    assert "<!-- docgen:table goals -->" in (shared / "SCHEMA.md").read_text()
    assert "# users" in (shared / "missing" / "users.md").read_text()
    assert run_docgen("check", cwd=project).returncode == 0


# --- 13: a relative SQLite path is relative to the project root ---------------------------------


def test_a_relative_sqlite_path_in_pyproject_is_relative_to_the_project_root(tmp_path):
    project = _project(tmp_path, config='database-url = "sqlite:///app.db"')
    sqlite3.connect(project / "app.db").execute("CREATE TABLE right_one (id INTEGER PRIMARY KEY)").connection.close()
    subfolder = project / "sub"
    subfolder.mkdir()
    sqlite3.connect(subfolder / "app.db").execute("CREATE TABLE wrong_one (id INTEGER PRIMARY KEY)").connection.close()
    result = run_docgen("build", cwd=subfolder)
    assert result.returncode == 0, result.stderr
    assert (project / "docs" / "schema" / "right_one.md").is_file()
    assert not (project / "docs" / "schema" / "wrong_one.md").exists()


@pytest.mark.parametrize("url", ["sqlite:///file:x.db", "sqlite:///file:x.db?uri=true", "sqlite:///file:x.db?uri=true&mode=rwc"])
def test_a_sqlite_uri_naming_a_missing_file_creates_no_file(tmp_path, url):
    project = _project(tmp_path)
    before = sorted(p.name for p in project.iterdir())
    assert_usage_error(run_docgen("build", "--database-url", url, cwd=project), "SQLite database file", "does not exist")
    assert sorted(p.name for p in project.iterdir()) == before


# --- 14: an interrupted build is cleaned up ------------------------------------------------------


def test_leftovers_of_an_interrupted_build_are_removed_and_only_docgens(tmp_path):
    project = _project(tmp_path, _models("users", "goals"))
    assert run_docgen("build", cwd=project).returncode == 0
    pages = project / "docs" / "schema"
    staging = pages / ".docgen-ab12cd_9.tmp"
    staging.mkdir()
    for n in range(3):
        (staging / str(n)).write_text("half a build")
    (pages / ".goals.md.x1y2z3w4.tmp").write_text("an older docgen's temp file")
    (project / "docs" / ".docgen-zzzzzzzz.tmp").mkdir()
    precious = tmp_path / "precious"  # a link named like a leftover: the link goes, never what it points at
    precious.mkdir()
    (precious / "keep.txt").write_text("mine")
    (project / "docs" / ".docgen-linked00.tmp").symlink_to(precious, target_is_directory=True)
    mine = {pages / ".docgen-notes.tmp": "someone else's", pages / ".mine.tmp": "someone else's"}
    for path, text in mine.items():
        path.write_text(text)
    (pages / "goals.md").write_text((pages / "goals.md").read_text() + "edited\n")
    assert run_docgen("build", cwd=project).returncode == 0
    assert sorted(p.name for p in pages.iterdir() if p.name.startswith(".")) == [".docgen-notes.tmp", ".mine.tmp"]
    assert not (project / "docs" / ".docgen-zzzzzzzz.tmp").exists()
    assert not (project / "docs" / ".docgen-linked00.tmp").is_symlink() and (precious / "keep.txt").read_text() == "mine"
    assert run_docgen("check", cwd=project).returncode == 0


def test_what_a_build_stages_into_is_hidden_and_taken_for_a_leftover_by_the_next_build(tmp_path):
    """Should a build be killed before it cleans up, its staging directory is one the next build removes (the test
    below kills a real build from outside); while it exists, its dot-name keeps it out of MkDocs and editors."""
    staging = write._staging_directory(tmp_path, tmp_path / "page.md")
    assert staging.parent == tmp_path and staging.name.startswith(".")
    write.remove_leftovers(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_build_killed_while_writing_leaves_whole_files_and_the_next_build_repairs_it(tmp_path):
    """kill -9 while the staged pages are renamed into place: no page is half-written, no temp file
    is strewn among the pages, and the next build removes the staging directory and finishes."""
    project = _project(tmp_path, _models(*(f"table_{n:04}" for n in range(1000)), comment="c" * 2000))
    pages = project / "docs" / "schema"
    process = subprocess.Popen([sys.executable, "-m", "docgen", "build"], cwd=project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until(lambda: process.poll() is not None or (pages.is_dir() and any(p.name.endswith(".md") for p in pages.iterdir())),
               "the build to begin renaming its pages into place", timeout=240, every=0.002)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    written = sorted(pages.glob("*.md"))
    assert 0 < len(written) < 1001
    for page in written:
        assert page.read_text().endswith("```\n"), page.name  # whole: ends as every page does
    assert [p.name for p in pages.iterdir() if not p.name.endswith(".md")] == [
        p.name for p in pages.iterdir() if p.name.startswith(".docgen-") and p.is_dir()]
    assert run_docgen("check", cwd=project).returncode == 1
    assert run_docgen("build", cwd=project).returncode == 0
    assert sorted(p.name for p in pages.iterdir() if not p.name.endswith(".md")) == []
    assert run_docgen("check", cwd=project).returncode == 0


# --- 15: page file names -------------------------------------------------------------------------


def test_page_file_names_are_portable_distinct_and_stable(tmp_path):
    nfc, nfd = unicodedata.normalize("NFC", "café"), unicodedata.normalize("NFD", "café")
    names = ["CON", "nul", "Aux.log", "com1", "Users", "users", nfc, nfd, "x" * 300, "y" * 300 + "z",
             "line\nbreak", "bell\x07", "trailing."]
    project = _project(tmp_path, _models(*names))
    result = run_docgen("build", cwd=project)
    assert result.returncode == 0, result.stderr
    files = [p.name for p in (project / "docs" / "schema").iterdir()]
    assert len(files) == len(names) + 1
    keys = {unicodedata.normalize("NFC", f.casefold()) for f in files}
    assert len(keys) == len(files)  # distinct on case- and normalization-insensitive file systems
    reserved = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
    for file in files:
        assert file.split(".")[0].casefold() not in reserved, file
        assert len(file.encode()) <= 255 and file == unicodedata.normalize("NFC", file), file
        assert file.isprintable() and not file.removesuffix(".md").endswith((".", " ")), file
    added = [line for line in result.stdout.splitlines() if line.startswith("  added: ")]
    assert len(added) == 1 and "line\\nbreak" in added[0] and "bell\\x07" in added[0]
    again = run_docgen("build", cwd=project)
    assert again.stdout.endswith("docs already up to date: nothing written\n")
    assert sorted(p.name for p in (project / "docs" / "schema").iterdir()) == sorted(files)


def test_control_characters_in_a_comment_never_break_a_line_of_the_diff(tmp_path):
    project = _project(tmp_path, _models("t", comment="form\x0cfeed \x1b[31mred\u2028next"))
    assert run_docgen("build", cwd=project).returncode == 0
    (project / "models.py").write_text(_models("t", comment="form\x0cfeed \x1b[31mred\u2028changed"))
    result = run_docgen("check", cwd=project)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout and "\x0c" not in result.stdout and "\u2028" not in result.stdout
    changed = [line for line in result.stdout.splitlines() if line.startswith("+") and "changed" in line]
    assert len(changed) == 4 and all("form\\x0cfeed \\x1b" in line and "red\\u2028changed" in line
                                     for line in changed), changed


# --- 16: a read-only file is not replaced --------------------------------------------------------


def test_a_read_only_output_file_is_not_replaced(tmp_path):
    project = _project(tmp_path, _models("users"))
    output = project / "docs" / "DATABASE_SCHEMA.md"
    output.parent.mkdir()
    output.write_text("# Frozen by policy\n")
    output.chmod(0o444)
    before = _tree(project)
    assert_usage_error(run_docgen("build", cwd=project), "docs/DATABASE_SCHEMA.md is read-only")
    assert _tree(project) == before
    assert output.stat().st_mode & 0o777 == 0o444


@pytest.mark.parametrize("mode", [0o464, 0o446])
def test_a_file_someone_may_write_is_replaced_and_keeps_its_mode(tmp_path, mode):
    """Writable by its group only, or by others only: not read-only (the owner's bit is not the only one)."""
    project = _project(tmp_path, _models("users"))
    output = project / "docs" / "DATABASE_SCHEMA.md"
    output.parent.mkdir()
    output.write_text("# Shared\n")
    output.chmod(mode)
    assert run_docgen("build", cwd=project).returncode == 0
    assert "## users" in output.read_text() and output.stat().st_mode & 0o777 == mode


# --- property: names and comments stay where they belong, a build is final -----------------------

name_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)


@settings(max_examples=60 if IN_CI else 30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names=st.lists(name_text, min_size=1, max_size=4, unique=True), comment=st.text(max_size=40))
def test_any_names_and_comments_stay_in_their_comment_and_title_and_a_second_build_finds_nothing_to_do(names, comment):
    import yaml

    metadata = sa.MetaData()
    for name in names:
        sa.Table(name, metadata, sa.Column("id", sa.Integer, primary_key=True, comment=comment or None),
                 comment=comment or None)
    schema = from_metadata(metadata)
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        (root / "pyproject.toml").write_text("[tool.docgen]\n")
        config = config_module.load(root / "pyproject.toml", root, {})
        write.apply(plan(schema, config))
        text = config.output.read_text(encoding="utf-8")
        block = text[text.index(document.BEGIN):]
        assert set(document.section_digests(block)) == {t.qualified_name for t in schema.tables}
        comments = [t.content for t in MarkdownIt("commonmark").parse(block) if t.type == "html_block"]
        assert all(c.count("-->") == 1 for c in comments), comments
        titles = []
        for page in config.pages_dir.glob("*.md"):
            front_matter = page.read_text(encoding="utf-8").split("---\n")[1]
            title = yaml.safe_load(front_matter)["title"]
            assert "<" not in title
            titles.append(html.unescape(title))
        assert len(titles) == len(names) + 1
        assert {name for name in names if name.isprintable()} <= set(titles)  # HTML drops control characters
        again = plan(schema, config)
        assert not again.writes and not again.deletes
