"""Shared test fixtures: running the real CLI, example projects, golden files, required parts."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "coaching"
GOLDEN = Path(__file__).resolve().parent / "golden"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files from the current output.")
    parser.addoption("--real-sites", action="store_true",
                     help="Also check the sites of real PyPI packages (installs them: tests/test_real_sites.py).")


@pytest.fixture(autouse=True)
def _projects_import_afresh():
    """What a test imported from its own temporary projects is forgotten after it, with the import path it
    changed: two tests' projects may each have a module named ``shop`` (in-process runs import models)."""
    modules, path = set(sys.modules), list(sys.path)
    yield
    temporary = os.path.realpath(tempfile.gettempdir()) + os.sep
    for name in set(sys.modules) - modules:
        module = sys.modules[name]
        places = [getattr(module, "__file__", None), *list(getattr(module, "__path__", None) or ())]  # namespaces too
        if any(isinstance(p, str) and os.path.realpath(p).startswith(temporary) for p in places):
            del sys.modules[name]
    sys.path[:] = path


def require(available: bool, what: str) -> None:
    """Skip when a real part (server, browser, ...) is missing — but fail under CI=true."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required when CI=true (.ci/run installs it)")
    pytest.skip(f"{what} is not available on this machine")


def wait_until(state, what: str, timeout: float = 120.0, every: float = 0.05):
    """Poll ``state()`` every ``every`` s until it returns something true (and return it); fail naming ``what``
    after ``timeout`` s. A test waits for a state this way, never for a fixed time."""
    deadline = time.monotonic() + timeout
    while True:
        value = state()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout:g} s for {what}")
        time.sleep(every)


@pytest.fixture
def golden(request):
    """``golden(name, text)`` compares ``text`` with tests/golden/<name>; --update-golden rewrites it."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
            return
        assert path.is_file(), f"missing golden file {path}; run pytest --update-golden and review it"
        assert text == path.read_text(encoding="utf-8"), f"output differs from {path.name} (pytest --update-golden)"

    return check


def run_docgen(*args: str, cwd: Path, env: dict[str, str] | None = None,
               own_process: bool = False) -> subprocess.CompletedProcess:
    """Run the real ``docgen`` command line in ``cwd``.

    Under mutmut (``make mutate`` sets ``MUTANT_UNDER_TEST``) it runs in this process instead
    (:func:`docgen_in_process`): a ``python -m docgen`` subprocess imports the unmutated package,
    so no mutant could make the test fail, and mutmut would not see which functions it calls.
    ``own_process``: always a process, for a test of what only a process does (its file
    descriptors, the program's traceback)."""
    if "MUTANT_UNDER_TEST" in os.environ and not own_process:
        with pytest.MonkeyPatch.context() as monkeypatch:
            done = docgen_in_process(*args, cwd=cwd, monkeypatch=monkeypatch, env=env)
        return subprocess.CompletedProcess(["docgen", *args], done.exit_code, done.stdout, done.stderr)
    return subprocess.run(
        [sys.executable, "-m", "docgen", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


@dataclass(frozen=True)
class InProcess:
    """What a command run in this process printed, as the ``docgen`` program lets it out, and its exit code."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def docgen_in_process(*args: str, cwd: Path, monkeypatch, env: dict[str, str] | None = None) -> InProcess:
    """The real command line, run in this process (click's runner): faster than a subprocess, and what a
    mutation tool sees run (``make mutate``). Its output goes through ``commands.inert`` as the ``docgen``
    program's streams do. The project's modules are forgotten after the run, as a new process would not
    know them: a test run twice in one process (mutmut does) or two projects with the same module name
    each import their own models. A ``PYTHONPATH`` in ``env`` is put on ``sys.path`` for the run, as a
    process would start with it, and its modules are forgotten too."""
    from click.testing import CliRunner

    from docgen import cli
    from docgen.formats.commands import inert

    monkeypatch.chdir(cwd)
    python_path = [Path(entry) for entry in (env or {}).get("PYTHONPATH", "").split(os.pathsep) if entry]
    for entry in reversed(python_path):
        monkeypatch.syspath_prepend(str(entry))
    try:
        result = CliRunner().invoke(cli.main, list(args), env=env)
    finally:
        forgotten = [cwd.resolve(), *(entry.resolve() for entry in python_path)]
        # Not docgen itself nor the installed packages, should the project hold them (the repository does).
        kept = (Path(sys.prefix).resolve(), Path(cli.__file__).resolve().parents[1])
        for name, module in list(sys.modules.items()):
            file = getattr(module, "__file__", None)
            if file and any((path := Path(file).resolve()).is_relative_to(root) for root in forgotten) \
                    and not any(path.is_relative_to(root) for root in kept):
                del sys.modules[name]
        importlib.invalidate_caches()  # the finders of relative sys.path entries ("." of alembic.ini) list the new cwd
    return InProcess(result.exit_code, inert(result.stdout), inert(result.stderr))


def write_project(root: Path, docgen_table: str, models: dict[str, str] | None = None) -> Path:
    """A project in ``root``: pyproject.toml with ``[tool.docgen]`` and model modules by file name."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(f"[tool.docgen]\n{docgen_table}\n", encoding="utf-8")
    for name, source in (models or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return root


def create_from_models(source: str, url: str) -> None:
    """Create in the database at ``url`` what the models module ``source`` (a ``metadata``) declares."""
    import sqlalchemy as sa

    namespace: dict = {}
    exec(source, namespace)
    engine = sa.create_engine(url)
    namespace["metadata"].create_all(engine)
    engine.dispose()


@pytest.fixture(scope="session")
def wheel_venv(tmp_path_factory) -> tuple[Path, Path]:
    """(docgen's wheel, built from this repository; a fresh venv with only that wheel installed), once per session."""
    import venv

    base = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(base / "dist"), str(REPO)],
                   check=True, capture_output=True, timeout=600)
    (wheel,) = (base / "dist").glob("schema_docgen-*.whl")
    env_dir = base / "venv"
    venv.create(env_dir, with_pip=True)
    subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
                   check=True, timeout=600)
    return wheel, env_dir


@pytest.fixture
def coaching(tmp_path) -> Path:
    """A copy of the example coaching app as its own project (models importable as ``coaching``)."""
    root = tmp_path / "project"
    shutil.copytree(EXAMPLE, root / "coaching", ignore=shutil.ignore_patterns("__pycache__"))
    return write_project(root, 'models = "coaching.models:Base"\ndialect = "postgresql"')


ODD_NAMES_MODELS = '''\
"""Tables and columns whose names Mermaid, file systems and URLs find hard."""
import sqlalchemy as sa

metadata = sa.MetaData()
sa.Table("user-accounts", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("e mail", sa.String(200), unique=True),
    sa.Column("naïve", sa.Numeric(10, 2)),
    sa.Column("pk", sa.Text),
    sa.Column("1st", sa.DateTime(timezone=True)),
    sa.Column("tags", sa.ARRAY(sa.String(20))),
)
sa.Table("order items", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account", sa.Integer, sa.ForeignKey("user-accounts.id"), nullable=False),
    sa.Column("reviewer", sa.Integer, sa.ForeignKey("user-accounts.id")),
)
sa.Table("log.entries", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("item", sa.Integer, sa.ForeignKey("order items.id")),
    schema="audit",
)
sa.Table("Ünïcödé", metadata,
    sa.Column("account_id", sa.Integer, sa.ForeignKey("user-accounts.id"), primary_key=True),
    sa.Column("größe", sa.Integer),
)
sa.Table("erDiagram", metadata,
    sa.Column("end", sa.Integer, primary_key=True),
    sa.Column("to", sa.Integer, sa.ForeignKey("audit.log.entries.id"), unique=True, nullable=False),
)
sa.Table("flow direction TB", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("parent", sa.Integer, sa.ForeignKey("flow direction TB.id")),
)
sa.Table('pct%"quote', metadata, sa.Column("x", sa.Integer, primary_key=True))
sa.Table("index", metadata, sa.Column("x", sa.Integer, primary_key=True))
'''


@pytest.fixture
def odd_names(tmp_path) -> Path:
    """A project whose table and column names are spaces, dots, dashes, unicode, Mermaid key words."""
    config = 'models = "oddmodels:metadata"\ndialect = "postgresql"'
    return write_project(tmp_path / "odd", config, {"oddmodels.py": ODD_NAMES_MODELS})


def mermaid_blocks(text: str) -> list[str]:
    """The bodies of the ```mermaid fences in a Markdown text."""
    blocks, current = [], None
    for line in text.splitlines(keepends=True):
        if current is None and line.strip() == "```mermaid":
            current = []
        elif current is not None and line.strip() == "```":
            blocks.append("".join(current))
            current = None
        elif current is not None:
            current.append(line)
    return blocks


from pg import pg_server, pg_url  # noqa: E402,F401  (the real PostgreSQL fixtures, see tests/pg.py)
from mariadb import mariadb_server, mariadb_url  # noqa: E402,F401  (the real MariaDB fixtures, see tests/mariadb.py)
