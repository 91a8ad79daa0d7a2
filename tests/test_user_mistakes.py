"""A user's mistake is named as theirs — one line naming what to fix — never called a bug in docgen."""

from __future__ import annotations

import pytest
from conftest import run_docgen, write_project
from test_bad_input import assert_usage_error

FK = '''\
import sqlalchemy as sa
metadata = sa.MetaData()
sa.Table("a", metadata, sa.Column("id", sa.Integer, primary_key=True))
sa.Table("b", metadata, sa.Column("id", sa.Integer, primary_key=True),
         sa.Column("a_id", sa.ForeignKey("a.id", {options})))
'''


@pytest.mark.parametrize("options", ['initially="LATER!", deferrable=True', 'match="FULL!"'])
def test_a_foreign_key_option_sqlalchemy_cannot_write_names_the_table_and_key(tmp_path, options):
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": FK.format(options=options)})
    result = run_docgen("check", cwd=project)
    assert_usage_error(result, "table b", "foreign key (a_id)", "!")
    assert "bug in docgen" not in result.stderr


def test_a_symbolic_link_loop_as_the_output_is_one_line_naming_it(tmp_path):
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": FK.format(options="")})
    (project / "docs").mkdir()
    (project / "docs" / "one.md").symlink_to("two.md")
    (project / "docs" / "two.md").symlink_to("one.md")
    for args in (("build", "--output", "docs/one.md"), ("check",)):
        if args == ("check",):
            (project / "pyproject.toml").write_text('[tool.docgen]\nmodels = "m:metadata"\noutput = "docs/one.md"\n')
        result = run_docgen(*args, cwd=project)
        assert_usage_error(result, "docs/one.md", "symbolic link")
        assert "bug in docgen" not in result.stderr
