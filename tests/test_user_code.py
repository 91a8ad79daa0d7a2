"""User code that runs while docgen reads the models gets the same guard as the import, wherever it runs.

A type's ``get_col_spec``, a ``@compiles`` hook, a default's ``__repr__`` run
while the models are converted; an ``atexit`` hook runs when docgen ends.
Whatever they print goes to stderr (stdout is docgen's: JSON stays JSON);
``sys.exit`` — with any code, 0 too — is exit 2 with one line, never a false
pass of ``check``; a ``BaseException`` is one line too, never a traceback.
"""

from __future__ import annotations

import json

import pytest
from conftest import run_docgen, write_project
from test_bad_input import assert_usage_error

TYPE = '''\
import sys
import sqlalchemy as sa
from sqlalchemy.types import UserDefinedType

class Odd(UserDefinedType):
    cache_ok = True
    def get_col_spec(self, **kw):
        {action}
        return "ODD"

metadata = sa.MetaData()
sa.Table("t", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("v", Odd()))
'''

COMPILES = '''\
import sys
import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles

class Odd(sa.types.TypeEngine):
    pass

@compiles(Odd)
def _odd(element, compiler, **kw):
    {action}
    return "ODD"

metadata = sa.MetaData()
sa.Table("t", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("v", Odd()))
'''

DEFAULT = '''\
import sys
import sqlalchemy as sa

class Setting:
    def __repr__(self):
        {action}
        return "Setting()"

metadata = sa.MetaData()
sa.Table("t", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("v", sa.Integer, default=Setting()))
'''

HOOKS = {"get_col_spec": TYPE, "@compiles": COMPILES, "__repr__ of a default": DEFAULT}


def _stale_project(tmp_path, models: str):
    """A project whose committed docs are stale (built before the column ``v`` existed)."""
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {
        "m.py": "import sqlalchemy as sa\nmetadata = sa.MetaData()\n"
                "sa.Table('t', metadata, sa.Column('id', sa.Integer, primary_key=True))\n"})
    assert run_docgen("build", cwd=project).returncode == 0
    (project / "m.py").write_text(models)
    return project


@pytest.mark.parametrize("hook", HOOKS)
@pytest.mark.parametrize("code", [0, 3])
def test_sys_exit_in_user_code_while_converting_is_exit_2_never_a_false_pass(tmp_path, hook, code):
    project = _stale_project(tmp_path, HOOKS[hook].format(action=f"sys.exit({code})"))
    before = (project / "docs" / "DATABASE_SCHEMA.md").read_bytes()
    assert_usage_error(run_docgen("check", cwd=project), "sys.exit")
    assert_usage_error(run_docgen("build", cwd=project), "sys.exit")
    assert (project / "docs" / "DATABASE_SCHEMA.md").read_bytes() == before


@pytest.mark.parametrize("hook", HOOKS)
def test_what_user_code_prints_while_converting_goes_to_stderr_and_json_stays_json(tmp_path, hook):
    project = _stale_project(tmp_path, HOOKS[hook].format(action="print('chatty'); sys.stdout.flush()"))
    for args in (("inspect", "--json"), ("check", "--format", "json"), ("lint", "--format", "json")):
        result = run_docgen(*args, cwd=project)
        json.loads(result.stdout)
        assert "chatty" in result.stderr


def test_an_atexit_hook_of_the_models_prints_to_stderr_after_the_json(tmp_path):
    models = ("import atexit\nimport sqlalchemy as sa\natexit.register(print, 'bye from the models')\n"
              "metadata = sa.MetaData()\nsa.Table('t', metadata, sa.Column('id', sa.Integer, primary_key=True))\n")
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": models})
    result = run_docgen("inspect", "--json", cwd=project)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["tables"]
    assert "bye from the models" in result.stderr


@pytest.mark.parametrize("error", ["GeneratorExit", "BaseException('odd')"])
def test_a_base_exception_while_importing_the_models_is_one_line(tmp_path, error):
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": f"raise {error}\n"})
    assert_usage_error(run_docgen("check", cwd=project), "importing models module 'm' failed", error.split("(")[0])
