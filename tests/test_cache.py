"""The cache of the schema (``--cache``): a second run with nothing changed skips the import, and any
change in what the key covers gives a full run with the right verdict.

The project imports a module of its own, reads a named environment variable and uses a real installed
distribution (a wheel pip installs into a site-packages directory of its own); its models print a
line on import, so a test sees whether they were imported. Every run is the real command line.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLE, run_docgen, write_project

IMPORTED = "app.models imported"
MODELS = f'''\
import sqlalchemy as sa
import tinydist
from app.naming import column_name

print("{IMPORTED}")
metadata = sa.MetaData()
sa.Table("orders", metadata, sa.Column("id", sa.Integer, primary_key=True),
         sa.Column(column_name(), sa.String(tinydist.LENGTH)))
'''
NAMING = 'import os\n\n\ndef column_name():\n    return os.environ.get("APP_PREFIX", "") + "name"\n'
CONFIG = 'models = "app.models:metadata"\ntemplates = "tpl"\ncache = true\ncache-env = ["APP_PREFIX"]'


def _wheel(directory: Path, version: str, length: int) -> Path:
    """A real wheel of the distribution ``tinydist`` ``version``, whose module says ``LENGTH = length``."""
    info = f"tinydist-{version}.dist-info"
    files = {
        "tinydist/__init__.py": f"LENGTH = {length}\n",
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: tinydist\nVersion: {version}\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: docgen-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }

    def hashed(text: str) -> str:
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        return f"sha256={digest},{len(text.encode())}"

    record = "".join(f"{name},{hashed(text)}\n" for name, text in files.items()) + f"{info}/RECORD,,\n"
    wheel = directory / f"tinydist-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for name, text in {**files, f"{info}/RECORD": record}.items():
            archive.writestr(name, text)
    return wheel


def _install(project: Path, version: str, length: int) -> None:
    """pip installs tinydist into the project's user site-packages (a directory Python counts as installed)."""
    wheel = _wheel(project.parent, version, length)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--upgrade",
                    "--target", str(_site(project)), str(wheel)], check=True, capture_output=True, timeout=300)


def _site(project: Path) -> Path:
    return Path(sysconfig.get_path("purelib", sysconfig.get_preferred_scheme("user"),
                                   vars={"userbase": str(project.parent / "userbase")}))


@pytest.fixture
def app(tmp_path) -> Path:
    project = write_project(tmp_path / "app", CONFIG, {"app/__init__.py": "", "app/models.py": MODELS,
                                                       "app/naming.py": NAMING})
    shutil.copytree(REPO_TEMPLATES, project / "tpl")
    _install(project, "1.0", 10)
    return project


REPO_TEMPLATES = EXAMPLE.parent.parent / "templates"


def docgen(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """docgen in ``project``: outside CI, the tiny distribution installed, ``env`` on top."""
    site = _site(project)
    return run_docgen(*args, cwd=project, env={"CI": "", "PYTHONUSERBASE": str(project.parent / "userbase"),
                                               "PYTHONPATH": str(site), "APP_PREFIX": "", **env})


def _check(project: Path, **env: str) -> tuple[int, bool]:
    """(check's exit code, whether the models were imported)."""
    result = docgen(project, "check", **env)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, IMPORTED in result.stderr


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CHANGES = {
    "a model file": lambda p: _edit(p / "app/models.py", "sa.Integer, primary_key=True)",
                                    "sa.Integer, primary_key=True), sa.Column('total', sa.Integer)"),
    "a module the models import": lambda p: _edit(p / "app/naming.py", '"name"', '"title"'),
    "an installed package's version": lambda p: _install(p, "1.1", 20),
    "the config": lambda p: _edit(p / "pyproject.toml", "cache = true", "cache = true\ner-max-tables = 0"),
    "a template": lambda p: _edit(p / "tpl/table.md.j2", "{", "Reviewed.\n\n{"),
    "the notes": lambda p: (p / "docs/schema-notes.md").write_text("## orders\n\nEvery order.\n", encoding="utf-8"),
}
ENV_CHANGE = {"APP_PREFIX": "customer_"}
HOSTILE = r'''
import sqlalchemy as sa

NAMES = ["a|b", "line\nbreak", "`tick`", "<script>x</script>", "ünï", "lone\udc80", "<!-- docgen:end -->", "\u2028"]
metadata = sa.MetaData()
for i, name in enumerate(NAMES):
    sa.Table(name, metadata, sa.Column("id", sa.Integer, primary_key=True, comment=NAMES[i - 3]),
             sa.Column(NAMES[i - 1], sa.String(5), server_default=NAMES[i - 2], info={"docgen": {"lint-ignore": [
                 "reserved-word"]}}),
             sa.CheckConstraint(f"id > {i}", name=NAMES[i - 4]), comment=name, schema=NAMES[i - 5] if i % 2 else None)
'''
ROUND_TRIP = """
import json, sys
from pathlib import Path
from docgen import config, pipeline
from docgen.cache import store
schema = pipeline.load_schema(config.load(None, Path.cwd(), {}))
back = store.schema_from(json.loads(json.dumps(store.schema_data(schema))))
assert back == schema and back.lint == schema.lint and back.to_dict() == schema.to_dict()
print(len(schema.tables), len(schema.types), len(schema.lint.classes), len(schema.lint.ignores))
"""


@pytest.mark.parametrize("change", [*CHANGES, "a named environment variable"])
def test_a_change_in_what_the_key_covers_means_a_full_run_and_the_docs_are_stale(app, change):
    assert docgen(app, "build").returncode == 0
    assert _check(app) == (0, False), "nothing changed: the schema comes from the cache"
    env = {}
    if change in CHANGES:
        CHANGES[change](app)
    else:
        env = ENV_CHANGE
    assert _check(app, **env) == (1, True), f"{change} changed: a full run, and the docs are stale"
    assert docgen(app, "build", **env).returncode == 0
    assert _check(app, **env) == (0, False), "built again: fresh, from the refreshed cache"


def test_a_change_that_leaves_the_docs_as_they_are_is_a_full_run_that_finds_them_fresh(app):
    assert docgen(app, "build").returncode == 0
    _edit(app / "app/models.py", "import tinydist", "import tinydist  # the length comes from here")
    assert _check(app) == (0, True)
    assert _check(app) == (0, False)


def test_a_new_module_next_to_the_imported_ones_means_a_full_run(app):
    """A module that appears where the models' modules are may change what they import (a try/except import)."""
    assert docgen(app, "build").returncode == 0
    (app / "app/extra.py").write_text("", encoding="utf-8")
    assert _check(app) == (0, True)


def test_the_installed_distribution_is_keyed_by_its_version_not_its_files(app):
    assert docgen(app, "build").returncode == 0
    (entry,) = (app / ".docgen_cache").glob("schema-*.json")
    files = json.loads(entry.read_text(encoding="utf-8"))["files"]
    assert any(f.endswith("naming.py") for f in files) and any(f.endswith("models.py") for f in files)
    assert not any("tinydist" in f for f in files), "an installed package is covered by its version"


def test_docs_edited_by_hand_are_stale_from_the_cache_without_an_import(app):
    assert docgen(app, "build").returncode == 0
    page = app / "docs/schema/orders.md"
    page.write_text(page.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    assert _check(app) == (1, False)


@pytest.mark.parametrize("damage", ["corrupt", "truncated", "foreign", "unreadable", "fifo"])
def test_a_damaged_cache_is_ignored_a_full_run_follows(app, damage):
    assert docgen(app, "build").returncode == 0
    for entry in (app / ".docgen_cache").glob("*.json"):
        data = entry.read_bytes()
        if damage in ("unreadable", "fifo"):
            entry.unlink()
            entry.mkdir() if damage == "unreadable" else os.mkfifo(entry)  # a FIFO must not block the read
        else:
            entry.write_bytes({"corrupt": b"\x00\xff{not json", "truncated": data[: len(data) // 2],
                               "foreign": b'{"format": "other-tool", "key": "x"}'}[damage])
    result = docgen(app, "check")
    assert result.returncode == 0 and IMPORTED in result.stderr
    assert "error" not in result.stderr


def test_the_cache_directory_is_ignored_by_git(app):
    assert docgen(app, "build").returncode == 0
    assert (app / ".docgen_cache/.gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    subprocess.run(["git", "init", "-q"], cwd=app, check=True)
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=app,
                            capture_output=True, text=True, check=True).stdout
    assert ".docgen_cache" not in status


def test_build_refreshes_the_cache_with_a_full_run(app):
    assert docgen(app, "build").returncode == 0
    assert _check(app) == (0, False)
    assert IMPORTED in docgen(app, "build").stderr


def test_in_ci_the_cache_is_used_only_when_asked_for_always(app):
    assert docgen(app, "build", CI="true").returncode == 0
    assert not (app / ".docgen_cache").exists(), "cache = true is off under CI=true"
    assert _check(app, CI="true") == (0, True)
    assert docgen(app, "check", "--cache=always", CI="true").returncode == 0
    result = docgen(app, "check", "--cache=always", CI="true")
    assert result.returncode == 0 and IMPORTED not in result.stderr
    assert _check(app, CI="true") == (0, True)


def test_the_cache_is_off_by_default_and_the_flag_turns_it_on(app):
    _edit(app / "pyproject.toml", "cache = true\n", "")
    assert docgen(app, "build").returncode == 0
    assert not (app / ".docgen_cache").exists()
    assert docgen(app, "check", "--cache").returncode == 0
    result = docgen(app, "check", "--cache")
    assert result.returncode == 0 and IMPORTED not in result.stderr
    result = docgen(app, "check", "--cache=off")
    assert result.returncode == 0 and IMPORTED in result.stderr


def test_a_cache_value_that_is_not_a_mode_is_an_error_naming_the_key(app):
    _edit(app / "pyproject.toml", "cache = true", 'cache = "sometimes"')
    result = docgen(app, "check")
    assert result.returncode == 2
    assert result.stderr.strip().endswith("cache must be true, false or \"always\", got 'sometimes'")


@pytest.mark.parametrize("command", [("lint", "--format", "github"), ("coverage", "--format", "json")])
def test_lint_and_coverage_say_the_same_from_the_cache(app, command):
    full = docgen(app, *command, "--cache=off")
    docgen(app, *command)
    cached = docgen(app, *command)
    assert IMPORTED in full.stderr and IMPORTED not in cached.stderr
    assert (cached.returncode, cached.stdout) == (full.returncode, full.stdout)


def test_lint_findings_of_the_example_point_at_the_same_lines_from_the_cache(coaching):
    args = ("lint", "--format", "github", "--cache")
    full, cached = run_docgen(*args, cwd=coaching, env={"CI": ""}), run_docgen(*args, cwd=coaching, env={"CI": ""})
    assert (cached.returncode, cached.stdout) == (full.returncode, full.stdout)
    assert "file=coaching/models/" in cached.stdout


def test_schema_from_dict_is_an_exact_round_trip(tmp_path, coaching):
    """The example, the constructs models and hostile names: the JSON read back is the same schema, lint facts too."""
    import constructs_models

    from docgen.cache import store
    from docgen.sources.convert import from_metadata
    from docgen.sources.spelling import dialect_named

    schema = from_metadata(constructs_models.metadata, dialect_named("postgresql"))
    back = store.schema_from(json.loads(json.dumps(store.schema_data(schema))))
    assert back == schema and back.lint == schema.lint and len(schema.tables) == 2
    hostile = write_project(tmp_path / "hostile", 'models = "hostile_app:metadata"', {"hostile_app.py": HOSTILE})
    for project, tables, types in ((coaching, 15, 1), (hostile, 8, 0)):  # the example: a view and an enum type too
        result = subprocess.run([sys.executable, "-c", ROUND_TRIP], cwd=project, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert [int(n) for n in result.stdout.split()[:2]] == [tables, types]
